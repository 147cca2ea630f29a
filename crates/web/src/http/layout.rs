//! The frame of every page: header with the signed-in user and the way out, the main content, the stylesheet.

use crate::access::{manages_users, reads_all, sees_audit};
use kinerja_storage::Session;
use maud::{html, Markup, DOCTYPE};

fn shell(title: &str, header: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="id" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · kinerja" }
                link rel="stylesheet" href="/aset/kinerja.css";
            }
            body {
                header.top {
                    a.brand href="/" { "kinerja" }
                    span.tagline { "SAKIP — perencanaan, pengukuran dan pelaporan kinerja" }
                    (header)
                }
                main { (body) }
            }
        }
    }
}

/// A page for a signed-in user.
pub(crate) fn page(title: &str, session: &Session, body: Markup) -> Markup {
    let user = &session.user;
    let nav = html! {
        nav {
            // Home is the pemda roll-up for who reads every unit, else the user's unit dashboard.
            a href="/" { @if reads_all(user) { "Ikhtisar pemda" } @else { "Dasbor unit" } }
            @if sees_audit(user) {
                a href="/audit" { "Log audit" }
            }
            @if manages_users(user) {
                a href="/pengguna" { "Pengguna" }
            }
            a.user href="/akun" title="Akun saya: kata sandi dan token API" {
                (user.display_name) " · " (user.role.label())
            }
            form.inline method="post" action="/keluar" {
                input type="hidden" name="csrf" value=(session.csrf);
                button type="submit" { "Keluar" }
            }
        }
    };
    shell(title, nav, body)
}

/// A page without a session (sign-in, errors).
pub(crate) fn public(title: &str, body: Markup) -> Markup {
    shell(title, html! {}, body)
}

/// A short page that says one thing.
pub(crate) fn message(title: &str, text: &str) -> Markup {
    public(
        title,
        html! {
            h1 { (title) }
            p { (text) }
            p { a href="/" { "Kembali ke halaman utama" } }
        },
    )
}

/// The date and source fields of an evaluator's score (IPP, PATEN), named `tanggal` and `sumber`.
pub(crate) fn date_and_source(
    id: &str,
    date_label: &str,
    date: Option<kinerja_domain::date::Date>,
    source: Option<&str>,
) -> Markup {
    html! {
        label for={ (id) "-tanggal" } { (date_label) }
        input id={ (id) "-tanggal" } name="tanggal" type="date" value=(date.map(|d| d.to_string()).unwrap_or_default());
        label for={ (id) "-sumber" } { "Sumber (dokumen atau tim penilai)" }
        input id={ (id) "-sumber" } name="sumber" value=(source.unwrap_or_default());
    }
}

/// The form that sends one file to be imported, with the session's form token.
pub(crate) fn upload_form(session: &Session, action: &str, label: &str, accept: &str) -> Markup {
    html! {
        form.stacked method="post" action=(action) enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(session.csrf);
            label for="berkas" { (label) }
            input #berkas name="berkas" type="file" accept=(accept) required;
            button type="submit" { "Unggah dan impor" }
        }
    }
}
