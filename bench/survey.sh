#!/usr/bin/env bash
# Measures the public IKM survey form under load and writes the "Survei IKM" section of BENCHMARKS.md: `kinerja
# serve` on the demo database (SQLite or PostgreSQL), one survey service added through the services page, and kinerja-load with
# 64 keep-alive clients POSTing valid answers to its public form, first for a warm-up that is not counted, then for
# the measured run. All the load comes from one address, so the server runs with the survey's per-address, per-block and
# per-service rate limits lifted (flags below); the duplicate check stays on (each submission's saran differs).
# Afterwards the responses stored in the database (read with sqlite3 or psql) must equal the submissions the server
# accepted, warm-up included; the script fails otherwise.
# Usage: bash bench/survey.sh              (SQLite; needs curl and sqlite3)
#        DB=postgres bash bench/survey.sh  (the demo copied into a fresh schema of the PostgreSQL at
#                                           KINERJA_TEST_POSTGRES; needs curl and psql)
# CLIENTS, DURATION and WARMUP (seconds) may be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-64}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
# Responses are dated in WIB.
YEAR=$(date -u -d '+7 hours' +%Y)
SERVE_FLAGS="--survey-client-limit 1000000 --survey-address-limit 1000000 --survey-block-limit 1000000 --survey-service-limit 1000000"
# shellcheck source=bench/demo-server.sh
source bench/demo-server.sh
BASE="http://$ADDRESS"

# Sign in as the demo admin and add the service through its page, as a person would.
JAR="$W/cookies"
csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
TOKEN=$(curl -sf -c "$JAR" -b "$JAR" "$BASE/masuk" | csrf)
curl -sf -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "csrf=$TOKEN" --data-urlencode "username=admin" \
  --data-urlencode "password=$PASSWORD" "$BASE/masuk"
SERVICES="$BASE/unit/ngoro/$YEAR/layanan"
TOKEN=$(curl -sf -b "$JAR" "$SERVICES" | csrf)
curl -sf -o /dev/null -b "$JAR" --data-urlencode "csrf=$TOKEN" --data-urlencode "nama=Tolok ukur" "$SERVICES"
CODE=$(curl -sf -b "$JAR" "$SERVICES" | grep -o '/survei/[a-z0-9]*' | head -1 | cut -d/ -f3)
[ -n "$CODE" ] || { echo "no survey service on $SERVICES" >&2; exit 1; }

BODY='u1=4&u2=3&u3=4&u4=4&u5=3&u6=4&u7=4&u8=3&u9=4&jenis_kelamin=P&usia=34&pendidikan=SMA&pekerjaan=Wirausaha&saran=uji+{n}'
ARGS="--method POST --clients $CLIENTS --duration $DURATION --warmup $WARMUP"
# shellcheck disable=SC2086 # ARGS is split on purpose
"$LOAD" "$BASE/survei/$CODE" $ARGS --body "$BODY" -H "Origin: $BASE" | tee "$W/load.txt"
ACCEPTED=$(figure diterima)
STORED=$(query "SELECT COUNT(*) FROM survey_response")
if [ "$ACCEPTED" = "$STORED" ]; then CHECK="equal"; else CHECK="DIFFERENT"; fi
echo "accepted $ACCEPTED, stored $STORED: $CHECK"

if [ "$DB" = sqlite ]; then
  SECTION=survey.sh; COMMAND="bash bench/survey.sh"
  SYNC="the writer's SQLite connection has \`synchronous = FULL\`"
else
  SECTION="survey.sh-$DB"; COMMAND="DB=$DB bash bench/survey.sh"
  SYNC="PostgreSQL $(psql -qtA "$DEMO_DB" -c 'SHOW server_version'), \`synchronous_commit = $(psql -qtA "$DEMO_DB" -c 'SHOW synchronous_commit')\`, on the same machine; the demo copied into it with \`kinerja db copy\`"
fi
{
  echo "## Survei IKM on $DB (target of product.md: ≥ 3 000 submissions per second on SQLite, p99 < 50 ms, no errors, none lost)"
  echo
  echo "Produced by \`$COMMAND\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); release build; \`kinerja serve $SERVE_FLAGS\` on the demo"
  echo "database ($DB; all the load comes from one address, so the survey's rate limits per address and per service"
  echo "are lifted with those flags; the duplicate check stays on) and the load generator on the same machine, sharing its"
  echo "cores, over loopback: \`kinerja-load http://127.0.0.1:PORT/survei/CODE $ARGS --body '…saran=uji+{n}' -H 'Origin: …'\`"
  echo "(${WARMUP} s of warm-up not counted in the figures). Each submission is answered only after its batch is committed"
  echo "(group commit; $SYNC)."
  echo
  echo "| Form | Clients | Submissions | Errors | Throughput [per s] | p50 [ms] | p90 [ms] | p99 [ms] | Max [ms] |"
  echo "|:---|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| \`POST /survei/CODE\`, valid answers | $CLIENTS | $(figure permintaan) | $(figure galat) | $(figure throughput) | $(figure p50) | $(figure p90) | $(figure p99) | $(figure maks) |"
  echo
  echo "Accepted by the server, warm-up included: $ACCEPTED; responses stored in the database afterwards: $STORED ($CHECK)."
} | bash bench/section.sh "$SECTION"
[ "$CHECK" = equal ]
