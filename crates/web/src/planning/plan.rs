//! Planning of a unit-year: the Renstra with its revisions, tujuan, sasaran, programs, kegiatan and sub kegiatan with
//! their indicators, targets (yearly and per TW) and pagu. Readers of the unit see it; its operators add
//! indicators, change every field of an indicator, set or remove its targets, and add pagu revisions. Every write
//! goes through the store's `Editing` (checked to belong to the unit, validated, versioned, audited).

use crate::access::{may_enter, Enter, Read};
use crate::http::failure::Failure;
use crate::http::format::{self, DASH};
use crate::http::guard::{Id, UnitYear};
use crate::http::layout;
use crate::http::session::Posted;
use crate::http::writes::{after_write, Notice};
use crate::unit;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use kinerja_domain::model::{
    Aggregation, Dataset, IndexKind, Indicator, Level, Pagu, Polarity, Target, TargetValue,
};
use kinerja_domain::number::{parse_printed_money, parse_typed};
use kinerja_domain::sentences::target_with_unit;
use kinerja_storage::{Edit, Editing, Keyed, Session};
use maud::{html, Markup};
use serde::Deserialize;

const PERIODS: [Option<u8>; 5] = [None, Some(1), Some(2), Some(3), Some(4)];

fn period_code(quarter: Option<u8>) -> String {
    quarter.map_or_else(|| "tahunan".into(), |q| q.to_string())
}

#[derive(Deserialize)]
pub(crate) struct Done {
    hasil: Option<String>,
}

fn done_message(code: &str) -> Option<Notice> {
    Some(Notice::Done(
        match code {
            "indikator" => "Indikator disimpan.",
            "target" => "Target disimpan.",
            "pagu" => "Pagu disimpan.",
            _ => return None,
        }
        .into(),
    ))
}

fn target_text(d: &Dataset, i: &Indicator, year: i32, quarter: Option<u8>) -> String {
    d.targets
        .iter()
        .find(|t| t.indicator == i.id && t.year == year && t.quarter == quarter)
        .map(|t| target_with_unit(t.value, &i.satuan, i.decimals))
        .unwrap_or_else(|| DASH.into())
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(done): Query<Done>,
) -> Result<Markup, Failure> {
    let data = unit::data(&state, &code).await?;
    let notice = done.hasil.as_deref().and_then(done_message);
    Ok(render(&data, &code, year, &session, notice.as_ref()))
}

