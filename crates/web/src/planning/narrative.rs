//! The unit's own texts of its LKjIP (narasi): every report section in report order, titled as the LKjIP prints
//! it, with its texts — first those about the section as a whole, then those about one indicator, program or
//! sasaran, grouped by it. Readers of the unit see them; its writers add, change and remove them. Every change
//! carries the version it was read at: when someone else changed the text in between, the page comes back with
//! their text and the one typed, and nothing is lost.

use crate::access::{may_enter, Enter, Read};
use crate::http::failure::Failure;
use crate::http::format;
use crate::http::guard::UnitYear;
use crate::http::layout;
use crate::http::session::Posted;
use crate::http::writes::after_write;
use crate::unit;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_domain::model::{Dataset, Level, Narrative, Section};
use kinerja_domain::number::format_decimal;
use kinerja_storage::{Edit, Editing, Keyed, Session};
use maud::{html, Markup};
use serde::Deserialize;

/// The longest text, in characters: several printed pages, and a bound on what one form stores.
const MAX_TEXT_CHARS: usize = 20_000;
const MAX_TITLE_CHARS: usize = 200;

/// A section as forms and addresses name it: its name in the data (`kata_pengantar`).
fn section_code(section: Section) -> String {
    serde_json::to_value(section)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn section_of(code: &str) -> Option<Section> {
    Section::ALL.into_iter().find(|s| section_code(*s) == code)
}

/// A section as the page names it: the heading it is printed under, and which part of it it is.
fn section_title(section: Section) -> String {
    match section.part() {
        Some(part) => format!("{} — {part}", section.heading()),
        None => section.heading().to_string(),
    }
}

/// What a text may be about, in plan order, with how the page names it: the unit's sasaran, programs, kegiatan and
/// sub kegiatan, each followed by its indicators (what the validator accepts as a subject).
fn subjects(d: &Dataset, code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (level, id, name) in unit::owners(d, code) {
        if level != Level::Tujuan {
            out.push((id.clone(), format!("{}: {name}", level.label())));
        }
        for i in d.indicators.iter().filter(|i| i.owner == id) {
            out.push((i.id.clone(), format!("Indikator: {}", i.name)));
        }
    }
    out
}

/// A text's form as posted, and as shown again when it was not saved.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct Typed {
    /// The stored text changed or removed; empty for a new one.
    #[serde(default)]
    key: String,
    /// The version the text was read at.
    #[serde(default)]
    version: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
}

impl Typed {
    fn of(k: &Keyed<Narrative>) -> Typed {
        let n = &k.record.value;
        Typed {
            key: k.key.clone(),
            version: k.record.version.to_string(),
            section: section_code(n.section),
            subject: n.subject.clone().unwrap_or_default(),
            title: n.title.clone().unwrap_or_default(),
            text: n.text.clone(),
        }
    }

    fn new(section: Section) -> Typed {
        Typed {
            section: section_code(section),
            ..Typed::default()
        }
    }

    fn section(&self) -> Result<Section, Failure> {
        section_of(&self.section)
            .ok_or_else(|| Failure::BadRequest(format!("Bagian '{}' tidak dikenal.", self.section)))
    }

    fn version(&self) -> Result<i64, Failure> {
        self.version
            .trim()
            .parse()
            .map_err(|_| Failure::BadRequest(format!("Versi '{}' tidak sah.", self.version)))
    }
}

/// What the page says, and where.
enum Notice {
    Done {
        section: Section,
        message: &'static str,
    },
    /// Nothing was written: why, in the form of the text `key` (the section's new text when `None`), showing
    /// what was typed instead of what is stored.
    Refused {
        section: Section,
        key: Option<String>,
        message: String,
        typed: Option<Typed>,
    },
}

#[derive(Deserialize)]
pub(crate) struct Shown {
    hasil: Option<String>,
    bagian: Option<String>,
}

fn done_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "ditambah" => "Teks ditambahkan.",
        "disimpan" => "Perubahan teks disimpan.",
        "dihapus" => "Teks dihapus.",
        _ => return None,
    })
}

