//! Published figures: every number recorded as printed in the report, against the recomputed one at the printed
//! precision.

use super::finding::{Finding, FindingCode, Severity};
use super::place::{place, subject_name};
use super::recompute::{akip_component, efficiency_row, published_value};
use crate::measure::Measurement;
use crate::model::*;
use crate::number::{
    format_decimal, format_natural, parse_printed, parse_printed_money, round, Printed,
};
use crate::rules::EfficiencyBasis;
use rust_decimal::Decimal;

/// How a figure is read and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Rupiah: every three-digit group is thousands.
    Money,
    /// Whole numbers of things: thousands separated as money is.
    Count,
    Percent,
    Plain,
}

/// How a figure is read and shown, and its name in messages.
pub(super) fn describe(figure: Figure) -> (Kind, &'static str) {
    use Kind::*;
    match figure {
        Figure::Target => (Plain, "Target"),
        Figure::Realisation => (Plain, "Realisasi"),
        Figure::Capaian => (Percent, "Capaian"),
        Figure::CapaianAverageIku => (Percent, "Rata-rata capaian IKU"),
        Figure::CapaianAverageProgram => (Percent, "Rata-rata capaian program"),
        Figure::Change => (Plain, "Perubahan realisasi"),
        Figure::EndTarget => (Plain, "Target akhir Renstra"),
        Figure::TingkatKemajuan => (Percent, "Tingkat kemajuan"),
        Figure::TingkatKemajuanAverageIku => (Percent, "Rata-rata tingkat kemajuan IKU"),
        Figure::TingkatKemajuanAverageProgram => (Percent, "Rata-rata tingkat kemajuan program"),
        Figure::Benchmark => (Plain, "Realisasi pembanding"),
        Figure::Pagu => (Money, "Pagu anggaran"),
        Figure::PaguTotal => (Money, "Jumlah pagu anggaran"),
        Figure::Spending => (Money, "Realisasi anggaran"),
        Figure::SpendingTotal => (Money, "Jumlah realisasi anggaran"),
        Figure::Serapan => (Percent, "Serapan anggaran"),
        Figure::SerapanTotal => (Percent, "Serapan anggaran seluruhnya"),
        Figure::Silpa => (Money, "SILPA"),
        Figure::BudgetShare => (Percent, "Porsi anggaran"),
        Figure::EfisiensiAnggaran => (Percent, "Efisiensi anggaran"),
        Figure::EfisiensiAnggaranTotal => (Percent, "Efisiensi anggaran seluruhnya"),
        Figure::SdmNeed => (Count, "Kebutuhan SDM (ABK)"),
        Figure::SdmAvailable => (Count, "SDM tersedia"),
        Figure::SdmKetersediaan => (Percent, "Ketersediaan SDM"),
        Figure::SdmEfisiensi => (Percent, "Efisiensi SDM"),
        Figure::SdmNeedTotal => (Count, "Jumlah kebutuhan SDM"),
        Figure::SdmAvailableTotal => (Count, "Jumlah SDM tersedia"),
        Figure::SdmKetersediaanTotal => (Percent, "Ketersediaan SDM seluruhnya"),
        Figure::SdmEfisiensiTotal => (Percent, "Efisiensi SDM seluruhnya"),
        Figure::SarprasAvailable => (Count, "Sarpras tersedia"),
        Figure::SarprasNeed => (Count, "Kebutuhan sarpras"),
        Figure::SarprasKetersediaan => (Percent, "Ketersediaan sarpras"),
        Figure::SarprasAvailableTotal => (Count, "Jumlah sarpras tersedia"),
        Figure::SarprasNeedTotal => (Count, "Jumlah kebutuhan sarpras"),
        Figure::SarprasKetersediaanTotal => (Percent, "Ketersediaan sarpras seluruhnya"),
        Figure::SarprasEfisiensi => (Percent, "Efisiensi sarpras"),
        Figure::IkmService => (Plain, "IKM layanan"),
        Figure::IkmElement => (Plain, "Nilai unsur IKM"),
        Figure::IkmElementMean => (Plain, "Rata-rata nilai unsur IKM"),
        Figure::IkmElementTotal => (Plain, "Jumlah nilai unsur IKM"),
        Figure::IkmMeanOfServices => (Plain, "IKM (rata-rata layanan)"),
        Figure::IkmTotalOfServices => (Plain, "Jumlah nilai unsur seluruh layanan"),
        Figure::Respondents => (Count, "Jumlah responden"),
        Figure::RespondentsMale => (Count, "Responden laki-laki"),
        Figure::RespondentsFemale => (Count, "Responden perempuan"),
        Figure::IppAspectValue => (Plain, "Nilai aspek IPP"),
        Figure::IppAspectScore => (Plain, "Nilai indikator aspek IPP"),
        Figure::IppOfficial => (Plain, "IPP resmi"),
        Figure::Ikpp => (Plain, "IKPP"),
        Figure::AkipLke => (Plain, "Nilai LKE"),
        Figure::AkipField => (Plain, "Nilai evaluasi lapangan"),
        Figure::AkipComponentScore => (Plain, "Nilai komponen AKIP"),
        Figure::AkipComponentPercent => (Percent, "Capaian komponen AKIP terhadap bobot"),
        Figure::AkipLkeTotal => (Plain, "Jumlah nilai LKE"),
        Figure::AkipTotal => (Plain, "Nilai AKIP"),
        Figure::CountPrograms => (Count, "Jumlah program"),
        Figure::CountKegiatan => (Count, "Jumlah kegiatan"),
        Figure::CountSubKegiatan => (Count, "Jumlah sub kegiatan"),
        Figure::CountIndicators => (Count, "Jumlah indikator"),
        Figure::CountPkIndicators => (Count, "Jumlah indikator PK"),
        Figure::CountServices => (Count, "Jumlah jenis layanan"),
    }
}

