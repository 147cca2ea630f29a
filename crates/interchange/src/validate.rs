//! The checks a dataset must pass before anything uses it: unique ids, references that resolve, values in range.

use crate::error::{DatasetError, DatasetErrors};
use kinerja_domain::model::{Dataset, Level, TargetValue};
use kinerja_domain::record::kind::RECORD_KINDS;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// How much of the validation a dataset must pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A whole dataset: exactly one [pemda], every reference resolves within it.
    Whole,
    /// A part to be merged into stored data: types, values and duplicates are checked here, references and the
    /// [pemda] after the merge.
    Part,
}

/// Validates a dataset already in memory (from storage or an import), reporting paths without a file name.
pub fn validate(dataset: &Dataset) -> Result<(), DatasetErrors> {
    let errors = validate_sources(&[("dataset".to_string(), dataset.clone())], Scope::Whole);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DatasetErrors(errors))
    }
}

struct Checker<'a> {
    errors: Vec<DatasetError>,
    file: &'a str,
}

impl Checker<'_> {
    fn err(&mut self, path: String, message: String) {
        self.errors.push(DatasetError {
            file: self.file.to_string(),
            line: None,
            column: None,
            path: Some(path),
            message,
        });
    }
}

/// The ids every reference may point at, over all files of the dataset.
#[derive(Default)]
struct Ids<'a> {
    units: HashSet<&'a str>,
    renstra: HashSet<&'a str>,
    tujuan: HashSet<&'a str>,
    sasaran: HashSet<&'a str>,
    program: HashSet<&'a str>,
    kegiatan: HashSet<&'a str>,
    sub_kegiatan: HashSet<&'a str>,
    indicators: HashSet<&'a str>,
}

impl Ids<'_> {
    fn node_exists(&self, level: Level, id: &str) -> bool {
        match level {
            Level::Tujuan => self.tujuan.contains(id),
            Level::Sasaran => self.sasaran.contains(id),
            Level::Program => self.program.contains(id),
            Level::Kegiatan => self.kegiatan.contains(id),
            Level::SubKegiatan => self.sub_kegiatan.contains(id),
        }
    }
    fn budget_node_exists(&self, id: &str) -> bool {
        self.program.contains(id) || self.kegiatan.contains(id) || self.sub_kegiatan.contains(id)
    }
}

