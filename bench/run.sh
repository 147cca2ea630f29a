#!/usr/bin/env bash
# Measures the performance targets of product.md that the command line covers and writes its section of
# BENCHMARKS.md (bench/web.sh writes the web's).
# Usage: bash bench/run.sh   (needs hyperfine; installs it from Debian when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
cargo build --release -q -p kinerja
K="$PWD/target/release/kinerja"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# A 10 000-row workbook: one unit, five years of targets and quarterly realisations, budgets, and IKM responses.
"$K" generate --units 1 --years 5 --responses 8200 --seed 7 -o "$W/unit.toml" >/dev/null
"$K" convert "$W/unit.toml" -o "$W/unit.xlsx" >/dev/null
ROWS=$("$K" import "$W/unit.xlsx" --db "sqlite://$W/count.db" --create 2>/dev/null | sed -E 's/^Impor selesai: ([0-9]+) baru.*/\1/')
"$K" demo --dir "$W/demo" >/dev/null
DB="sqlite://$W/demo/kinerja.db"

hyperfine --warmup 2 --runs 10 --export-markdown "$W/import.md" \
  --prepare "rm -f $W/bench.db $W/bench.db-wal $W/bench.db-shm" \
  -n "import workbook ($ROWS rows) into a new SQLite" "$K import $W/unit.xlsx --db sqlite://$W/bench.db --create" >/dev/null
hyperfine --warmup 2 --runs 10 --export-markdown "$W/export.md" \
  -n "export the unit ($ROWS rows) as a workbook" "$K export --db sqlite://$W/count.db --unit u000 --format xlsx -o $W/out.xlsx" >/dev/null
hyperfine --warmup 2 --runs 10 --export-markdown "$W/docs.md" \
  -n "LKjIP PDF" "$K report lkjip $DB --unit ngoro --year 2024 -o $W/l.pdf" \
  -n "LKjIP DOCX" "$K report lkjip $DB --unit ngoro --year 2024 -o $W/l.docx" \
  -n "LKjIP XLSX" "$K report lkjip $DB --unit ngoro --year 2024 -o $W/l.xlsx" \
  -n "PK PDF" "$K report pk $DB --unit ngoro --year 2024 -o $W/p.pdf" >/dev/null

{
  echo "Produced by \`bash bench/run.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); release build; each figure is a whole process"
  echo "(start, open the database, work, write the file), measured with hyperfine."
  echo
  echo "## Import and export (target: a 10 000-row workbook in < 2 s, export likewise)"
  echo
  cat "$W/import.md"
  echo
  cat "$W/export.md"
  echo
  echo "## Documents of the reference unit (targets: LKjIP PDF < 1 s, DOCX and XLSX < 0,5 s, whole process)"
  echo
  cat "$W/docs.md"
} | bash bench/section.sh run.sh
cat BENCHMARKS.md
