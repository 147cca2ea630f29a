# Sourced by the HTTP benchmark scripts: builds the release binaries and makes a temporary folder; `serve URL`
# starts `kinerja serve` on the database URL on a free loopback port with the extra serve flags in SERVE_FLAGS.
# Sets K and LOAD (the binaries), W (the folder, removed on exit), ADDRESS (host:port) and SERVER (its process,
# stopped on exit); `figure NAME` reads a figure of kinerja-load's output saved in "$W/load.txt";
# `peak_memory_mb` is the server's peak resident memory so far.
cargo build --release -q -p kinerja -p kinerja-load
K="${CARGO_TARGET_DIR:-$PWD/target}/release/kinerja"
LOAD="${CARGO_TARGET_DIR:-$PWD/target}/release/kinerja-load"
W=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$W"
}
trap cleanup EXIT

serve() {
  # Port 0: the system picks a free port, and the server says which.
  # shellcheck disable=SC2086 # SERVE_FLAGS is split on purpose
  "$K" serve --db "$1" --listen 127.0.0.1:0 ${SERVE_FLAGS:-} > "$W/serve.txt" 2>&1 &
  SERVER=$!
  ADDRESS=
  for _ in $(seq 100); do
    ADDRESS=$(sed -n 's|^kinerja berjalan di http://\([^/]*\)/.*|\1|p' "$W/serve.txt")
    [ -n "$ADDRESS" ] && break
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$ADDRESS" ] || { echo "kinerja serve did not start:" >&2; cat "$W/serve.txt" >&2; exit 1; }
}

figure() { awk -v key="$1:" '$1 == key { print $2; exit }' "$W/load.txt"; }

# VmHWM: the most resident memory the process has had, in kB.
peak_memory_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status"; }
