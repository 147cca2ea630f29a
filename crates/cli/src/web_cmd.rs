//! `kinerja admin create`, `admin token`, `admin revoke` and `kinerja serve`: accounts (never a default one), API
//! tokens, and the web application.

use crate::source::open_store;
use kinerja_storage::{timestamp, Accounts, NewUser, Role, Store, MIN_PASSWORD_CHARS};
use kinerja_web::{ConnectionLimits, Limit, Settings, SurveySettings, MAX_REFUSING};
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
    kinerja_web::serve(listener, store, settings).await;
    Ok(())
}

/// How long clients may take and how many may be connected (`kinerja serve`); the defaults are those of
/// `ConnectionLimits`.
#[derive(clap::Args, Default)]
pub struct ConnectionFlags {
    /// Detik bagi klien untuk mengirim seluruh kepala permintaan sejak bita pertamanya (bawaan 10); lewat dari itu
    /// koneksi ditutup.
    #[arg(long, env = "KINERJA_HEADER_TIMEOUT", value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout: Option<u64>,
    /// Detik bagi klien untuk mengirim seluruh isi permintaan (misalnya berkas unggahan) sejak kepalanya selesai
    /// (bawaan 120); lewat dari itu dijawab 408 dan koneksi ditutup.
    #[arg(long, env = "KINERJA_BODY_TIMEOUT", value_parser = clap::value_parser!(u64).range(1..))]
    body_timeout: Option<u64>,
    /// Detik sebuah koneksi boleh menunggu tanpa permintaan, sejak dibuka atau sejak jawaban terakhirnya (bawaan
    /// 15).
    #[arg(long, env = "KINERJA_IDLE_TIMEOUT", value_parser = clap::value_parser!(u64).range(1..))]
    idle_timeout: Option<u64>,
    /// Koneksi yang dilayani sekaligus (bawaan 4096, atau kurang bila batas berkas terbuka proses lebih kecil);
    /// koneksi berikutnya dijawab 503 dan ditutup.
    #[arg(long, env = "KINERJA_MAX_CONNECTIONS", value_parser = clap::value_parser!(u64).range(1..))]
    max_connections: Option<u64>,
}

/// Files the server opens besides its connections: the database, uploads being read, the listener, standard
/// streams, and the refusals under way.
const RESERVED_FILES: u64 = 64 + MAX_REFUSING as u64;

impl ConnectionFlags {
    /// The limits asked for, the connections fitted to the files this process may open (raised first to the hard
    /// limit): an explicit number that does not fit is refused, the default shrinks to fit.
    pub fn limits(&self) -> Result<ConnectionLimits, String> {
        let default = ConnectionLimits::default();
        let seconds = |flag: Option<u64>, default| flag.map_or(default, Duration::from_secs);
        let room = raise_file_limit().map(|files| files.saturating_sub(RESERVED_FILES).max(1));
        let max_connections = match (self.max_connections, room) {
            (Some(asked), Some(room)) if asked > room => {
                return Err(format!(
                    "--max-connections {asked} tidak muat: proses ini boleh membuka {} berkas, jadi paling banyak \
                     {room} koneksi; naikkan batas berkas (ulimit -n) atau kecilkan --max-connections",
                    room + RESERVED_FILES
                ))
            }
            (Some(asked), _) => asked,
            (None, Some(room)) => room.min(default.max_connections as u64),
            (None, None) => default.max_connections as u64,
        };
        Ok(ConnectionLimits {
            header_timeout: seconds(self.header_timeout, default.header_timeout),
            body_timeout: seconds(self.body_timeout, default.body_timeout),
            idle_timeout: seconds(self.idle_timeout, default.idle_timeout),
            max_connections: usize::try_from(max_connections).unwrap_or(usize::MAX),
        })
    }
}

/// Raises this process's limit of open files to its hard limit (as many servers do at start) and says what it
/// is now; `None` where it cannot be read.
#[cfg(unix)]
fn raise_file_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given, which lives for the call.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return None;
    }
    if limit.rlim_cur < limit.rlim_max {
        let raised = libc::rlimit {
            rlim_cur: limit.rlim_max,
            rlim_max: limit.rlim_max,
        };
        // SAFETY: setrlimit only reads the struct it is given. It fails harmlessly when the hard limit is
        // "unlimited", which no process may open.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            return Some(raised.rlim_cur);
        }
    }
    Some(limit.rlim_cur)
}

