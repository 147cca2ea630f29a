//! Who may write what: one set of rules for every path data comes in by — the web's forms, the workbook and dataset
//! import (web and command line) and the API. A writer holds rights on units ([`Writer::may`]); each change of a
//! record needs some of them ([`needs`]), and some changes nobody may make (a locked PK is never changed).
//!
//! The rights follow product.md's roles. An admin pemda enters and evaluates every unit's data and keeps the pemda's
//! own records (the pemda, its rules, its units). An operator enters the data of their units: plans, targets,
//! realisations, budgets, narratives, the PK's draft, the LKE self-assessment, the PATEN checklist, the follow-up of
//! recommendations. The Inspektorat's evaluators, for the units they read, and admins write the evaluation: the
//! official values (AKIP, IPP, PATEN), the evaluator's LKE grades and the LHE, the recommendations. A unit's own
//! pimpinan approves, sends back and locks its PK and LKjIP. Read-only users write nothing.
//!
//! The command line (`kinerja import`, `kinerja demo`) runs with the database in hand — whoever runs it could
//! change the file directly — so it writes as the installation ([`Writer::Installation`]): an admin that may also
//! load a PK or LKjIP signed outside the application in its signed state, but that approves and locks nothing and,
//! like everyone, changes no locked PK.

use crate::record::kind::{self, RecordKind};
use crate::record::{
    Agreement, AgreementStatus, AkipEvaluation, IppEvaluation, PatenEvaluation, Recommendation,
    ReportInfo, WorkflowStep,
};
use serde::de::DeserializeOwned;
use std::fmt;
use std::str::FromStr;

/// The roles of product.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Admin pemda (Bagian Organisasi / Bappeda): every unit.
    AdminPemda,
    /// Operator unit: enters the data of its units.
    Operator,
    /// Pimpinan unit (Camat / Kepala OPD): reads its units, approves.
    Pimpinan,
    /// Evaluator (Inspektorat / APIP): reads, never edits unit data.
    Evaluator,
    ReadOnly,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::AdminPemda,
        Role::Operator,
        Role::Pimpinan,
        Role::Evaluator,
        Role::ReadOnly,
    ];

    /// The stored and command-line name.
    pub fn code(self) -> &'static str {
        match self {
            Role::AdminPemda => "admin_pemda",
            Role::Operator => "operator",
            Role::Pimpinan => "pimpinan",
            Role::Evaluator => "evaluator",
            Role::ReadOnly => "read_only",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::AdminPemda => "Admin pemda",
            Role::Operator => "Operator unit",
            Role::Pimpinan => "Pimpinan unit",
            Role::Evaluator => "Evaluator (APIP)",
            Role::ReadOnly => "Hanya baca",
        }
    }

    /// Operators and pimpinan always belong to at least one unit; an admin pemda acts on all of them.
    pub fn needs_units(self) -> bool {
        matches!(self, Role::Operator | Role::Pimpinan)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s.trim())
            .ok_or_else(|| {
                format!(
                    "peran '{s}' tidak dikenal: pilih {}",
                    Role::ALL.map(Role::code).join(", ")
                )
            })
    }
}

/// Who writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer<'a> {
    /// A signed-in user (or an API token's owner): their role and the units they act on.
    User { role: Role, units: &'a [String] },
    /// The command line, run by who holds the database (see the module's note).
    Installation,
}

/// A right on a unit's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Right {
    /// Reading the unit's pages, documents and files.
    Read,
    /// Entering the unit's data.
    Enter,
    /// Writing the unit's evaluation: official values, the evaluator's grades, recommendations.
    Recommend,
    /// Approving, sending back and locking the unit's PK and LKjIP.
    Approve,
    /// The pemda's own records: the pemda, its rules, its units.
    Administer,
    /// Loading a PK or LKjIP already approved or locked outside the application.
    Transcribe,
}

impl Right {
    /// Who holds the right, for a refusal's message.
    fn holders(self, unit: &str) -> String {
        match self {
            Right::Read => format!("hanya pengguna unit {unit}"),
            Right::Enter => format!("hanya operator unit {unit} dan admin pemda"),
            Right::Recommend => {
                format!("hanya evaluator (Inspektorat) unit {unit} dan admin pemda")
            }
            Right::Approve => {
                format!("hanya pimpinan unit {unit}, dengan tombolnya di halaman PK/LKjIP")
            }
            Right::Administer => "hanya admin pemda".to_string(),
            Right::Transcribe => {
                "hanya impor dari baris perintah; unggahan dimulai sebagai draf".to_string()
            }
        }
    }
}

