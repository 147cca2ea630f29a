//! Captions of tables and figures: numbered within their chapter, without gaps or duplicates, and labelled with
//! the report's year.

use super::finding::{Finding, FindingCode, Severity};
use crate::model::PublishedCaption;
use std::collections::BTreeMap;

/// "Tabel 3.9" → ("Tabel", 3, 9).
fn caption_number(number: &str) -> Option<(&'static str, u32, u32)> {
    let (word, rest) = number.trim().split_once(char::is_whitespace)?;
    let kind = match word.to_lowercase().as_str() {
        "tabel" | "table" => "Tabel",
        "gambar" | "grafik" | "bagan" => "Gambar",
        _ => return None,
    };
    let (chapter, seq) = rest.trim().trim_end_matches('.').split_once('.')?;
    Some((kind, chapter.trim().parse().ok()?, seq.trim().parse().ok()?))
}

fn bab(chapter: u32) -> String {
    let roman = ["I", "II", "III", "IV", "V"];
    match chapter.checked_sub(1).and_then(|i| roman.get(i as usize)) {
        Some(r) => format!("BAB {r}"),
        None => format!("BAB {chapter}"),
    }
}

pub(super) fn check_captions(captions: &[&PublishedCaption], year: i32, out: &mut Vec<Finding>) {
    let finding = |code, severity, location: String, message: String, expected, found| {
        Finding::new(code, severity, location, message).values(expected, found, None)
    };
    let mut first: BTreeMap<(&str, u32, u32), &PublishedCaption> = BTreeMap::new();
    // Per kind and chapter, the numbers that belong there.
    let mut sequences: BTreeMap<(&str, u32), Vec<u32>> = BTreeMap::new();
    for c in captions {
        let chapter = u32::from(c.chapter);
        let location = format!("{}, {} {}", bab(chapter), c.number.trim(), c.title.trim())
            .replace(",  ", ", ");
        if let Some(label) = c.year_label.filter(|y| *y != year) {
            out.push(finding(
                FindingCode::CaptionYear,
                Severity::Galat,
                location.clone(),
                format!(
                    "Judul atau kepala kolom menyebut tahun {label} dalam laporan tahun {year}."
                ),
                Some(year.to_string()),
                Some(label.to_string()),
            ));
        }
        let Some((kind, prefix, seq)) = caption_number(&c.number) else {
            out.push(finding(
                FindingCode::CaptionUnnumbered,
                Severity::Catatan,
                location,
                "Tabel atau gambar tanpa nomor.".to_string(),
                None,
                Some(c.number.trim().to_string()).filter(|n| !n.is_empty()),
            ));
            continue;
        };
        if prefix != chapter {
            out.push(finding(
                FindingCode::CaptionChapter,
                Severity::Peringatan,
                location.clone(),
                format!(
                    "Nomor {kind} {prefix}.{seq} berawalan bab {prefix} tetapi berada di {}.",
                    bab(chapter)
                ),
                Some(format!("{kind} {chapter}.…")),
                Some(format!("{kind} {prefix}.{seq}")),
            ));
        }
        if let Some(earlier) = first.get(&(kind, prefix, seq)) {
            out.push(finding(
                FindingCode::CaptionDuplicate,
                Severity::Peringatan,
                location,
                format!(
                    "Nomor {kind} {prefix}.{seq} sudah dipakai oleh “{}”.",
                    earlier.title.trim()
                ),
                None,
                Some(format!("{kind} {prefix}.{seq}")),
            ));
            continue;
        }
        first.insert((kind, prefix, seq), c);
        if prefix == chapter {
            sequences.entry((kind, chapter)).or_default().push(seq);
        }
    }
    for ((kind, chapter), mut seqs) in sequences {
        seqs.sort_unstable();
        let mut previous = 0;
        for seq in seqs {
            if seq > previous + 1 {
                let missing = if seq == previous + 2 {
                    format!("{kind} {chapter}.{}", previous + 1)
                } else {
                    format!("{kind} {chapter}.{}–{chapter}.{}", previous + 1, seq - 1)
                };
                let from = if previous == 0 {
                    "awal bab".to_string()
                } else {
                    format!("{kind} {chapter}.{previous}")
                };
                out.push(finding(
                    FindingCode::CaptionSkipped,
                    Severity::Peringatan,
                    format!("{}, {from} → {kind} {chapter}.{seq}", bab(chapter)),
                    format!("Penomoran melompat: {missing} tidak ada."),
                    Some(missing),
                    Some(format!("{kind} {chapter}.{seq}")),
                ));
            }
            previous = seq;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::*;

    #[test]
    fn captions_numbering_and_years() {
        let mut data = fixture();
        data.published_captions = vec![
            caption(1, "Tabel 1.1", None),
            caption(2, "Tabel 2.1", Some(2024)),
            caption(2, "Gambar 2.1", None),
            caption(3, "Tabel 3.1", None),
            caption(3, "TABEL 3.2", None),
        ];
        assert!(run(&data).findings.is_empty());
        data.published_captions = vec![
            caption(1, "Gambar 2.2", None),
            caption(2, "Tabel 2.1", None),
            caption(2, "Tabel 2.4", Some(2023)),
            caption(3, "Tabel 3.1", None),
            caption(3, "Tabel 3.2", None),
            caption(3, "TABEL 3.1", None),
            caption(3, "", None),
        ];
        let r = run(&data);
        let got: Vec<(FindingCode, Severity, &str)> = r
            .findings
            .iter()
            .map(|f| (f.code, f.severity, f.location.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    FindingCode::CaptionYear,
                    Severity::Galat,
                    "BAB II, Tabel 2.4 Judul"
                ),
                (
                    FindingCode::CaptionChapter,
                    Severity::Peringatan,
                    "BAB I, Gambar 2.2 Judul"
                ),
                (
                    FindingCode::CaptionDuplicate,
                    Severity::Peringatan,
                    "BAB III, TABEL 3.1 Judul"
                ),
                (
                    FindingCode::CaptionSkipped,
                    Severity::Peringatan,
                    "BAB II, Tabel 2.1 → Tabel 2.4"
                ),
                (
                    FindingCode::CaptionUnnumbered,
                    Severity::Catatan,
                    "BAB III, Judul"
                ),
            ]
        );
        let skipped = &r.findings[3];
        assert_eq!(
            (skipped.expected.as_deref(), skipped.found.as_deref()),
            (Some("Tabel 2.2–2.3"), Some("Tabel 2.4"))
        );
    }

    #[test]
    fn caption_numbers_are_read_from_their_words() {
        assert_eq!(caption_number("Tabel 3.12"), Some(("Tabel", 3, 12)));
        assert_eq!(caption_number("Gambar 2.2."), Some(("Gambar", 2, 2)));
        assert_eq!(caption_number("Lampiran"), None);
    }
}
