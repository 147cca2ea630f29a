//! `kinerja admin create`, `admin token`, `admin revoke` and `kinerja serve`: accounts (never a default one), API
//! tokens, and the web application.

use crate::source::open_store;
use kinerja_storage::{timestamp, Accounts, NewUser, Role, Store, MIN_PASSWORD_CHARS};
use kinerja_web::{Limit, Settings, SurveySettings};
use std::io::IsTerminal;
use std::time::Duration;

const PASSWORD_VAR: &str = "KINERJA_ADMIN_PASSWORD";

/// The new user's password: from `KINERJA_ADMIN_PASSWORD`, else typed twice on a terminal.
fn new_password() -> Result<String, String> {
    if let Ok(p) = std::env::var(PASSWORD_VAR) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "kata sandi tidak diberikan: isi variabel lingkungan {PASSWORD_VAR} atau jalankan di terminal"
        ));
    }
    let first = rpassword::prompt_password(format!(
        "Kata sandi (sekurang-kurangnya {MIN_PASSWORD_CHARS} karakter): "
    ))
    .map_err(|e| format!("kata sandi tidak dapat dibaca: {e}"))?;
    let second = rpassword::prompt_password("Ulangi kata sandi: ")
        .map_err(|e| format!("kata sandi tidak dapat dibaca: {e}"))?;
    if first != second {
        return Err("kedua kata sandi tidak sama; tidak ada yang disimpan".into());
    }
    Ok(first)
}

#[derive(clap::Args)]
pub struct AdminCreate {
    #[arg(long, env = "KINERJA_DATABASE_URL")]
    db: String,
    /// Buat berkas SQLite bila belum ada.
    #[arg(long)]
    create: bool,
    #[arg(long)]
    username: String,
    /// Nama yang ditampilkan (bawaan: nama pengguna).
    #[arg(long)]
    name: Option<String>,
    /// admin_pemda, operator, pimpinan, evaluator atau read_only.
    #[arg(long, value_parser = <Role as std::str::FromStr>::from_str)]
    role: Role,
    /// Unit yang ditangani (boleh berulang); wajib untuk operator dan pimpinan.
    #[arg(long = "unit")]
    units: Vec<String>,
}

pub async fn admin_create(a: AdminCreate) -> Result<(), String> {
    let password = new_password()?;
    let store = open_store(&a.db, a.create).await?;
    let user = NewUser {
        display_name: a.name.unwrap_or_else(|| a.username.clone()),
        username: a.username,
        role: a.role,
        units: a.units,
    };
    let made = store
        .create_user(&user, &password, &crate::default_actor())
        .await
        .map_err(|e| e.to_string());
    store.close().await;
    let made = made?;
    println!(
        "Pengguna '{}' dibuat: {}{}.",
        made.username,
        made.role.label(),
        if made.units.is_empty() {
            String::new()
        } else {
            format!(", unit {}", made.units.join(", "))
        }
    );
    Ok(())
}

#[derive(clap::Args)]
pub struct AdminToken {
    #[arg(long, env = "KINERJA_DATABASE_URL")]
    db: String,
    /// Pengguna pemilik token: token berhak persis seperti pengguna ini.
    #[arg(long)]
    user: String,
    /// Nama token, misalnya sistem yang memakainya.
    #[arg(long)]
    name: String,
    /// Masa berlaku dalam hari; tanpa --days token berlaku sampai dicabut.
    #[arg(long)]
    days: Option<u32>,
}

/// Makes an API token and prints it, the only time it is ever shown.
pub async fn admin_token(a: AdminToken) -> Result<(), String> {
    let store = open_store(&a.db, false).await?;
    let made = store
        .create_api_token(&a.user, &a.name, a.days, &crate::default_actor())
        .await
        .map_err(|e| e.to_string());
    store.close().await;
    let made = made?;
    let until = made
        .info
        .expires_at
        .map_or_else(|| "dicabut".to_string(), timestamp);
    println!(
        "Token API '{}' untuk '{}' dibuat (kode {}, berlaku sampai {until}).",
        made.info.name, made.info.username, made.info.id
    );
    println!("Simpan sekarang; token ini tidak disimpan dan tidak dapat ditampilkan lagi:");
    println!("{}", made.token);
    println!("Kirim pada setiap permintaan ke /api/v1 sebagai header:");
    println!("Authorization: Bearer {}", made.token);
    println!("Cabut dengan: kinerja admin revoke --id {}", made.info.id);
    Ok(())
}

