//! Reading user files (picker or drop) into bytes, on this device.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Reads a `File` fully. The error is a readable message.
pub async fn read_file(file: web_sys::File) -> Result<(String, Vec<u8>), String> {
    let name = file.name();
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| format!("could not read {name}: {e:?}"))?;
    let buffer: js_sys::ArrayBuffer = buffer.dyn_into().map_err(|_| format!("could not read {name}"))?;
    Ok((name, js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// The first file of a `FileList`, if any.
pub fn first_file(list: Option<web_sys::FileList>) -> Option<web_sys::File> {
    list.and_then(|l| l.get(0))
}