impl Writer<'_> {
    fn has_unit(units: &[String], unit: &str) -> bool {
        units.iter().any(|u| u == unit)
    }

    /// Reads every unit: the admin, evaluators and read-only users given no units.
    pub fn reads_all(&self) -> bool {
        match *self {
            Writer::Installation => true,
            Writer::User { role, units } => match role {
                Role::AdminPemda => true,
                Role::Evaluator | Role::ReadOnly => units.is_empty(),
                Role::Operator | Role::Pimpinan => false,
            },
        }
    }

    /// Whether the writer holds `right` on `unit`.
    pub fn may(&self, right: Right, unit: &str) -> bool {
        let Writer::User { role, units } = *self else {
            return right != Right::Approve;
        };
        let own = Self::has_unit(units, unit);
        match right {
            Right::Read => self.reads_all() || own,
            Right::Enter => role == Role::AdminPemda || (role == Role::Operator && own),
            Right::Recommend => {
                role == Role::AdminPemda || (role == Role::Evaluator && self.may(Right::Read, unit))
            }
            Right::Approve => role == Role::Pimpinan && own,
            Right::Administer => role == Role::AdminPemda,
            Right::Transcribe => false,
        }
    }

    /// Why the writer may not make a change of a record of `unit` that needs `needs`, if they may not.
    pub fn refusal(&self, unit: &str, needs: Needs) -> Option<String> {
        let missing: Vec<String> = match needs {
            Err(never) => return Some(never),
            Ok(needs) => needs
                .into_iter()
                .filter(|n| !self.may(n.right, unit))
                .map(|n| format!("{}: {}", n.what, n.right.holders(unit)))
                .collect(),
        };
        (!missing.is_empty()).then(|| missing.join("; "))
    }
}

/// A part of a record that changes, and the right it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    pub right: Right,
    /// The part, as a refusal names it ("nilai resmi, nilai evaluator dan LHE").
    pub what: &'static str,
}

/// What a change needs: the rights on the record's unit, or why nobody may make it.
pub type Needs = Result<Vec<Need>, String>;

const fn need(right: Right, what: &'static str) -> Need {
    Need { right, what }
}

/// What changing a record of `kind` from `before` to `after` (either absent: added or removed) needs, the records
/// given as stored (JSON). An equal record needs nothing.
pub fn needs(kind: &RecordKind, before: Option<&str>, after: Option<&str>) -> Needs {
    fn typed<T: DeserializeOwned>(
        before: Option<&str>,
        after: Option<&str>,
        rule: fn(Option<&T>, Option<&T>) -> Needs,
    ) -> Needs {
        let read = |body: Option<&str>| {
            body.map(serde_json::from_str::<T>)
                .transpose()
                .map_err(|e| format!("data tidak terbaca: {e}"))
        };
        rule(read(before)?.as_ref(), read(after)?.as_ref())
    }
    if before == after {
        return Ok(Vec::new());
    }
    match kind.name {
        n if n == kind::AGREEMENT.name => typed(before, after, agreement),
        n if n == kind::REPORT.name => typed(before, after, report),
        n if n == kind::AKIP.name => typed(before, after, akip),
        n if n == kind::PATEN.name => typed(before, after, paten),
        n if n == kind::RECOMMENDATION.name => typed(before, after, recommendation),
        n if n == kind::IPP.name => typed(before, after, ipp),
        n if [kind::PEMDA.name, kind::RULES.name, kind::UNIT.name].contains(&n) => {
            Ok(vec![need(Right::Administer, "data pemda")])
        }
        _ => Ok(vec![need(Right::Enter, "data unit")]),
    }
}

/// A record with a status in the PK workflow (the PK, the LKjIP): drafted by the unit, approved and locked by its
/// pimpinan, never changed once locked.
trait Signed: Clone + PartialEq {
    fn status(&self) -> AgreementStatus;
    fn with_status(&self, status: AgreementStatus) -> Self;
    /// How a refusal names it ("PK versi 2").
    fn title(&self) -> String;
}

impl Signed for Agreement {
    fn status(&self) -> AgreementStatus {
        self.status
    }
    fn with_status(&self, status: AgreementStatus) -> Self {
        Agreement {
            status,
            ..self.clone()
        }
    }
    fn title(&self) -> String {
        format!("PK versi {}", self.version)
    }
}

