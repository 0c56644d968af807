#!/usr/bin/env bash
# bench-network.sh — a hand-in over the network against the same hand-in done locally,
# side by side in one run (issue 13; see tests/bench/README.md).
#
#   bench-network.sh [--ctl PATH] [--files N] [--runs R] [--size WxH] [--rows FILE] [--keep]
#
# Devices on one SQLite catalog serve on loopback ports (keepsakectl serve); a counter
# terminal is paired with S1. Per run, interleaved:
#   local    keepsakectl ingest --no-thumbnails of the card into a fresh data folder
#   client   the same card from a client process (--device, HTTPS) through S1, for a
#            customer without home device: kept on S1
#   again    the same card again through S1 (nothing should be sent)
#   forward  the card through S1 for a customer whose home is another device (a new
#            one each run), then until S1's queue is empty: the time from the end of
#            the hand-in to the last photo held there
# Each step starts once every device is idle (its CPU time still for half a second):
# the thumbnails a device makes of what it received would otherwise run beside the
# next step.
# Every command is a whole process. Peak memory: the client's (/usr/bin/time) and the
# devices' (VmHWM of the serve processes).
# Exit status: 0 when every step ran and gave the expected outcome, whether or not the
# targets were met (the table says); 1 when something broke; 2 on usage errors.
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }
usage() { sed -n '2,18s/^# \{0,1\}//p' "$0" >&2; exit 2; }

ctl=${KEEPSAKECTL:-}
files=300
runs=3
size=4000x3000
keep=0
rows_file=""
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
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: time)"
command -v curl >/dev/null || die "curl is missing"
[ -n "$ctl" ] && [ -x "$ctl" ] || die "no keepsakectl: pass --ctl PATH or set KEEPSAKECTL"
ctl=$(cd "$(dirname "$ctl")" && pwd)/$(basename "$ctl")

if [ -n "$rows_file" ]; then
    : >"$rows_file" || die "cannot write the rows to $rows_file"
    rows_file=$(cd "$(dirname "$rows_file")" && pwd)/$(basename "$rows_file")
