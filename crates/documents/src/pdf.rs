//! PDF through typst, embedded as a library: no typst binary, no package downloads, fonts built into the binary.

use crate::model::Document;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

const TEMPLATE: &str = include_str!("template.typ");

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
];

/// The library and fonts, loaded once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// The fonts the documents use, for other renderers (the DOCX charts are rasterised with them).
pub fn font_data() -> &'static [&'static [u8]] {
    &FONT_FILES
}

struct DocumentWorld {
    main: Source,
    data: Bytes,
    data_id: FileId,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        // Documents carry their own dates; a fixed "today" keeps output reproducible.
        Datetime::from_ymd(2000, 1, 1)
    }
}

/// Renders a document to PDF bytes.
pub fn render(document: &Document) -> Result<Vec<u8>, String> {
    render_with(TEMPLATE, document)
}

/// Lays out `data`, serialised as doc.json, with a typst `template` that reads it.
pub(crate) fn render_with(template: &str, data: &impl serde::Serialize) -> Result<Vec<u8>, String> {
    let json = serde_json::to_vec(data).map_err(|e| e.to_string())?;
    let main_id = FileId::new(None, VirtualPath::new("main.typ"));
    let world = DocumentWorld {
        main: Source::new(main_id, template.to_string()),
        data: Bytes::new(json),
        data_id: FileId::new(None, VirtualPath::new("doc.json")),
    };
    let compiled = typst::compile::<typst::layout::PagedDocument>(&world);
    let pages = compiled.output.map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        format!("tata letak PDF gagal: {}", messages.join("; "))
    })?;
    typst_pdf::pdf(&pages, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        format!("penulisan PDF gagal: {}", messages.join("; "))
    })
}