fn is_count(figure: Figure) -> bool {
    matches!(
        figure,
        Figure::CountPrograms
            | Figure::CountKegiatan
            | Figure::CountSubKegiatan
            | Figure::CountIndicators
            | Figure::CountPkIndicators
            | Figure::CountServices
    )
}

/// Efficiency is meaningful when the target is met: a table may leave it blank otherwise.
fn is_efficiency(figure: Figure) -> bool {
    matches!(
        figure,
        Figure::EfisiensiAnggaran
            | Figure::EfisiensiAnggaranTotal
            | Figure::SdmEfisiensi
            | Figure::SdmEfisiensiTotal
            | Figure::SarprasEfisiensi
    )
}

/// A value the Indonesian way; `decimals` as printed, or as few as it needs.
fn show(kind: Kind, v: Decimal, decimals: Option<u32>) -> String {
    let number = match decimals {
        Some(dp) => format_decimal(v, dp),
        None if matches!(kind, Kind::Money | Kind::Count) => format_decimal(v, 0),
        None => format_natural(v, 2),
    };
    match kind {
        Kind::Money => format!("Rp {number}"),
        Kind::Percent => format!("{number}%"),
        Kind::Count | Kind::Plain => number,
    }
}
/// "-", "N/A": printed on purpose as no value.
fn is_blank(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "-" | "–" | "—" | "N/A" | "n/a" | "NA" | "na"
    )
}

fn parse(kind: Kind, text: &str) -> Option<Printed> {
    match kind {
        Kind::Money | Kind::Count => parse_printed_money(text),
        Kind::Percent | Kind::Plain => parse_printed(text),
    }
}
/// Why a figure recorded "as published" cannot be read, naming where it was printed; `None` when it reads (a
/// number of its kind, or a blank such as "-"). The dataset's validation refuses such a record, so that the reviu
/// never passes over a figure silently.
pub fn unreadable(p: &PublishedFigure) -> Option<String> {
    let (kind, label) = describe(p.figure);
    if is_blank(&p.printed)
        || parse(kind, &p.printed).is_some()
        || with_unit(kind, &p.printed).is_some()
    {
        return None;
    }
    let example = match kind {
        Kind::Money => "“Rp. 3.063.438.646”",
        Kind::Count => "“25”",
        Kind::Percent => "“99,0%”",
        Kind::Plain => "“80,15”",
    };
    Some(format!(
        "{label} di {} tercetak “{}” tidak terbaca sebagai angka: salin angkanya apa adanya (mis. {example}), \
         atau “-” bila laporan mengosongkannya",
        p.location, p.printed
    ))
}

