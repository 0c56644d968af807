#!/usr/bin/env bash
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Expiry sweep benchmark (../../../shared/BENCH-NOTES.md, "expiry sweep"): one real
# `keepsakectl expire` on a fresh copy of a generated catalog (1,000,000 photos in
# 100,000 albums of 20,000 customers), its in-process sweep time, against the bare
# indexed SQL that selects the same albums with their photo counts, timed inside one
# sqlite3 process (.timer on). Each side RUNS times, interleaved, each on a fresh copy
# of the catalog; medians and ratio, of wall time and of CPU time, and of each whole
# process (spawn to exit: keepsakectl under faketime, sqlite3 reading the query).
#
# Two sweeps: the daily one (the lab's last sweep was yesterday) and a catch-up (the
# same lab's albums, its last sweep a week ago: six days of sweeps missed and today's).
# Keepsake keeps no "last sweep" record: a sweep compares each album's state with
# today, so a late one finds every album whose notice window or date was passed while
# it did not run. The catch-up is checked to do all of them exactly once: its notices
# and expiries are those the catalog's states call for, a second sweep after it does
# nothing, and no album has two notice events.
#
#   tests/bench/bench-expiry.sh --ctl build/app/keepsakectl/keepsakectl [--runs 3] [--rows FILE]
#   ... --albums 500 --customers 100 --photos 1500 --runs 1     (the smoke variant)
# --rows FILE appends the headline rows as TSV: work, keepsake s, peer s, ratio, goal, met.
# Needs: sqlite3, faketime, python3. Exit 1 when a step fails or gives wrong output;
# a missed target is shown as NO, not a failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ctl=${KEEPSAKECTL:-build/app/keepsakectl/keepsakectl}; runs=3; rows_file=""
customers=20000; albums=100000; photos=1000000
while [ $# -gt 0 ]; do
  case $1 in
    --ctl) ctl=$2; shift 2;; --runs) runs=$2; shift 2;; --rows) rows_file=$2; shift 2;;
    --customers) customers=$2; shift 2;; --albums) albums=$2; shift 2;; --photos) photos=$2; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
for tool in sqlite3 faketime python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
[ -x "$ctl" ] || { echo "no keepsakectl at $ctl (use --ctl)" >&2; exit 1; }

# The catalogs are made once per size and kept; their day is fixed, and every run of
# keepsakectl is put on that day with faketime (on_day), so the cached catalogs stay valid.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/keepsake-bench/expiry-$customers-$albums-$photos
day=2026-06-15
week_ago=$(date -d "$day - 7 days" +%F)
# faketime with file times left alone (NO_FAKE_STAT): with faked file times fontconfig
# takes its caches for stale, and Qt's font database (which keepsakectl's QGuiApplication
# sets up, if only to tear it down at exit) read every font file in every process:
# 0.2 s of a 0.04 s process.
on_day() { NO_FAKE_STAT=1 faketime "$day 12:00:00" "$@"; }
generate() {   # NAME LAST_SWEEP
  [ -f "$cache/$1" ] && return 0
  echo "generating $1 in $cache ..." >&2
  mkdir -p "$cache"
  local tmp; tmp=$(mktemp -d "$cache/gen.XXXXXX")
  on_day "$ctl" --data-dir "$tmp" --quiet config list >/dev/null
  python3 "$here/bench-expiry-catalog.py" "$tmp/catalog.sqlite" --day $day --last-sweep "$2" \
    --customers $customers --albums $albums --photos $photos
  rm -f "$tmp/catalog.sqlite-wal" "$tmp/catalog.sqlite-shm"
  mv "$tmp/catalog.sqlite" "$cache/$1"; rm -rf "$tmp"
}
generate catalog.sqlite "$(date -d "$day - 1 day" +%F)"
generate catalog-catchup.sqlite "$week_ago"

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
limit=$(date -d "$day + 15 days" +%F)   # expires_on < day + notice window + 1
# The bare SQL of BENCH-NOTES.md: the albums in the notice window with their photo
# counts. SQLite's planner may scan the albums in id order for the GROUP BY instead
# of using the expiry index; both plans run and the faster counts, so Keepsake is
# compared with the best the bare query does.
select="SELECT a.id, count(p.id) FROM albums a %s JOIN photos p ON p.album_id = a.id WHERE a.expires_on < '$limit' AND a.state IN ('active','expiring') GROUP BY a.id;"
queries=("$(printf "$select" "")" "$(printf "$select" "INDEXED BY albums_expiry")")
fresh() { rm -rf "$work/data"; mkdir -p "$work/data"; cp "$cache/$catalog" "$work/data/catalog.sqlite"; cat "$work/data/catalog.sqlite" >/dev/null; sync; }
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.4f", b - a}'; }
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])["summary"][sys.argv[2]])' "$1" "$2"; }
sweep() {   # prints the summary line of one keepsakectl expire on the data folder
  local out rc=0
  out=$(on_day "$ctl" --data-dir "$work/data" --json expire) || rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { echo "keepsakectl expire failed (exit $rc)" >&2; exit 1; }
  echo "$out" | tail -1
}
# What the catalog's states call for today: notices (albums not yet told whose window
# is reached) and expiries (told albums past their date, told long enough ago).
expected() {
  sqlite3 "$work/data/catalog.sqlite" "SELECT
    (SELECT count(*) FROM albums WHERE state = 'active' AND expires_on < '$limit'),
    (SELECT count(*) FROM albums WHERE state = 'expiring' AND expires_on < '$day'
       AND date(notice_issued_at) <= date('$day', '-14 days'));"
}