pub(crate) fn validate_sources(sources: &[(String, Dataset)], scope: Scope) -> Vec<DatasetError> {
    let mut errors = Vec::new();
    let mut ids = Ids::default();
    // Ids are unique within their kind; program, kegiatan and sub kegiatan share one space (budgets name them).
    let mut seen: HashMap<(&'static str, String), String> = HashMap::new();
    let pemda_files: Vec<&str> = sources
        .iter()
        .filter(|(_, d)| d.pemda.is_some())
        .map(|(f, _)| f.as_str())
        .collect();
    if pemda_files.is_empty() && scope == Scope::Whole {
        errors.push(DatasetError {
            file: sources.first().map(|(f, _)| f.clone()).unwrap_or_default(),
            line: None,
            column: None,
            path: Some("pemda".into()),
            message: "tabel [pemda] wajib ada tepat satu kali".into(),
        });
    } else if pemda_files.len() > 1 {
        errors.push(DatasetError {
            file: pemda_files[1].to_string(),
            line: None,
            column: None,
            path: Some("pemda".into()),
            message: format!(
                "tabel [pemda] sudah ada di {}; hanya boleh satu",
                pemda_files[0]
            ),
        });
    }
    for (file, d) in sources {
        let mut c = Checker {
            errors: Vec::new(),
            file,
        };
        let mut claim = |c: &mut Checker, space: &'static str, kind: &str, i: usize, id: &str| {
            let path = format!("{kind}[{i}]");
            if id.trim().is_empty() {
                c.err(path, "id tidak boleh kosong".into());
                return;
            }
            let key = (space, id.to_string());
            if let Some(first) = seen.get(&key) {
                c.err(path, format!("id '{id}' ganda: sudah dipakai di {first}"));
            } else {
                seen.insert(key, format!("{file} {kind}[{i}]"));
            }
        };
        for (i, x) in d.units.iter().enumerate() {
            claim(&mut c, "unit", "unit", i, &x.code);
        }
        for (i, x) in d.renstra.iter().enumerate() {
            claim(&mut c, "renstra", "renstra", i, &x.id);
        }
        for (i, x) in d.tujuan.iter().enumerate() {
            claim(&mut c, "tujuan", "tujuan", i, &x.id);
        }
        for (i, x) in d.sasaran.iter().enumerate() {
            claim(&mut c, "sasaran", "sasaran", i, &x.id);
        }
        for (i, x) in d.program.iter().enumerate() {
            claim(&mut c, "node", "program", i, &x.id);
        }
        for (i, x) in d.kegiatan.iter().enumerate() {
            claim(&mut c, "node", "kegiatan", i, &x.id);
        }
        for (i, x) in d.sub_kegiatan.iter().enumerate() {
            claim(&mut c, "node", "sub_kegiatan", i, &x.id);
        }
        for (i, x) in d.indicators.iter().enumerate() {
            claim(&mut c, "indicator", "indicator", i, &x.id);
        }
        for (i, x) in d.recommendations.iter().enumerate() {
            claim(&mut c, "recommendation", "recommendation", i, &x.id);
        }
        errors.extend(c.errors);
        ids.units.extend(d.units.iter().map(|x| x.code.as_str()));
        ids.renstra.extend(d.renstra.iter().map(|x| x.id.as_str()));
        ids.tujuan.extend(d.tujuan.iter().map(|x| x.id.as_str()));
        ids.sasaran.extend(d.sasaran.iter().map(|x| x.id.as_str()));
        ids.program.extend(d.program.iter().map(|x| x.id.as_str()));
        ids.kegiatan
            .extend(d.kegiatan.iter().map(|x| x.id.as_str()));
        ids.sub_kegiatan
            .extend(d.sub_kegiatan.iter().map(|x| x.id.as_str()));
        ids.indicators
            .extend(d.indicators.iter().map(|x| x.id.as_str()));
    }
    for (file, d) in sources {
        let mut c = Checker {
            errors: Vec::new(),
            file,
        };
        if scope == Scope::Whole {
            check_references(&mut c, d, &ids);
        }
        check_values(&mut c, d);
        errors.extend(c.errors);
    }
    errors.extend(check_duplicate_keys(sources));
    errors
}

/// Records whose natural key is made of several fields (a target of an indicator in a year and quarter, the
/// pagu of a node in a year and revision …) must not appear twice. Single ids are checked above, where
/// program, kegiatan and sub kegiatan share one id space.
fn check_duplicate_keys(sources: &[(String, Dataset)]) -> Vec<DatasetError> {
    let mut errors = Vec::new();
    let mut seen: HashMap<(&str, String), String> = HashMap::new();
    for (file, d) in sources {
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(d) else {
            continue;
        };
        for kind in RECORD_KINDS.iter().filter(|k| k.key_fields.len() > 1) {
            let Some(serde_json::Value::Array(items)) = map.get(kind.name) else {
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let here = format!("{file} {}[{i}]", kind.name);
                if let Some(first) = seen.insert((kind.name, kind.key_of(item)), here) {
                    errors.push(DatasetError {
                        file: file.clone(),
                        line: None,
                        column: None,
                        path: Some(format!("{}[{i}]", kind.name)),
                        message: format!(
                            "data ganda: sama dengan {first}; setiap kombinasi {} hanya boleh sekali",
                            kind.key_fields.join(", ")
                        ),
                    });
                }
            }
        }
    }
    errors
}

fn missing(c: &mut Checker, path: String, what: &str, id: &str) {
    c.err(
        path,
        format!("{what} '{id}' tidak ditemukan; seharusnya id {what} yang ada di dataset"),
    );
}

