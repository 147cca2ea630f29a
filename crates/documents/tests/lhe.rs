//! The Laporan Hasil Evaluasi of the reference read back: the PDF through pdftotext, the DOCX's XML.

use crate::kept;
use kinerja_documents::model::Document;
use kinerja_domain::model::{Dataset, EvaluationKind, Grade};
use kinerja_test_support::reference;

fn pdf_text(doc: &Document) -> String {
    kinerja_test_support::pdf_text(&kept(
        "lhe-ngoro-2024.pdf",
        kinerja_documents::pdf::render(doc).unwrap(),
    ))
}

fn docx_text(doc: &Document) -> String {
    kinerja_test_support::docx_text(&kinerja_documents::docx::render(doc).unwrap())
}

/// The reference with one criterion graded and commented by the evaluator, and one LHE recommendation; the
/// graded criterion of Evaluasi scores that component from then on: 25 × 20% × 100% = 5,00.
fn graded_reference() -> Dataset {
    let mut data = reference().clone();
    let e = data
        .akip
        .iter_mut()
        .find(|e| e.unit == "ngoro" && e.year == 2024)
        .unwrap();
    let evaluasi = e
        .components
        .iter_mut()
        .find(|c| c.component == kinerja_domain::model::AkipComponent::Evaluasi)
        .unwrap();
    evaluasi
        .criteria
        .push(kinerja_domain::model::CriterionGrade {
            sub: kinerja_domain::model::AkipSubComponent::Keberadaan,
            criterion: "4.a.1".into(),
            grade: Some(Grade::Y),
            self_grade: None,
            evidence: vec![],
            self_comment: None,
            comment: Some("Pedoman evaluasi internal tersedia".into()),
        });
    data.recommendations
        .retain(|r| !(r.unit == "ngoro" && r.year == 2024));
    data.recommendations
        .push(kinerja_domain::model::Recommendation {
            id: "rek-uji".into(),
            unit: "ngoro".into(),
            year: 2024,
            evaluation: Some(EvaluationKind::LheAkip),
            source: None,
            component: None,
            text: "Menyusun kertas kerja pengukuran kinerja setiap triwulan".into(),
            actions: vec![],
        });
    data
}

#[test]
fn the_reference_lhe_reads_80_15_and_predicate_a() {
    let doc = kinerja_documents::laporan_hasil_evaluasi(reference(), "ngoro", 2024).unwrap();
    for text in [pdf_text(&doc), docx_text(&doc)] {
        assert!(text.contains("LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA TAHUN 2024"));
        assert!(text.contains("X.700/564/415.15/2024"), "{text}");
        assert!(text.contains("16 Agustus 2024"));
        // Perencanaan: 0,8 × 26,41 + 0,2 × 16,65 = 24,458 of 30 = 81,53%.
        assert!(
            text.contains("Perencanaan Kinerja 30 26,41 16,65 24,46 81,53%"),
            "{text}"
        );
        assert!(text.contains("Evaluasi Akuntabilitas Kinerja Internal 25 20,16 - 20,16 80,64%"));
        assert!(text.contains("Jumlah 100 80,15"));
        assert!(text.contains(
            "Nilai AKIP Kecamatan Ngoro tahun 2024 adalah 80,15 dengan predikat A (Memuaskan)."
        ));
        assert!(text.contains("0,8 × nilai LKE + 0,2 × nilai evaluasi lapangan"));
        assert!(text.contains("Kriteria Perencanaan Kinerja"));
        // The official 80,15 agrees: no note on a difference.
        assert!(!text.contains("berbeda dengan jumlah"));
    }
}

#[test]
fn graded_criteria_their_comments_and_the_recommendations_are_printed() {
    let doc =
        kinerja_documents::laporan_hasil_evaluasi(&graded_reference(), "ngoro", 2024).unwrap();
    let text = docx_text(&doc);
    assert!(
        text.contains("4.a.1 Terdapat pedoman evaluasi akuntabilitas kinerja internal Y Pedoman evaluasi internal tersedia"),
        "{text}"
    );
    // 24,458 + 21,746 + 13,786 + 5 = 64,99: predicate B, and the announced 80,15 is noted as differing.
    assert!(text.contains("Evaluasi Akuntabilitas Kinerja Internal 25 5,00 - 5,00 20,00%"));
    assert!(
        text.contains("adalah 64,99 dengan predikat B (Baik)."),
        "{text}"
    );
    assert!(text.contains(
        "Nilai resmi yang diumumkan dalam LHE 80,15, berbeda dengan jumlah nilai komponen 64,99."
    ));
    assert!(text.contains("Menyusun kertas kerja pengukuran kinerja setiap triwulan"));
}
