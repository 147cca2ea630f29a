//! Free text as it is stored: what anyone typed (a public saran, a narrative, a name), without the characters that
//! are not text but instructions to a terminal or to the display.

/// The text without control characters, keeping newlines and tabs: the C0 controls (NUL, ESC, …) and DEL, the C1
/// controls (U+0080–U+009F), and the bidirectional controls that make text display otherwise than it reads
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). A Windows line end (CRLF) or a lone CR becomes a
/// newline, so that a text reads the same whatever system sent it.
pub fn clean_text(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                cleaned.push('\n');
            }
            '\n' | '\t' => cleaned.push(c),
            c if is_control(c) => {}
            c => cleaned.push(c),
        }
    }
    cleaned
}

fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_indonesian_text_and_its_lines_are_kept() {
        for text in [
            "",
            "Antrean terlalu lama; mohon ditambah loket.",
            "Baris satu\nBaris dua\n\n\tBerindentasi",
            "Rp1.250.000,50 — capaian 98,5% (TW IV) “tercapai” ½ é ü 日本",
            "Kecamatan Ngoro, Kab. Jombang 😀",
        ] {
            assert_eq!(clean_text(text), text);
        }
    }

    #[test]
    fn line_ends_become_newlines() {
        assert_eq!(clean_text("a\r\nb\rc\n\r\nd"), "a\nb\nc\n\nd");
        assert_eq!(clean_text("\r\n"), "\n");
        assert_eq!(clean_text("akhir\r"), "akhir\n");
    }

    #[test]
    fn each_class_of_control_is_stripped() {
        // C0 but newline and tab, including NUL and ESC (the start of a terminal escape).
        let c0: String = (0u8..0x20)
            .filter(|b| !matches!(b, b'\n' | b'\t' | b'\r'))
            .map(char::from)
            .collect();
        assert_eq!(clean_text(&format!("a{c0}b")), "ab");
        assert_eq!(clean_text("merah\u{1b}[31m!\u{0}"), "merah[31m!");
        // DEL and every C1 control.
        let c1: String = ('\u{7f}'..='\u{9f}').collect();
        assert_eq!(clean_text(&format!("x{c1}y")), "xy");
        // The bidirectional controls, the right-to-left override among them.
        for bidi in [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            assert_eq!(clean_text(&format!("fdp.{bidi}exe")), "fdp.exe", "{bidi:?}");
        }
        // Only controls: nothing is left.
        assert_eq!(clean_text("\u{0}\u{1b}\u{202e}"), "");
    }

    #[test]
    fn neighbours_of_the_stripped_ranges_stay() {
        // Just outside each range: the space, '~', U+00A0 (no-break space), U+2010 (hyphen), U+2029, U+206A.
        let kept = " ~\u{a0}\u{2010}\u{2029}\u{206a}\u{200d}";
        assert_eq!(clean_text(kept), kept);
    }
}
