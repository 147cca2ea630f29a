// No inner attributes or `//!` here: crates/documents/tests/support/docx.rs includes this file.

use std::io::Read;

/// The text of a DOCX's body, tags dropped, entities read and whitespace folded.
pub fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("word/document.xml in the archive")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    // The XML's entities as the text they stand for; `&amp;` last, so "&amp;lt;" stays "&lt;".
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
