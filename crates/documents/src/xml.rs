//! Text as XML holds it, for every XML the documents write (the DOCX parts, the SVG charts and diagrams). XML 1.0
//! does not allow most control characters even escaped: one stray vertical tab pasted from a word processor into a
//! narrative would make Word refuse the whole file, so they are dropped here, the one place text meets XML.

use std::borrow::Cow;

fn allowed_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The text without the characters XML does not allow; everything else as written.
pub(crate) fn allowed(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed_char(*c)).collect())
    }
}

/// Text for XML written here by hand (SVG, document properties): allowed characters, markup escaped.
pub(crate) fn escape(text: &str) -> String {
    allowed(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_what_xml_forbids_and_escapes_markup() {
        assert!(matches!(
            allowed("Capaian 99,0%\n- butir"),
            Cow::Borrowed(_)
        ));
        assert_eq!(allowed("a\u{0B}b\u{0}c\u{1F}d\u{FFFE}e\tf"), "abcde\tf");
        assert_eq!(
            escape("<img src=\"x\"> & 'q'\u{0C}"),
            "&lt;img src=&quot;x&quot;&gt; &amp; 'q'"
        );
    }
}
