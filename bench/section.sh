#!/usr/bin/env bash
# Replaces one script's section of BENCHMARKS.md with standard input and leaves every other section as it is, so
# that each benchmark script can be run alone. A section runs from the line "<!-- begin NAME -->" to the line
# "<!-- end NAME -->"; a section not there yet is appended.
# Usage: COMMAND | bash bench/section.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1
body=$(mktemp)
out=$(mktemp)
trap 'rm -f "$body" "$out"' EXIT
cat > "$body"
[ -f BENCHMARKS.md ] || printf '# Benchmarks\n' > BENCHMARKS.md
awk -v begin="<!-- begin $name -->" -v end="<!-- end $name -->" '
  FILENAME == ARGV[1] { text = text $0 "\n"; next }
  $0 == begin { print; printf "%s", text; inside = 1; found = 1; next }
  $0 == end { inside = 0 }
  !inside { print }
  END { if (!found) { print ""; print begin; printf "%s", text; print end } }
' "$body" BENCHMARKS.md > "$out"
cat "$out" > BENCHMARKS.md