/// Back to the section, saying what was done (post-redirect-get).
fn done_at(code: &str, year: i32, section: Section, done: &str) -> String {
    let s = section_code(section);
    format!("/unit/{code}/{year}/narasi?hasil={done}&bagian={s}#bagian-{s}")
}

async fn texts(state: &AppState, code: &str, year: i32) -> Result<Vec<Keyed<Narrative>>, Failure> {
    Ok(state.store.records::<Narrative>(code, Some(year)).await?)
}

pub(crate) async fn page(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Read>,
    Query(shown): Query<Shown>,
) -> Result<Markup, Failure> {
    let data = unit::data(&state, &code).await?;
    let texts = texts(&state, &code, year).await?;
    let notice = match (
        shown.hasil.as_deref().and_then(done_message),
        shown.bagian.as_deref().and_then(section_of),
    ) {
        (Some(message), Some(section)) => Some(Notice::Done { section, message }),
        _ => None,
    };
    Ok(render(
        &data,
        &code,
        year,
        &texts,
        &session,
        notice.as_ref(),
    ))
}

/// The page again with why nothing was written, read afresh so that it shows what is stored now.
async fn refuse(
    state: &AppState,
    code: &str,
    year: i32,
    session: &Session,
    status: StatusCode,
    notice: impl FnOnce(&[Keyed<Narrative>]) -> Notice,
) -> Result<Response, Failure> {
    let data = unit::data(state, code).await?;
    let texts = texts(state, code, year).await?;
    let notice = notice(&texts);
    Ok((
        status,
        render(&data, code, year, &texts, session, Some(&notice)),
    )
        .into_response())
}

/// The notice for a form read at a version no longer stored. A text changed since is shown as it is now, with
/// what was typed and the version moved on, so that saving again is deliberate; what was typed for a text removed
/// since goes to the section's new text.
fn stale(texts: &[Keyed<Narrative>], section: Section, typed: Typed, saving: bool) -> Notice {
    match texts.iter().find(|k| k.key == typed.key) {
        Some(k) => {
            let changed = format!(
                "Teks ini sudah diubah oleh {} pada {} (versi {}) sejak halaman ini dibuka.",
                k.record.updated_by,
                format::stamp(&k.record.updated_at),
                k.record.version
            );
            Notice::Refused {
                section: k.record.value.section,
                key: Some(k.key.clone()),
                message: if saving {
                    format!(
                        "{changed} Isian Anda belum disimpan dan masih ada di bawah; teks yang tersimpan sekarang \
                         tercantum di atasnya. Periksa, lalu simpan lagi bila isian Anda yang benar."
                    )
                } else {
                    format!("{changed} Teks belum dihapus; periksa isinya, lalu hapus lagi bila memang tidak diperlukan.")
                },
                typed: saving.then(|| Typed {
                    version: k.record.version.to_string(),
                    ..typed
                }),
            }
        }
        None => Notice::Refused {
            section,
            key: None,
            message: if saving {
                "Teks ini sudah dihapus pengguna lain sejak halaman ini dibuka. Isian Anda belum disimpan dan \
                 dipindahkan ke isian teks baru bagian ini; tambahkan bila masih diperlukan."
            } else {
                "Teks ini sudah dihapus pengguna lain."
            }
            .into(),
            typed: saving.then(|| Typed {
                key: String::new(),
                version: String::new(),
                ..typed
            }),
        },
    }
}

