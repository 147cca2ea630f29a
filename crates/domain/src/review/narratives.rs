//! The unit's narrative text against the data and the rules in force: a Renstra period it names, the report year
//! it names beside the report's title, and the statements of method it makes (how capaian above 100 is counted,
//! how IKPP is computed). General checks on any text, not tied to one report's wording.

use super::finding::{Finding, FindingCode, Severity};
use crate::model::*;
use crate::rules::{Cap, RuleSet};

/// How far after its keyword a period or year may stand and still belong to it, in characters.
const NEAR: usize = 80;

pub(super) fn narratives(d: &Dataset, unit: &str, year: i32, out: &mut Vec<Finding>) {
    let rules = d.rules_for(year);
    let periods: Vec<(i32, i32)> = d
        .renstra
        .iter()
        .filter(|r| r.unit == unit)
        .map(|r| (r.start_year, r.end_year))
        .collect();
    for n in d
        .narratives
        .iter()
        .filter(|n| n.unit == unit && n.year == year)
    {
        let text: Vec<char> = n.text.chars().map(|c| c.to_ascii_lowercase()).collect();
        let location = format!("Narasi, {}", n.section.heading());
        let finding = |code, message: String, expected: String, found: String| {
            Finding::new(code, Severity::Galat, location.clone(), message)
                .about(n.subject.as_deref())
                .values(Some(expected), Some(found), None)
        };
        if !periods.is_empty() {
            for (at, (start, end)) in periods_after(&text, &["renstra", "rencana strategis"]) {
                if !periods.contains(&(start, end)) {
                    let known: Vec<String> =
                        periods.iter().map(|(s, e)| format!("{s}–{e}")).collect();
                    out.push(finding(
                        FindingCode::TextPeriod,
                        format!(
                            "“{}” menyebut periode Renstra {start}–{end}, sedangkan Renstra unit ini {}.",
                            excerpt(&n.text, at),
                            known.join(", ")
                        ),
                        known.join(", "),
                        format!("{start}–{end}"),
                    ));
                }
            }
        }
        for (at, named) in years_after(
            &text,
            &["laporan kinerja", "lkjip", "laporan akuntabilitas kinerja"],
        ) {
            if named != year {
                out.push(finding(
                    FindingCode::TextYear,
                    format!(
                        "“{}” menyebut laporan tahun {named} dalam laporan tahun {year}.",
                        excerpt(&n.text, at)
                    ),
                    year.to_string(),
                    named.to_string(),
                ));
            }
        }
        method_statements(
            &n.text,
            &text,
            &rules,
            &mut |at, message, expected, found| {
                out.push(finding(
                    FindingCode::TextMethod,
                    format!("“{}”: {message}", excerpt(&n.text, at)),
                    expected,
                    found,
                ));
            },
        );
    }
}

/// Statements of method against the rules in force: capaian above 100 said to count as 100 while the cap in force
/// is another, and IKPP's formula given without IKM's division by 25.
fn method_statements(
    original: &str,
    text: &[char],
    rules: &RuleSet,
    report: &mut dyn FnMut(usize, String, String, String),
) {
    for at in find_all(text, "lebih dari 100") {
        let window = slice(text, at, at + 160);
        let counts_as_100 = [
            "sebesar 100",
            "dihitung 100",
            "dianggap 100",
            "menjadi 100",
            "sama dengan 100",
        ]
        .iter()
        .any(|p| window.contains(p));
        if counts_as_100 && rules.cap != Cap::At100 {
            report(
                at,
                format!(
                    "teks menyatakan capaian di atas 100% dihitung 100, sedangkan aturan yang berlaku: {}.",
                    rules.cap.describe()
                ),
                rules.cap.describe(),
                Cap::At100.describe(),
            );
        }
    }
    for at in find_all(text, "1,25") {
        let window = slice(text, at, at + 40);
        let before = slice(text, at.saturating_sub(NEAR), at);
        if before.contains("ikpp") && window.contains("ikm") {
            let divided =
                window.contains("/25") || window.contains("/ 25") || window.contains(": 25");
            if !divided {
                report(
                    at,
                    "rumus IKPP ditulis tanpa pembagian IKM dengan 25; yang berlaku: IKPP = 1,25 × (IKM / 25) + IPP."
                        .to_string(),
                    "1,25 × (IKM / 25) + IPP".to_string(),
                    formula(original, at),
                );
            }
        }
    }
}

