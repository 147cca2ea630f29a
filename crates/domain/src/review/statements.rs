//! Printed sentences: a claimed status (“melampaui target”, “semua indikator tidak mencapai target”) against the
//! status of the indicators it is about, and a stated count against the data.

use super::figures::describe;
use super::finding::{Finding, FindingCode, Severity};
use super::place::{place, subject_name};
use super::recompute::{capaian_of, figure_value, parse_enum, tingkat_kemajuan};
use crate::calc::capaian::TargetStatus;
use crate::measure::Measurement;
use crate::model::*;
use crate::number::{format_decimal, format_percent};
use rust_decimal::Decimal;

pub(super) fn check_statement(
    m: &Measurement,
    d: &Dataset,
    s: &PublishedStatement,
) -> Option<Finding> {
    if s.claim == Claim::Count {
        return check_count(m, d, s);
    }
    let renstra = s.location.to_lowercase().contains("renstra");
    let against = if renstra {
        "target akhir Renstra"
    } else {
        "target tahunan"
    };
    let iku: Vec<Option<Decimal>> = if renstra {
        m.progress.iku.iter().map(|r| r.tingkat_kemajuan).collect()
    } else {
        m.iku.rows.iter().map(|r| r.indicator.capaian).collect()
    };
    let location = place(
        &s.location,
        s.subject.as_deref().and_then(|x| subject_name(m, d, x)),
    );
    let finding = |code, severity, message: String, expected, found, difference| {
        Finding::new(code, severity, location.clone(), message)
            .about(s.subject.as_deref())
            .values(expected, found, difference)
    };
    let claimed = claim_phrase(s.claim);
    if let Some(count) = s.count {
        // "Sesuai target: -" in Tabel 3.2: how many sasaran indicators have that status.
        let wanted = match s.claim {
            Claim::TargetExceeded => TargetStatus::Exceeded,
            Claim::TargetMet => TargetStatus::Met,
            _ => TargetStatus::NotMet,
        };
        let ours = iku
            .iter()
            .flatten()
            .filter(|v| TargetStatus::of(**v) == wanted)
            .count();
        if ours == count as usize {
            return None;
        }
        return Some(finding(
            FindingCode::Claim,
            Severity::Galat,
            format!(
                "“{}”: jumlah indikator sasaran yang {} ({against}) tidak sama dengan data.",
                s.text,
                wanted.phrase()
            ),
            Some(ours.to_string()),
            Some(count.to_string()),
            Some(Decimal::from(count) - Decimal::from(ours)),
        ));
    }
    let value = match (&s.subject, s.claim) {
        (None, Claim::AllTargetsNotMet) => {
            let known: Vec<Decimal> = iku.iter().flatten().copied().collect();
            let not_met = known
                .iter()
                .filter(|v| TargetStatus::of(**v) == TargetStatus::NotMet)
                .count();
            if known.is_empty() || not_met == iku.len() {
                return None;
            }
            return Some(finding(
                FindingCode::Claim,
                Severity::Galat,
                format!("“{}” bertentangan dengan data ({against}).", s.text),
                Some(format!(
                    "{not_met} dari {} indikator sasaran tidak mencapai target",
                    iku.len()
                )),
                Some(claimed.to_string()),
                None,
            ));
        }
        (None, _) if renstra => m.progress.iku_average.effective,
        (None, _) => m.iku.average.effective,
        (Some(id), _) if renstra => tingkat_kemajuan(m, id),
        (Some(id), _) => capaian_of(m, id),
    };
    let Some(value) = value else {
        return Some(finding(
            FindingCode::PublishedUnverified,
            Severity::Catatan,
            format!(
                "“{}” tidak dapat diperiksa: capaian ({against}) tidak dapat dihitung.",
                s.text
            ),
            None,
            Some(claimed.to_string()),
            None,
        ));
    };
    let status = TargetStatus::of(value);
    let holds = match s.claim {
        Claim::TargetExceeded => status == TargetStatus::Exceeded,
        Claim::TargetMet => status != TargetStatus::NotMet,
        _ => status == TargetStatus::NotMet,
    };
    if holds {
        return None;
    }
    Some(finding(
        FindingCode::Claim,
        Severity::Galat,
        format!("“{}” bertentangan dengan data ({against}).", s.text),
        Some(format!(
            "{} ({})",
            status.phrase(),
            format_percent(value, 2)
        )),
        Some(claimed.to_string()),
        None,
    ))
}

