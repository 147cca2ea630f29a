//! `kinerja`: the command line of the SAKIP system.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

mod measure_cmd;

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
        dataset: PathBuf,
        #[arg(long)]
        unit: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { dataset } => match kinerja_interchange::load(&dataset) {
            Ok(data) => {
                println!(
                    "Dataset sah: {} unit, {} indikator, {} target, {} realisasi.",
                    data.units.len(),
                    data.indicators.len(),
                    data.targets.len(),
                    data.realisations.len()
                );
                ExitCode::SUCCESS
            }
            Err(errors) => {
                eprintln!("Dataset ditolak ({} kesalahan):\n{errors}", errors.0.len());
                ExitCode::FAILURE
            }
        },
        Command::Measure {
            dataset,
            unit,
            year,
            format,
        } => measure_cmd::run(&dataset, &unit, year, matches!(format, Format::Json)),
    }
}
