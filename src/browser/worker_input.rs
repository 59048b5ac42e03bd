//! What the engine's worker reads a source from, and how it turns it into CSV bytes piece by
//! piece: a `File` handle (read in `Blob.slice`s, never whole unless it is a zip archive or a
//! workbook), or text (a demo, or pasted). gzip is inflated as it streams; a zip archive's entry
//! or a workbook's sheet is unpacked whole, within the formats crate's budget.

use northstar_formats::{archive_entries, detect, sheets, unpack, Container, Gunzip, MAX_WHOLE_BYTES};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Raw bytes read per slice: big enough that the per-slice cost is small, small enough that a
/// message waits at most one slice (about 40 ms of typing).
pub const SLICE: u64 = 4 << 20;

#[derive(Clone)]
pub enum Input {
    /// The user's file, and the table chosen inside it (a zip entry, a sheet), if any.
    File {
        file: web_sys::File,
        part: Option<String>,
    },
    Text {
        name: String,
        text: Rc<str>,
        is_demo: bool,
    },
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::File { file, .. } => file.name(),
            Input::Text { name, .. } => name.clone(),
        }
    }
    pub fn is_demo(&self) -> bool {
        matches!(self, Input::Text { is_demo: true, .. })
    }
    pub fn part(&self) -> Option<&str> {
        match self {
            Input::File { part, .. } => part.as_deref(),
            Input::Text { .. } => None,
        }
    }
    /// The same file, another table inside it.
    pub fn with_part(&self, chosen: String) -> Input {
        match self {
            Input::File { file, .. } => Input::File { file: file.clone(), part: Some(chosen) },
            other => other.clone(),
        }
    }
    pub fn size(&self) -> u64 {
        match self {
            Input::File { file, .. } => file.size() as u64,
            Input::Text { text, .. } => text.len() as u64,
        }
    }
    pub async fn slice(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        self.begin_slice(start, end)?.append_to(&mut out).await?;
        Ok(out)
    }

    /// Starts reading bytes `start..end`: the browser reads a file on its own thread, so the
    /// engine can type the slice before while this one comes.
    fn begin_slice(&self, start: u64, end: u64) -> Result<SliceRead, String> {
        match self {
            Input::Text { text, .. } => Ok(SliceRead::Text(text.clone(), start as usize..end as usize)),
            Input::File { file, .. } => {
                let blob = file.slice_with_f64_and_f64(start as f64, end as f64).map_err(|e| format!("{e:?}"))?;
                Ok(SliceRead::File(JsFuture::from(blob.array_buffer())))
            }
        }
    }
}

/// A slice on its way.
enum SliceRead {
    Text(Rc<str>, std::ops::Range<usize>),
    File(JsFuture),
}

impl SliceRead {
    /// Waits for the bytes and appends them to `out`, copied once from the browser's buffer.
    async fn append_to(self, out: &mut Vec<u8>) -> Result<(), String> {
        match self {
            SliceRead::Text(text, range) => out.extend_from_slice(&text.as_bytes()[range]),
            SliceRead::File(read) => {
                append_bytes(out, &js_sys::Uint8Array::new(&read.await.map_err(|e| format!("{e:?}"))?));
            }
        }
        Ok(())
    }
}

/// Appends the browser's bytes to `out`, copied once into wasm memory; how many.
fn append_bytes(out: &mut Vec<u8>, bytes: &js_sys::Uint8Array) -> usize {
    let (at, n) = (out.len(), bytes.length() as usize);
    out.resize(at + n, 0);
    bytes.copy_to(&mut out[at..]);
    n
}

/// Reads an input piece after piece, one read ahead of the piece handed on. A file is read through
/// a BYOB reader on `Blob.stream()` into one reused buffer; where the browser has none, in
/// `Blob.slice`s, each a new buffer. On a 1.1 GB file in Chromium (reading alone), the BYOB reader
/// took 1.3–1.4 s and the renderer's peak 160 MB; slices took 2.5–2.7 s and 308 MB, as each slice
/// waits for the collector. In the app, 12M tickets peaked at 960 MB instead of 1257.
pub struct Slices {
    /// Bytes handed on so far.
    offset: u64,
    ahead: Option<SliceRead>,
    stream: Option<Stream>,
}