#[cfg(not(unix))]
fn raise_file_limit() -> Option<u64> {
    None
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
    /// Pembukaan formulir survei dari satu alamat klien, untuk semua layanan bersama (bawaan 60/menit). Setiap batas
    /// survei ditulis JUMLAH/menit, JUMLAH/jam atau JUMLAH/hari; angka saja berarti per menit.
    #[arg(long, env = "KINERJA_SURVEY_FORM_LIMIT", value_parser = <Limit as std::str::FromStr>::from_str)]
    survey_form_limit: Option<Limit>,
    /// Jawaban survei dari satu alamat klien, untuk semua layanan bersama (bawaan 20/menit).
    #[arg(long, env = "KINERJA_SURVEY_CLIENT_LIMIT", value_parser = <Limit as std::str::FromStr>::from_str)]
    survey_client_limit: Option<Limit>,
    /// Jawaban survei dari satu alamat klien (IPv6: satu /64) untuk satu layanan (bawaan 5/jam).
    #[arg(long, env = "KINERJA_SURVEY_ADDRESS_LIMIT", value_parser = <Limit as std::str::FromStr>::from_str)]
    survey_address_limit: Option<Limit>,
    /// Jawaban survei dari satu blok alamat (IPv4 /24, IPv6 /48) untuk satu layanan (bawaan 30/jam).
    #[arg(long, env = "KINERJA_SURVEY_BLOCK_LIMIT", value_parser = <Limit as std::str::FromStr>::from_str)]
    survey_block_limit: Option<Limit>,
    /// Plafon jawaban survei untuk satu layanan dari semua alamat (bawaan 120/menit). Bila tercapai, layanan tetap
    /// terbuka tetapi setiap alamat hanya mendapat --survey-busy-limit.
    #[arg(long, env = "KINERJA_SURVEY_SERVICE_LIMIT", value_parser = <Limit as std::str::FromStr>::from_str)]
    survey_service_limit: Option<Limit>,
    /// Jawaban survei dari satu alamat klien untuk satu layanan selama layanan itu di plafonnya, termasuk yang
    /// sudah dikirim alamat itu sebelumnya (bawaan 1/jam).
    #[arg(long, env = "KINERJA_SURVEY_BUSY_LIMIT", value_parser = <Limit as std::str::FromStr>::from_str)]
    survey_busy_limit: Option<Limit>,
    /// Jawaban yang sama dari klien yang sama untuk layanan yang sama dalam sekian detik dicatat sekali; 0 mematikan
    /// pemeriksaan ini (bawaan 600).
    #[arg(long, env = "KINERJA_SURVEY_DUPLICATE_SECONDS")]
    survey_duplicate_seconds: Option<u64>,
    #[command(flatten)]
    connections: ConnectionFlags,
}

pub async fn serve(a: Serve) -> Result<(), String> {
    let survey = SurveySettings::default();
    let settings = Settings {
        secure_cookies: a.secure_cookies,
        trust_proxy: a.trust_proxy,
        public_url: a.public_url,
        survey: SurveySettings {
            form_limit: a.survey_form_limit.unwrap_or(survey.form_limit),
            client_limit: a.survey_client_limit.unwrap_or(survey.client_limit),
            address_limit: a.survey_address_limit.unwrap_or(survey.address_limit),
            block_limit: a.survey_block_limit.unwrap_or(survey.block_limit),
            service_limit: a.survey_service_limit.unwrap_or(survey.service_limit),
            busy_address_limit: a.survey_busy_limit.unwrap_or(survey.busy_address_limit),
            duplicate_window: a
                .survey_duplicate_seconds
                .map_or(survey.duplicate_window, Duration::from_secs),
        },
        connections: a.connections.limits()?,
        ..Settings::default()
    };
    let store = open_store(&a.db, false).await?;
    serve_store(store, &a.listen, settings).await
}