#[derive(clap::Args)]
pub struct AdminRevoke {
    #[arg(long, env = "KINERJA_DATABASE_URL")]
    db: String,
    /// Kode token (16 digit heksadesimal), seperti dicetak saat dibuat dan di halaman Akun.
    #[arg(long)]
    id: String,
}

pub async fn admin_revoke(a: AdminRevoke) -> Result<(), String> {
    let store = open_store(&a.db, false).await?;
    let revoked = store
        .revoke_api_token(&a.id, &crate::default_actor())
        .await
        .map_err(|e| e.to_string());
    store.close().await;
    if revoked? {
        println!("Token {} dicabut.", a.id);
        Ok(())
    } else {
        Err(format!("token dengan kode '{}' tidak ditemukan", a.id))
    }
}

/// Serves a store until the process is stopped, after saying where.
pub async fn serve_store(store: Store, listen: &str, settings: Settings) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("{listen}: tidak dapat mendengarkan: {e}"))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("{listen}: {e}"))?;
    println!("kinerja berjalan di http://{address}/ (hentikan dengan Ctrl+C)");
    kinerja_web::serve(listener, store, settings)
        .await
        .map_err(|e| format!("server berhenti: {e}"))
}

/// The options of `kinerja serve`; the survey's limits default to those of `SurveySettings`.
#[derive(clap::Args)]
pub struct Serve {
    #[arg(long, env = "KINERJA_DATABASE_URL")]
    db: String,
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Server diakses lewat HTTPS (langsung atau di belakang proksi): kuki diberi Secure, respons HSTS.
    #[arg(long, env = "KINERJA_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Di belakang proksi balik: alamat klien (untuk batas percobaan masuk dan batas survei) diambil dari alamat
    /// terakhir X-Forwarded-For. Hanya bila proksi itu mengisinya; tanpa proksi, klien dapat memalsukan alamatnya.
    #[arg(long, env = "KINERJA_TRUST_PROXY")]
    trust_proxy: bool,
    /// Alamat server bagi warga (misalnya https://kinerja.example.go.id), dicetak pada kode QR survei; tanpa ini,
    /// alamat yang dibuka petugas.
    #[arg(long, env = "KINERJA_PUBLIC_URL")]
    public_url: Option<String>,
    /// Pembukaan formulir survei per menit dari satu alamat klien, untuk semua layanan bersama (bawaan 60).
    #[arg(long, env = "KINERJA_SURVEY_FORM_LIMIT")]
    survey_form_limit: Option<u32>,
    /// Jawaban survei per menit dari satu alamat klien, untuk semua layanan bersama (bawaan 20).
    #[arg(long, env = "KINERJA_SURVEY_CLIENT_LIMIT")]
    survey_client_limit: Option<u32>,
    /// Jawaban survei per menit untuk satu layanan, dari semua alamat (bawaan 120).
    #[arg(long, env = "KINERJA_SURVEY_SERVICE_LIMIT")]
    survey_service_limit: Option<u32>,
    /// Jawaban yang sama dari klien yang sama untuk layanan yang sama dalam sekian detik dicatat sekali; 0 mematikan
    /// pemeriksaan ini (bawaan 600).
    #[arg(long, env = "KINERJA_SURVEY_DUPLICATE_SECONDS")]
    survey_duplicate_seconds: Option<u64>,
}

pub async fn serve(a: Serve) -> Result<(), String> {
    let survey = SurveySettings::default();
    let settings = Settings {
        secure_cookies: a.secure_cookies,
        trust_proxy: a.trust_proxy,
        public_url: a.public_url,
        survey: SurveySettings {
            form_limit: a
                .survey_form_limit
                .map_or(survey.form_limit, Limit::per_minute),
            client_limit: a
                .survey_client_limit
                .map_or(survey.client_limit, Limit::per_minute),
            service_limit: a
                .survey_service_limit
                .map_or(survey.service_limit, Limit::per_minute),
            duplicate_window: a
                .survey_duplicate_seconds
                .map_or(survey.duplicate_window, Duration::from_secs),
        },
        ..Settings::default()
    };
    let store = open_store(&a.db, false).await?;
    serve_store(store, &a.listen, settings).await
}
