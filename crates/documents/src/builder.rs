//! Assembling a document: blocks in order, tables and figures numbered per chapter, the unit's narratives turned
//! into paragraphs and lists.

use crate::model::{Block, Column, Document, Figure, Numbering, Row, Table};
use kinerja_domain::model::{Dataset, Narrative, Section};

pub struct Builder<'a> {
    pub data: &'a Dataset,
    pub unit: &'a str,
    pub year: i32,
    numbering: Numbering,
    blocks: Vec<Block>,
}

impl<'a> Builder<'a> {
    pub fn new(data: &'a Dataset, unit: &'a str, year: i32) -> Builder<'a> {
        Builder {
            data,
            unit,
            year,
            numbering: Numbering::default(),
            blocks: Vec::new(),
        }
    }

    pub fn finish(self, title: String, header: String) -> Document {
        Document {
            title,
            header,
            blocks: self.blocks,
        }
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// A chapter heading ("BAB III" + title); numbering of tables and figures restarts.
    pub fn chapter(&mut self, number: &str, text: &str) {
        self.numbering.chapter(number);
        self.push(Block::Heading {
            level: 1,
            text: text.to_string(),
        });
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.push(Block::Paragraph { text: text.into() });
    }

    pub fn note(&mut self, text: impl Into<String>) {
        self.push(Block::Note { text: text.into() });
    }

    pub fn list(&mut self, ordered: bool, items: Vec<String>) {
        if !items.is_empty() {
            self.push(Block::List { ordered, items });
        }
    }

    pub fn table(
        &mut self,
        title: impl Into<String>,
        columns: Vec<Column>,
        rows: Vec<Row>,
        note: Option<String>,
    ) {
        let number = self.numbering.next_table();
        self.push(Block::Table(Table {
            number,
            title: title.into(),
            columns,
            rows,
            note,
        }));
    }

    pub fn figure(&mut self, title: impl Into<String>, svg: String) {
        let number = self.numbering.next_figure();
        self.push(Block::Figure(Figure {
            number,
            title: title.into(),
            svg,
        }));
    }

    /// The unit's texts for a section of this year, optionally only those about one subject.
    pub fn narratives(&self, section: Section, subject: Option<&str>) -> Vec<&'a Narrative> {
        self.data
            .narratives
            .iter()
            .filter(|n| n.unit == self.unit && n.year == self.year && n.section == section)
            .filter(|n| subject.is_none() || n.subject.as_deref() == subject)
            .collect()
    }

    /// Puts the unit's texts of a section in place, each through [`Builder::text`].
    pub fn narrative(&mut self, section: Section) {
        self.narrative_except(section, |_| false);
    }

    /// The same, leaving out the texts about a subject the report prints them at (`printed_at_subject`), so that
    /// no text is printed twice.
    pub fn narrative_except(
        &mut self,
        section: Section,
        printed_at_subject: impl Fn(&str) -> bool,
    ) {
        for n in self.narratives(section, None) {
            if !n.subject.as_deref().is_some_and(&printed_at_subject) {
                self.text(n);
            }
        }
    }

    /// One text of the unit: its title as a paragraph of its own; blank lines separate paragraphs; lines starting
    /// "- " or "1. " make lists.
    pub fn text(&mut self, n: &Narrative) {
        if let Some(title) = &n.title {
            self.push(Block::Paragraph {
                text: title.clone(),
            });
        }
        for block in text_blocks(&n.text) {
            self.push(block);
        }
    }
}

fn list_item(line: &str) -> Option<(bool, String)> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("• ")) {
        return Some((false, rest.trim().to_string()));
    }
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        .collect();
    if !digits.is_empty() && digits.len() <= 3 {
        if let Some(rest) = t[digits.len()..]
            .strip_prefix(". ")
            .or_else(|| t[digits.len()..].strip_prefix(") "))
        {
            if digits.chars().all(|c| c.is_ascii_digit()) || digits.len() == 1 {
                return Some((true, rest.trim().to_string()));
            }
        }
    }
    None
}

/// Plain text to paragraphs and lists.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for chunk in text.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        let lines: Vec<&str> = chunk.lines().filter(|l| !l.trim().is_empty()).collect();
        let items: Vec<Option<(bool, String)>> = lines.iter().map(|l| list_item(l)).collect();
        if items.iter().all(Option::is_some) {
            let ordered = items.iter().flatten().any(|(o, _)| *o);
            blocks.push(Block::List {
                ordered,
                items: items.into_iter().flatten().map(|(_, t)| t).collect(),
            });
        } else {
            blocks.push(Block::Paragraph {
                text: lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
            });
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_paragraphs_and_lists() {
        let blocks = text_blocks(
            "Satu baris\nlanjutan.\n\n1. Pertama\n2. Kedua\n\n- a\n- b\n\na. Huruf\nb. Huruf",
        );
        assert_eq!(
            blocks[0],
            Block::Paragraph {
                text: "Satu baris lanjutan.".into()
            }
        );
        assert_eq!(
            blocks[1],
            Block::List {
                ordered: true,
                items: vec!["Pertama".into(), "Kedua".into()]
            }
        );
        assert_eq!(
            blocks[2],
            Block::List {
                ordered: false,
                items: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            blocks[3],
            Block::List {
                ordered: true,
                items: vec!["Huruf".into(), "Huruf".into()]
            }
        );
    }
}
