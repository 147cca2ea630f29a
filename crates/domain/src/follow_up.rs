//! Follow-up of evaluation recommendations (rencana aksi tindak lanjut): when an action is overdue, the state of a
//! recommendation from its actions, which recommendations a year's LKjIP reports, and the counts the dashboards
//! show. The domain has no clock: "today" is always a parameter.

use crate::date::Date;
use crate::record::{ActionStatus, FollowUpAction, Recommendation};
use serde::Serialize;

/// An action is overdue when it is not done and its due date has passed: due today is still on time, and an
/// action without a due date is never overdue.
pub fn overdue(a: &FollowUpAction, today: Date) -> bool {
    a.status != ActionStatus::Done && a.due.is_some_and(|due| due < today)
}

/// Done, but completed after its due date: no longer overdue, yet the record shows it was late.
pub fn done_late(a: &FollowUpAction) -> bool {
    a.status == ActionStatus::Done
        && matches!((a.due, a.completed), (Some(due), Some(done)) if done > due)
}

/// The status of an action as the matrix words it: the status, the completion date, and whether it was late.
pub fn status_text(a: &FollowUpAction) -> String {
    let mut text = a.status.label().to_string();
    if let (ActionStatus::Done, Some(done)) = (a.status, a.completed) {
        text.push_str(&format!(" ({})", done.indonesian()));
    }
    if done_late(a) {
        text.push_str(", melewati batas waktu");
    }
    text
}

/// What keeps an action from being recorded as a unit reports it on `today` (empty when nothing does). Marking an
/// action done needs its completion date and evidence; one recorded done before keeps its record as it is (the
/// reference report's have neither). A completion date belongs to a done action only, and cannot be after today.
pub fn problems(
    before: Option<&FollowUpAction>,
    after: &FollowUpAction,
    today: Date,
) -> Vec<String> {
    let mut out = Vec::new();
    if after.action.trim().is_empty() {
        out.push("Rencana aksi wajib diisi.".to_string());
    }
    let newly_done = after.status == ActionStatus::Done
        && !matches!(before, Some(b) if b.status == ActionStatus::Done);
    if newly_done && after.completed.is_none() {
        out.push("Tanggal selesai wajib diisi bila rencana aksi sudah dilaksanakan.".to_string());
    }
    if newly_done && after.evidence.is_empty() {
        out.push(
            "Bukti wajib diisi bila rencana aksi sudah dilaksanakan: judul atau nomor dokumennya."
                .to_string(),
        );
    }
    if let Some(done) = after.completed {
        if after.status != ActionStatus::Done {
            out.push(format!(
                "Tanggal selesai hanya diisi bila status '{}'; kosongkan atau ubah statusnya.",
                ActionStatus::Done.label()
            ));
        }
        if done > today {
            out.push(format!(
                "Tanggal selesai {} belum tiba (hari ini {}).",
                done.indonesian(),
                today.indonesian()
            ));
        }
    }
    out
}

/// Where a recommendation's follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FollowUpState {
    /// No action planned yet.
    Unplanned,
    InProgress,
    /// At least one action is overdue.
    Overdue,
    /// Every action done.
    Done,
}

impl FollowUpState {
    pub fn label(self) -> &'static str {
        match self {
            FollowUpState::Unplanned => "Belum ada rencana aksi",
            FollowUpState::InProgress => "Dalam proses",
            FollowUpState::Overdue => "Terlambat",
            FollowUpState::Done => "Selesai",
        }
    }
}

/// A recommendation's state from its actions on `today`: an overdue action outweighs the others being done.
pub fn state(r: &Recommendation, today: Date) -> FollowUpState {
    if r.actions.is_empty() {
        FollowUpState::Unplanned
    } else if r.actions.iter().any(|a| overdue(a, today)) {
        FollowUpState::Overdue
    } else if r.actions.iter().all(|a| a.status == ActionStatus::Done) {
        FollowUpState::Done
    } else {
        FollowUpState::InProgress
    }
}

/// Whether the LKjIP of `year` reports a recommendation's follow-up: every recommendation of that year's
/// evaluations, and those of earlier years unless their follow-up was finished before the year began — all actions
/// done, none completed in `year` or later. So an unfinished recommendation is carried from report to report until
/// it is done, and the report of the year it was finished in still shows it. An earlier action marked done without
/// a completion date counts as finished before (the reference report's actions have none).
pub fn reported_in(r: &Recommendation, year: i32) -> bool {
    match r.year.cmp(&year) {
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => true,
        std::cmp::Ordering::Less => {
            let finished_before = !r.actions.is_empty()
                && r.actions.iter().all(|a| {
                    a.status == ActionStatus::Done
                        && !matches!(a.completed, Some(d) if d.year() >= year)
                });
            !finished_before
        }
    }
}