ks_times=(); ks_cpu=(); ks_proc=(); sql_times=(); sql_cpu=(); sql_proc=(); ks_rows=""; sql_rows=""
keepsake() {
  fresh
  local want; want=$(expected)
  local t0 t1 summary; t0=$(now); summary=$(sweep); t1=$(now)
  python3 - "$summary" "$want" <<'PY' || { echo "expire printed no usable summary, or not what the catalog calls for: $summary (want notices|expired $want)" >&2; exit 1; }
import json, sys
s = json.loads(sys.argv[1])["summary"]
notices, expired = map(int, sys.argv[2].split('|'))
assert s["notices"] > 0 and s["expired"] > 0 and not s["dry_run"], s
assert (s["notices"], s["expired"]) == (notices, expired), (s, notices, expired)
PY
  ks_times+=("$(field "$summary" seconds)"); ks_cpu+=("$(field "$summary" cpu_seconds)"); ks_proc+=("$(elapsed "$t0" "$t1")")
  ks_rows=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1])["summary"]; print(s["notices"]+s["expired"]+s["waiting"])' "$summary")
  # Exactly once: a second sweep the same day finds nothing to do; one notice event an album.
  local again; again=$(sweep)
  [ "$(field "$again" notices)/$(field "$again" expired)" = "0/0" ] || { echo "a second sweep did more: $again" >&2; exit 1; }
  local twice; twice=$(sqlite3 "$work/data/catalog.sqlite" "SELECT count(*) FROM (SELECT album_id FROM notice_events WHERE kind = 'expiring' AND issued_at >= '$day' GROUP BY album_id HAVING count(*) > 1)")
  [ "$twice" = 0 ] || { echo "$twice albums were told twice" >&2; exit 1; }
}
# One fresh sqlite3 process per plan; "Run Time: real R user U sys S".
peer() {
  local best="" cpu="" proc="" q out r c t0 t1
  for q in "${queries[@]}"; do
    fresh
    t0=$(now)
    out=$(printf '.timer on\n%s\n' "$q" | sqlite3 "$work/data/catalog.sqlite" 2>&1 | grep 'Run Time')
    t1=$(now)
    r=$(echo "$out" | sed -E 's/.*real ([0-9.]+).*/\1/'); c=$(echo "$out" | awk '{print $6 + $8}')
    if [ -z "$best" ] || awk -v a="$r" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$r; cpu=$c; proc=$(elapsed "$t0" "$t1"); fi
  done
  sql_times+=("$best"); sql_cpu+=("$cpu"); sql_proc+=("$proc")
  sql_rows=$(printf '%s\n' "${queries[1]}" | sqlite3 "$work/data/catalog.sqlite" | wc -l)
}

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# A peer too fast for sqlite3's timer (0.000 s, the smoke catalog) has no ratio.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else printf "-"}'; }
met() { [ "$1" = - ] && { echo -; return; }; awk -v a="$1" -v g="$2" 'BEGIN {print (a <= g) ? "yes" : "NO"}'; }
show() { printf '%-52s %10s %10s %7s %10s %5s\n' "$@"; }
row() {   # work keepsake peer ratio goal met: the table, and the TSV rows file
  show "$@"
  [ -z "$rows_file" ] && return 0
  local met=$6; [ "$met" = NO ] && met=no
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "${2%s}" "${3%s}" "$4" "$5" "$met" >>"$rows_file"
}
s3() { awk -v a="$1" 'BEGIN {printf "%.3fs", a}'; }