fn claim_phrase(claim: Claim) -> &'static str {
    match claim {
        Claim::TargetExceeded => "melampaui target",
        Claim::TargetMet => "mencapai target",
        Claim::TargetNotMet => "tidak mencapai target",
        Claim::AllTargetsNotMet => "semua indikator tidak mencapai target",
        Claim::Count => "jumlah",
    }
}

fn check_count(m: &Measurement, d: &Dataset, s: &PublishedStatement) -> Option<Finding> {
    let kind: Figure = parse_enum(s.subject.as_deref()?)?;
    let claimed = Decimal::from(s.count?);
    let what = describe(kind).1.to_lowercase();
    let ours = figure_value(m, d, kind, None, None);
    let (code, severity, message) = match ours {
        None => (
            FindingCode::PublishedUnverified,
            Severity::Catatan,
            format!("“{}”: {what} tidak dapat dihitung dari data.", s.text),
        ),
        Some(v) if v == claimed => return None,
        Some(_) => (
            FindingCode::Count,
            Severity::Galat,
            format!("“{}”: {what} tidak sama dengan data.", s.text),
        ),
    };
    Some(
        Finding::new(code, severity, s.location.clone(), message)
            .about(s.subject.as_deref())
            .values(
                ours.map(|v| format_decimal(v, 0)),
                Some(format_decimal(claimed, 0)),
                ours.map(|v| claimed - v),
            ),
    )
}

#[cfg(test)]
mod tests {
    use super::super::finding::{FindingCode, Severity};
    use super::super::tests::*;
    use crate::model::Claim;

    #[test]
    fn sentences_are_checked_against_the_status_of_their_indicators() {
        let mut data = fixture();
        data.published_statements = vec![
            statement("BAB III", Claim::TargetExceeded, Some("iku"), None),
            statement("BAB III", Claim::TargetMet, Some("iku"), None),
            statement("BAB III", Claim::TargetMet, None, None),
            statement("Tabel 3.2", Claim::TargetNotMet, None, Some(0)),
            statement("Tabel 3.2", Claim::TargetExceeded, None, Some(1)),
            statement("BAB III", Claim::Count, Some("count_kegiatan"), Some(1)),
        ];
        assert!(run(&data).findings.is_empty(), "{:#?}", run(&data).findings);

        data.published_statements =
            vec![statement("BAB III", Claim::TargetNotMet, Some("iku"), None)];
        let f = only(&data);
        assert_eq!((f.code, f.severity), (FindingCode::Claim, Severity::Galat));
        assert_eq!(f.expected.as_deref(), Some("melampaui target (105,00%)"));
        assert_eq!(f.found.as_deref(), Some("tidak mencapai target"));

        data.published_statements =
            vec![statement("Analisis", Claim::AllTargetsNotMet, None, None)];
        assert_eq!(codes(&data), vec![(FindingCode::Claim, Severity::Galat)]);
        data.published_statements = vec![statement("Tabel 3.2", Claim::TargetMet, None, Some(1))];
        assert_eq!(only(&data).expected.as_deref(), Some("0"));
        data.published_statements = vec![statement(
            "BAB III",
            Claim::Count,
            Some("count_sub_kegiatan"),
            Some(3),
        )];
        let f = only(&data);
        assert_eq!(
            (f.code, f.expected.as_deref(), f.found.as_deref()),
            (FindingCode::Count, Some("2"), Some("3"))
        );

        // Against the Renstra end target (90): 84 is short of it although the annual target is exceeded.
        data.published_statements = vec![statement(
            "BAB III (target akhir Renstra)",
            Claim::TargetMet,
            Some("iku"),
            None,
        )];
        assert_eq!(codes(&data), vec![(FindingCode::Claim, Severity::Galat)]);
    }
}
