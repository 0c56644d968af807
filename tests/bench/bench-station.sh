#!/usr/bin/env bash
# bench-station.sh — recording a disc on a burn station (issue 15): a job whose photos
# are held on another device against the same recording done locally on the station,
# side by side in one run (see tests/bench/README.md).
#
#   bench-station.sh [--ctl PATH] [--files N] [--runs R] [--size WxH] [--rows FILE] [--keep]
#
# A throw-away PostgreSQL catalog (run as the postgres user when root) and two devices
# serving on loopback: H, the holder, and S, the station. The card is handed in at H for
# customer A (home H: H holds the photos) and at S for customer B (home S: the station
# holds them), and both customers' albums are expired (`faketime keepsakectl expire`).
# Per run, in alternating order:
#   remote  at H: keepsakectl burn --customer A --station S --drive stdio:IMG — the
#           station fetches every photo from H over HTTPS, writes and verifies, and H
#           checks the reported checksums and records the albums
#   local   at S: keepsakectl burn --customer B --drive stdio:IMG — its own photos
# Each is a whole process started after `sync` and ending with `sync -f IMG`, with both
# stores in the page cache; medians. Between runs both customers' albums are restored
# (`album restore`) and expired again, so every run records the same albums whole.
# Every image is then checked by xorriso -check_md5 (untimed).
# Exit status: 0 when every step ran and gave the expected outcome, whether or not the
# goal was met (the table says); 1 when something broke; 2 on usage errors.
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }
usage() { sed -n '2,21s/^# \{0,1\}//p' "$0" >&2; exit 2; }

ctl=${KEEPSAKECTL:-}; files=300; runs=3; size=4000x3000; rows_file=""; keep=0
while [ $# -gt 0 ]; do
    case $1 in
        --ctl) ctl=${2:?}; shift 2 ;;
        --files) files=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --size) size=${2:?}; shift 2 ;;
        --rows) rows_file=${2:?}; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage ;;
        *) echo "$prog: unknown argument $1" >&2; usage ;;
    esac