impl Signed for ReportInfo {
    fn status(&self) -> AgreementStatus {
        self.status
    }
    fn with_status(&self, status: AgreementStatus) -> Self {
        ReportInfo {
            status,
            ..self.clone()
        }
    }
    fn title(&self) -> String {
        format!("LKjIP {}", self.year)
    }
}

fn signed<T: Signed>(before: Option<&T>, after: Option<&T>) -> Needs {
    const CONTENT: &str = "isi draf";
    match (before, after) {
        (None, None) => Ok(Vec::new()),
        (None, Some(a)) if a.status() == AgreementStatus::Draft => {
            Ok(vec![need(Right::Enter, CONTENT)])
        }
        (None, Some(_)) => Ok(vec![need(Right::Transcribe, "dokumen yang sudah disetujui atau dikunci")]),
        (Some(b), _) if b.status() == AgreementStatus::Locked => Err(format!(
            "{} sudah dikunci dan tidak dapat diubah atau dihapus; perubahan dibuat sebagai versi baru",
            b.title()
        )),
        (Some(b), None) if b.status() == AgreementStatus::Draft => Ok(vec![need(Right::Enter, CONTENT)]),
        (Some(b), None) => Err(format!(
            "{} berstatus {} dan tidak dapat dihapus",
            b.title(),
            b.status().label().to_lowercase()
        )),
        (Some(b), Some(a)) if b.status() == a.status() => {
            if b.status() == AgreementStatus::Draft {
                Ok(vec![need(Right::Enter, CONTENT)])
            } else {
                Err(format!(
                    "{} berstatus {} dan tidak dapat diubah; hanya draf yang dapat diubah",
                    b.title(),
                    b.status().label().to_lowercase()
                ))
            }
        }
        (Some(b), Some(a)) => {
            let Some(step) = WorkflowStep::between(b.status(), a.status()) else {
                return Err(format!(
                    "{} tidak dapat berubah dari {} menjadi {}",
                    b.title(),
                    b.status().label().to_lowercase(),
                    a.status().label().to_lowercase()
                ));
            };
            if b.with_status(a.status()) != *a {
                return Err(format!(
                    "{}: {} tidak boleh disertai perubahan isinya",
                    b.title(),
                    step.what
                ));
            }
            Ok(vec![need(Right::Approve, step.what)])
        }
    }
}

fn agreement(before: Option<&Agreement>, after: Option<&Agreement>) -> Needs {
    signed(before, after)
}

fn report(before: Option<&ReportInfo>, after: Option<&ReportInfo>) -> Needs {
    signed(before, after)
}

/// A record written by two sides: the unit's part (`unit_part` clears the rest) and the evaluator's
/// (`evaluator_part` clears the rest). Each side that differs needs its right; an absent record counts as one with
/// both parts cleared.
fn two_sides<T: Clone + PartialEq>(
    before: Option<&T>,
    after: Option<&T>,
    unit_part: fn(T) -> T,
    evaluator_part: fn(T) -> T,
    (unit_what, evaluator_what): (&'static str, &'static str),
) -> Needs {
    let blank = |x: &T| unit_part(evaluator_part(x.clone()));
    let (b, a) = match (before, after) {
        (Some(b), Some(a)) => (b.clone(), a.clone()),
        (Some(b), None) => (b.clone(), blank(b)),
        (None, Some(a)) => (blank(a), a.clone()),
        (None, None) => return Ok(Vec::new()),
    };
    let mut needs = Vec::new();
    if evaluator_part(b.clone()) != evaluator_part(a.clone()) {
        needs.push(need(Right::Recommend, evaluator_what));
    }
    if unit_part(b.clone()) != unit_part(a.clone()) || (needs.is_empty() && b != a) {
        needs.push(need(Right::Enter, unit_what));
    }
    Ok(needs)
}

