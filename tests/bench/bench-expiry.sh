#!/usr/bin/env bash
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Expiry sweep benchmark (../../../shared/BENCH-NOTES.md, "expiry sweep"): one real
# `keepsakectl expire` on a fresh copy of a generated catalog (1,000,000 photos in
# 100,000 albums of 20,000 customers), its in-process sweep time, against the bare
# indexed SQL that selects the same albums with their photo counts, timed inside one
# sqlite3 process (.timer on). Each side RUNS times, interleaved, each on a fresh copy
# of the catalog; medians and ratio, of wall time and of CPU time.
#
#   tests/bench/bench-expiry.sh --ctl build/app/keepsakectl/keepsakectl [--runs 3]
#   ... --albums 500 --customers 100 --photos 1500 --runs 1     (the smoke variant)
# Needs: sqlite3, faketime, python3. Exit 1 when a step fails or gives wrong output;
# a missed target is shown as NO, not a failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ctl=${KEEPSAKECTL:-build/app/keepsakectl/keepsakectl}; runs=3
customers=20000; albums=100000; photos=1000000
while [ $# -gt 0 ]; do
  case $1 in
    --ctl) ctl=$2; shift 2;; --runs) runs=$2; shift 2;;
    --customers) customers=$2; shift 2;; --albums) albums=$2; shift 2;; --photos) photos=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
for tool in sqlite3 faketime python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
[ -x "$ctl" ] || { echo "no keepsakectl at $ctl (use --ctl)" >&2; exit 1; }

# The catalog is made once per size and kept; its day is fixed, and every run of
# keepsakectl is put on that day with faketime, so the cached catalog stays valid.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/keepsake-bench/expiry-$customers-$albums-$photos
day=2026-06-15
if [ ! -f "$cache/catalog.sqlite" ]; then
  echo "generating the catalog in $cache ..." >&2
  tmp=$(mktemp -d "${cache%/*}.gen.XXXXXX" 2>/dev/null || { mkdir -p "${cache%/*}"; mktemp -d "${cache%/*}/gen.XXXXXX"; })
  faketime "$day 12:00:00" "$ctl" --data-dir "$tmp" --quiet config list >/dev/null
  python3 "$here/bench-expiry-catalog.py" "$tmp/catalog.sqlite" --day $day \
    --customers $customers --albums $albums --photos $photos
  rm -f "$tmp/catalog.sqlite-wal" "$tmp/catalog.sqlite-shm"
  mkdir -p "${cache%/*}"; rm -rf "$cache"; mv "$tmp" "$cache"
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
limit=$(date -d "$day + 15 days" +%F)   # expires_on < day + notice window + 1
# The bare SQL of BENCH-NOTES.md: the albums in the notice window with their photo
# counts. SQLite's planner may scan the albums in id order for the GROUP BY instead
# of using the expiry index; both plans run and the faster counts, so Keepsake is
# compared with the best the bare query does.
select="SELECT a.id, count(p.id) FROM albums a %s JOIN photos p ON p.album_id = a.id WHERE a.expires_on < '$limit' AND a.state IN ('active','expiring') GROUP BY a.id;"
queries=("$(printf "$select" "")" "$(printf "$select" "INDEXED BY albums_expiry")")
fresh() { rm -rf "$work/data"; mkdir -p "$work/data"; cp "$cache/catalog.sqlite" "$work/data/"; cat "$work/data/catalog.sqlite" >/dev/null; sync; }

ks_times=(); ks_cpu=(); sql_times=(); sql_cpu=(); rows=""
keepsake() {
  fresh
  local out rc=0; out=$(faketime "$day 12:00:00" "$ctl" --data-dir "$work/data" --json expire) || rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { echo "keepsakectl expire failed (exit $rc)" >&2; exit 1; }
  local summary; summary=$(echo "$out" | tail -1)
  python3 - "$summary" <<'PY' || { echo "expire printed no usable summary: $summary" >&2; exit 1; }
import json, sys
s = json.loads(sys.argv[1])["summary"]
assert s["notices"] > 0 and s["expired"] > 0 and not s["dry_run"], s
PY
  ks_times+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["summary"]["seconds"])' "$summary")")
  ks_cpu+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["summary"]["cpu_seconds"])' "$summary")")
  rows=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1])["summary"]; print(s["notices"]+s["expired"]+s["waiting"])' "$summary")
}
# One fresh sqlite3 process per plan; "Run Time: real R user U sys S".
peer() {
  local best="" cpu="" q out r c
  for q in "${queries[@]}"; do
    fresh
    out=$(printf '.timer on\n%s\n' "$q" | sqlite3 "$work/data/catalog.sqlite" 2>&1 | grep 'Run Time')
    r=$(echo "$out" | sed -E 's/.*real ([0-9.]+).*/\1/'); c=$(echo "$out" | awk '{print $6 + $8}')
    if [ -z "$best" ] || awk -v a="$r" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$r; cpu=$c; fi
  done
  sql_times+=("$best"); sql_cpu+=("$cpu")
  sql_rows=$(printf '%s\n' "${queries[1]}" | sqlite3 "$work/data/catalog.sqlite" | wc -l)
}
for i in $(seq "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then peer; keepsake; else keepsake; peer; fi
done
[ "$rows" = "$sql_rows" ] || { echo "the sweep looked at $rows albums, the bare SQL selects $sql_rows" >&2; exit 1; }

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }
ks=$(median "${ks_times[@]}"); sql=$(median "${sql_times[@]}")
kc=$(median "${ks_cpu[@]}"); sc=$(median "${sql_cpu[@]}")
r=$(ratio "$ks" "$sql"); rc=$(ratio "$kc" "$sc")
met1=$(awk -v a="$ks" 'BEGIN {print (a <= 1.0) ? "yes" : "NO"}'); met2=$(awk -v r="$r" 'BEGIN {print (r <= 2.0) ? "yes" : "NO"}')
echo
echo "catalog: $customers customers, $albums albums, $photos photos ($(du -h "$cache/catalog.sqlite" | cut -f1)); day $day; $rows albums in the notice window; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for q in "${queries[@]}"; do
  echo "bare SQL: $q"
  sqlite3 "$work/data/catalog.sqlite" "EXPLAIN QUERY PLAN $q" | sed 's/^/    plan: /'
done
echo "keepsake: keepsakectl --json expire, its summary's \"seconds\" (in-process: sweep, commit, output, delivery; no mail server)"
printf '%-30s %12s %12s %7s %10s %5s\n' work keepsake peer ratio target met
printf '%-30s %11.3fs %11.3fs %7s %10s %5s\n' "expiry sweep (wall, in-process)" "$ks" "$sql" "$r" "<= 2.0x" "$met2"
printf '%-30s %11.3fs %12s %7s %10s %5s\n' "expiry sweep (absolute)" "$ks" "-" "-" "<= 1.0s" "$met1"
printf '%-30s %11.3fs %11.3fs %7s %10s %5s\n' "expiry sweep (CPU user+sys)" "$kc" "$sc" "$rc" "-" "-"
echo "runs (keepsake wall): ${ks_times[*]}"
echo "runs (keepsake CPU):  ${ks_cpu[*]}"
echo "runs (sqlite3 wall):  ${sql_times[*]}"
echo "runs (sqlite3 CPU):   ${sql_cpu[*]}"