/// A derived figure computed from the report's own printed parts, where the report prints them: a result that
/// follows from printed (rounded) parts is not an error (domain.md §7). An efficiency follows its printed operands
/// only under the rule that says so (efficiency from the displayed figures).
fn from_printed_parts(m: &Measurement, d: &Dataset, p: &PublishedFigure) -> Option<Decimal> {
    let part = |figure: Figure, subject: Option<&str>| -> Option<Decimal> {
        let printed = || {
            d.published_figures.iter().filter(|q| {
                q.unit == p.unit
                    && q.year == p.year
                    && q.of_year == p.of_year
                    && q.figure == figure
                    && q.subject.as_deref() == subject
            })
        };
        // The part printed in the same table or paragraph, else where the report prints it elsewhere.
        let q = printed()
            .find(|q| q.location == p.location)
            .or_else(|| printed().next())?;
        parse(describe(figure).0, &q.printed).map(|x| x.value)
    };
    match p.figure {
        Figure::AkipComponentPercent => {
            let subject = p.subject.as_deref()?;
            let weight = akip_component(m, subject)?.weight;
            if weight.is_zero() {
                return None;
            }
            Some(part(Figure::AkipComponentScore, Some(subject))? / weight * Decimal::ONE_HUNDRED)
        }
        Figure::SarprasEfisiensi => match d.rules_for(p.year).efficiency_basis {
            EfficiencyBasis::Displayed { .. } => Some(
                part(Figure::CapaianAverageIku, None)?
                    - part(Figure::SarprasKetersediaanTotal, None)?,
            ),
            EfficiencyBasis::Exact => None,
        },
        _ => None,
    }
}

/// A number followed by its unit in words ("2 dokumen", "14 orang/bulan"): the number, as the figure's kind reads
/// it, when the rest has letters and no digit.
fn with_unit(kind: Kind, text: &str) -> Option<Printed> {
    let text = text.trim();
    let split = text.find(char::is_whitespace)?;
    let (number, unit) = text.split_at(split);
    let words = unit.trim();
    if words.is_empty()
        || words.chars().any(|c| c.is_ascii_digit())
        || !words.chars().any(char::is_alphabetic)
    {
        return None;
    }
    parse(kind, number)
}