fn akip(before: Option<&AkipEvaluation>, after: Option<&AkipEvaluation>) -> Needs {
    fn unit_part(mut e: AkipEvaluation) -> AkipEvaluation {
        e.official = None;
        e.lhe_number = None;
        e.date = None;
        for c in &mut e.components {
            c.lke = None;
            c.field = None;
            for k in &mut c.criteria {
                k.grade = None;
                k.comment = None;
            }
            c.criteria.retain(|k| {
                k.self_grade.is_some() || k.self_comment.is_some() || !k.evidence.is_empty()
            });
        }
        e.components.retain(|c| !c.criteria.is_empty());
        e
    }
    fn evaluator_part(mut e: AkipEvaluation) -> AkipEvaluation {
        for c in &mut e.components {
            for k in &mut c.criteria {
                k.self_grade = None;
                k.self_comment = None;
                k.evidence.clear();
            }
            c.criteria
                .retain(|k| k.grade.is_some() || k.comment.is_some());
        }
        e.components
            .retain(|c| c.lke.is_some() || c.field.is_some() || !c.criteria.is_empty());
        e
    }
    two_sides(
        before,
        after,
        unit_part,
        evaluator_part,
        (
            "penilaian mandiri LKE dan buktinya",
            "nilai resmi AKIP, nilai dan catatan evaluator, LHE",
        ),
    )
}

fn paten(before: Option<&PatenEvaluation>, after: Option<&PatenEvaluation>) -> Needs {
    fn unit_part(mut e: PatenEvaluation) -> PatenEvaluation {
        e.score = None;
        e.date = None;
        e.source = None;
        e
    }
    fn evaluator_part(mut e: PatenEvaluation) -> PatenEvaluation {
        e.requirements.clear();
        e
    }
    two_sides(
        before,
        after,
        unit_part,
        evaluator_part,
        (
            "persyaratan PATEN dan buktinya",
            "nilai PATEN dari evaluator",
        ),
    )
}

fn recommendation(before: Option<&Recommendation>, after: Option<&Recommendation>) -> Needs {
    fn unit_part(mut r: Recommendation) -> Recommendation {
        r.evaluation = None;
        r.source = None;
        r.component = None;
        r.text.clear();
        r
    }
    fn evaluator_part(mut r: Recommendation) -> Recommendation {
        r.actions.clear();
        r
    }
    two_sides(
        before,
        after,
        unit_part,
        evaluator_part,
        ("rencana aksi tindak lanjut", "rekomendasi evaluator"),
    )
}