/// Adds a text to a section (`key` empty) or changes one.
pub(crate) async fn save(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<Typed>,
) -> Result<Response, Failure> {
    let posted_section = form.section()?;
    let current = match form.key.as_str() {
        "" => None,
        // Only a text of this unit-year can be changed through its address.
        key => match texts(&state, &code, year)
            .await?
            .into_iter()
            .find(|k| k.key == key)
        {
            Some(k) => Some(k),
            None => {
                let notice = |t: &[_]| stale(t, posted_section, form.clone(), true);
                return refuse(&state, &code, year, &session, StatusCode::CONFLICT, notice).await;
            }
        },
    };
    let section = current
        .as_ref()
        .map_or(posted_section, |k| k.record.value.section);
    let expected = current.as_ref().map(|_| form.version()).transpose()?;
    // Browsers send a textarea's lines ended by CRLF; the document reads paragraphs from blank lines.
    let text = form.text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    let title = form.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let problem = if text.is_empty() {
        Some("Teks kosong. Tulis teksnya, atau hapus teks ini bila tidak diperlukan.".to_string())
    } else if text.chars().count() > MAX_TEXT_CHARS {
        Some(format!(
            "Teks terlalu panjang: {} karakter, paling banyak {}. Pecah menjadi beberapa teks.",
            thousands(text.chars().count()),
            thousands(MAX_TEXT_CHARS)
        ))
    } else if title.chars().count() > MAX_TITLE_CHARS {
        Some(format!(
            "Judul terlalu panjang: paling banyak {MAX_TITLE_CHARS} karakter."
        ))
    } else {
        None
    };
    let refused_here = |message: String| {
        let key = current.as_ref().map(|k| k.key.clone());
        let typed = Some(form.clone());
        move |_: &[Keyed<Narrative>]| Notice::Refused {
            section,
            key,
            message,
            typed,
        }
    };
    if let Some(message) = problem {
        let notice = refused_here(message);
        return refuse(
            &state,
            &code,
            year,
            &session,
            StatusCode::UNPROCESSABLE_ENTITY,
            notice,
        )
        .await;
    }
    let narrative = Narrative {
        unit: code.clone(),
        year,
        section,
        subject: Some(form.subject.trim().to_string()).filter(|s| !s.is_empty()),
        title: Some(title).filter(|t| !t.is_empty()),
        text: text.to_string(),
    };
    let edit = Edit {
        writer: session.user.writer(),
        unit: &code,
        key: current.as_ref().map(|k| k.key.as_str()),
        expected_version: expected,
    };
    let result = state
        .store
        .save_record(edit, &narrative, &session.user.username)
        .await;
    let done = if current.is_some() {
        "disimpan"
    } else {
        "ditambah"
    };
    match after_write(result, &done_at(&code, year, section, done))? {
        Ok(redirect) => Ok(redirect),
        Err(r) if current.is_some() && is_stale(r.status) => {
            let notice = |t: &[_]| stale(t, section, form.clone(), true);
            refuse(&state, &code, year, &session, StatusCode::CONFLICT, notice).await
        }
        Err(r) => {
            refuse(
                &state,
                &code,
                year,
                &session,
                r.status,
                refused_here(r.message),
            )
            .await
        }
    }
}

/// A refusal that means the text is no longer as it was read: changed (conflict) or removed.
fn is_stale(status: StatusCode) -> bool {
    matches!(status, StatusCode::CONFLICT | StatusCode::NOT_FOUND)
}

/// Removes a text, read at its version.
pub(crate) async fn delete(
    State(state): State<AppState>,
    UnitYear(code, year, session, ..): UnitYear<Enter>,
    Posted { form, .. }: Posted<Typed>,
) -> Result<Response, Failure> {
    let version = form.version()?;
    let posted_section = form.section()?;
    let Some(current) = texts(&state, &code, year)
        .await?
        .into_iter()
        .find(|k| k.key == form.key)
    else {
        let notice = |t: &[_]| stale(t, posted_section, form.clone(), false);
        return refuse(&state, &code, year, &session, StatusCode::CONFLICT, notice).await;
    };
    let section = current.record.value.section;
    let result = state
        .store
        .delete_record::<Narrative>(
            session.user.writer(),
            &code,
            &current.key,
            version,
            &session.user.username,
        )
        .await;
    match after_write(result, &done_at(&code, year, section, "dihapus"))? {
        Ok(redirect) => Ok(redirect),
        Err(r) if is_stale(r.status) => {
            let notice = |t: &[_]| stale(t, section, form.clone(), false);
            refuse(&state, &code, year, &session, StatusCode::CONFLICT, notice).await
        }
        Err(r) => {
            let notice = |_: &[_]| Notice::Refused {
                section,
                key: Some(current.key.clone()),
                message: r.message,
                typed: None,
            };
            refuse(&state, &code, year, &session, r.status, notice).await
        }
    }
}