/// The finding about one figure recorded "as published", if any: the recomputed value at the printed precision,
/// or the value that follows from the report's own printed parts.
pub fn check_figure(m: &Measurement, d: &Dataset, p: &PublishedFigure) -> Option<Finding> {
    let (kind, label) = describe(p.figure);
    let ours = published_value(m, d, p);
    let text = p.printed.trim();
    let location = place(
        &p.location,
        p.subject.as_deref().and_then(|s| subject_name(m, d, s)),
    );
    let of_year = p.of_year.map(|y| format!(" tahun {y}")).unwrap_or_default();
    let finding = |code, severity, message: String, expected, found, difference| {
        Finding::new(code, severity, location.clone(), message)
            .about(p.subject.as_deref())
            .values(expected, found, difference)
    };
    if is_blank(text) {
        let value = ours?;
        let row = efficiency_row(m, p.figure, p.subject.as_deref());
        if is_efficiency(p.figure) && row.is_some_and(|r| !r.target_met) {
            return None;
        }
        return Some(finding(
            FindingCode::PublishedMissing,
            Severity::Peringatan,
            format!("{label}{of_year} dicetak “{text}”, padahal nilainya dapat dihitung."),
            Some(show(kind, value, None)),
            Some(text.to_string()),
            None,
        ));
    }
    let printed = match (parse(kind, text), with_unit(kind, text)) {
        (Some(printed), _) => printed,
        // A quantity with its unit ("2 dokumen") where a percentage belongs: the capaian is not printed.
        (None, Some(_)) if kind == Kind::Percent => {
            let value = ours?;
            return Some(finding(
                FindingCode::PublishedMissing,
                Severity::Peringatan,
                format!("{label}{of_year} dicetak “{text}”, bukan persentase, padahal nilainya dapat dihitung."),
                Some(show(kind, value, None)),
                Some(text.to_string()),
                None,
            ));
        }
        // A number with its unit ("12 dokumen") is read as the number.
        (None, Some(number)) => number,
        (None, None) => return None,
    };
    let Some(value) = ours else {
        return Some(finding(
            FindingCode::PublishedUnverified,
            Severity::Catatan,
            format!("{label}{of_year} tercetak “{text}” tidak dapat dihitung ulang: datanya tidak lengkap."),
            None,
            Some(show(kind, printed.value, Some(printed.decimals))),
            None,
        ));
    };
    let (value, printed_value) = if p.figure == Figure::Change {
        (value.abs(), printed.value.abs())
    } else {
        (value, printed.value)
    };
    let rounded = round(value, printed.decimals);
    if rounded == printed_value {
        return None;
    }
    if from_printed_parts(m, d, p).is_some_and(|v| round(v, printed.decimals) == printed_value) {
        return None;
    }
    // Our value is shown with at least two decimals (money and counts with none); the severity is judged at
    // the printed precision: one unit of the last printed digit is a rounding slip.
    let shown = match kind {
        Kind::Money | Kind::Count => printed.decimals,
        Kind::Percent | Kind::Plain => printed.decimals.max(2),
    };
    let expected = round(value, shown);
    let last_digit = Decimal::new(1, printed.decimals);
    let (code, severity, what) = if is_count(p.figure) {
        (
            FindingCode::Count,
            Severity::Galat,
            "tidak sama dengan data",
        )
    } else if (printed_value - rounded).abs() <= last_digit {
        (
            FindingCode::PublishedDiffers,
            Severity::Peringatan,
            "berbeda pada angka terakhir dari hasil hitung ulang (pembulatan)",
        )
    } else {
        (
            FindingCode::PublishedDiffers,
            Severity::Galat,
            "berbeda dengan hasil hitung ulang",
        )
    };
    let absolute = if p.figure == Figure::Change {
        " (dibandingkan tanpa tanda: penurunan dicetak sebagai angka positif)"
    } else {
        ""
    };
    Some(finding(
        code,
        severity,
        format!("{label}{of_year} tercetak “{text}” {what}{absolute}."),
        Some(show(kind, expected, Some(shown))),
        Some(show(kind, printed_value, Some(printed.decimals))),
        Some(printed_value - expected),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::*;
    use crate::test_support::d;

    /// code, severity, expected, found.
    type Row = (FindingCode, Severity, Option<String>, Option<String>);
    /// figure, subject, printed, and the finding (severity, expected, found) when one is due.
    type Case = (
        Figure,
        &'static str,
        &'static str,
        Option<(Severity, &'static str, &'static str)>,
    );

    /// (code, severity, expected, found) of the findings on `data` with one printed figure.
    fn printed(
        data: &Dataset,
        location: &str,
        kind: Figure,
        subject: &str,
        text: &str,
    ) -> Vec<Row> {
        let mut data = data.clone();
        data.published_figures = vec![figure(location, kind, Some(subject), text)];
        run(&data)
            .findings
            .into_iter()
            .map(|f| (f.code, f.severity, f.expected, f.found))
            .collect()
    }

    fn finding(
        code: FindingCode,
        severity: Severity,
        expected: Option<&str>,
        found: &str,
    ) -> Vec<Row> {
        vec![(
            code,
            severity,
            expected.map(str::to_string),
            Some(found.to_string()),
        )]
    }

    #[test]
    fn published_figures_are_compared_at_their_printed_precision() {
        use Severity::{Galat, Peringatan};
        let data = fixture();
        let differs = FindingCode::PublishedDiffers;
        // Capaian 84 / 80 = 105 %; the sasaran's pagu is the sum of its programs (Rp 300).
        #[rustfmt::skip]
        let cases: [Case; 8] = [
            (Figure::Capaian, "iku", "105,0%", None),
            (Figure::Capaian, "iku", "105", None),
            (Figure::Capaian, "iku", "105.000", None),
            (Figure::Capaian, "iku", "105,00 %", None),
            (Figure::Capaian, "iku", "104,9", Some((Peringatan, "105,00%", "104,9%"))),
            (Figure::Capaian, "iku", "103,00", Some((Galat, "105,00%", "103,00%"))),
            (Figure::Pagu, "s1", "300", None),
            (Figure::Pagu, "s1", "Rp. 302", Some((Galat, "Rp 300", "Rp 302"))),
        ];
        for (kind, subject, text, want) in cases {
            let want = match want {
                Some((severity, expected, found)) => {
                    finding(differs, severity, Some(expected), found)
                }
                None => vec![],
            };
            assert_eq!(
                printed(&data, "Tabel 3.1", kind, subject, text),
                want,
                "{text}"
            );
        }

        let mut data = fixture();
        data.published_figures = vec![figure("Tabel 3.1", Figure::Capaian, Some("iku"), "104,9")];
        let f = only(&data);
        assert_eq!(f.location, "Tabel 3.1, Indikator iku");
        assert_eq!(f.difference, Some(d("-0.1")));
        data.published_figures = vec![figure("BAB III", Figure::PaguTotal, None, "Rp. 302")];
        assert_eq!(only(&data).difference, Some(d("2")));
    }

    #[test]
    fn a_figure_that_follows_from_its_printed_parts_is_not_an_error() {
        let mut data = fixture();
        let mut evaluation = AkipEvaluation {
            unit: "u".into(),
            year: 2024,
            official: None,
            lhe_number: None,
            date: None,
            components: vec![],
        };
        // Pelaporan (weight 15) scores 13,785: printed as 13,79, which gives 91,93%, while exactly it is 91,90%.
        evaluation.components.push(AkipComponentScore {
            component: AkipComponent::Pelaporan,
            lke: Some(d("13.785")),
            field: None,
            criteria: vec![],
        });
        data.akip.push(evaluation);
        let percent = figure(
            "Tabel AKIP",
            Figure::AkipComponentPercent,
            Some("pelaporan"),
            "91,93",
        );
        data.published_figures = vec![percent.clone()];
        // Alone, 91,93 is judged against 91,90: a slip of more than the last digit.
        assert_eq!(
            codes(&data),
            vec![(FindingCode::PublishedDiffers, Severity::Galat)]
        );
        // With its printed part 13,79 beside it, 13,79 / 15 = 91,933…: no finding.
        data.published_figures.push(figure(
            "Tabel AKIP",
            Figure::AkipComponentScore,
            Some("pelaporan"),
            "13,79",
        ));
        assert_eq!(codes(&data), vec![]);
        // A printed part that does not give the printed figure still leaves it wrong.
        data.published_figures[1].printed = "13,70".into();
        assert!(codes(&data).contains(&(FindingCode::PublishedDiffers, Severity::Galat)));
    }

    #[test]
    fn unreadable_printed_values_are_named_with_their_place() {
        let p = figure("Tabel 3.10", Figure::Capaian, Some("iku"), "dua dokumen");
        assert_eq!(
            unreadable(&p).as_deref(),
            Some(
                "Capaian di Tabel 3.10 tercetak “dua dokumen” tidak terbaca sebagai angka: salin angkanya apa adanya \
                 (mis. “99,0%”), atau “-” bila laporan mengosongkannya"
            )
        );
        for readable in [
            "99,0%",
            "-",
            "N/A",
            "105",
            "104,9",
            "2 dokumen",
            "14 orang/bulan",
        ] {
            let p = figure("Tabel 3.10", Figure::Capaian, Some("iku"), readable);
            assert_eq!(unreadable(&p), None, "{readable}");
        }
        let money = figure("BAB III", Figure::PaguTotal, None, "Rp. 3.063.438.648");
        assert_eq!(unreadable(&money), None);
        let money = figure("BAB III", Figure::PaguTotal, None, "tiga miliar");
        assert!(unreadable(&money).is_some());
    }

    #[test]
    fn blanks_unreadable_cells_and_missing_data() {
        let data = fixture();
        // A quantity where the capaian belongs: the capaian is not printed.
        assert_eq!(
            printed(&data, "Tabel 3.10", Figure::Capaian, "iku", "2 dokumen"),
            finding(
                FindingCode::PublishedMissing,
                Severity::Peringatan,
                Some("105%"),
                "2 dokumen"
            )
        );
        // A realisation printed with its unit is read as its number (84 is right, 87 is not).
        assert_eq!(
            printed(
                &data,
                "Tabel 3.10",
                Figure::Realisation,
                "iku",
                "84 dokumen"
            ),
            vec![]
        );
        assert_eq!(
            printed(
                &data,
                "Tabel 3.10",
                Figure::Realisation,
                "iku",
                "87 dokumen"
            ),
            finding(
                FindingCode::PublishedDiffers,
                Severity::Galat,
                Some("84,00"),
                "87"
            )
        );
        let blank = finding(
            FindingCode::PublishedMissing,
            Severity::Peringatan,
            Some("105%"),
            "-",
        );
        assert_eq!(
            printed(&data, "Tabel 3.15", Figure::Capaian, "iku", "-"),
            blank
        );
        // No provincial benchmark: nothing printed is consistent, a printed value cannot be checked.
        let provinsi = "Tabel 3.9 (Realisasi Provinsi)";
        assert_eq!(
            printed(&data, provinsi, Figure::Benchmark, "iku", "N/A"),
            vec![]
        );
        let unverified = finding(
            FindingCode::PublishedUnverified,
            Severity::Catatan,
            None,
            "70",
        );
        assert_eq!(
            printed(&data, provinsi, Figure::Benchmark, "iku", "70"),
            unverified
        );
    }

    #[test]
    fn benchmarks_other_years_and_changes() {
        let mut data = fixture();
        let mut older = figure("Tabel 3.4", Figure::Realisation, Some("iku"), "86");
        older.of_year = Some(2023);
        data.published_figures = vec![
            figure(
                "Tabel 3.8 (Realisasi Kabupaten)",
                Figure::Benchmark,
                Some("iku"),
                "70",
            ),
            figure(
                "Tabel 3.8",
                Figure::Benchmark,
                Some("iku/kabupaten"),
                "70,00",
            ),
            older.clone(),
            // 84 − 86: a decrease printed as an amount next to "penurunan"
            figure("BAB III 3.1.2", Figure::Change, Some("iku"), "2"),
            figure("BAB III 3.1.2", Figure::Change, Some("iku"), "-2,0"),
        ];
        assert!(run(&data).findings.is_empty(), "{:#?}", run(&data).findings);
        older.printed = "84".into();
        data.published_figures = vec![
            older,
            figure("BAB III 3.1.2", Figure::Change, Some("iku"), "3"),
        ];
        assert_eq!(
            codes(&data),
            vec![
                (FindingCode::PublishedDiffers, Severity::Galat),
                (FindingCode::PublishedDiffers, Severity::Peringatan)
            ]
        );
    }

    #[test]
    fn efficiency_left_blank_is_accepted_only_when_the_target_is_missed() {
        // Target met (105 %): serapan 290/300 → efficiency 105 − 96,67 = 8,33.
        let mut data = fixture();
        let efficiency = |data: &Dataset, text| {
            printed(data, "Tabel 3.14", Figure::EfisiensiAnggaran, "iku", text)
        };
        assert_eq!(efficiency(&data, "8,33"), vec![]);
        let blank = finding(
            FindingCode::PublishedMissing,
            Severity::Peringatan,
            Some("8,33%"),
            "-",
        );
        assert_eq!(efficiency(&data, "-"), blank);
        // Missed (95 %), with its analysis written: a blank cell is the table's convention.
        data.realisations[0].value = d("76");
        data.narratives
            .push(narrative(Section::AnalisisCapaian, Some("iku")));
        assert_eq!(efficiency(&data, "-"), vec![]);
    }
}