done
[[ $files =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || usage
[ -n "$ctl" ] && [ -x "$ctl" ] || { echo "$prog: no keepsakectl: pass --ctl PATH or set KEEPSAKECTL" >&2; exit 2; }
ctl=$(cd "$(dirname "$ctl")" && pwd)/$(basename "$ctl")
[ "$runs" -ge 3 ] || say "warning: $runs run(s): medians of fewer than 3 runs describe, they do not measure"
for tool in xorriso faketime curl python3 sha256sum; do command -v $tool >/dev/null || die "needs $tool"; done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: time)"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || die "needs PostgreSQL's initdb and pg_ctl (Debian: postgresql)"
as_pg=(); if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
if [ -n "$rows_file" ]; then
    : >"$rows_file" || die "cannot write the rows to $rows_file"
    rows_file=$(cd "$(dirname "$rows_file")" && pwd)/$(basename "$rows_file")
fi

card=$("$here/make-card.sh" --size "$size" "$files") || die "could not make the card"
work=$(mktemp -d "$(dirname "$card")/station.XXXXXX")
pg=$(mktemp -d "${TMPDIR:-/tmp}/keepsake-bench-pg.XXXXXX")   # the postgres user must reach it
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    [ -f "$pg/db/postmaster.pid" ] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg/db" -m immediate stop >/dev/null 2>&1
    rm -rf "$pg"
    if [ "$keep" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
json_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$@"; }

# --- the catalog and the two devices -----------------------------------------------------
[ "$(id -u)" = 0 ] && chown postgres "$pg"
pgport=$(free_port)
"${as_pg[@]}" "$pgbin/initdb" -D "$pg/db" -A trust -U keepsake -E UTF8 --locale=C >"$work/initdb.log" 2>&1 ||
    { tail -n 5 "$work/initdb.log" >&2; die "initdb failed"; }
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg/db" -w -l "$pg/log" -o "-p $pgport -k $pg -c listen_addresses=127.0.0.1" \
    start >/dev/null 2>&1 || { tail -n 5 "$pg/log" >&2; die "PostgreSQL did not start"; }
cat_url="postgresql://keepsake@127.0.0.1:$pgport/postgres"
H=("$ctl" --data-dir "$work/H" --catalog "$cat_url")
S=("$ctl" --data-dir "$work/S" --catalog "$cat_url")
declare -A port serve_pid
start_device() {   # NAME: device init and serve, until it answers GET /health
    local d=$1
    port[$d]=$(free_port)
    "$ctl" --data-dir "$work/$d" --catalog "$cat_url" --json device init --name "$d" \
        --url "https://127.0.0.1:${port[$d]}" >"$work/$d.json" 2>"$work/err" || { cat "$work/err" >&2; die "device init $d failed"; }
    "$ctl" --data-dir "$work/$d" --catalog "$cat_url" serve --listen "127.0.0.1:${port[$d]}" --interval 60 \
        >"$work/$d.serve.log" 2>&1 &
    serve_pid[$d]=$!; pids+=($!)
    for _ in $(seq 150); do curl -skf -m 2 "https://127.0.0.1:${port[$d]}/health" >/dev/null && return 0; sleep 0.2; done
    tail -n 5 "$work/$d.serve.log" >&2; die "device $d did not answer GET /health"
}
start_device H
start_device S

# albums CUSTOMER: "ID STATE" per album of the customer that has photos
albums() {
    "${H[@]}" --json albums --customer "$1" --all 2>>"$work/quiet.log" | python3 -c 'import json, sys
for l in sys.stdin:
    o = json.loads(l)
    if "summary" not in o and o.get("photos", 0) > 0: print(o["id"], o["state"])'
}
# expire_all: two sweeps under a moved clock (the notice, then its end): every album of
# A and B expired
expire_all() {
    local d rc
    for d in 4000 4100; do
        rc=0; faketime -f "+${d}d" "${H[@]}" expire >"$work/expire.log" 2>&1 || rc=$?
        [ $rc = 0 ] || [ $rc = 3 ] || { tail -n 5 "$work/expire.log" >&2; die "keepsakectl expire failed (exit $rc)"; }
    done
    local c
    for c in A B; do
        albums "$c" >"$work/albums.$c"
        [ -s "$work/albums.$c" ] || die "customer $c has no albums with photos"
        awk '$2 != "expired" { bad = 1 } END { exit bad }' "$work/albums.$c" ||
            die "after the sweeps customer $c's albums are not all expired: $(tr '\n' ' ' <"$work/albums.$c")"
    done
}
# recorded_all: every album of A and B recorded by the last run's burns
recorded_all() {
    local c
    for c in A B; do
        albums "$c" >"$work/albums.$c"
        awk '$2 != "recorded" { bad = 1 } END { exit bad }' "$work/albums.$c" ||
            die "after the burns customer $c's albums are not all recorded: $(tr '\n' ' ' <"$work/albums.$c")"
    done
}
# restore_all: the albums recorded by the last run back to active (then expire_all)
restore_all() {
    local c id
    for c in A B; do
        albums "$c" >"$work/albums.$c"
        while read -r id _; do
            "${H[@]}" album restore --album "$id" >"$work/restore.log" 2>&1 ||
                { cat "$work/restore.log" >&2; die "album restore --album $id failed"; }
        done <"$work/albums.$c"
    done
}

# --- the same card held by H for A and by S for B ----------------------------------------
"${H[@]}" customer add --code A --name "Bench remote" --home H >/dev/null 2>>"$work/quiet.log"
"${H[@]}" customer add --code B --name "Bench local" --home S >/dev/null 2>>"$work/quiet.log"
handin() {   # DEVICE CUSTOMER: the card handed in at DEVICE (thumbnails made), untimed
    local rc=0
    say "handing the card in at $1 for customer $2 (untimed)"
    "$ctl" --data-dir "$work/$1" --catalog "$cat_url" --json ingest --customer "$2" "$card" >"$work/ingest.$2" \
        2>"$work/err" || rc=$?
    [ $rc = 0 ] || { tail -n 20 "$work/err" >&2; die "ingest at $1 for $2 failed (exit $rc)"; }
    grep -q "\"new\": *$files[,}]" "$work/ingest.$2" || die "ingest at $1 for $2 did not take every file of the card: $(tail -n 1 "$work/ingest.$2")"
}
handin H A
handin S B
# every photo held where it should be, none waiting to be forwarded
for pair in A:H B:S; do
    c=${pair%:*} d=${pair#*:}
    albums "$c" | while read -r id _; do "${H[@]}" --json photos --album "$id" 2>>"$work/quiet.log"; done | python3 -c 'import json, sys
want, n = sys.argv[1], 0
for l in sys.stdin:
    o = json.loads(l)
    if "summary" in o: continue
    n += 1
    if o.get("device") != want or o.get("queued"):
        sys.exit("photo %s is on %r (queued %s), want %r" % (o.get("id"), o.get("device"), o.get("queued"), want))
print(n)' "$d" >"$work/held" || die "customer $c's photos are not all held by $d"
    [ "$(cat "$work/held")" = "$files" ] || die "customer $c has $(cat "$work/held") photos, want $files"
done
expire_all
find "$card" -type f -name '*.JPG' -exec sha256sum {} + | cut -d' ' -f1 | sort >"$work/card.sha256"

# --- the runs ----------------------------------------------------------------------------
now() { date +%s.%N; }
times=$work/times; : >"$times"
warm() {   # both stores in the page cache
    find "$work/H" "$work/S" -type f -print0 | xargs -0 cat >/dev/null
}
burn() {   # SIDE RUN: one whole burn, timed from spawn to the end of its sync -f
    local side=$1 run=$2 img=$work/$1-$2.iso rc=0 t0 t1
    local cmd=("${S[@]}" --json burn --customer B --drive "stdio:$img")
    [ "$side" = remote ] && cmd=("${H[@]}" --json burn --customer A --station S --drive "stdio:$img")
    rm -f "$img"
    sync
    t0=$(now)
    /usr/bin/time -o "$work/$side.time" -f '%M' "${cmd[@]}" >"$work/$side-$run.json" 2>"$work/$side-$run.err" || rc=$?
    [ $rc != 0 ] || sync -f "$img"
    t1=$(now)
    [ $rc = 0 ] || { tail -n 20 "$work/$side-$run.err" >&2; die "$side burn (run $run) exited with $rc: ${cmd[*]}"; }
    python3 - "$side" "$work/$side-$run.json" "$t0" "$t1" "$(tail -n 1 "$work/$side.time")" >>"$times" <<'PY' ||
import json, sys
side, path, t0, t1, rss = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
lines = [json.loads(l) for l in open(path) if l.startswith("{")]
if not lines:
    sys.exit("no JSON output")
s = lines[-1].get("summary")
if not s or s.get("discs") != 1 or s.get("discs_left") != 0 or not s.get("bytes"):
    sys.exit(f"the summary is not one verified disc: {s}")
discs = [l for l in lines if "disc" in l and "summary" not in l and "files_verified" in l]
if len(discs) != 1:
    sys.exit(f"{len(discs)} disc records, want 1")
if side == "remote":
    first = lines[0]   # the job record, printed before waiting (queued, or already taken)
    if "id" not in first or first.get("station") != "S" or first.get("state") not in ("queued", "running"):
        sys.exit(f"the first line is not the job record of station S: {first}")
    if s.get("station") != "S" or s.get("job") != first["id"]:
        sys.exit(f"the disc was not recorded by station S in job {first['id']}: {s}")
for key, value in (("total", t1 - t0), ("write", s.get("write_seconds", 0)), ("verify", s.get("verify_seconds", 0)),
                   ("rss", rss / 1024), ("bytes", s["bytes"]), ("files", discs[0]["files_verified"])):
    print(side, key, value)
PY
        { tail -n 5 "$work/$side-$run.json" >&2; die "the $side burn's output (run $run) is not what it should be"; }
}
check_image() {   # SIDE RUN: xorriso checks the image's MD5s (untimed); the first remote
                  # image's photos are compared with the card's
    local img=$work/$1-$2.iso
    [ -s "$img" ] || die "the $1 burn (run $2) exited 0 but left no image at $img"
    xorriso -md5 on -indev "$img" -check_md5 FAILURE -- -check_md5_r FAILURE / -- >"$work/x.log" 2>&1 ||
        { tail -n 20 "$work/x.log" >&2; die "the $1 image of run $2 fails xorriso -check_md5"; }
    grep -q 'MD5 MISMATCH' "$work/x.log" && die "xorriso found an MD5 mismatch in the $1 image of run $2"
    if [ "$1" = remote ] && [ "$2" = 1 ]; then
        rm -rf "$work/x"; mkdir "$work/x"
        xorriso -osirrox on -indev "$img" -extract / "$work/x" >/dev/null 2>&1 || die "xorriso cannot extract $img"
        find "$work/x" -type f -exec sha256sum {} + | cut -d' ' -f1 | sort -u >"$work/x.sha256"
        local missing
        missing=$(comm -23 "$work/card.sha256" "$work/x.sha256" | wc -l)
        [ "$missing" = 0 ] || die "$missing photo(s) of the card missing or altered on the station's disc"
        rm -rf "$work/x"
    fi
    rm -f "$img"
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$runs"); do
    [ "$run" = 1 ] || { restore_all; expire_all; }
    warm
    if (( run % 2 )); then burn remote "$run"; burn local "$run"; else burn local "$run"; burn remote "$run"; fi
    recorded_all
    check_image remote "$run"; check_image local "$run"
    say "run $run of $runs done"
done
hwm() { awk '/VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
echo "station hwm $(( $(hwm "${serve_pid[S]}") / 1024 ))" >>"$times"
echo "holder hwm $(( $(hwm "${serve_pid[H]}") / 1024 ))" >>"$times"

# --- the report --------------------------------------------------------------------------
bytes=$(find "$card" -type f -name '*.JPG' -printf '%s\n' | awk '{ s += $1 } END { print s }')
python3 - "$times" "$files" "$bytes" "$size" "$runs" "$load_start" "$rows_file" <<'PY'
import os, statistics, sys
from collections import defaultdict
v = defaultdict(list)
for line in open(sys.argv[1]):
    side, key, value = line.split()
    v[side, key].append(float(value))
med = lambda side, key: statistics.median(v[side, key])
for key in ("bytes", "files"):
    if set(v["remote", key]) != set(v["local", key]) or len(set(v["remote", key])) != 1:
        sys.exit(f"bench-station.sh: the two sides did not record the same: {key} remote "
                 f"{v['remote', key]}, local {v['local', key]}")
load_end = " ".join(open("/proc/loadavg").read().split()[:3])
print()
print("Keepsake burn station benchmark")
print(f"card: {sys.argv[2]} photos, {int(sys.argv[3]) / 1e9:.2f} GB, {sys.argv[4]} pixels; disc: "
      f"{int(v['local', 'files'][0])} files, {v['local', 'bytes'][0] / 1e9:.2f} GB; cores (nproc): {os.cpu_count()}; "
      f"load average at start {sys.argv[6]}, at end {load_end}")
print(f"runs per side: {sys.argv[5]}, alternating order; medians; every burn a whole process after `sync`, "
      "ending with `sync -f` of its image; one PostgreSQL catalog, two devices on loopback HTTPS")
k, p = med("remote", "total"), med("local", "total")
r = k / p if p > 0 else float("inf")
goal = 1.3
row = ["burn on a station, photos on another device, vs the same burn local on the station",
       f"{k:.3f}", f"{p:.3f}", f"{r:.3f}", f"<= {goal:g}", "yes" if r <= goal else "NO"]
print()
print("| work | Keepsake | peer | ratio | goal | met |")
print("|---|---|---|---|---|---|")
print(f"| {row[0]} | {row[1]} s | {row[2]} s | {row[3]} | {row[4]} | {row[5]} |")
print()
print("(shown) medians of the burns' summaries, in seconds: write_seconds remote "
      f"{med('remote', 'write'):.2f}, local {med('local', 'write'):.2f}; verify_seconds remote "
      f"{med('remote', 'verify'):.2f}, local {med('local', 'verify'):.2f}")
print(f"(shown) peak memory: remote burn process (at H) {max(v['remote', 'rss']):.0f} MB, local burn process "
      f"(at S) {max(v['local', 'rss']):.0f} MB, station S's serve {v['station', 'hwm'][0]:.0f} MB, "
      f"holder H's serve {v['holder', 'hwm'][0]:.0f} MB")
print("every run (wall seconds): " + "; ".join(
    f"{side} " + " ".join(f"{x:.2f}" for x in v[side, "total"]) for side in ("remote", "local")))
if sys.argv[7]:
    with open(sys.argv[7], "a") as f:
        f.write("\t".join(row) + "\n")
PY
