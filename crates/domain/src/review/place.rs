//! Where a finding is: the location printed in the report and the name of what it is about.

use super::recompute::parse_enum;
use crate::measure::Measurement;
use crate::model::*;

/// What a subject is called in a location.
pub(super) fn subject_name(m: &Measurement, d: &Dataset, subject: &str) -> Option<String> {
    if let Some((id, part)) = subject.rsplit_once('/') {
        if let Some(level) = parse_enum::<BenchmarkLevel>(part) {
            let name = subject_name(m, d, id).unwrap_or_else(|| id.to_string());
            return Some(format!("{name} ({})", level.label()));
        }
        if let Some(e) = parse_enum::<Element>(part) {
            return Some(format!("{id}, {} {}", e.code(), e.name()));
        }
    }
    if let Some(i) = d.indicator(subject) {
        return Some(i.name.clone());
    }
    if let Some(row) = m.budget.tree.iter().find(|r| r.id == subject) {
        return Some(row.name.clone());
    }
    if let Some(s) = d.sasaran(subject) {
        return Some(s.text.clone());
    }
    if matches!(subject, "iku" | "program") {
        // The IKU or the program table of a total row: the location names it.
        return None;
    }
    if let Some(e) = parse_enum::<Element>(subject) {
        return Some(format!("{} {}", e.code(), e.name()));
    }
    if let Some(a) = parse_enum::<IppAspect>(subject) {
        return Some(a.label().to_string());
    }
    if let Some(c) = parse_enum::<AkipComponent>(subject) {
        return Some(c.label().to_string());
    }
    Some(subject.to_string())
}

pub(super) fn place(location: &str, name: Option<String>) -> String {
    match name {
        Some(n) => format!("{location}, {n}"),
        None => location.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fixture;
    use super::*;
    use crate::measure::measure;

    #[test]
    fn subjects_name_their_places() {
        let data = fixture();
        let m = measure(&data, "u", 2024).unwrap();
        for (subject, name) in [
            ("iku", Some("Indikator iku")),
            ("k", Some("Kegiatan Uji")),
            ("s1", Some("Sasaran satu")),
            ("U3", Some("U3 Waktu Penyelesaian")),
            ("sarana_prasarana", Some("Sarana dan Prasarana")),
            ("pengukuran", Some("Pengukuran Kinerja")),
            ("iku/provinsi", Some("Indikator iku (Provinsi)")),
            ("Layanan KTP/U1", Some("Layanan KTP, U1 Persyaratan")),
            ("Lap Top", Some("Lap Top")),
            ("program", None),
        ] {
            assert_eq!(
                subject_name(&m, &data, subject).as_deref(),
                name,
                "{subject}"
            );
        }
    }
}