/// A file's bytes through a BYOB reader, with the read in flight.
struct Stream {
    reader: web_sys::ReadableStreamByobReader,
    pending: JsFuture,
}

impl Stream {
    fn open(input: &Input) -> Option<Stream> {
        let Input::File { file, .. } = input else { return None };
        let reader = web_sys::ReadableStreamByobReader::new(&file.stream()).ok()?;
        let pending = Stream::read(&reader, js_sys::ArrayBuffer::new(SLICE as u32));
        Some(Stream { reader, pending })
    }

    fn read(reader: &web_sys::ReadableStreamByobReader, buffer: js_sys::ArrayBuffer) -> JsFuture {
        JsFuture::from(reader.read_with_array_buffer_view(&js_sys::Uint8Array::new(&buffer)))
    }

    /// Appends the bytes of the read in flight to `out` and asks for the next into the same
    /// buffer; the bytes appended, none at the end.
    async fn next(&mut self, out: &mut Vec<u8>) -> Result<Option<usize>, String> {
        let result = (&mut self.pending).await.map_err(|e| format!("{e:?}"))?;
        let field = |name: &str| js_sys::Reflect::get(&result, &name.into()).map_err(|e| format!("{e:?}"));
        if field("done")?.as_bool().unwrap_or(true) {
            return Ok(None);
        }
        let bytes = js_sys::Uint8Array::new(&field("value")?);
        let n = append_bytes(out, &bytes);
        // The next read takes the buffer over: `bytes` reads as empty from here on.
        self.pending = Stream::read(&self.reader, bytes.buffer());
        Ok(Some(n))
    }
}

/// Lets the worker's other tasks run (a message from the page, another file's read) before the
/// next piece: a stream whose bytes are already there answers its reads as microtasks, which run
/// before any message. A message to itself through a `MessageChannel` is a task, without the
/// 4 ms that nested timers are held to.
async fn let_tasks_run() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    });
    let _ = JsFuture::from(promise).await;
}

impl Slices {
    fn new() -> Slices {
        Slices { offset: 0, ahead: None, stream: None }
    }

    /// Appends the next piece to `out`, having asked for the one after; false once the input is
    /// used up.
    async fn next(&mut self, input: &Input, out: &mut Vec<u8>) -> Result<bool, String> {
        let total = input.size();
        if self.offset == 0 && self.stream.is_none() {
            self.stream = Stream::open(input);
        }
        if let Some(stream) = self.stream.as_mut() {
            let_tasks_run().await;
            let start = out.len();
            while out.len() - start < SLICE as usize {
                match stream.next(out).await? {
                    Some(n) => self.offset += n as u64,
                    None => return Ok(false),
                }
            }
            return Ok(self.offset < total);
        }
        let end = (self.offset + SLICE).min(total);
        let read = match self.ahead.take() {
            Some(read) => read,
            None => input.begin_slice(self.offset, end)?,
        };
        if end < total {
            self.ahead = Some(input.begin_slice(end, (end + SLICE).min(total))?);
        }
        read.append_to(out).await?;
        self.offset = end;
        Ok(end < total)
    }
}

/// The CSV bytes of an input, piece by piece.
pub enum Pieces {
    Plain(Slices),
    Gzip {
        slices: Slices,
        gunzip: Option<Box<Gunzip>>,
        raw: Vec<u8>,
    },
    /// A zip entry or a sheet, unpacked.
    Whole {
        csv: Vec<u8>,
        at: usize,
    },
}

/// What an input turned out to be.
pub struct Opened {
    pub pieces: Pieces,
    pub container: Option<&'static str>,
    pub parts: Vec<String>,
    pub part: Option<String>,
}