/// The formula as written, from "1,25" to the end of its line, on one line.
fn formula(original: &str, at: usize) -> String {
    let line: String = original
        .chars()
        .skip(at)
        .take_while(|c| *c != '\n')
        .take(40)
        .collect();
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every position of `needle` (ASCII lower case) in the lower-cased text.
fn find_all(text: &[char], needle: &str) -> Vec<usize> {
    let needle: Vec<char> = needle.chars().collect();
    if needle.is_empty() || text.len() < needle.len() {
        return Vec::new();
    }
    (0..=text.len() - needle.len())
        .filter(|&i| text[i..i + needle.len()] == needle[..])
        .collect()
}

fn slice(text: &[char], from: usize, to: usize) -> String {
    text[from.min(text.len())..to.min(text.len())]
        .iter()
        .collect()
}

/// A four-digit year starting at `i` (not part of a longer number).
fn year_at(text: &[char], i: usize) -> Option<i32> {
    let digits = text.get(i..i + 4)?;
    let before_ok = i == 0 || !text[i - 1].is_ascii_digit();
    let after_ok = text.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
    if !(before_ok && after_ok && digits.iter().all(char::is_ascii_digit)) {
        return None;
    }
    let y: i32 = digits.iter().collect::<String>().parse().ok()?;
    (1945..=2200).contains(&y).then_some(y)
}

/// Periods "2024-2026", "2024–2026", "2024 s.d. 2026", "2024 sampai 2026" near after one of the keywords: the
/// keyword's position and the period.
fn periods_after(text: &[char], keywords: &[&str]) -> Vec<(usize, (i32, i32))> {
    let mut found = Vec::new();
    for keyword in keywords {
        for at in find_all(text, keyword) {
            let end = (at + keyword.len() + NEAR).min(text.len());
            let mut i = at + keyword.len();
            while i < end {
                if let Some(start) = year_at(text, i) {
                    let rest = slice(text, i + 4, i + 16);
                    let separator = ["-", "–", "—", "s.d.", "s/d", "sampai", "hingga"]
                        .iter()
                        .find_map(|s| {
                            let trimmed = rest.trim_start();
                            trimmed.starts_with(s).then(|| {
                                4 + rest.chars().count() - trimmed.chars().count()
                                    + s.chars().count()
                            })
                        });
                    if let Some(skip) = separator {
                        let mut j = i + skip;
                        while text.get(j) == Some(&' ') {
                            j += 1;
                        }
                        if let Some(last) = year_at(text, j) {
                            found.push((at, (start, last)));
                        }
                    }
                    // The first year after the keyword is its period or none.
                    break;
                }
                i += 1;
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// "… Tahun 2024" near after one of the keywords, where the year is not the start of a period.
fn years_after(text: &[char], keywords: &[&str]) -> Vec<(usize, i32)> {
    let mut found = Vec::new();
    for keyword in keywords {
        for at in find_all(text, keyword) {
            let window_end = (at + keyword.len() + NEAR).min(text.len());
            let window = slice(text, at + keyword.len(), window_end);
            // Only a year introduced as "tahun", before the sentence ends.
            let sentence = window.split(['.', '\n']).next().unwrap_or("");
            if let Some(offset) = sentence.find("tahun ") {
                // "… sebagaimana amanat Peraturan Presiden Nomor 29 Tahun 2014": the year of a regulation.
                let between = &sentence[..offset];
                if ["nomor", "peraturan", "undang", "keputusan"]
                    .iter()
                    .any(|w| between.contains(w))
                {
                    continue;
                }
                let i = at + keyword.len() + sentence[..offset].chars().count() + "tahun ".len();
                if let Some(y) = year_at(text, i) {
                    let next = slice(text, i + 4, i + 8);
                    let is_period = next.trim_start().starts_with(['-', '–', '—']);
                    if !is_period {
                        found.push((at, y));
                    }
                }
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// A short quotation of the text around a position (in characters), with "…" where it is cut.
fn excerpt(text: &str, at: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let from = at.saturating_sub(20);
    let to = (at + 100).min(chars.len());
    let mut s: String = chars[from..to].iter().collect();
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        s,
        if to < chars.len() { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::super::finding::FindingCode;
    use super::super::tests::*;
    use crate::model::Section;
    use crate::rules::{Cap, RuleSet};

    fn with_text(section: Section, text: &str) -> crate::model::Dataset {
        let mut data = fixture();
        let mut n = narrative(section, None);
        n.text = text.into();
        data.narratives.push(n);
        data
    }

    fn found(data: &crate::model::Dataset) -> Vec<(FindingCode, Option<String>, Option<String>)> {
        run(data)
            .findings
            .into_iter()
            .filter(|f| {
                matches!(
                    f.code,
                    FindingCode::TextPeriod | FindingCode::TextYear | FindingCode::TextMethod
                )
            })
            .map(|f| (f.code, f.expected, f.found))
            .collect()
    }

    #[test]
    fn a_renstra_period_the_unit_does_not_have_is_a_finding() {
        // The fixture's Renstra is 2024–2026.
        for ok in [
            "mengacu pada Renstra Kecamatan Uji Tahun 2024-2026.",
            "Rencana Strategis periode 2024 – 2026",
            "Renstra 2024 s.d. 2026",
            "Renstra disusun pada tahun 2023 dan berlaku",
        ] {
            assert_eq!(found(&with_text(Section::Renstra, ok)), vec![], "{ok}");
        }
        let data = with_text(
            Section::Renstra,
            "Perubahan Renstra Tahun 2021–2026 menetapkan dua sasaran.",
        );
        assert_eq!(
            found(&data),
            vec![(
                FindingCode::TextPeriod,
                Some("2024–2026".into()),
                Some("2021–2026".into())
            )]
        );
    }

    #[test]
    fn the_report_year_named_beside_the_title_must_be_the_reports() {
        assert_eq!(
            found(&with_text(
                Section::KataPengantar,
                "Laporan Kinerja Instansi Pemerintah (LKjIP) Kecamatan Uji Tahun 2024 disusun …"
            )),
            vec![]
        );
        assert_eq!(
            found(&with_text(
                Section::KataPengantar,
                "Laporan Kinerja Kecamatan Uji Tahun 2025 ini disusun sesuai Peraturan Bupati Nomor 45 Tahun 2019."
            )),
            vec![(FindingCode::TextYear, Some("2024".into()), Some("2025".into()))]
        );
        // A regulation's year is not the report's, even right after the report's name.
        for text in [
            "Sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP.",
            "penyajian Laporan Akuntabilitas Kinerja sebagaimana amanat Peraturan Presiden Nomor 29 Tahun 2014",
        ] {
            assert_eq!(found(&with_text(Section::LatarBelakang, text)), vec![], "{text}");
        }
    }

    #[test]
    fn statements_of_method_follow_the_rules_in_force() {
        let text = "Capaian indikator yang mencapai lebih dari 100% termasuk pada angka capaian kinerja sebesar 100.";
        let data = with_text(Section::CapaianKinerja, text);
        assert_eq!(
            found(&data),
            vec![(
                FindingCode::TextMethod,
                Some("tanpa batas atas capaian".into()),
                Some("capaian di atas 100% dihitung 100%".into())
            )]
        );
        // Under a cap at 100 the same sentence is right.
        let mut capped = data.clone();
        capped.rule_sets = vec![RuleSet {
            cap: Cap::At100,
            ..RuleSet::defaults(2024)
        }];
        assert_eq!(found(&capped), vec![]);

        let ikpp = "Nilai IKPP dihitung dengan rumus IKPP = 1,25 x IKM + IPP.";
        assert_eq!(
            found(&with_text(Section::CapaianKinerja, ikpp))[0].0,
            FindingCode::TextMethod
        );
        let right = "Nilai IKPP dihitung dengan rumus IKPP = 1,25 x (IKM/25) + IPP.";
        assert_eq!(found(&with_text(Section::CapaianKinerja, right)), vec![]);
    }
}
