//! Golden figures: what the reference LKjIP (Kecamatan Ngoro 2024) prints correctly, reproduced from the
//! reference dataset in `data/ngoro`. Display rounding is checked the way the report shows it.

use kinerja_domain::measure::{measure, Measurement};
use kinerja_domain::model::{Element, Level};
use kinerja_domain::number::{format_decimal, format_percent, format_rupiah};
use kinerja_domain::Decimal;
use kinerja_test_support::reference;
use std::sync::OnceLock;

fn ngoro() -> &'static Measurement {
    static M: OnceLock<Measurement> = OnceLock::new();
    M.get_or_init(|| measure(reference(), "ngoro", 2024).expect("ngoro measures"))
}

/// The whole measurement as `kinerja measure --format json` prints it: every figure, not only those checked below.
#[test]
fn measurement_json_is_unchanged() {
    insta::assert_snapshot!(
        "measurement_json",
        serde_json::to_string_pretty(ngoro()).unwrap()
    );
}

fn show(v: Option<Decimal>, dp: u32) -> String {
    format_decimal(v.expect("a value"), dp)
}

fn iku(id: &str) -> &'static kinerja_domain::measure::IndicatorResult {
    &ngoro()
        .iku
        .rows
        .iter()
        .find(|r| r.indicator.id == id)
        .expect("IKU row")
        .indicator
}

#[test]
fn iku_capaian_and_average() {
    assert_eq!(show(iku("iku-akip").capaian, 2), "98,95");
    assert_eq!(show(iku("iku-akip").capaian, 1), "99,0");
    assert_eq!(show(iku("iku-ikpp").capaian, 2), "103,89");
    assert_eq!(show(iku("iku-ikpp").capaian, 1), "103,9");
    let avg = &ngoro().iku.average;
    assert_eq!(show(avg.value, 2), "101,42");
    assert_eq!(show(avg.value, 1), "101,4");
    assert_eq!(show(avg.capped_at_100, 2), "99,48");
    assert_eq!(
        iku("iku-akip").predicate.as_ref().unwrap().label,
        "Baik (Berhasil)"
    );
    assert_eq!(
        iku("iku-ikpp").predicate.as_ref().unwrap().label,
        "Istimewa (Sangat Berhasil)"
    );
    assert_eq!(
        (ngoro().iku.exceeded, ngoro().iku.met, ngoro().iku.not_met),
        (1, 0, 1)
    );
}

#[test]
fn akip_components_total_and_predicate() {
    let akip = ngoro().akip.as_ref().unwrap();
    let scores: Vec<String> = akip
        .components
        .iter()
        .map(|c| c.score.normalize().to_string())
        .collect();
    assert_eq!(scores, ["24.458", "21.746", "13.786", "20.16"]);
    assert_eq!(format_decimal(akip.total, 2), "80,15");
    let p = akip.predicate.as_ref().unwrap();
    assert_eq!((p.code.as_str(), p.label.as_str()), ("A", "Memuaskan"));
    assert_eq!(akip.difference, Some(Decimal::ZERO));
}

#[test]
fn ikm_per_service_per_element_and_unit() {
    let ikm = ngoro().ikm.as_ref().unwrap();
    let services: Vec<String> = ikm.services.iter().map(|s| show(s.ikm, 2)).collect();
    assert_eq!(
        services,
        ["93,79", "97,49", "97,27", "97,05", "98,29", "99,13"]
    );
    assert_eq!(show(ikm.mean_of_services, 2), "97,17");
    assert_eq!(show(ikm.pooled, 2), "95,24");
    assert_eq!(show(ikm.unit_value, 2), "97,17");
    let element = |e: Element| {
        show(
            ikm.elements.iter().find(|x| x.element == e).unwrap().mean,
            2,
        )
    };
    assert_eq!(element(Element::U1), "96,92");
    assert_eq!(element(Element::U2), "96,87");
    assert_eq!(element(Element::U3), "96,11");
    assert_eq!(element(Element::U4), "99,03");
    assert_eq!(element(Element::U5), "96,41");
    assert_eq!(element(Element::U6), "96,49");
    assert_eq!(element(Element::U7), "97,90");
    assert_eq!(element(Element::U8), "97,23");
    assert_eq!(element(Element::U9), "97,58");
    assert_eq!((ikm.male, ikm.female, ikm.respondents), (432, 438, 870));
    assert_eq!(ikm.mutu.as_ref().unwrap().code, "A");
}

#[test]
fn ipp_and_ikpp() {
    let ipp = ngoro().ipp.as_ref().unwrap();
    let aspects: Vec<String> = ipp
        .aspects
        .iter()
        .map(|a| format_decimal(a.weighted, 2))
        .collect();
    assert_eq!(aspects, ["0,71", "0,85", "0,65", "0,37", "0,33", "0,36"]);
    assert_eq!(show(ipp.official, 2), "3,68");
    assert_eq!(show(ipp.computed, 2), "3,26");
    let ikpp = ngoro().ikpp.as_ref().unwrap();
    assert_eq!(format_decimal(ikpp.ikm, 2), "97,17");
    assert_eq!(format_decimal(ikpp.ipp, 2), "3,68");
    assert_eq!(format_decimal(ikpp.value, 2), "8,54");
    let band = ikpp.band.as_ref().unwrap();
    assert_eq!(
        (band.code.as_str(), band.label.as_str()),
        ("A", "Sangat Berkualitas")
    );
}