impl Pieces {
    /// Opens `input` from its first bytes. A zip archive or a workbook is read whole here
    /// (`on_bytes` hears how far), and its chosen table (else the first) unpacked.
    pub async fn open(input: &Input, head: &[u8], mut on_bytes: impl FnMut(u64)) -> Result<Opened, String> {
        let name = input.name();
        let kind = detect(&name, head);
        kind.readable().map_err(|e| format!("{name}: {e}"))?;
        let opened = |pieces| Opened { pieces, container: None, parts: Vec::new(), part: None };
        match kind {
            Container::Text => Ok(opened(Pieces::Plain(Slices::new()))),
            Container::Gzip => {
                let gzip = Pieces::Gzip { slices: Slices::new(), gunzip: Some(Box::new(Gunzip::new())), raw: Vec::new() };
                Ok(Opened { container: Some(kind.describe()), ..opened(gzip) })
            }
            _ => {
                let total = input.size();
                if total > MAX_WHOLE_BYTES {
                    let mb = |b: u64| b / 1_000_000;
                    return Err(format!(
                        "{name} is {} MB: {} is read whole, and the limit is {} MB. Save the table as CSV (or .csv.gz), which is read in pieces at any size.",
                        mb(total),
                        kind.describe(),
                        mb(MAX_WHOLE_BYTES)
                    ));
                }
                let mut whole = Vec::with_capacity(total as usize);
                while (whole.len() as u64) < total {
                    let end = (whole.len() as u64 + SLICE).min(total);
                    whole.extend(input.slice(whole.len() as u64, end).await.map_err(|e| format!("{name}: {e}"))?);
                    on_bytes(whole.len() as u64);
                }
                let parts = match kind {
                    Container::Zip => archive_entries(&whole).map(|e| e.into_iter().map(|e| e.name).collect()),
                    _ => sheets(&whole, kind),
                }
                .map_err(|e| format!("{name}: {e}"))?;
                let chosen = input.part().filter(|p| parts.iter().any(|q| q == p));
                let part = unpack(&whole, kind, chosen).map_err(|e| format!("{name}: {e}"))?;
                Ok(Opened { pieces: Pieces::Whole { csv: part.csv, at: 0 }, container: Some(kind.describe()), parts, part: Some(part.name) })
            }
        }
    }

    /// Appends the next piece to `out`; false once the input is used up.
    pub async fn next(&mut self, input: &Input, out: &mut Vec<u8>) -> Result<bool, String> {
        let name = input.name();
        match self {
            Pieces::Plain(slices) => slices.next(input, out).await,
            Pieces::Gzip { slices, gunzip, raw } => {
                let Some(g) = gunzip.as_mut() else { return Ok(false) };
                raw.clear();
                let more = slices.next(input, raw).await?;
                g.feed(raw, out).map_err(|e| format!("{name}: {e}"))?;
                if more {
                    return Ok(true);
                }
                if let Some(g) = gunzip.take() {
                    g.finish(out).map_err(|e| format!("{name}: {e}"))?;
                }
                Ok(false)
            }
            Pieces::Whole { csv, at } => {
                let end = (*at + SLICE as usize).min(csv.len());
                out.extend_from_slice(&csv[*at..end]);
                *at = end;
                Ok(end < csv.len())
            }
        }
    }

    /// The text's size when it is known before the end (not for gzip).
    pub fn text_bytes(&self, total: u64) -> Option<u64> {
        match self {
            Pieces::Plain(_) => Some(total),
            Pieces::Gzip { .. } => None,
            Pieces::Whole { csv, .. } => Some(csv.len() as u64),
        }
    }

    /// Raw bytes of the input read so far.
    pub fn raw_offset(&self, total: u64) -> u64 {
        match self {
            Pieces::Plain(Slices { offset, .. }) | Pieces::Gzip { slices: Slices { offset, .. }, .. } => *offset,
            Pieces::Whole { .. } => total,
        }
    }
}
