//! The file a picker or a drop gave (the worker reads it; see `worker_input`).

/// The first file of a `FileList`, if any.
pub fn first_file(list: Option<web_sys::FileList>) -> Option<web_sys::File> {
    list.and_then(|l| l.get(0))
}