fn render(
    d: &Dataset,
    code: &str,
    year: i32,
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let unit = d.unit(code).map(|u| u.name.as_str()).unwrap_or(code);
    let base = format!("/unit/{code}/{year}");
    let writer = may_enter(&session.user, code);
    let all_owners = unit::owners(d, code);
    let body = html! {
        h1 { "Perencanaan " (unit) " Tahun " (year) }
        p { a href=(base) { "← Kembali ke dasbor" } }
        (Notice::markup(notice))
        @for r in d.renstra.iter().filter(|r| r.unit == code) {
            h2 { "Renstra " (r.start_year) "–" (r.end_year) }
            @if let Some(t) = &r.title { p { (t) } }
            @if !r.revisions.is_empty() {
                table {
                    thead { tr { th { "Revisi" } th { "Tanggal" } th { "Dokumen" } th { "Catatan" } } }
                    tbody {
                        @for v in &r.revisions {
                            tr {
                                td { (v.number) }
                                td { (v.date.map(|x| x.indonesian()).unwrap_or_else(|| DASH.into())) }
                                td { (v.document.as_deref().unwrap_or(DASH)) }
                                td { (v.note.as_deref().unwrap_or(DASH)) }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Pohon kinerja, indikator, target " (year) " dan pagu" }
        table.plan {
            thead { tr {
                th { "Tingkat" } th { "Uraian / indikator" } th { "Satuan" }
                @for q in PERIODS { th.num { "Target " (format::period(q)) } }
                th.num { "Pagu " (year) }
            } }
            tbody {
                @for (level, id, name) in &all_owners {
                    tr.node {
                        td { (level.label()) }
                        td colspan="7" { strong { (name) } }
                        td.num { (pagu_text(d, id, year)) }
                    }
                    @for i in d.indicators.iter().filter(|i| &i.owner == id) {
                        tr {
                            td { "Indikator" }
                            td { a href={ (base) "/rencana/indikator/" (i.id) } { (i.name) } }
                            td { (i.satuan) }
                            @for q in PERIODS { td.num { (target_text(d, i, year, q)) } }
                            td {}
                        }
                    }
                }
            }
        }
        @if writer {
            (new_indicator_form(&base, &all_owners, session))
            (pagu_form(d, &base, year, &all_owners, session))
        }
    };
    layout::page("Perencanaan", session, body)
}

fn latest_pagu<'a>(d: &'a Dataset, node: &str, year: i32) -> Option<&'a Pagu> {
    d.pagu
        .iter()
        .filter(|p| p.node == node && p.year == year)
        .max_by_key(|p| p.revision)
}

fn pagu_text(d: &Dataset, node: &str, year: i32) -> String {
    match latest_pagu(d, node, year) {
        Some(p) => format!(
            "{} ({})",
            format::rupiah(Some(p.amount)),
            p.label
                .clone()
                .unwrap_or_else(|| format!("revisi {}", p.revision))
        ),
        None => DASH.into(),
    }
}

fn new_indicator_form(base: &str, owners: &[(Level, String, String)], session: &Session) -> Markup {
    html! {
        h2 { "Tambah indikator" }
        form.stacked method="post" action={ (base) "/rencana/indikator" } {
            input type="hidden" name="csrf" value=(session.csrf);
            label for="owner" { "Diukur pada" }
            select #owner name="owner" required {
                @for (level, id, name) in owners {
                    option value=(id) { (level.label()) ": " (name) }
                }
            }
            label for="new-id" { "Kode indikator (huruf kecil, angka, tanda -)" }
            input #new-id name="id" required pattern="[a-z0-9][a-z0-9-]*";
            label for="new-name" { "Nama indikator" }
            input #new-name name="name" required;
            label for="new-satuan" { "Satuan" }
            input #new-satuan name="satuan" required;
            button type="submit" { "Tambah" }
        }
    }
}

fn pagu_form(
    d: &Dataset,
    base: &str,
    year: i32,
    owners: &[(Level, String, String)],
    session: &Session,
) -> Markup {
    let budget_holders: Vec<_> = owners
        .iter()
        .filter(|(l, _, _)| matches!(l, Level::Program | Level::Kegiatan | Level::SubKegiatan))
        .collect();
    html! {
        h2 { "Pagu baru " (year) }
        p.hint { "Pagu tidak ditimpa: setiap perubahan (misalnya pagu perubahan/P-APBD) dicatat sebagai revisi baru, dan revisi tertinggi yang berlaku." }
        form.stacked method="post" action={ (base) "/rencana/pagu" } {
            input type="hidden" name="csrf" value=(session.csrf);
            label for="node" { "Program / kegiatan / sub kegiatan" }
            select #node name="node" required {
                @for (level, id, name) in &budget_holders {
                    option value=(id) {
                        (level.label()) ": " (name)
                        @if let Some(p) = latest_pagu(d, id, year) { " — kini " (format::rupiah(Some(p.amount))) }
                    }
                }
            }
            label for="label" { "Keterangan (misalnya murni, perubahan)" }
            input #label name="label";
            label for="amount" { "Jumlah (rupiah)" }
            input #amount name="amount" required inputmode="numeric";
            button type="submit" { "Simpan pagu" }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct NewIndicator {
    owner: String,
    id: String,
    name: String,
    satuan: String,
}

pub(crate) async fn create_indicator(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<NewIndicator>,
) -> Result<Response, Failure> {
    let data = unit::data(&state, &code).await?;
    let Some((level, _, _)) = unit::owners(&data, &code)
        .into_iter()
        .find(|(_, id, _)| *id == form.owner)
    else {
        return Err(Failure::Forbidden);
    };
    let id = form.id.trim();
    let refuse = |message: String| {
        (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            render(
                &data,
                &code,
                year,
                &session,
                Some(&Notice::Refused(message)),
            ),
        )
            .into_response()
    };
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Ok(refuse(format!(
            "Kode indikator '{id}' tidak sah: pakai huruf kecil, angka dan tanda -, misalnya iku-akip."
        )));
    }
    if form.name.trim().is_empty() || form.satuan.trim().is_empty() {
        return Ok(refuse("Nama dan satuan indikator wajib diisi.".into()));
    }
    let indicator = Indicator {
        id: id.to_string(),
        level,
        owner: form.owner.clone(),
        name: form.name.trim().to_string(),
        satuan: form.satuan.trim().to_string(),
        polarity: Polarity::default(),
        formula: None,
        data_source: None,
        responsible: None,
        aggregation: Aggregation::default(),
        decimals: 0,
        weight: None,
        end_target: None,
        index: None,
    };
    let edit = Edit {
        writer: session.user.writer(),
        unit: &code,
        key: None,
        expected_version: None,
    };
    let result = state
        .store
        .save_record(edit, &indicator, &session.user.username)
        .await;
    let location = format!("/unit/{code}/{year}/rencana/indikator/{id}?hasil=indikator");
    Ok(match after_write(result, &location)? {
        Ok(r) => r,
        Err(r) if r.status == axum::http::StatusCode::CONFLICT => refuse(format!(
            "Kode indikator '{id}' sudah dipakai; pilih kode lain."
        )),
        Err(r) => (
            r.status,
            render(
                &data,
                &code,
                year,
                &session,
                Some(&Notice::Refused(r.message)),
            ),
        )
            .into_response(),
    })
}

#[derive(Deserialize)]
pub(crate) struct NewPagu {
    node: String,
    #[serde(default)]
    label: String,
    amount: String,
}

pub(crate) async fn add_pagu(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<NewPagu>,
) -> Result<Response, Failure> {
    let data = unit::data(&state, &code).await?;
    let refuse = |status, message: String| {
        (
            status,
            render(
                &data,
                &code,
                year,
                &session,
                Some(&Notice::Refused(message)),
            ),
        )
            .into_response()
    };
    let Some(amount) = parse_printed_money(&form.amount)
        .map(|p| p.value)
        .filter(|v| !v.is_sign_negative())
    else {
        return Ok(refuse(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Jumlah pagu '{}' bukan jumlah rupiah; tulis misalnya 7195000 atau Rp 7.195.000.",
                form.amount.trim()
            ),
        ));
    };
    let revision = latest_pagu(&data, &form.node, year).map_or(0, |p| p.revision + 1);
    let label = form.label.trim();
    let pagu = Pagu {
        node: form.node.clone(),
        year,
        revision,
        label: (!label.is_empty()).then(|| label.to_string()),
        amount,
    };
    let edit = Edit {
        writer: session.user.writer(),
        unit: &code,
        key: None,
        expected_version: None,
    };
    let result = state
        .store
        .save_record(edit, &pagu, &session.user.username)
        .await;
    Ok(
        match after_write(result, &format!("/unit/{code}/{year}/rencana?hasil=pagu"))? {
            Ok(r) => r,
            Err(r) => refuse(r.status, r.message),
        },
    )
}

/// One indicator: every field, and its targets for the year.
pub(crate) async fn indicator_page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Path(Id { id }): Path<Id>,
    Query(done): Query<Done>,
) -> Result<Response, Failure> {
    let notice = done.hasil.as_deref().and_then(done_message);
    indicator_answer(
        &state,
        &code,
        year,
        &id,
        &session,
        notice,
        axum::http::StatusCode::OK,
    )
    .await
}

async fn indicator_answer(
    state: &AppState,
    code: &str,
    year: i32,
    id: &str,
    session: &Session,
    notice: Option<Notice>,
    status: axum::http::StatusCode,
) -> Result<Response, Failure> {
    let stored = state.store.records::<Indicator>(code, None).await?;
    let Some(indicator) = stored.into_iter().find(|k| k.record.value.id == id) else {
        return Err(Failure::NotFound(format!(
            "Indikator '{id}' tidak ada di unit ini."
        )));
    };
    let targets = state.store.records::<Target>(code, Some(year)).await?;
    let targets: Vec<Keyed<Target>> = targets
        .into_iter()
        .filter(|t| t.record.value.indicator == id)
        .collect();
    let data = unit::data(state, code).await?;
    Ok((
        status,
        render_indicator(
            &data,
            code,
            year,
            &indicator,
            &targets,
            session,
            notice.as_ref(),
        ),
    )
        .into_response())
}

fn render_indicator(
    d: &Dataset,
    code: &str,
    year: i32,
    k: &Keyed<Indicator>,
    targets: &[Keyed<Target>],
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let i = &k.record.value;
    let base = format!("/unit/{code}/{year}/rencana");
    let writer = may_enter(&session.user, code);
    let owner = unit::owners(d, code)
        .into_iter()
        .find(|(_, id, _)| *id == i.owner)
        .map(|(level, _, name)| format!("{}: {name}", level.label()))
        .unwrap_or_else(|| i.owner.clone());
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let typed = |t: Option<TargetValue>| t.map(format::typed_target).unwrap_or_default();
    let body = html! {
        h1 { (i.name) }
        p { a href=(base) { "← Kembali ke perencanaan" } }
        (Notice::markup(notice))
        p.meta { "Kode " (i.id) " · " (owner) " · versi " (k.record.version) ", diubah oleh " (k.record.updated_by) }
        form.stacked method="post" action={ (base) "/indikator/" (i.id) } {
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="version" value=(k.record.version);
            fieldset disabled[!writer] {
                label for="name" { "Nama indikator" }
                input #name name="name" value=(i.name) required;
                label for="satuan" { "Satuan" }
                input #satuan name="satuan" value=(i.satuan) required;
                label for="polarity" { "Polaritas" }
                select #polarity name="polarity" {
                    @for p in Polarity::ALL { option value=(p.code()) selected[p == i.polarity] { (p.label()) } }
                }
                label for="aggregation" { "Cara agregasi triwulan" }
                select #aggregation name="aggregation" {
                    @for a in Aggregation::ALL { option value=(a.code()) selected[a == i.aggregation] { (a.label()) } }
                }
                label for="formula" { "Formula / cara menghitung" }
                textarea #formula name="formula" rows="2" { (text(&i.formula)) }
                label for="data_source" { "Sumber data" }
                input #data_source name="data_source" value=(text(&i.data_source));
                label for="responsible" { "Penanggung jawab" }
                input #responsible name="responsible" value=(text(&i.responsible));
                label for="decimals" { "Jumlah desimal yang ditampilkan" }
                input #decimals name="decimals" value=(i.decimals) inputmode="numeric";
                label for="weight" { "Bobot (kosong = bobot sama)" }
                input #weight name="weight" value=(i.weight.map(|w| w.normalize().to_string().replace('.', ",")).unwrap_or_default()) inputmode="decimal";
                label for="end_target" { "Target akhir Renstra (angka atau rentang 70 – 90)" }
                input #end_target name="end_target" value=(typed(i.end_target));
                label for="index" { "Indeks yang dilaporkan" }
                select #index name="index" {
                    option value="" selected[i.index.is_none()] { "Tidak ada" }
                    @for x in IndexKind::ALL { option value=(x.code()) selected[Some(x) == i.index] { (x.label()) } }
                }
                @if writer { button type="submit" { "Simpan indikator" } }
            }
        }
        h2 { "Target " (year) }
        p.hint { "Angka dengan koma untuk desimal (80,5), atau rentang (70 – 90). Kosongkan lalu simpan untuk menghapus target." }
        div.cells {
            @for q in PERIODS {
                @let current = targets.iter().find(|t| t.record.value.quarter == q);
                form.cell method="post" action={ (base) "/target" } {
                    input type="hidden" name="csrf" value=(session.csrf);
                    input type="hidden" name="indicator" value=(i.id);
                    input type="hidden" name="period" value=(period_code(q));
                    input type="hidden" name="version" value=(current.map(|c| c.record.version.to_string()).unwrap_or_default());
                    label for={ "target-" (period_code(q)) } { (format::period(q)) }
                    input id={ "target-" (period_code(q)) } name="value" value=(typed(current.map(|c| c.record.value.value))) disabled[!writer];
                    @if writer { button type="submit" { "Simpan" } }
                }
            }
        }
    };
    layout::page(&i.name, session, body)
}