bench() {   # CATALOG LABEL LAST_SWEEP
  catalog=$1; local label=$2 last=$3
  ks_times=(); ks_cpu=(); ks_proc=(); sql_times=(); sql_cpu=(); sql_proc=()
  for i in $(seq "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then peer; keepsake; else keepsake; peer; fi
  done
  [ "$ks_rows" = "$sql_rows" ] || { echo "$label: the sweep looked at $ks_rows albums, the bare SQL selects $sql_rows" >&2; exit 1; }
  local ks sql kc sc kp sp r
  ks=$(median "${ks_times[@]}"); sql=$(median "${sql_times[@]}")
  kc=$(median "${ks_cpu[@]}"); sc=$(median "${sql_cpu[@]}")
  kp=$(median "${ks_proc[@]}"); sp=$(median "${sql_proc[@]}")
  r=$(ratio "$ks" "$sql")
  echo
  echo "$label: $catalog ($(du -h "$cache/$catalog" | cut -f1)); day $day, last sweep $last; $ks_rows albums in the notice window"
  show work keepsake peer ratio goal met
  # The daily sweep's goals are the issue's; a catch-up writes a week's changes where the
  # bare SQL only reads, so its ratio is shown without a goal, and it keeps the daily
  # sweep's absolute one.
  if [ "$label" = "expiry sweep" ]; then
    row "$label, in-process" "$(s3 "$ks")" "$(s3 "$sql")" "$r" "<= 2.0" "$(met "$r" 2.0)"
  else
    row "$label, in-process" "$(s3 "$ks")" "$(s3 "$sql")" "$r" - -
  fi
  row "$label, in-process, absolute" "$(s3 "$ks")" - - "<= 1.0 s" "$(met "$ks" 1.0)"
  row "$label, whole process" "$(s3 "$kp")" "$(s3 "$sp")" "$(ratio "$kp" "$sp")" - -
  show "$label, CPU user+sys" "$(s3 "$kc")" "$(s3 "$sc")" "$(ratio "$kc" "$sc")" - -
  echo "runs (keepsake in-process): ${ks_times[*]}"
  echo "runs (keepsake process):    ${ks_proc[*]}"
  echo "runs (keepsake CPU):        ${ks_cpu[*]}"
  echo "runs (sqlite3 in-process):  ${sql_times[*]}"
  echo "runs (sqlite3 process):     ${sql_proc[*]}"
  echo "runs (sqlite3 CPU):         ${sql_cpu[*]}"
}

echo "catalog: $customers customers, $albums albums, $photos photos; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for q in "${queries[@]}"; do
  echo "bare SQL: $q"
  sqlite3 "$cache/catalog.sqlite" "EXPLAIN QUERY PLAN $q" | sed 's/^/    plan: /'
done
echo "keepsake in-process: keepsakectl --json expire, its summary's \"seconds\" (sweep, commit, output, delivery; no mail server)"
echo "whole process: spawn to exit (keepsakectl under faketime; sqlite3 with the query on its input), the side's best plan"
bench catalog.sqlite "expiry sweep" "$(date -d "$day - 1 day" +%F)"
bench catalog-catchup.sqlite "catch-up sweep (a week missed)" "$week_ago"
