#!/usr/bin/env bash
# Measures the performance targets of product.md that the command line covers and writes its section of
# BENCHMARKS.md (bench/web.sh writes the web's).
# Usage: bash bench/run.sh   (needs hyperfine, installed from Debian when missing, and psql: the same import and
# documents are measured on PostgreSQL at KINERJA_TEST_POSTGRES, default postgres://root@127.0.0.1:5432/test)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
cargo build --release -q -p kinerja
K="${CARGO_TARGET_DIR:-$PWD/target}/release/kinerja"
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

# PostgreSQL: each import into a fresh schema; the demo copied into another with `kinerja db copy` (timed too).
PG=${KINERJA_TEST_POSTGRES:-postgres://root@127.0.0.1:5432/test}
fresh() { echo "psql -q '$PG' -c 'DROP SCHEMA IF EXISTS $1 CASCADE' -c 'CREATE SCHEMA $1'"; }
in_schema() { echo "$PG?options=-c%20search_path%3D$1"; }
hyperfine --warmup 2 --runs 10 --export-markdown "$W/import-pg.md" --prepare "$(fresh bench_import)" \
  -n "import workbook ($ROWS rows) into a new PostgreSQL schema" "$K import $W/unit.xlsx --db '$(in_schema bench_import)'" >/dev/null
hyperfine --warmup 1 --runs 10 --export-markdown "$W/copy-pg.md" --prepare "$(fresh bench_copy)" \
  -n "db copy of the demo (SQLite) into a new PostgreSQL schema" "$K db copy --from $DB --to '$(in_schema bench_copy)'" >/dev/null
PGDB="'$(in_schema bench_copy)'"
hyperfine --warmup 2 --runs 10 --export-markdown "$W/docs-pg.md" \
  -n "LKjIP PDF from PostgreSQL" "$K report lkjip $PGDB --unit ngoro --year 2024 -o $W/l.pdf" \
  -n "LKjIP DOCX from PostgreSQL" "$K report lkjip $PGDB --unit ngoro --year 2024 -o $W/l.docx" \
  -n "LKjIP XLSX from PostgreSQL" "$K report lkjip $PGDB --unit ngoro --year 2024 -o $W/l.xlsx" >/dev/null

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
  cat "$W/import-pg.md"
  echo
  echo "## Documents of the reference unit (targets: LKjIP PDF < 1 s, DOCX and XLSX < 0,5 s, whole process)"
  echo
  cat "$W/docs.md"
  echo
  cat "$W/docs-pg.md"
  echo
  echo "## Copy between databases (\`kinerja db copy\`; no target in product.md)"
  echo
  cat "$W/copy-pg.md"
} | bash bench/section.sh run.sh
cat BENCHMARKS.md