fn check_references(c: &mut Checker, d: &Dataset, ids: &Ids) {
    for (i, u) in d.units.iter().enumerate() {
        if let Some(p) = &u.parent {
            if !ids.units.contains(p.as_str()) {
                missing(c, format!("unit[{i}].parent"), "unit", p);
            }
            if p == &u.code {
                c.err(
                    format!("unit[{i}].parent"),
                    "unit tidak boleh menjadi induk dirinya sendiri".into(),
                );
            }
        }
    }
    for (i, r) in d.renstra.iter().enumerate() {
        if !ids.units.contains(r.unit.as_str()) {
            missing(c, format!("renstra[{i}].unit"), "unit", &r.unit);
        }
        if r.end_year < r.start_year {
            c.err(
                format!("renstra[{i}].end_year"),
                "tahun akhir harus sama dengan atau setelah tahun awal".into(),
            );
        }
    }
    for (i, t) in d.tujuan.iter().enumerate() {
        if !ids.renstra.contains(t.renstra.as_str()) {
            missing(c, format!("tujuan[{i}].renstra"), "renstra", &t.renstra);
        }
    }
    for (i, s) in d.sasaran.iter().enumerate() {
        if !ids.tujuan.contains(s.tujuan.as_str()) {
            missing(c, format!("sasaran[{i}].tujuan"), "tujuan", &s.tujuan);
        }
    }
    for (i, p) in d.program.iter().enumerate() {
        if !ids.units.contains(p.unit.as_str()) {
            missing(c, format!("program[{i}].unit"), "unit", &p.unit);
        }
        if !ids.sasaran.contains(p.sasaran.as_str()) {
            missing(c, format!("program[{i}].sasaran"), "sasaran", &p.sasaran);
        }
        check_code(c, format!("program[{i}].code"), p.code.as_deref(), 3);
    }
    for (i, k) in d.kegiatan.iter().enumerate() {
        if !ids.program.contains(k.program.as_str()) {
            missing(c, format!("kegiatan[{i}].program"), "program", &k.program);
        }
        check_code(c, format!("kegiatan[{i}].code"), k.code.as_deref(), 5);
    }
    for (i, s) in d.sub_kegiatan.iter().enumerate() {
        if !ids.kegiatan.contains(s.kegiatan.as_str()) {
            missing(
                c,
                format!("sub_kegiatan[{i}].kegiatan"),
                "kegiatan",
                &s.kegiatan,
            );
        }
        check_code(c, format!("sub_kegiatan[{i}].code"), s.code.as_deref(), 6);
    }
    for (i, ind) in d.indicators.iter().enumerate() {
        if !ids.node_exists(ind.level, &ind.owner) {
            c.err(
                format!("indicator[{i}].owner"),
                format!(
                    "'{}' bukan {} yang ada di dataset; level '{:?}' menuntut owner berupa id {}",
                    ind.owner,
                    ind.level.label(),
                    ind.level,
                    ind.level.label()
                ),
            );
        }
        if ind.weight.is_some_and(|w| w < Decimal::ZERO) {
            c.err(
                format!("indicator[{i}].weight"),
                "bobot tidak boleh negatif".into(),
            );
        }
        if ind.decimals > 6 {
            c.err(
                format!("indicator[{i}].decimals"),
                "jumlah desimal paling banyak 6".into(),
            );
        }
    }
    let indicator_refs = d
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("target[{i}].indicator"), &t.indicator))
        .chain(
            d.realisations
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("realisation[{i}].indicator"), &r.indicator)),
        )
        .chain(
            d.benchmarks
                .iter()
                .enumerate()
                .map(|(i, b)| (format!("benchmark[{i}].indicator"), &b.indicator)),
        );
    for (path, id) in indicator_refs {
        if !ids.indicators.contains(id.as_str()) {
            missing(c, path, "indikator", id);
        }
    }
    let node_refs = d
        .pagu
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("pagu[{i}].node"), &p.node))
        .chain(
            d.spending
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("spending[{i}].node"), &s.node)),
        );
    for (path, id) in node_refs {
        if !ids.budget_node_exists(id) {
            c.err(
                path,
                format!("'{id}' bukan id program, kegiatan atau sub kegiatan yang ada di dataset"),
            );
        }
    }
    let unit_refs = d
        .agreements
        .iter()
        .enumerate()
        .map(|(i, x)| (format!("agreement[{i}].unit"), &x.unit))
        .chain(
            d.staffing
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("staffing[{i}].unit"), &x.unit)),
        )
        .chain(
            d.assets
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("asset[{i}].unit"), &x.unit)),
        )
        .chain(
            d.ikm_services
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("ikm_service[{i}].unit"), &x.unit)),
        )
        .chain(
            d.ikm_responses
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("ikm_response[{i}].unit"), &x.unit)),
        )
        .chain(
            d.ipp
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("ipp[{i}].unit"), &x.unit)),
        )
        .chain(
            d.paten
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("paten[{i}].unit"), &x.unit)),
        )
        .chain(
            d.akip
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("akip[{i}].unit"), &x.unit)),
        )
        .chain(
            d.recommendations
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("recommendation[{i}].unit"), &x.unit)),
        )
        .chain(
            d.narratives
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("narrative[{i}].unit"), &x.unit)),
        )
        .chain(
            d.reports
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("report[{i}].unit"), &x.unit)),
        )
        .chain(
            d.published_figures
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("published_figure[{i}].unit"), &x.unit)),
        )
        .chain(
            d.published_captions
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("published_caption[{i}].unit"), &x.unit)),
        )
        .chain(
            d.published_statements
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("published_statement[{i}].unit"), &x.unit)),
        );
    for (path, id) in unit_refs {
        if !ids.units.contains(id.as_str()) {
            missing(c, path, "unit", id);
        }
    }
    for (i, a) in d.agreements.iter().enumerate() {
        for (j, t) in a.targets.iter().enumerate() {
            if !ids.indicators.contains(t.indicator.as_str()) {
                missing(
                    c,
                    format!("agreement[{i}].targets[{j}].indicator"),
                    "indikator",
                    &t.indicator,
                );
            }
        }
        for (j, p) in a.programs.iter().enumerate() {
            if !ids.program.contains(p.program.as_str()) {
                missing(
                    c,
                    format!("agreement[{i}].programs[{j}].program"),
                    "program",
                    &p.program,
                );
            }
            if p.anggaran < Decimal::ZERO {
                c.err(
                    format!("agreement[{i}].programs[{j}].anggaran"),
                    "anggaran tidak boleh negatif".into(),
                );
            }
            for (k, t) in p.indicators.iter().enumerate() {
                if !ids.indicators.contains(t.indicator.as_str()) {
                    missing(
                        c,
                        format!("agreement[{i}].programs[{j}].indicators[{k}].indicator"),
                        "indikator",
                        &t.indicator,
                    );
                }
            }
        }
    }
    for (i, s) in d.staffing.iter().enumerate() {
        if !ids.indicators.contains(s.subject.as_str()) && !ids.program.contains(s.subject.as_str())
        {
            c.err(
                format!("staffing[{i}].subject"),
                format!("'{}' bukan id indikator atau program yang ada", s.subject),
            );
        }
    }
    for (i, n) in d.narratives.iter().enumerate() {
        if let Some(subject) = &n.subject {
            let known = ids.indicators.contains(subject.as_str())
                || ids.sasaran.contains(subject.as_str())
                || ids.budget_node_exists(subject);
            if !known {
                c.err(
                    format!("narrative[{i}].subject"),
                    format!("'{subject}' bukan id indikator, sasaran atau program"),
                );
            }
        }
    }
}

