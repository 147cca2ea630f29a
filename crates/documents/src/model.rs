//! A document as the renderers see it: headings, paragraphs, lists, numbered tables and figures, a signature.
//! The LKjIP and the PK are built once into this model; PDF, DOCX and XLSX only render it.

use kinerja_domain::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    /// Running header text ("LKjIP Kecamatan Ngoro Tahun 2024").
    pub header: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Cover(Cover),
    /// A chapter or section heading; level 1 starts a new page.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
    },
    /// A generated factual sentence or a note on the rule in force, set apart from the unit's prose.
    Note {
        text: String,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Table(Table),
    Figure(Figure),
    Contents,
    ListOfTables,
    ListOfFigures,
    /// One or more signatures side by side (the PK has both parties).
    Signatures {
        signatures: Vec<Signature>,
    },
    PageBreak,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cover {
    pub organisation: Vec<String>,
    pub title: Vec<String>,
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signature {
    /// "Ngoro, 2 Januari 2025"
    pub place_date: String,
    pub position: String,
    pub name: String,
    pub rank: Option<String>,
    pub nip: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    Right,
    Center,
}

/// What a cell holds besides its text, so spreadsheets store numbers as numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number { value: Decimal, decimals: u32 },
    Percent { value: Decimal, decimals: u32 },
    Rupiah(Decimal),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    /// For spreadsheets only; the printed documents show `text`.
    #[serde(skip)]
    pub value: Option<Value>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, value: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell {
            text: text.to_string(),
            value: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Totals and averages are set in bold.
    pub total: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// Relative width.
    pub width: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// "Tabel 3.1" — assigned by the builder, unique per chapter.
    pub number: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The rule in force for the figures of the table, or the source of the data.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// "Gambar 3.1"
    pub number: String,
    pub title: String,
    pub svg: String,
}

/// Numbers tables and figures per chapter as they are added, so numbers are unique and never skipped.
#[derive(Debug, Default)]
pub struct Numbering {
    chapter: String,
    tables: u32,
    figures: u32,
}

impl Numbering {
    /// Starts a chapter ("1" … "4", "L" for the lampiran): numbering restarts at 1.
    pub fn chapter(&mut self, chapter: &str) {
        self.chapter = chapter.to_string();
        self.tables = 0;
        self.figures = 0;
    }
    pub fn next_table(&mut self) -> String {
        self.tables += 1;
        format!("Tabel {}.{}", self.chapter, self.tables)
    }
    pub fn next_figure(&mut self) -> String {
        self.figures += 1;
        format!("Gambar {}.{}", self.chapter, self.figures)
    }
}

impl Document {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
    }
}