/// 20000 as the page writes it: 20.000.
fn thousands(n: usize) -> String {
    format_decimal(n.into(), 0)
}

/// What every part of the page needs.
struct View<'a> {
    base: String,
    subjects: Vec<(String, String)>,
    session: &'a Session,
    writer: bool,
    notice: Option<&'a Notice>,
}

fn render(
    d: &Dataset,
    code: &str,
    year: i32,
    texts: &[Keyed<Narrative>],
    session: &Session,
    notice: Option<&Notice>,
) -> Markup {
    let unit = d.unit(code).map(|u| u.name.as_str()).unwrap_or(code);
    let view = View {
        base: format!("/unit/{code}/{year}/narasi"),
        subjects: subjects(d, code),
        session,
        writer: may_enter(&session.user, code),
        notice,
    };
    let count = |s: Section| texts.iter().filter(|k| k.record.value.section == s).count();
    let body = html! {
        h1 { "Narasi LKjIP " (unit) " Tahun " (year) }
        p { a href={ "/unit/" (code) "/" (year) } { "← Kembali ke dasbor" } }
        p.hint {
            "Teks unit sendiri untuk setiap bagian LKjIP, dicetak di dokumen menurut urutan di bawah. Tulis teks biasa: "
            "paragraf dipisahkan baris kosong; butir daftar diawali \"- \" atau \"1. \". Paling banyak "
            (thousands(MAX_TEXT_CHARS)) " karakter per teks."
        }
        nav.sections aria-label="Bagian LKjIP" {
            ol {
                @for s in Section::ALL {
                    li { a href={ "#bagian-" (section_code(s)) } { (section_title(s)) } " (" (count(s)) ")" }
                }
            }
        }
        @for s in Section::ALL {
            (view.section(s, texts))
        }
    };
    layout::page("Narasi LKjIP", session, body)
}