/// A unit's recommendations reported in the LKjIP of `year`, in stored order.
pub fn for_report<'a>(
    all: &'a [Recommendation],
    unit: &'a str,
    year: i32,
) -> impl Iterator<Item = &'a Recommendation> {
    all.iter()
        .filter(move |r| r.unit == unit && reported_in(r, year))
}

/// How many recommendations stand where, and how many actions are overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    pub recommendations: usize,
    pub unplanned: usize,
    pub in_progress: usize,
    pub overdue: usize,
    pub done: usize,
    pub overdue_actions: usize,
}

/// The counts of some recommendations on `today`.
pub fn counts<'a>(
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
    today: Date,
) -> Counts {
    let mut c = Counts::default();
    for r in recommendations {
        c.recommendations += 1;
        match state(r, today) {
            FollowUpState::Unplanned => c.unplanned += 1,
            FollowUpState::InProgress => c.in_progress += 1,
            FollowUpState::Overdue => c.overdue += 1,
            FollowUpState::Done => c.done += 1,
        }
        c.overdue_actions += r.actions.iter().filter(|a| overdue(a, today)).count();
    }
    c
}

/// The overdue actions of some recommendations on `today`, each with its recommendation.
pub fn overdue_actions<'a>(
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
    today: Date,
) -> Vec<(&'a Recommendation, &'a FollowUpAction)> {
    recommendations
        .into_iter()
        .flat_map(|r| r.actions.iter().map(move |a| (r, a)))
        .filter(|(_, a)| overdue(a, today))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{EvaluationKind, Evidence};

    fn date(text: &str) -> Date {
        text.parse().expect("test date")
    }

    fn action(status: ActionStatus, due: Option<&str>, completed: Option<&str>) -> FollowUpAction {
        FollowUpAction {
            action: "Menyusun Berita Acara".into(),
            target: Some("1 dokumen".into()),
            duration: None,
            due: due.map(date),
            responsible: Some("Camat".into()),
            status,
            completed: completed.map(date),
            evidence: Vec::new(),
        }
    }

    fn recommendation(year: i32, actions: Vec<FollowUpAction>) -> Recommendation {
        Recommendation {
            id: format!("rek-{year}"),
            unit: "ngoro".into(),
            year,
            evaluation: Some(EvaluationKind::LheAkip),
            source: None,
            component: None,
            text: "Meningkatkan kualitas pengukuran kinerja".into(),
            actions,
        }
    }

    #[test]
    fn an_action_is_overdue_only_after_its_due_date_and_while_not_done() {
        let planned = action(ActionStatus::Planned, Some("2025-03-31"), None);
        assert!(!overdue(&planned, date("2025-03-30")));
        // Due today is not overdue; the day after is.
        assert!(!overdue(&planned, date("2025-03-31")));
        assert!(overdue(&planned, date("2025-04-01")));
        let in_progress = action(ActionStatus::InProgress, Some("2025-03-31"), None);
        assert!(overdue(&in_progress, date("2026-01-01")));
        // No due date: never overdue.
        let undated = action(ActionStatus::Planned, None, None);
        assert!(!overdue(&undated, date("2099-12-31")));
    }

    #[test]
    fn done_late_is_not_overdue_but_shows_it_was_late() {
        let late = action(ActionStatus::Done, Some("2025-03-31"), Some("2025-04-10"));
        assert!(!overdue(&late, date("2025-05-01")));
        assert!(done_late(&late));
        assert_eq!(
            status_text(&late),
            "Sudah dilaksanakan (10 April 2025), melewati batas waktu"
        );
        // On the due date itself is on time.
        let on_time = action(ActionStatus::Done, Some("2025-03-31"), Some("2025-03-31"));
        assert!(!done_late(&on_time));
        assert_eq!(status_text(&on_time), "Sudah dilaksanakan (31 Maret 2025)");
        // Done without dates (as in the reference report): neither overdue nor late.
        let undated = action(ActionStatus::Done, None, None);
        assert!(!done_late(&undated) && !overdue(&undated, date("2099-01-01")));
        assert_eq!(status_text(&undated), "Sudah dilaksanakan");
        // A completion date on an action not done says nothing about lateness.
        assert!(!done_late(&action(
            ActionStatus::InProgress,
            Some("2025-03-31"),
            Some("2025-04-10")
        )));
    }

    #[test]
    fn marking_done_needs_a_completion_date_and_evidence() {
        let today = date("2025-04-10");
        let planned = action(ActionStatus::Planned, Some("2025-03-31"), None);
        assert!(problems(None, &planned, today).is_empty());
        let bare = action(ActionStatus::Done, Some("2025-03-31"), None);
        assert_eq!(problems(Some(&planned), &bare, today).len(), 2);
        let evidence = vec![Evidence {
            title: "Berita Acara".into(),
            file: None,
        }];
        let done = FollowUpAction {
            evidence: evidence.clone(),
            ..action(ActionStatus::Done, Some("2025-03-31"), Some("2025-04-10"))
        };
        assert!(problems(Some(&planned), &done, today).is_empty());
        // Completed tomorrow has not happened yet.
        assert_eq!(problems(Some(&planned), &done, date("2025-04-09")).len(), 1);
        // An action recorded done before, without date or evidence, is left as it is.
        assert!(problems(Some(&bare), &bare, today).is_empty());
        // A completion date on an action not done is refused, and so is an empty action.
        let undone = FollowUpAction {
            action: " ".into(),
            ..action(ActionStatus::InProgress, None, Some("2025-04-01"))
        };
        assert_eq!(problems(Some(&done), &undone, today).len(), 2);
    }

    #[test]
    fn a_recommendations_state_comes_from_its_actions() {
        let today = date("2025-04-01");
        assert_eq!(
            state(&recommendation(2025, vec![]), today),
            FollowUpState::Unplanned
        );
        let r = recommendation(
            2025,
            vec![
                action(ActionStatus::Done, Some("2025-03-01"), Some("2025-03-01")),
                action(ActionStatus::InProgress, Some("2025-04-01"), None),
            ],
        );
        assert_eq!(state(&r, today), FollowUpState::InProgress);
        assert_eq!(state(&r, date("2025-04-02")), FollowUpState::Overdue);
        let done = recommendation(
            2025,
            vec![action(
                ActionStatus::Done,
                Some("2025-03-01"),
                Some("2025-05-01"),
            )],
        );
        assert_eq!(state(&done, date("2025-06-01")), FollowUpState::Done);
    }

    #[test]
    fn the_report_carries_unfinished_recommendations_until_the_year_they_are_done() {
        let unplanned = recommendation(2024, vec![]);
        let open = recommendation(2024, vec![action(ActionStatus::InProgress, None, None)]);
        let done_2025 = recommendation(
            2024,
            vec![action(ActionStatus::Done, None, Some("2025-02-01"))],
        );
        let done_undated = recommendation(2024, vec![action(ActionStatus::Done, None, None)]);
        for r in [&unplanned, &open, &done_2025, &done_undated] {
            assert!(reported_in(r, 2024), "its own year");
            assert!(!reported_in(r, 2023), "not before it was made");
        }
        assert!(reported_in(&unplanned, 2026));
        assert!(reported_in(&open, 2025));
        assert!(reported_in(&done_2025, 2025));
        assert!(!reported_in(&done_2025, 2026));
        assert!(!reported_in(&done_undated, 2025));
    }

    #[test]
    fn counts_add_up_per_state_and_overdue_action() {
        let today = date("2025-04-01");
        let mut other_unit = recommendation(2025, vec![]);
        other_unit.unit = "lain".into();
        let all = vec![
            recommendation(2025, vec![]),
            recommendation(
                2025,
                vec![
                    action(ActionStatus::Planned, Some("2025-03-01"), None),
                    action(ActionStatus::Planned, Some("2025-03-02"), None),
                ],
            ),
            recommendation(
                2025,
                vec![FollowUpAction {
                    evidence: vec![Evidence {
                        title: "Berita Acara".into(),
                        file: None,
                    }],
                    ..action(ActionStatus::Done, None, Some("2025-02-01"))
                }],
            ),
            recommendation(2026, vec![]),
            other_unit,
        ];
        let c = counts(for_report(&all, "ngoro", 2025), today);
        assert_eq!(
            c,
            Counts {
                recommendations: 3,
                unplanned: 1,
                in_progress: 0,
                overdue: 1,
                done: 1,
                overdue_actions: 2,
            }
        );
        assert_eq!(overdue_actions(&all, today).len(), 2);
        assert_eq!(counts([], today), Counts::default());
    }

    #[test]
    fn form_codes_are_the_dataset_names() {
        for k in EvaluationKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
        }
        for s in ActionStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
        for c in crate::record::AkipComponent::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.code());
        }
    }
}
