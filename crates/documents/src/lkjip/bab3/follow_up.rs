//! The Matriks Tindak Lanjut closing BAB III.

use super::super::Report;
use crate::builder::Builder;
use crate::cells::*;
use crate::model::Align;
use kinerja_domain::follow_up;
use kinerja_domain::model::Section;

impl Report<'_> {
    /// The Matriks Tindak Lanjut from the stored recommendations: which ones the year reports, and how an action's
    /// status is worded, are the domain's (`follow_up`), as on the web page.
    pub(super) fn follow_up(&self, b: &mut Builder) {
        b.heading(2, Section::TindakLanjut.heading());
        b.narrative(Section::TindakLanjut);
        let mut rows = Vec::new();
        let recs = follow_up::for_report(
            &self.ctx.data.recommendations,
            &self.ctx.unit.code,
            self.ctx.year,
        );
        for (n, r) in recs.enumerate() {
            if r.actions.is_empty() {
                rows.push(row(vec![
                    count(n as u32 + 1),
                    text(r.text.clone()),
                    text("belum direncanakan"),
                    text(""),
                    text(""),
                    text(""),
                    text(""),
                    text(""),
                ]));
            }
            for (k, a) in r.actions.iter().enumerate() {
                let (no, rec) = if k == 0 {
                    (count(n as u32 + 1), text(r.text.clone()))
                } else {
                    (text(""), text(""))
                };
                let when = a
                    .due
                    .map(|d| d.indonesian())
                    .or_else(|| a.duration.clone())
                    .unwrap_or_default();
                let evidence: Vec<&str> = a.evidence.iter().map(|e| e.title.as_str()).collect();
                rows.push(row(vec![
                    no,
                    rec,
                    text(a.action.clone()),
                    text(a.target.clone().unwrap_or_default()),
                    text(when),
                    text(a.responsible.clone().unwrap_or_default()),
                    text(follow_up::status_text(a)),
                    text(evidence.join("; ")),
                ]));
            }
        }
        b.table(
            "Matriks Tindak Lanjut Hasil Evaluasi SAKIP",
            vec![
                column("No", Align::Center, 1),
                column("Rekomendasi", Align::Left, 5),
                column("Rencana Aksi Tindak Lanjut", Align::Left, 4),
                column("Target", Align::Left, 2),
                column("Waktu", Align::Left, 2),
                column("Penanggung Jawab", Align::Left, 3),
                column("Status", Align::Left, 2),
                column("Bukti", Align::Left, 2),
            ],
            rows,
            None,
        );
    }
}