impl View<'_> {
    /// Why a form of the section was refused: the text's (`Some` key) or the new text's, with what was typed.
    fn refusal(&self, section: Section) -> Option<(Option<&str>, &str, Option<&Typed>)> {
        match self.notice {
            Some(Notice::Refused {
                section: s,
                key,
                message,
                typed,
            }) if *s == section => Some((key.as_deref(), message.as_str(), typed.as_ref())),
            _ => None,
        }
    }

    fn subject_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.subjects
            .iter()
            .find(|(s, _)| s == id)
            .map_or(id, |(_, name)| name.as_str())
    }

    fn section(&self, section: Section, texts: &[Keyed<Narrative>]) -> Markup {
        let mine: Vec<(usize, &Keyed<Narrative>)> = texts
            .iter()
            .enumerate()
            .filter(|(_, k)| k.record.value.section == section)
            .collect();
        let mut about: Vec<&str> = Vec::new();
        for (_, k) in &mine {
            if let Some(s) = k.record.value.subject.as_deref() {
                if !about.contains(&s) {
                    about.push(s);
                }
            }
        }
        let about_none = mine
            .iter()
            .filter(|(_, k)| k.record.value.subject.is_none());
        let done = match self.notice {
            Some(Notice::Done {
                section: s,
                message,
            }) if *s == section => Some(*message),
            _ => None,
        };
        html! {
            section.narrative id={ "bagian-" (section_code(section)) } {
                h2 { (section_title(section)) }
                @if let Some(m) = done { p.ok role="status" { (m) } }
                @if mine.is_empty() { p.hint { "Belum ada teks." } }
                @for (i, k) in about_none { (self.text(*i, k)) }
                @for s in &about {
                    h3 { "Tentang " (self.subject_name(s)) }
                    @for (i, k) in mine.iter().filter(|(_, k)| k.record.value.subject.as_deref() == Some(*s)) {
                        (self.text(*i, k))
                    }
                }
                @if self.writer { (self.add_form(section)) }
            }
        }
    }

    /// One stored text: as it reads, or as a form for a writer.
    fn text(&self, i: usize, k: &Keyed<Narrative>) -> Markup {
        let n = &k.record.value;
        let id = format!("teks-{i}");
        let stamp = html! {
            p.meta {
                "Versi " (k.record.version) " · diubah oleh " (k.record.updated_by) ", "
                (format::stamp(&k.record.updated_at))
            }
        };
        let stored = html! {
            @if let Some(t) = &n.title { h4 { (t) } }
            div.prose { (n.text) }
        };
        if !self.writer {
            return html! { article.text #(id) { (stored) (stamp) } };
        }
        let refused = self
            .refusal(n.section)
            .filter(|(key, _, _)| *key == Some(k.key.as_str()));
        let typed = refused
            .and_then(|(_, _, typed)| typed.cloned())
            .unwrap_or_else(|| Typed::of(k));
        html! {
            article.text #(id) {
                @if let Some((_, message, shown_typed)) = refused {
                    p.alert role="alert" { (message) }
                    @if shown_typed.is_some() {
                        div.current { strong { "Tersimpan sekarang:" } (stored) }
                    }
                }
                form.stacked method="post" action={ (self.base) "/simpan" } {
                    (self.hidden(&typed.key, &typed.version, &typed.section))
                    (self.fields(&id, &typed, false))
                    button type="submit" { "Simpan perubahan" }
                }
                form.inline method="post" action={ (self.base) "/hapus" } {
                    (self.hidden(&k.key, &k.record.version.to_string(), &section_code(n.section)))
                    button type="submit" { "Hapus teks ini" }
                }
                (stamp)
            }
        }
    }

    /// The form of a new text of the section, open with what was typed when it was not saved.
    fn add_form(&self, section: Section) -> Markup {
        let code = section_code(section);
        let refused = self.refusal(section).filter(|(key, _, _)| key.is_none());
        let typed = refused
            .and_then(|(_, _, typed)| typed.cloned())
            .unwrap_or_else(|| Typed::new(section));
        let id = format!("baru-{code}");
        html! {
            details.add open[refused.is_some()] {
                summary { "Tambah teks di bagian ini" }
                @if let Some((_, message, _)) = refused { p.alert role="alert" { (message) } }
                form.stacked method="post" action={ (self.base) "/simpan" } {
                    (self.hidden("", "", &code))
                    (self.fields(&id, &typed, true))
                    button type="submit" { "Tambah teks" }
                }
            }
        }
    }

    fn hidden(&self, key: &str, version: &str, section: &str) -> Markup {
        html! {
            input type="hidden" name="csrf" value=(self.session.csrf);
            input type="hidden" name="key" value=(key);
            input type="hidden" name="version" value=(version);
            input type="hidden" name="section" value=(section);
        }
    }

    /// The fields of a text. What a new text is about is chosen from the plan; a stored text keeps its subject
    /// (it is shown under it), so that the page does not repeat the whole plan for every text.
    fn fields(&self, id: &str, typed: &Typed, choose_subject: bool) -> Markup {
        let known =
            typed.subject.is_empty() || self.subjects.iter().any(|(s, _)| *s == typed.subject);
        html! {
            label for={ (id) "-judul" } { "Judul (boleh kosong)" }
            input id={ (id) "-judul" } name="title" maxlength=(MAX_TITLE_CHARS) value=(typed.title);
            @if choose_subject {
                label for={ (id) "-tentang" } { "Tentang (boleh kosong)" }
                select id={ (id) "-tentang" } name="subject" {
                    option value="" { "— bagian ini secara umum —" }
                    @for (s, name) in &self.subjects {
                        option value=(s) selected[*s == typed.subject] { (name) }
                    }
                    // What was typed stays chosen when it is not in the plan, so that nothing typed is lost.
                    @if !known { option value=(typed.subject) selected { (typed.subject) } }
                }
            } @else {
                input type="hidden" name="subject" value=(typed.subject);
            }
            label for={ (id) "-teks" } { "Teks" }
            textarea id={ (id) "-teks" } name="text" rows="8" required maxlength=(MAX_TEXT_CHARS) { (typed.text) }
        }
    }
}
