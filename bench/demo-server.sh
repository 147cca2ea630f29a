# Sourced by the HTTP benchmark scripts: prepares the demo database (bench/serve.sh's folder) and starts
# `kinerja serve` on it. Sets, beside what bench/serve.sh sets, PASSWORD (the demo users' password), DB, DEMO_DB
# and `query SQL`.
# shellcheck source=bench/serve.sh
source bench/serve.sh

"$K" demo --dir "$W/demo" > "$W/demo.txt"
# "Pengguna demo: admin (…), …; kata sandi semuanya: PASSWORD (hanya ditampilkan sekali …)"
PASSWORD=$(sed -n 's/^Pengguna demo: .*kata sandi[a-z ]*: \([^ ]*\) .*/\1/p' "$W/demo.txt")
[ -n "$PASSWORD" ] || { echo "kinerja demo printed no password:" >&2; cat "$W/demo.txt" >&2; exit 1; }

# DB=postgres: the demo database is copied with `kinerja db copy` into a fresh schema of the PostgreSQL at
# KINERJA_TEST_POSTGRES (needs psql) and served from there. DEMO_DB is the URL served.
DB=${DB:-sqlite}
case "$DB" in
  sqlite) DEMO_DB="sqlite://$W/demo/kinerja.db" ;;
  postgres)
    BASE=${KINERJA_TEST_POSTGRES:-postgres://root@127.0.0.1:5432/test}
    psql -q "$BASE" -c "DROP SCHEMA IF EXISTS bench_demo CASCADE" -c "CREATE SCHEMA bench_demo"
    DEMO_DB="$BASE?options=-c%20search_path%3Dbench_demo"
    "$K" db copy --from "sqlite://$W/demo/kinerja.db" --to "$DEMO_DB" > "$W/copy.txt"
    ;;
  *) echo "DB must be sqlite or postgres" >&2; exit 2 ;;
esac
# One value of a query on the served database.
query() {
  case "$DB" in
    sqlite) sqlite3 "$W/demo/kinerja.db" "$1" ;;
    postgres) psql -qtA "$DEMO_DB" -c "$1" ;;
  esac
}
serve "$DEMO_DB"