/// Nomenclature codes (Permendagri 90/2019) have a fixed number of dot-separated parts; the last part of a sub
/// kegiatan code may be written with 2 digits in older data and is normalised on use.
fn check_code(c: &mut Checker, path: String, code: Option<&str>, parts: usize) {
    let Some(code) = code else { return };
    let pieces: Vec<&str> = code.split('.').collect();
    let ok = pieces.len() == parts
        && pieces
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit()));
    if !ok {
        let example = [
            "7",
            "7.01",
            "7.01.01",
            "7.01.01.2",
            "7.01.01.2.01",
            "7.01.01.2.01.0001",
        ][parts - 1];
        c.err(path, format!("kode '{code}' tidak sesuai nomenklatur: seharusnya {parts} bagian angka, mis. {example}"));
    }
}

fn check_values(c: &mut Checker, d: &Dataset) {
    let year_ok = |y: i32| (1945..=2200).contains(&y);
    let quarter = |c: &mut Checker, path: String, q: Option<u8>| {
        if let Some(q) = q {
            if !(1..=4).contains(&q) {
                c.err(path, format!("triwulan {q} tidak ada: seharusnya 1, 2, 3 atau 4 (TW I–IV), atau kosong untuk nilai tahunan"));
            }
        }
    };
    for (i, t) in d.targets.iter().enumerate() {
        quarter(c, format!("target[{i}].quarter"), t.quarter);
        if !year_ok(t.year) {
            c.err(
                format!("target[{i}].year"),
                format!("tahun {} tidak wajar", t.year),
            );
        }
        if let TargetValue::Range { low, high } = t.value {
            if low > high {
                c.err(
                    format!("target[{i}].value"),
                    "rentang target: batas bawah (low) harus ≤ batas atas (high)".into(),
                );
            }
        }
    }
    for (i, p) in d.published_figures.iter().enumerate() {
        if let Some(message) = kinerja_domain::review::unreadable(p) {
            c.err(format!("published_figure[{i}].printed"), message);
        }
    }
    for (i, r) in d.realisations.iter().enumerate() {
        quarter(c, format!("realisation[{i}].quarter"), r.quarter);
        if !year_ok(r.year) {
            c.err(
                format!("realisation[{i}].year"),
                format!("tahun {} tidak wajar", r.year),
            );
        }
    }
    for (i, p) in d.pagu.iter().enumerate() {
        if p.amount < Decimal::ZERO {
            c.err(
                format!("pagu[{i}].amount"),
                format!(
                    "pagu tidak boleh negatif ({}); seharusnya 0 atau lebih",
                    p.amount
                ),
            );
        }
    }
    for (i, s) in d.spending.iter().enumerate() {
        if s.amount < Decimal::ZERO {
            c.err(
                format!("spending[{i}].amount"),
                format!(
                    "realisasi anggaran tidak boleh negatif ({}); seharusnya 0 atau lebih",
                    s.amount
                ),
            );
        }
    }
    for (i, s) in d.ikm_services.iter().enumerate() {
        for (e, v) in &s.elements {
            if *v < Decimal::from(25) || *v > Decimal::ONE_HUNDRED {
                c.err(
                    format!("ikm_service[{i}].elements.{}", e.code()),
                    format!("nilai unsur {v} di luar skala 25–100"),
                );
            }
        }
    }
    for (i, r) in d.ikm_responses.iter().enumerate() {
        for (e, v) in &r.answers {
            if !(1..=4).contains(v) {
                c.err(
                    format!("ikm_response[{i}].answers.{}", e.code()),
                    format!("jawaban {v} tidak sah: seharusnya 1, 2, 3 atau 4"),
                );
            }
        }
    }
    for (i, ipp) in d.ipp.iter().enumerate() {
        for (j, a) in ipp.aspects.iter().enumerate() {
            if a.value < Decimal::ZERO || a.value > Decimal::from(5) {
                c.err(
                    format!("ipp[{i}].aspects[{j}].value"),
                    format!("nilai aspek {} di luar skala 0–5", a.value),
                );
            }
        }
    }
    for (i, ipp) in d.ipp.iter().enumerate() {
        if let Some(v) = ipp.official {
            if v < Decimal::ZERO || v > Decimal::from(5) {
                c.err(
                    format!("ipp[{i}].official"),
                    format!("nilai IPP resmi {v} di luar skala 0–5"),
                );
            }
        }
    }
    for (i, p) in d.paten.iter().enumerate() {
        if let Some(v) = p.score {
            if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                c.err(
                    format!("paten[{i}].score"),
                    format!("nilai PATEN {v} di luar skala 0–100"),
                );
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (j, r) in p.requirements.iter().enumerate() {
            let text = r.text.trim();
            if text.is_empty() {
                c.err(
                    format!("paten[{i}].requirements[{j}].text"),
                    "uraian persyaratan PATEN kosong".to_string(),
                );
            } else if !seen.insert(text) {
                c.err(
                    format!("paten[{i}].requirements[{j}].text"),
                    format!(
                        "persyaratan \"{text}\" tercatat dua kali pada PATEN unit {} tahun {}",
                        p.unit, p.year
                    ),
                );
            }
        }
    }
    for (i, s) in d.staffing.iter().enumerate() {
        if !year_ok(s.year) {
            c.err(
                format!("staffing[{i}].year"),
                format!("tahun {} tidak wajar", s.year),
            );
        }
    }
}

impl From<Vec<DatasetError>> for DatasetErrors {
    fn from(v: Vec<DatasetError>) -> Self {
        DatasetErrors(v)
    }
}
