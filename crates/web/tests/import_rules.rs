//! The workbook import holds to the write rules of the forms (`kinerja_domain::write_rules`): for each kind of
//! record and each user, an upload that changes that kind is accepted exactly when the user may use both the import
//! and the form that makes the same change (the expectations are read from the authorisation matrix's `WRITES`);
//! a refused upload writes nothing and names the records. Then the attack of issue 15 by hand: an operator's
//! workbook raising the official AKIP and IPP, editing a recommendation, changing the locked PK and locking the
//! next one; an admin's workbook approving or locking a PK.

use axum::http::StatusCode;
use kinerja_domain::model::{
    Agreement, AgreementStatus, AkipComponent, AkipComponentScore, AkipSubComponent,
    CriterionGrade, Dataset, FollowUpAction, Grade, PatenEvaluation, PatenRequirement,
    Recommendation, TargetValue,
};
use kinerja_domain::Decimal;
use kinerja_storage::{Edit, Editing, Repository, Writer};

use crate::authorisation::WRITES;
use crate::common::http::{send, sign_in, upload, Answer};
use crate::common::{site, Site, USERS};

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const IMPORT: &str = "/unit/{code}/{year}/impor";

/// Who of [`USERS`] may use a write route of the matrix; `field` tells apart two rows of one route.
fn form_may(route: &str, field: Option<(&str, &str)>) -> [bool; 6] {
    WRITES
        .iter()
        .find(|w| w.route == route && field.is_none_or(|f| w.fields.contains(&f)))
        .unwrap_or_else(|| panic!("no row for {route} in the authorisation matrix"))
        .may
}

/// The PK of ngoro 2024 the case starts from, besides the reference's locked version 1.
#[derive(Clone, Copy)]
enum Pk {
    Reference,
    DraftV2,
    ApprovedV2,
}