#[derive(Deserialize)]
pub(crate) struct IndicatorForm {
    version: i64,
    name: String,
    satuan: String,
    polarity: String,
    aggregation: String,
    #[serde(default)]
    formula: String,
    #[serde(default)]
    data_source: String,
    #[serde(default)]
    responsible: String,
    #[serde(default)]
    decimals: String,
    #[serde(default)]
    weight: String,
    #[serde(default)]
    end_target: String,
    #[serde(default)]
    index: String,
}

pub(crate) async fn update_indicator(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Path(Id { id }): Path<Id>,
    Posted { form, .. }: Posted<IndicatorForm>,
) -> Result<Response, Failure> {
    let stored = state.store.records::<Indicator>(&code, None).await?;
    let Some(current) = stored.into_iter().find(|k| k.record.value.id == id) else {
        return Err(Failure::NotFound(format!(
            "Indikator '{id}' tidak ada di unit ini."
        )));
    };
    let mut problems = Vec::new();
    let mut next = current.record.value.clone();
    next.name = form.name.trim().to_string();
    next.satuan = form.satuan.trim().to_string();
    if next.name.is_empty() || next.satuan.is_empty() {
        problems.push("Nama dan satuan indikator wajib diisi.".to_string());
    }
    match Polarity::ALL
        .into_iter()
        .find(|p| p.code() == form.polarity)
    {
        Some(p) => next.polarity = p,
        None => problems.push(format!("Polaritas '{}' tidak dikenal.", form.polarity)),
    }
    match Aggregation::ALL
        .into_iter()
        .find(|a| a.code() == form.aggregation)
    {
        Some(a) => next.aggregation = a,
        None => problems.push(format!(
            "Cara agregasi '{}' tidak dikenal.",
            form.aggregation
        )),
    }
    next.index = match form.index.as_str() {
        "" => None,
        code => {
            let found = IndexKind::ALL.into_iter().find(|x| x.code() == code);
            if found.is_none() {
                problems.push(format!("Indeks '{code}' tidak dikenal."));
            }
            found
        }
    };
    next.formula = format::optional(&form.formula);
    next.data_source = format::optional(&form.data_source);
    next.responsible = format::optional(&form.responsible);
    match form.decimals.trim() {
        "" => next.decimals = 0,
        typed => match typed.parse::<u32>() {
            Ok(n) if n <= 6 => next.decimals = n,
            _ => problems.push(format!(
                "Jumlah desimal '{typed}' harus bilangan bulat 0 sampai 6."
            )),
        },
    }
    next.weight = match format::optional(&form.weight) {
        None => None,
        Some(typed) => match parse_typed(&typed) {
            Ok(w) if w > kinerja_domain::Decimal::ZERO => Some(w),
            _ => {
                problems.push(format!(
                    "Bobot '{typed}' harus angka lebih dari 0, misalnya 1 atau 0,5."
                ));
                None
            }
        },
    };
    next.end_target = match format::optional(&form.end_target) {
        None => None,
        Some(typed) => {
            let t = TargetValue::parse_typed(&typed);
            if t.is_none() {
                problems.push(format!(
                    "Target akhir '{typed}' tidak sah; tulis misalnya 81, 80,5 atau 70 – 90."
                ));
            }
            t
        }
    };
    if !problems.is_empty() {
        let notice = Notice::Refused(problems.join(" "));
        return indicator_answer(
            &state,
            &code,
            year,
            &id,
            &session,
            Some(notice),
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let edit = Edit {
        writer: session.user.writer(),
        unit: &code,
        key: None,
        expected_version: Some(form.version),
    };
    let result = state
        .store
        .save_record(edit, &next, &session.user.username)
        .await;
    let location = format!("/unit/{code}/{year}/rencana/indikator/{id}?hasil=indikator");
    match after_write(result, &location)? {
        Ok(r) => Ok(r),
        Err(r) => {
            indicator_answer(
                &state,
                &code,
                year,
                &id,
                &session,
                Some(Notice::Refused(r.message)),
                r.status,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct TargetForm {
    indicator: String,
    period: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    value: String,
}

/// Sets a target of the year (or removes it when the value is emptied).
pub(crate) async fn save_target(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<TargetForm>,
) -> Result<Response, Failure> {
    let quarter = PERIODS
        .into_iter()
        .find(|q| period_code(*q) == form.period)
        .ok_or_else(|| Failure::BadRequest(format!("Periode '{}' tidak dikenal.", form.period)))?;
    let version = match form.version.trim() {
        "" => None,
        v => Some(
            v.parse::<i64>()
                .map_err(|_| Failure::BadRequest(format!("Versi '{v}' tidak sah.")))?,
        ),
    };
    let id = form.indicator.clone();
    // Only this unit's indicators: the unit in the address is the one the user was authorised for.
    let own = state.store.records::<Indicator>(&code, None).await?;
    if !own.iter().any(|k| k.record.value.id == id) {
        return Err(Failure::Forbidden);
    }
    let again = |status, message: String| {
        indicator_answer(
            &state,
            &code,
            year,
            &id,
            &session,
            Some(Notice::Refused(message)),
            status,
        )
    };
    let location = format!("/unit/{code}/{year}/rencana/indikator/{id}?hasil=target");
    let typed = form.value.trim();
    let result = match (typed, version) {
        ("", None) => return Ok(crate::http::session::see_other(&location)),
        ("", Some(v)) => {
            let key = format!(
                "{id}|{year}|{}",
                quarter.map(|q| q.to_string()).unwrap_or_default()
            );
            state
                .store
                .delete_record::<Target>(
                    session.user.writer(),
                    &code,
                    &key,
                    v,
                    &session.user.username,
                )
                .await
                .map(|_| ())
        }
        (typed, version) => {
            let Some(value) = TargetValue::parse_typed(typed) else {
                return again(
                    axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                    format!(
                        "Target {} '{typed}' tidak sah; tulis misalnya 81, 80,5 atau 70 – 90.",
                        format::period(quarter)
                    ),
                )
                .await;
            };
            let target = Target {
                indicator: id.clone(),
                year,
                quarter,
                value,
            };
            let edit = Edit {
                writer: session.user.writer(),
                unit: &code,
                key: None,
                expected_version: version,
            };
            state
                .store
                .save_record(edit, &target, &session.user.username)
                .await
                .map(|_| ())
        }
    };
    match after_write(result, &location)? {
        Ok(r) => Ok(r),
        Err(r) => again(r.status, r.message).await,
    }
}