/// The IPP is the evaluator's throughout: aspect values, the official value, its date and source.
fn ipp(_: Option<&IppEvaluation>, _: Option<&IppEvaluation>) -> Needs {
    Ok(vec![need(Right::Recommend, "nilai IPP")])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::agreement::tests_support::draft;
    use crate::record::{
        AkipComponent, AkipComponentScore, AkipSubComponent, CriterionGrade, FollowUpAction, Grade,
        PatenRequirement,
    };
    use crate::test_support::d;
    use serde::Serialize;

    fn json<T: Serialize>(x: &T) -> String {
        serde_json::to_string(x).unwrap()
    }

    fn change<T: Serialize>(kind: &RecordKind, before: Option<&T>, after: Option<&T>) -> Needs {
        let (b, a) = (before.map(json), after.map(json));
        needs(kind, b.as_deref(), a.as_deref())
    }

    fn rights(needs: Needs) -> Vec<Right> {
        needs.unwrap().into_iter().map(|n| n.right).collect()
    }

    fn user(role: Role, units: &[String]) -> Writer<'_> {
        Writer::User { role, units }
    }

    #[test]
    fn each_writer_holds_the_rights_of_its_role_on_its_units() {
        let own = ["u".to_string()];
        // (writer, Enter, Recommend, Approve, Administer, Transcribe) on unit u; nothing on unit v except admins,
        // evaluators of the whole pemda (Recommend) and the installation.
        let table = [
            (
                user(Role::AdminPemda, &[]),
                [true, true, false, true, false],
            ),
            (
                user(Role::Operator, &own),
                [true, false, false, false, false],
            ),
            (
                user(Role::Pimpinan, &own),
                [false, false, true, false, false],
            ),
            (
                user(Role::Evaluator, &own),
                [false, true, false, false, false],
            ),
            (
                user(Role::Evaluator, &[]),
                [false, true, false, false, false],
            ),
            (
                user(Role::ReadOnly, &[]),
                [false, false, false, false, false],
            ),
            (Writer::Installation, [true, true, false, true, true]),
        ];
        let all = [
            Right::Enter,
            Right::Recommend,
            Right::Approve,
            Right::Administer,
            Right::Transcribe,
        ];
        for (writer, expected) in table {
            let held = all.map(|r| writer.may(r, "u"));
            assert_eq!(held, expected, "{writer:?}");
        }
        assert!(!user(Role::Operator, &own).may(Right::Enter, "v"));
        assert!(!user(Role::Pimpinan, &own).may(Right::Approve, "v"));
        assert!(!user(Role::Evaluator, &own).may(Right::Recommend, "v"));
        assert!(user(Role::Evaluator, &[]).may(Right::Recommend, "v"));
    }

    #[test]
    fn a_locked_pk_is_changed_by_nobody() {
        let locked = draft().approve().unwrap().lock().unwrap();
        let mut raised = locked.clone();
        raised.place = Some("Ngoro".into());
        let reopened = locked.with_status(AgreementStatus::Draft);
        for after in [Some(&raised), Some(&reopened), None] {
            let why = change(&kind::AGREEMENT, Some(&locked), after).unwrap_err();
            assert!(why.starts_with("PK versi 1 sudah dikunci"), "{why}");
            // The installation too: a refusal names no right anyone could hold.
            let needs = change(&kind::AGREEMENT, Some(&locked), after);
            assert!(Writer::Installation.refusal("u", needs).is_some());
        }
        assert_eq!(
            rights(change(&kind::AGREEMENT, Some(&locked), Some(&locked))),
            []
        );
    }

    #[test]
    fn the_pk_steps_are_the_pimpinans_and_only_a_draft_is_edited() {
        let d0 = draft();
        let mut edited = d0.clone();
        edited.place = Some("Ngoro".into());
        assert_eq!(
            rights(change(&kind::AGREEMENT, Some(&d0), Some(&edited))),
            [Right::Enter]
        );
        let approved = d0.approve().unwrap();
        assert_eq!(
            rights(change(&kind::AGREEMENT, Some(&d0), Some(&approved))),
            [Right::Approve]
        );
        let locked = approved.lock().unwrap();
        assert_eq!(
            rights(change(&kind::AGREEMENT, Some(&approved), Some(&locked))),
            [Right::Approve]
        );
        assert_eq!(
            rights(change(&kind::AGREEMENT, Some(&approved), Some(&d0))),
            [Right::Approve]
        );
        // No step from a draft straight to locked; no step with a change of content; no change of an approved PK.
        assert!(change(&kind::AGREEMENT, Some(&d0), Some(&locked)).is_err());
        let approved_edited = edited.with_status(AgreementStatus::Approved);
        assert!(change(&kind::AGREEMENT, Some(&d0), Some(&approved_edited)).is_err());
        let mut approved_moved = approved.clone();
        approved_moved.place = Some("Ngoro".into());
        assert!(change(&kind::AGREEMENT, Some(&approved), Some(&approved_moved)).is_err());
        // A new PK starts as a draft; one already signed is only loaded by the installation.
        assert_eq!(
            rights(change(&kind::AGREEMENT, None, Some(&d0))),
            [Right::Enter]
        );
        assert_eq!(
            rights(change(&kind::AGREEMENT, None, Some(&locked))),
            [Right::Transcribe]
        );

        let (own, admin) = (["u".to_string()], user(Role::AdminPemda, &[]));
        let approve = || change(&kind::AGREEMENT, Some(&d0), Some(&approved));
        assert!(user(Role::Pimpinan, &own).refusal("u", approve()).is_none());
        let why = admin.refusal("u", approve()).unwrap();
        assert_eq!(
            why,
            "persetujuan: hanya pimpinan unit u, dengan tombolnya di halaman PK/LKjIP"
        );
        assert!(user(Role::Operator, &own).refusal("u", approve()).is_some());
    }

    fn akip(components: Vec<AkipComponentScore>) -> AkipEvaluation {
        AkipEvaluation {
            unit: "u".into(),
            year: 2024,
            official: None,
            lhe_number: None,
            date: None,
            components,
        }
    }

    fn criterion(grade: Option<Grade>, self_grade: Option<Grade>) -> AkipComponentScore {
        AkipComponentScore {
            component: AkipComponent::Evaluasi,
            lke: None,
            field: None,
            criteria: vec![CriterionGrade {
                sub: AkipSubComponent::Pemanfaatan,
                criterion: "4.c.1".into(),
                grade,
                self_grade,
                evidence: Vec::new(),
                self_comment: None,
                comment: None,
            }],
        }
    }

    #[test]
    fn the_lke_is_graded_by_each_side_on_its_own_part() {
        let empty = akip(Vec::new());
        let self_graded = akip(vec![criterion(None, Some(Grade::A))]);
        let both = akip(vec![criterion(Some(Grade::B), Some(Grade::A))]);
        let graded = akip(vec![criterion(Some(Grade::B), None)]);
        assert_eq!(
            rights(change(&kind::AKIP, Some(&empty), Some(&self_graded))),
            [Right::Enter]
        );
        assert_eq!(
            rights(change(&kind::AKIP, Some(&self_graded), Some(&both))),
            [Right::Recommend]
        );
        assert_eq!(
            rights(change(&kind::AKIP, None, Some(&graded))),
            [Right::Recommend]
        );
        let mut official = both.clone();
        official.official = Some(d("99.99"));
        assert_eq!(
            rights(change(&kind::AKIP, Some(&both), Some(&official))),
            [Right::Recommend]
        );
        let op = ["u".to_string()];
        let why = user(Role::Operator, &op)
            .refusal("u", change(&kind::AKIP, Some(&both), Some(&official)))
            .unwrap();
        assert!(why.starts_with("nilai resmi AKIP"), "{why}");
        // Removing a graded evaluation takes both sides' rights.
        assert_eq!(
            rights(change(&kind::AKIP, Some(&both), None)),
            [Right::Recommend, Right::Enter]
        );
    }

    #[test]
    fn evaluation_values_are_the_evaluators_and_follow_up_the_units() {
        let ipp = IppEvaluation {
            unit: "u".into(),
            year: 2024,
            official: Some(d("3.1")),
            date: None,
            source: None,
            aspects: Vec::new(),
        };
        let raised = IppEvaluation {
            official: Some(d("4.99")),
            ..ipp.clone()
        };
        assert_eq!(
            rights(change(&kind::IPP, Some(&ipp), Some(&raised))),
            [Right::Recommend]
        );

        let paten = PatenEvaluation {
            unit: "u".into(),
            year: 2024,
            score: None,
            date: None,
            source: None,
            requirements: Vec::new(),
        };
        let mut listed = paten.clone();
        listed.requirements.push(PatenRequirement {
            text: "Maklumat".into(),
            fulfilled: true,
            evidence: Vec::new(),
            note: None,
        });
        let scored = PatenEvaluation {
            score: Some(d("90")),
            ..listed.clone()
        };
        assert_eq!(
            rights(change(&kind::PATEN, Some(&paten), Some(&listed))),
            [Right::Enter]
        );
        assert_eq!(
            rights(change(&kind::PATEN, Some(&listed), Some(&scored))),
            [Right::Recommend]
        );

        let r = Recommendation {
            id: "r".into(),
            unit: "u".into(),
            year: 2024,
            evaluation: None,
            source: None,
            component: None,
            text: "Perbaiki IKU".into(),
            actions: Vec::new(),
        };
        assert_eq!(
            rights(change(&kind::RECOMMENDATION, None, Some(&r))),
            [Right::Recommend]
        );
        let mut followed = r.clone();
        followed.actions.push(FollowUpAction {
            action: "Reviu IKU".into(),
            target: None,
            duration: None,
            due: None,
            responsible: None,
            status: Default::default(),
            completed: None,
            evidence: Vec::new(),
        });
        assert_eq!(
            rights(change(&kind::RECOMMENDATION, Some(&r), Some(&followed))),
            [Right::Enter]
        );
        let mut reworded = followed.clone();
        reworded.text = "Hapus IKU".into();
        assert_eq!(
            rights(change(
                &kind::RECOMMENDATION,
                Some(&followed),
                Some(&reworded)
            )),
            [Right::Recommend]
        );
    }

    #[test]
    fn other_kinds_are_the_units_data_and_the_pemdas_records_the_admins() {
        let (a, b) = (r#"{"x":1}"#, r#"{"x":2}"#);
        assert_eq!(
            rights(needs(&kind::REALISATION, Some(a), Some(b))),
            [Right::Enter]
        );
        assert_eq!(
            rights(needs(&kind::NARRATIVE, None, Some(b))),
            [Right::Enter]
        );
        assert_eq!(
            rights(needs(&kind::UNIT, Some(a), Some(b))),
            [Right::Administer]
        );
        assert_eq!(rights(needs(&kind::REALISATION, Some(a), Some(a))), []);
        assert!(needs(&kind::AGREEMENT, Some(a), Some(b)).is_err());
    }
}