/// One kind of change: the form that makes it on the web, and the change itself, made different for each user
/// (`i`, their place in [`USERS`]) so that each accepted upload changes something.
struct Case {
    what: &'static str,
    form: (&'static str, Option<(&'static str, &'static str)>),
    pk: Pk,
    /// How the refusal names the record.
    names: &'static str,
    change: fn(&mut Dataset, usize),
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn ngoro_2024<T>(all: &mut [T], of: impl Fn(&T) -> bool) -> &mut T {
    all.iter_mut()
        .find(|x| of(x))
        .expect("a record of ngoro 2024")
}

fn v1(d: &Dataset) -> Agreement {
    d.agreements
        .iter()
        .find(|a| a.unit == "ngoro" && a.year == 2024 && a.version == 1)
        .unwrap()
        .clone()
}

fn v2(d: &mut Dataset) -> &mut Agreement {
    ngoro_2024(&mut d.agreements, |a| {
        a.unit == "ngoro" && a.year == 2024 && a.version == 2
    })
}

/// The LKE criterion 4.c.1 of ngoro 2024, added when missing.
fn criterion(d: &mut Dataset) -> &mut CriterionGrade {
    let e = ngoro_2024(&mut d.akip, |e| e.unit == "ngoro" && e.year == 2024);
    if !e
        .components
        .iter()
        .any(|c| c.component == AkipComponent::Evaluasi)
    {
        e.components.push(AkipComponentScore {
            component: AkipComponent::Evaluasi,
            lke: None,
            field: None,
            criteria: Vec::new(),
        });
    }
    let c = e
        .components
        .iter_mut()
        .find(|c| c.component == AkipComponent::Evaluasi)
        .unwrap();
    if !c.criteria.iter().any(|k| k.criterion == "4.c.1") {
        c.criteria.push(CriterionGrade {
            sub: AkipSubComponent::Pemanfaatan,
            criterion: "4.c.1".into(),
            grade: None,
            self_grade: None,
            evidence: Vec::new(),
            self_comment: None,
            comment: None,
        });
    }
    c.criteria
        .iter_mut()
        .find(|k| k.criterion == "4.c.1")
        .unwrap()
}

/// The PATEN evaluation of ngoro 2024, added when missing.
fn paten(d: &mut Dataset) -> &mut PatenEvaluation {
    if !d.paten.iter().any(|e| e.unit == "ngoro" && e.year == 2024) {
        d.paten.push(PatenEvaluation {
            unit: "ngoro".into(),
            year: 2024,
            score: None,
            date: None,
            source: None,
            requirements: Vec::new(),
        });
    }
    ngoro_2024(&mut d.paten, |e| e.unit == "ngoro" && e.year == 2024)
}

fn recommendation(d: &mut Dataset) -> &mut Recommendation {
    ngoro_2024(&mut d.recommendations, |r| r.id == "rek-2024-1")
}

const CASES: &[Case] = &[
    Case {
        what: "realisasi",
        form: ("/unit/{code}/{year}/realisasi", None),
        pk: Pk::Reference,
        names: "Realisasi 'ip-paten|2024|'",
        change: |d, i| {
            ngoro_2024(&mut d.realisations, |r| {
                r.indicator == "ip-paten" && r.year == 2024 && r.quarter.is_none()
            })
            .value = Decimal::from(90 + i);
        },
    },
    Case {
        what: "target",
        form: ("/unit/{code}/{year}/rencana/target", None),
        pk: Pk::Reference,
        names: "Target 'iku-akip|2024|'",
        change: |d, i| {
            ngoro_2024(&mut d.targets, |t| {
                t.indicator == "iku-akip" && t.year == 2024 && t.quarter.is_none()
            })
            .value = TargetValue::parse_typed(&format!("{}", 60 + i)).unwrap();
        },
    },
    Case {
        what: "indikator",
        form: ("/unit/{code}/{year}/rencana/indikator/{id}", None),
        pk: Pk::Reference,
        names: "Indikator 'iku-akip'",
        change: |d, i| {
            ngoro_2024(&mut d.indicators, |x| x.id == "iku-akip")
                .name
                .push_str(&format!(" {i}"));
        },
    },
    Case {
        what: "pagu",
        form: ("/unit/{code}/{year}/rencana/pagu", None),
        pk: Pk::Reference,
        names: "Pagu",
        change: |d, i| {
            let ngoro: Vec<String> = d
                .program
                .iter()
                .filter(|p| p.unit == "ngoro")
                .map(|p| p.id.clone())
                .collect();
            ngoro_2024(&mut d.pagu, |p| p.year == 2024 && ngoro.contains(&p.node)).amount +=
                Decimal::from(1 + i);
        },
    },
    Case {
        what: "narasi",
        form: ("/unit/{code}/{year}/narasi/simpan", None),
        pk: Pk::Reference,
        names: "Narasi",
        change: |d, i| {
            ngoro_2024(&mut d.narratives, |n| n.unit == "ngoro" && n.year == 2024)
                .text
                .push_str(&format!(" Tambahan {i}."));
        },
    },
    Case {
        what: "rekomendasi baru",
        form: ("/unit/{code}/{year}/rekomendasi", None),
        pk: Pk::Reference,
        names: "Rekomendasi 'rek-uji-",
        change: |d, i| {
            d.recommendations.push(Recommendation {
                id: format!("rek-uji-{i}"),
                unit: "ngoro".into(),
                year: 2024,
                evaluation: None,
                source: None,
                component: None,
                text: format!("Rekomendasi uji {i}."),
                actions: Vec::new(),
            });
        },
    },
    Case {
        what: "rencana aksi tindak lanjut",
        form: ("/unit/{code}/{year}/rekomendasi/aksi", None),
        pk: Pk::Reference,
        names: "Rekomendasi 'rek-2024-1'",
        change: |d, i| {
            recommendation(d).actions.push(FollowUpAction {
                action: format!("Aksi uji {i}"),
                target: None,
                duration: None,
                due: None,
                responsible: None,
                status: Default::default(),
                completed: None,
                evidence: Vec::new(),
            });
        },
    },
    Case {
        what: "penilaian mandiri LKE",
        form: ("/unit/{code}/{year}/lke", Some(("pihak", "mandiri"))),
        pk: Pk::Reference,
        names: "Evaluasi AKIP (LKE) 'ngoro|2024'",
        change: |d, i| criterion(d).self_grade = Some(Grade::ALL[i]),
    },
    Case {
        what: "nilai evaluator LKE",
        form: ("/unit/{code}/{year}/lke", Some(("pihak", "evaluator"))),
        pk: Pk::Reference,
        names: "Evaluasi AKIP (LKE) 'ngoro|2024'",
        change: |d, i| criterion(d).grade = Some(Grade::ALL[i]),
    },
    Case {
        what: "nilai AKIP resmi (LHE)",
        form: ("/unit/{code}/{year}/lke/lhe", None),
        pk: Pk::Reference,
        names: "Evaluasi AKIP (LKE) 'ngoro|2024'",
        change: |d, i| {
            ngoro_2024(&mut d.akip, |e| e.unit == "ngoro" && e.year == 2024).official =
                Some(dec("99.99") - Decimal::from(i));
        },
    },
    Case {
        what: "nilai IPP resmi",
        form: ("/unit/{code}/{year}/ipp", None),
        pk: Pk::Reference,
        names: "Evaluasi IPP 'ngoro|2024'",
        change: |d, i| {
            ngoro_2024(&mut d.ipp, |e| e.unit == "ngoro" && e.year == 2024).official =
                Some(dec("4.99") - Decimal::from(i) / Decimal::ONE_HUNDRED);
        },
    },
    Case {
        what: "nilai PATEN",
        form: ("/unit/{code}/{year}/paten", None),
        pk: Pk::Reference,
        names: "Evaluasi PATEN 'ngoro|2024'",
        change: |d, i| paten(d).score = Some(Decimal::from(90 + i)),
    },
    Case {
        what: "persyaratan PATEN",
        form: ("/unit/{code}/{year}/paten/persyaratan", None),
        pk: Pk::Reference,
        names: "Evaluasi PATEN 'ngoro|2024'",
        change: |d, i| {
            paten(d).requirements.push(PatenRequirement {
                text: format!("Persyaratan uji {i}"),
                fulfilled: true,
                evidence: Vec::new(),
                note: None,
            });
        },
    },
    Case {
        what: "isi draf PK",
        form: ("/unit/{code}/{year}/pk/ubah", None),
        pk: Pk::DraftV2,
        names: "PK 'ngoro|2024|2'",
        change: |d, i| v2(d).place = Some(format!("Tempat {i}")),
    },
    Case {
        what: "PK versi baru",
        form: ("/unit/{code}/{year}/pk/versi-baru", None),
        pk: Pk::Reference,
        names: "PK 'ngoro|2024|2'",
        change: |d, i| {
            let next = v1(d)
                .revise(1, &format!("Pergeseran anggaran {i}"))
                .unwrap();
            d.agreements
                .retain(|a| !(a.unit == "ngoro" && a.year == 2024 && a.version == 2));
            d.agreements.push(next);
        },
    },
    Case {
        what: "persetujuan PK",
        form: ("/unit/{code}/{year}/pk/setujui", None),
        pk: Pk::DraftV2,
        names: "PK 'ngoro|2024|2'",
        change: |d, _| v2(d).status = AgreementStatus::Approved,
    },
    Case {
        what: "pengembalian PK",
        form: ("/unit/{code}/{year}/pk/kembalikan", None),
        pk: Pk::ApprovedV2,
        names: "PK 'ngoro|2024|2'",
        change: |d, _| v2(d).status = AgreementStatus::Draft,
    },
    Case {
        what: "penguncian PK",
        form: ("/unit/{code}/{year}/pk/kunci", None),
        pk: Pk::ApprovedV2,
        names: "PK 'ngoro|2024|2'",
        change: |d, _| v2(d).status = AgreementStatus::Locked,
    },
];

/// A site whose ngoro 2024 PK is as `pk` says.
async fn site_with_pk(pk: Pk) -> Site {
    let s = site().await;
    let data = s.store.load_unit("ngoro").await.unwrap();
    let next = v1(&data).revise(1, "Pergeseran anggaran").unwrap();
    match pk {
        Pk::Reference => {}
        Pk::DraftV2 => {
            let edit = Edit {
                writer: Writer::Installation,
                unit: "ngoro",
                key: None,
                expected_version: None,
            };
            s.store.save_record(edit, &next, "uji").await.unwrap();
        }
        // Approved outside the application, loaded by the installation.
        Pk::ApprovedV2 => {
            let approved = Dataset {
                agreements: vec![next.approve().unwrap()],
                ..Dataset::default()
            };
            s.store.import(&approved, "uji", &|_, _| {}).await.unwrap();
        }
    }
    s
}

/// Uploads `data` as a workbook to ngoro's import, as `user`.
async fn upload_as(s: &Site, user: &str, data: &Dataset) -> Answer {
    let b = sign_in(&s.app, user).await;
    let workbook = kinerja_interchange::write_workbook(data).unwrap();
    let fields = [("csrf", b.csrf.as_str())];
    let request = upload(
        "/unit/ngoro/2024/impor",
        &b.cookie,
        &fields,
        ("data.xlsx", XLSX_TYPE, &workbook),
    );
    send(&s.app, request).await
}

#[tokio::test]
async fn each_kind_is_imported_by_whom_its_form_takes() {
    let import = form_may(IMPORT, None);
    for case in CASES {
        let s = site_with_pk(case.pk).await;
        let form = form_may(case.form.0, case.form.1);
        for (i, (user, ..)) in USERS.iter().enumerate() {
            let before = s.store.load_unit("ngoro").await.unwrap();
            let mut changed = before.clone();
            (case.change)(&mut changed, i);
            assert_ne!(changed, before, "{}: {user} changes nothing", case.what);
            let answer = upload_as(&s, user, &changed).await;
            let after = s.store.load_unit("ngoro").await.unwrap();
            let what = format!("{} by {user}: {}", case.what, answer.body);
            if import[i] && form[i] {
                assert_eq!(answer.status, StatusCode::OK, "{what}");
                assert!(answer.body.contains("Impor selesai"), "{what}");
                assert_ne!(after, before, "{what}");
            } else {
                assert_eq!(answer.status, StatusCode::FORBIDDEN, "{what}");
                assert_eq!(after, before, "{what}");
                if import[i] {
                    assert!(answer.body.contains("Impor ditolak"), "{what}");
                    assert!(answer.body.contains(case.names), "{what}");
                }
            }
        }
    }
}

#[tokio::test]
async fn the_attack_of_an_operators_workbook_is_refused_whole() {
    let s = site_with_pk(Pk::DraftV2).await;
    let before = s.store.load_unit("ngoro").await.unwrap();
    let mut attack = before.clone();
    ngoro_2024(&mut attack.akip, |e| e.unit == "ngoro" && e.year == 2024).official =
        Some(dec("99.99"));
    ngoro_2024(&mut attack.ipp, |e| e.unit == "ngoro" && e.year == 2024).official =
        Some(dec("4.99"));
    recommendation(&mut attack).text = "Tidak perlu ditindaklanjuti.".into();
    let locked = ngoro_2024(&mut attack.agreements, |a| {
        a.unit == "ngoro" && a.year == 2024 && a.version == 1
    });
    locked.targets[0].target = TargetValue::parse_typed("1").unwrap();
    v2(&mut attack).status = AgreementStatus::Locked;
    // A realisation the operator may change rides along: it is not written either.
    ngoro_2024(&mut attack.realisations, |r| {
        r.indicator == "ip-paten" && r.year == 2024 && r.quarter.is_none()
    })
    .value = dec("96.5");

    let answer = upload_as(&s, "op-ngoro", &attack).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    for named in [
        "Evaluasi AKIP (LKE) &#39;ngoro|2024&#39;: nilai resmi AKIP",
        "Evaluasi IPP &#39;ngoro|2024&#39;: nilai IPP",
        "Rekomendasi &#39;rek-2024-1&#39;: rekomendasi evaluator",
        "PK &#39;ngoro|2024|1&#39;: PK versi 1 sudah dikunci",
        "PK &#39;ngoro|2024|2&#39;: PK versi 2 tidak dapat berubah dari draf menjadi dikunci",
    ] {
        let named = named.replace("&#39;", "'");
        assert!(
            answer.body.contains(&named) || answer.body.contains(&named.replace('\'', "&#39;")),
            "{named} not in {}",
            answer.body
        );
    }
    assert!(!answer.body.contains("Realisasi"), "{}", answer.body);
    assert_eq!(s.store.load_unit("ngoro").await.unwrap(), before);

    // The admin may set the evaluation, not change the locked PK nor lock one: refused whole too.
    let answer = upload_as(&s, "admin", &attack).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(
        answer.body.contains("PK versi 1 sudah dikunci"),
        "{}",
        answer.body
    );
    assert!(!answer.body.contains("nilai resmi AKIP"), "{}", answer.body);
    assert_eq!(s.store.load_unit("ngoro").await.unwrap(), before);
}

#[tokio::test]
async fn an_admins_workbook_neither_approves_nor_locks_a_pk() {
    let s = site_with_pk(Pk::DraftV2).await;
    let before = s.store.load_unit("ngoro").await.unwrap();
    let mut approved = before.clone();
    v2(&mut approved).status = AgreementStatus::Approved;
    let answer = upload_as(&s, "admin", &approved).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(
        answer
            .body
            .contains("persetujuan: hanya pimpinan unit ngoro"),
        "{}",
        answer.body
    );
    assert_eq!(s.store.load_unit("ngoro").await.unwrap(), before);

    // A PK added already locked is the installation's to load, not an upload's.
    let s = site().await;
    let before = s.store.load_unit("ngoro").await.unwrap();
    let mut added = before.clone();
    let mut locked = v1(&before)
        .revise(1, "Pergeseran anggaran")
        .unwrap()
        .approve()
        .unwrap()
        .lock()
        .unwrap();
    locked.place = Some("Ngoro".into());
    added.agreements.push(locked);
    let answer = upload_as(&s, "admin", &added).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert_eq!(s.store.load_unit("ngoro").await.unwrap(), before);
}

#[tokio::test]
async fn a_locked_pk_is_unchanged_by_any_import() {
    let s = site().await;
    let before = s.store.load_unit("ngoro").await.unwrap();
    let mut changed = before.clone();
    ngoro_2024(&mut changed.agreements, |a| {
        a.unit == "ngoro" && a.year == 2024 && a.version == 1
    })
    .targets[0]
        .target = TargetValue::parse_typed("1").unwrap();
    for (user, ..) in USERS {
        let answer = upload_as(&s, user, &changed).await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{user}: {}",
            answer.body
        );
    }
    // The command line's import too (the installation).
    assert!(s.store.import(&changed, "uji", &|_, _| {}).await.is_err());
    assert_eq!(s.store.load_unit("ngoro").await.unwrap(), before);
}