#[test]
fn paten_capaian_and_program_average() {
    let paten = ngoro()
        .activities
        .iter()
        .flat_map(|a| a.indicators.iter())
        .find(|i| i.id == "ip-paten")
        .unwrap();
    assert_eq!(show(paten.capaian, 2), "97,70");
    assert_eq!(show(ngoro().program_average.value, 2), "99,67");
    assert_eq!(ngoro().program_average.count, 7);
}

#[test]
fn tingkat_kemajuan() {
    let p = &ngoro().progress;
    let row = |rows: &[kinerja_domain::measure::ProgressRow], id: &str| {
        show(
            rows.iter()
                .find(|r| r.indicator == id)
                .unwrap()
                .tingkat_kemajuan,
            2,
        )
    };
    assert_eq!(row(&p.iku, "iku-akip"), "102,76");
    assert_eq!(row(&p.iku, "iku-ikpp"), "101,30");
    assert_eq!(show(p.iku_average.value, 2), "102,03");
    assert_eq!(row(&p.programs, "ip-paten"), "110,50");
}

#[test]
fn history_changes() {
    let h = &ngoro().history;
    let akip = h.iku.iter().find(|r| r.indicator == "iku-akip").unwrap();
    assert_eq!(show(akip.changes[0], 2), "5,18");
    assert_eq!(show(akip.changes[1], 2), "-0,59");
    let paten = h
        .programs
        .iter()
        .find(|r| r.indicator == "ip-paten")
        .unwrap();
    assert_eq!(show(paten.changes[0], 2), "10,02");
    assert_eq!(show(paten.changes[1], 2), "-2,15");
}

#[test]
fn budget_totals() {
    let b = &ngoro().budget;
    assert_eq!(format_rupiah(b.total.pagu.unwrap()), "Rp 3.063.438.646");
    assert_eq!(format_rupiah(b.total.spending.unwrap()), "Rp 2.936.629.428");
    assert_eq!(format_percent(b.total.serapan.unwrap(), 2), "95,86%");
    assert_eq!(format_rupiah(b.total.silpa.unwrap()), "Rp 126.809.218");
    let penunjang = b
        .by_program
        .iter()
        .find(|p| p.program == "p-penunjang")
        .unwrap();
    assert_eq!(show(penunjang.money.serapan, 2), "95,59");
    let shares: Vec<String> = b.by_sasaran.iter().map(|s| show(s.share, 2)).collect();
    assert_eq!(shares, ["93,94", "6,06"]);
    let s2 = b.by_sasaran.iter().find(|s| s.sasaran == "s2").unwrap();
    assert_eq!(format_rupiah(s2.money.pagu.unwrap()), "Rp 185.650.000");
    // The reference's own sub kegiatan rows of Administrasi Umum add up to more than its printed total.
    let umum = b.tree.iter().find(|r| r.id == "k-umum").unwrap();
    assert_eq!(umum.money.spending, Some(Decimal::from(71_636_200)));
    assert_eq!(umum.parts_spending, Some(Decimal::from(74_101_968)));
    assert_eq!(
        (b.counts.programs, b.counts.kegiatan, b.counts.sub_kegiatan),
        (6, 11, 24)
    );
    assert!(b
        .tree
        .iter()
        .any(|r| r.level == Level::SubKegiatan && r.id == "sk-gaji"));
}

#[test]
fn sdm_and_sarpras_efficiency() {
    let e = &ngoro().efficiency;
    let ikpp = e.sdm_iku.iter().find(|r| r.subject == "iku-ikpp").unwrap();
    assert_eq!(show(ikpp.input_percent, 2), "36,36");
    assert_eq!(show(ikpp.efficiency, 2), "67,54");
    assert!(ikpp.target_met);
    assert_eq!(show(e.sdm_iku_total.input_percent, 1), "32,5");
    let paten = e
        .sdm_programs
        .iter()
        .find(|r| r.subject == "p-pelayanan")
        .unwrap();
    assert_eq!(show(paten.efficiency, 2), "69,13");
    assert!(!paten.target_met);
    let s = &e.sarpras;
    assert_eq!((s.available, s.need, s.items.len()), (198, 305, 69));
    assert_eq!(show(s.ketersediaan, 2), "64,92");
    assert_eq!(show(s.ketersediaan, 0), "65");
    let budget = e
        .budget_iku
        .iter()
        .find(|r| r.subject == "iku-ikpp")
        .unwrap();
    assert_eq!(show(budget.efficiency, 1), "3,9");
}
