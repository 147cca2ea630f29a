//! `kinerja`: the command line of the SAKIP system.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

mod check_cmd;
mod data_cmd;
mod db_cmd;
mod demo;
mod measure_cmd;
mod progress;
mod reference;
mod report_cmd;
mod source;
mod survey_cmd;
mod web_cmd;

#[derive(Parser)]
#[command(
    name = "kinerja",
    version,
    about = "SAKIP: perencanaan, pengukuran dan pelaporan kinerja instansi pemerintah"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Memeriksa dataset (berkas .toml atau folder berisi .toml) dan melaporkan setiap kesalahan beserta letaknya.
    Validate { dataset: PathBuf },
    /// Menghitung seluruh tabel pengukuran BAB III (Tabel 3.1–3.18) untuk satu unit dan satu tahun.
    Measure {
        /// Dataset (.toml atau folder) atau basis data (sqlite://BERKAS.db, postgres://…).
        source: String,
        #[arg(long)]
        unit: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Reviu satu unit dan satu tahun: total dan rinciannya, angka yang tercetak, target PK, kalimat, kelengkapan,
    /// penomoran tabel. Status keluar 0 bila bersih (tidak ada galat atau peringatan; catatan saja tetap bersih),
    /// 1 bila ada galat atau peringatan, 2 bila tidak dapat diperiksa (sumber, unit atau tahun tanpa data).
    /// `--explain KODE` menjelaskan satu kode temuan: apa yang dibandingkan, aturannya, cara memperbaikinya.
    Check {
        /// Dataset (.toml atau folder) atau basis data (sqlite://BERKAS.db, postgres://…).
        #[arg(required_unless_present = "explain")]
        source: Option<String>,
        #[arg(long, required_unless_present = "explain")]
        unit: Option<String>,
        #[arg(long, required_unless_present = "explain")]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Kode temuan yang dijelaskan (mis. PUBLISHED_DIFFERS).
        #[arg(long, value_name = "KODE", conflicts_with_all = ["source", "unit", "year"])]
        explain: Option<String>,
    },
    /// Menyusun dokumen dari data: LKjIP atau Perjanjian Kinerja (PDF, DOCX, XLSX atau JSON).
    Report {
        #[command(subcommand)]
        document: ReportDocument,
    },
    /// Mengimpor dataset (.toml atau folder) atau workbook Excel (.xlsx) ke basis data: semua atau tidak sama sekali.
    Import {
        file: PathBuf,
        #[arg(long, env = "KINERJA_DATABASE_URL")]
        db: String,
        /// Buat berkas SQLite bila belum ada.
        #[arg(long)]
        create: bool,
        /// Nama yang dicatat di log audit.
        #[arg(long)]
        actor: Option<String>,
    },
    /// Mengekspor data satu unit dari basis data: dataset (.toml), workbook (.xlsx) atau tabel pengukuran (.json).
    Export {
        #[arg(long, env = "KINERJA_DATABASE_URL")]
        db: String,
        #[arg(long)]
        unit: String,
        /// Tahun; tanpa --year dataset dan workbook memuat semua tahun. Wajib untuk json.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Mengubah dataset utuh antara teks (.toml atau folder) dan workbook Excel (.xlsx), dengan pemeriksaan penuh.
    Convert {
        input: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Menulis workbook Excel kosong beserta lembar petunjuk, untuk diisi operator.
    Template {
        #[arg(long, value_enum, default_value_t = TemplateFormat::Xlsx)]
        format: TemplateFormat,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Membuat dataset sintetis yang realistis dan selalu sama untuk benih yang sama (uji, demo, tolok ukur).
    Generate {
        #[arg(long, default_value_t = 80)]
        units: usize,
        #[arg(long, default_value_t = 5)]
        years: usize,
        #[arg(long, default_value_t = 200_000)]
        responses: usize,
        #[arg(long, default_value_t = 2024)]
        last_year: i32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Berkas .toml yang ditulis.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Menyiapkan demo: basis data SQLite berisi data rujukan Kecamatan Ngoro 2024 dan tabel pengukurannya, dan
    /// satu pengguna demo per peran dengan kata sandi acak yang ditampilkan sekali. Dengan --serve, lalu menjalankan
    /// aplikasi web.
    Demo {
        #[arg(long, default_value = "kinerja-demo")]
        dir: PathBuf,
        /// Jalankan aplikasi web atas basis data demo.
        #[arg(long)]
        serve: bool,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Mengelola pengguna. Tidak ada akun bawaan: admin pertama dibuat dengan `kinerja admin create`.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Mengelola basis data: menyalin seluruh isinya antara SQLite dan PostgreSQL.
    Db {
        #[command(subcommand)]
        action: DbAction,
    },
    /// Survei Kepuasan Masyarakat: mengimpor respons dari berkas.
    Survey {
        #[command(subcommand)]
        action: SurveyAction,
    },
    /// Menjalankan aplikasi web (halaman berbahasa Indonesia, masuk dengan akun; survei IKM publik tanpa akun).
    Serve(web_cmd::Serve),
}

#[derive(Subcommand)]
enum AdminAction {
    /// Membuat pengguna. Kata sandi dari variabel KINERJA_ADMIN_PASSWORD, atau diketik di terminal
    /// (sekurang-kurangnya 12 karakter).
    Create(web_cmd::AdminCreate),
    /// Membuat token API untuk seorang pengguna (untuk header Authorization: Bearer); token dicetak sekali.
    Token(web_cmd::AdminToken),
    /// Mencabut token API menurut kodenya.
    Revoke(web_cmd::AdminRevoke),
}

#[derive(Subcommand)]
enum SurveyAction {
    /// Mengimpor respons survei satu unit dari berkas CSV atau XLSX (kuesioner kertas, ekspor aplikasi lain):
    /// semua atau tidak sama sekali; setiap kesalahan ditunjukkan baris dan kolomnya.
    Import(survey_cmd::Import),
}

#[derive(Subcommand)]
enum DbAction {
    /// Menyalin seluruh tabel dari satu basis data ke basis data lain yang kosong (SQLite ke PostgreSQL atau
    /// sebaliknya) dalam satu transaksi, lalu memeriksa jumlah baris setiap tabel.
    Copy(db_cmd::Copy),
}

#[derive(Subcommand)]
enum ReportDocument {
    /// Laporan Kinerja Instansi Pemerintah satu unit dan satu tahun.
    Lkjip {
        #[command(flatten)]
        target: ReportTarget,
    },
    /// Perjanjian Kinerja satu unit dan satu tahun (versi terakhir, atau --version).
    Pk {
        #[command(flatten)]
        target: ReportTarget,
        #[arg(long)]
        version: Option<u32>,
    },
}

#[derive(clap::Args)]
struct ReportTarget {
    /// Dataset (.toml atau folder) atau basis data (sqlite://BERKAS.db, postgres://…).
    source: String,
    #[arg(long)]
    unit: String,
    #[arg(long)]
    year: i32,
    /// Format keluaran; bila tidak disebut, mengikuti akhiran nama berkas.
    #[arg(long, value_enum)]
    format: Option<DocumentFormat>,
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocumentFormat {
    Pdf,
    Docx,
    Xlsx,
    Json,
}

impl From<DocumentFormat> for kinerja_documents::Format {
    fn from(f: DocumentFormat) -> Self {
        match f {
            DocumentFormat::Pdf => kinerja_documents::Format::Pdf,
            DocumentFormat::Docx => kinerja_documents::Format::Docx,
            DocumentFormat::Xlsx => kinerja_documents::Format::Xlsx,
            DocumentFormat::Json => kinerja_documents::Format::Json,
        }
    }
}

fn report(kind: report_cmd::Kind, t: ReportTarget) -> Result<(), String> {
    let format = report_cmd::format_of(t.format.map(Into::into), &t.output)?;
    runtime()?.block_on(report_cmd::run(
        kind, &t.source, &t.unit, t.year, format, &t.output,
    ))
}

#[derive(Clone, Copy, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Dataset,
    Xlsx,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateFormat {
    Xlsx,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate { dataset } => data_cmd::validate(&dataset),
        Command::Measure {
            source,
            unit,
            year,
            format,
        } => runtime().and_then(|rt| {
            rt.block_on(measure_cmd::run(
                &source,
                &unit,
                year,
                matches!(format, TextOrJson::Json),
            ))
        }),
        Command::Check {
            explain: Some(code),
            format,
            ..
        } => {
            if let Err(message) = check_cmd::explain(&code, matches!(format, TextOrJson::Json)) {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
            Ok(())
        }
        Command::Check {
            source: Some(source),
            unit: Some(unit),
            year: Some(year),
            format,
            explain: None,
        } => {
            let json = matches!(format, TextOrJson::Json);
            match runtime().and_then(|rt| rt.block_on(check_cmd::run(&source, &unit, year, json))) {
                Ok(true) => Ok(()),
                Ok(false) => return ExitCode::from(1),
                Err(message) => {
                    eprintln!("{message}");
                    return ExitCode::from(2);
                }
            }
        }
        // clap requires the source, unit and year unless --explain is given.
        Command::Check { .. } => {
            Err("berikan sumber, --unit dan --year, atau --explain KODE".into())
        }
        Command::Report {
            document: ReportDocument::Lkjip { target },
        } => report(report_cmd::Kind::Lkjip, target),
        Command::Report {
            document: ReportDocument::Pk { target, version },
        } => report(report_cmd::Kind::Pk { version }, target),
        Command::Import {
            file,
            db,
            create,
            actor,
        } => runtime().and_then(|rt| {
            rt.block_on(data_cmd::import(
                &file,
                &db,
                create,
                &actor.unwrap_or_else(default_actor),
            ))
        }),
        Command::Export {
            db,
            unit,
            year,
            format,
            output,
        } => runtime()
            .and_then(|rt| rt.block_on(data_cmd::export(&db, &unit, year, format, &output))),
        Command::Convert { input, output } => data_cmd::convert(&input, &output),
        Command::Template {
            format: TemplateFormat::Xlsx,
            output,
        } => data_cmd::template(&output),
        Command::Generate {
            units,
            years,
            responses,
            last_year,
            seed,
            output,
        } => data_cmd::generate(
            kinerja_interchange::synthetic::Shape {
                units,
                years,
                last_year,
                responses,
                seed,
            },
            &output,
        ),
        Command::Demo { dir, serve, listen } => {
            runtime().and_then(|rt| rt.block_on(demo::run(&dir, serve.then_some(listen.as_str()))))
        }
        Command::Admin { action } => runtime().and_then(|rt| match action {
            AdminAction::Create(a) => rt.block_on(web_cmd::admin_create(a)),
            AdminAction::Token(a) => rt.block_on(web_cmd::admin_token(a)),
            AdminAction::Revoke(a) => rt.block_on(web_cmd::admin_revoke(a)),
        }),
        Command::Db {
            action: DbAction::Copy(a),
        } => runtime().and_then(|rt| rt.block_on(db_cmd::copy(a))),
        Command::Survey {
            action: SurveyAction::Import(a),
        } => runtime().and_then(|rt| rt.block_on(survey_cmd::import(a, default_actor()))),
        Command::Serve(a) => runtime().and_then(|rt| rt.block_on(web_cmd::serve(a))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("runtime tidak dapat dimulai: {e}"))
}

fn default_actor() -> String {
    format!(
        "cli:{}",
        std::env::var("USER").unwrap_or_else(|_| "operator".into())
    )
}