fi
card=$("$here/make-card.sh" --size "$size" "$files") || die "could not make the card"
work=$(mktemp -d "$(dirname "$card")/net.XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    if [ "$keep" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
results=$work/results.tsv   # step, run, wall ms, max RSS KiB, its CPU s, the devices' CPU ticks meanwhile
: >"$results"
find "$card" -type f -print0 | xargs -0 cat >/dev/null   # every side reads the card from the page cache

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# The devices' CPU time (user + system ticks), all serve processes together.
devices_cpu() {
    local p total=0
    for p in "${pids[@]}"; do
        [ -r "/proc/$p/stat" ] && total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$p/stat") ))
    done
    echo "$total"
}
# Waits until no device works any more (thumbnails of forwarded photos, say): each step
# starts on a quiet machine, not beside the last one's leftovers.
settle() {
    local before after
    for _ in $(seq 240); do
        before=$(devices_cpu); sleep 0.5; after=$(devices_cpu)
        [ "$before" = "$after" ] && return 0
    done
    say "the devices did not settle within 2 minutes"
}
# Milliseconds until the forward queue of the SQLite catalog at $1 is empty (read-only).
drained_after() {
    python3 - "$1" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
start = time.monotonic()
while db.execute("SELECT count(*) FROM forwards").fetchone()[0] > 0:
    if time.monotonic() - start > 600:
        sys.exit(1)
    time.sleep(0.01)
print(round((time.monotonic() - start) * 1000))
PY
}
timed() {   # STEP RUN CMD...
    local step=$1 run=$2; shift 2
    local t0 t1
    settle
    sync
    local c0 c1
    c0=$(devices_cpu)
    t0=$(date +%s%N)
    /usr/bin/time -o "$work/time" -f '%M %U %S' "$@" >"$work/out" 2>"$work/err" ||
        { tail -n 20 "$work/err" >&2; die "step '$step' (run $run) failed: $*"; }
    t1=$(date +%s%N)
    c1=$(devices_cpu)
    read -r kib user sys < <(tail -n 1 "$work/time")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$step" "$run" "$(( (t1 - t0) / 1000000 ))" "$kib" \
        "$(python3 -c "print(round($user + $sys, 2))")" "$(( c1 - c0 ))" >>"$results"
}
expect() {   # OUTCOME N [BYTES_SENT]: the records of $work/out
    python3 - "$1" "$2" "${3:-}" "$work/out" <<'PY' || { tail -n 20 "$work/err" >&2; exit 1; }
import json, sys
want, n, sent, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = [json.loads(l) for l in open(path) if l.startswith("{")]
s = next((r["summary"] for r in rows if "summary" in r), {})
got = [r for r in rows if "summary" not in r]
bad = [r for r in got if r.get("outcome") != want]
if len(got) != n or bad:
    sys.exit(f"{len(got)} records of {n}, {len(bad)} not '{want}'")
if sent != "" and s.get("bytes_sent") != int(sent):
    sys.exit(f"bytes_sent {s.get('bytes_sent')}, expected {sent}")
PY
}

cat_url="sqlite:$work/chain.sqlite"
declare -A port
start_device() {   # NAME: device init and serve, until it answers
    local d=$1
    port[$d]=$(free_port)
    "$ctl" --data-dir "$work/$d" --catalog "$cat_url" --json device init --name "$d" --url "https://127.0.0.1:${port[$d]}" \
        >"$work/$d.json" 2>"$work/err" || { cat "$work/err" >&2; die "device init $d failed"; }
    "$ctl" --data-dir "$work/$d" --catalog "$cat_url" serve --listen "127.0.0.1:${port[$d]}" --interval 60 \
        >"$work/$d.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 150); do curl -skf -m 2 "https://127.0.0.1:${port[$d]}/health" >/dev/null && return 0; sleep 0.2; done
    die "device $d did not answer"
}
start_device S1
S1=("$ctl" --data-dir "$work/S1" --catalog "$cat_url")
fp=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fingerprint"])' "$work/S1.json")
token=$("${S1[@]}" --json terminal add BENCH --kind counter | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["token"])')
client=("$ctl" --data-dir "$work/client" --device "https://127.0.0.1:${port[S1]}" --fingerprint "$fp" --token "$token")
n=$(find "$card" -type f -name '*.JPG' | wc -l)
bytes=$(find "$card" -type f -name '*.JPG' -printf '%s\n' | awk '{ s += $1 } END { print s }')

for ((r = 1; r <= runs; r++)); do
    say "run $r of $runs"
    "${S1[@]}" customer add --code "N$r" --name "Bench net $r" >/dev/null
    start_device "S2r$r"   # a new home device each run: it holds none of the card yet
    "${S1[@]}" customer add --code "F$r" --name "Bench forward $r" --home "S2r$r" >/dev/null
    local_side() {
        rm -rf "$work/local"
        "$ctl" --data-dir "$work/local" customer add --code L --name Local >/dev/null
        timed local "$r" "$ctl" --data-dir "$work/local" --json ingest --customer L --no-thumbnails "$card"
        expect new "$n"
        rm -rf "$work/local"
    }
    network_side() {
        timed client "$r" "${client[@]}" --json ingest --customer "N$r" --no-thumbnails "$card"
        expect new "$n" "$bytes"
        timed again "$r" "${client[@]}" --json ingest --customer "N$r" --no-thumbnails "$card"
        expect already_received "$n" 0
        settle
        "${client[@]}" --json ingest --customer "F$r" --no-thumbnails "$card" >"$work/out" 2>"$work/err"
        expect new "$n"
        # One watcher reads the chain's catalog every 10 ms until S1 owes nothing: a
        # `keepsakectl queue` every 50 ms took a third of a core from the devices it timed.
        local ms
        ms=$(drained_after "$work/chain.sqlite") || die "S1's queue did not drain in 10 minutes"
        printf 'forward\t%s\t%s\t-\t-\t-\n' "$r" "$ms" >>"$results"
    }
    if (( r % 2 == 1 )); then local_side; network_side; else network_side; local_side; fi
done
hwm() { awk '/VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
export BENCH_FILES=$n BENCH_BYTES=$bytes BENCH_SIZE=$size BENCH_RUNS=$runs BENCH_CORES
BENCH_CORES=$(nproc)
export BENCH_HWM_S1 BENCH_HWM_S2 BENCH_ROWS=$rows_file
BENCH_HWM_S1=$(hwm "${pids[0]}"); BENCH_HWM_S2=$(hwm "${pids[-1]}")
python3 - "$results" <<'PY'
import os, statistics, sys
from collections import defaultdict
t, rss, cpu = defaultdict(list), defaultdict(list), defaultdict(list)
ticks = os.sysconf("SC_CLK_TCK")
for line in open(sys.argv[1]):
    step, run, ms, kib, own, devices = line.rstrip("\n").split("\t")
    t[step].append(int(ms) / 1000)
    if kib.isdigit():
        rss[step].append(int(kib) / 1024)
        cpu[step].append(float(own) + int(devices) / ticks)   # the command and the devices it kept busy
e = os.environ
med = lambda s: statistics.median(t[s])
print()
print("Keepsake network benchmark")
print(f"card: {e['BENCH_FILES']} files, {int(e['BENCH_BYTES']) / 1e9:.2f} GB, {e['BENCH_SIZE']} pixels; "
      f"cores: {e['BENCH_CORES']}; runs: {e['BENCH_RUNS']}, interleaved; medians; loopback HTTPS")
rows = [("hand-in through a device vs local ingest", "client", "local", 1.5),
        ("the same card again vs the first time (network)", "again", "client", 0.05),
        ("forwarding to the home device vs local ingest", "forward", "local", 1.5)]
print("| work | Keepsake | peer | ratio | target | met? |")
print("|---|---|---|---|---|---|")
for label, mine, peer, target in rows:
    r = med(mine) / med(peer)
    print(f"| {label} | {med(mine):.2f} s | {med(peer):.2f} s | {r:.3f} | <= {target} | {'yes' if r <= target else 'NO'} |")
print()
peaks = [("client process", max(rss["client"] + rss["again"])), ("local ingest", max(rss["local"])),
         ("device S1 (serve)", int(e["BENCH_HWM_S1"]) / 1024), ("receiving device (serve)", int(e["BENCH_HWM_S2"]) / 1024)]
rows = []
for label, mine, peer, target in [("hand-in of the card from a client process through a device (loopback HTTPS), vs a local ingest", "client", "local", 1.5),
                                  ("the same card again through the device, vs the first time", "again", "client", 0.05),
                                  ("forwarding the card to the customer's home device, vs a local ingest", "forward", "local", 1.5)]:
    r = med(mine) / med(peer)
    rows.append(f"{label}\t{med(mine):.3f}\t{med(peer):.3f}\t{r:.3f}\t<= {target}\t{'yes' if r <= target else 'NO'}")
print("| peak memory | MB | target | met? |")
print("|---|---|---|---|")
for label, mb in peaks:
    print(f"| {label} | {mb:.1f} | <= 300 | {'yes' if mb <= 300 else 'NO'} |")
for label, mb in (("peak memory of the client process of a network hand-in", peaks[0][1]),
                  ("peak memory of a device serving a hand-in and forwarding it", max(peaks[2][1], peaks[3][1]))):
    rows.append(f"{label}\t{mb:.1f}MB\t-\t-\t<= 300 MB\t{'yes' if mb <= 300 else 'NO'}")
if e.get("BENCH_ROWS"):
    with open(e["BENCH_ROWS"], "a", encoding="utf-8") as out:
        out.write("".join(row + "\n" for row in rows))
print()
print("CPU seconds of a step (the command's own and the devices' meanwhile), medians:")
for step in ("local", "client", "again"):
    print(f"  {step:8} {statistics.median(cpu[step]):.2f}")
print()
print("Every run (wall seconds):")
for step in sorted(t):
    print(f"  {step:8} " + " ".join(f"{x:.2f}" for x in t[step]))
PY
