#!/usr/bin/env bash
# bench-ingest.sh — Keepsake's hand-in and thumbnails against the tools a lab would
# otherwise use, side by side in one run (see tests/bench/README.md).
#
#   bench-ingest.sh [--ctl PATH] [--files N] [--runs R] [--large] [--size WxH]
#                   [--workdir DIR] [--rows FILE] [--peer-only] [--no-event] [--keep]
#
#   --ctl PATH     keepsakectl to measure (else $KEEPSAKECTL, else a build in the tree)
#   --files N      files on the card (default 300)
#   --runs R       runs of every side, interleaved; medians are reported (default 3)
#   --large        also hand in a 3000-file card (1600x1200) and a 300-file card of
#                  the same pixels, to show whether memory stays flat as the card grows
#   --size WxH     pixels of the card's files (default 4000x3000; the smoke test
#                  uses a small size so that it takes seconds)
#   --workdir DIR  where copies and data folders go (default: beside the cached card)
#   --rows FILE    also write the table's rows to FILE (README.md, "Rows")
#   --peer-only    run only the peer side (cp, djpeg), e.g. before keepsakectl exists
#   --no-event     a keepsakectl without the card_may_be_removed event: take the
#                  process's exit as the moment the card is free (marked in the table)
#   --keep         keep the work folder
#
# Exit status: 0 when every step ran and gave the expected outcome, whether or not
# the goals were met (the table says); 1 when something broke; 2 on usage errors.
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }
usage() { sed -n '2,22s/^# \{0,1\}//p' "$0" >&2; exit 2; }

ctl=${KEEPSAKECTL:-}
files=300
runs=3
large=0
size=4000x3000
workroot=""
rows_file=""
peer_only=0
no_event=0
keep=0
while [ $# -gt 0 ]; do
    case $1 in
        --ctl) ctl=${2:?}; shift 2 ;;
        --files) files=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --large) large=1; shift ;;
        --size) size=${2:?}; shift 2 ;;
        --workdir) workroot=${2:?}; shift 2 ;;
        --rows) rows_file=${2:?}; shift 2 ;;
        --peer-only) peer_only=1; shift ;;
        --no-event) no_event=1; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) usage ;;
        *) echo "$prog: unknown argument $1" >&2; usage ;;
    esac
done
[[ $files =~ ^[1-9][0-9]*$ ]] || { echo "$prog: --files must be a positive number" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "$prog: --runs must be a positive number" >&2; exit 2; }
[ "$runs" -ge 3 ] || say "warning: $runs run(s): medians of fewer than 3 runs describe, they do not measure"
if [ -n "$rows_file" ]; then
    : >"$rows_file" || die "cannot write the rows to $rows_file"
    rows_file=$(cd "$(dirname "$rows_file")" && pwd)/$(basename "$rows_file")
fi

for tool in djpeg cjpeg python3 sync fincore; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: libjpeg-turbo-progs, python3, coreutils, util-linux)"
done

if [ "$peer_only" = 0 ]; then
    if [ -z "$ctl" ]; then
        root=$(cd "$here/../.." && pwd)
        for c in "$root/build/app/keepsakectl/keepsakectl" "$root/build/keepsakectl"; do
            [ -x "$c" ] && { ctl=$c; break; }
        done
    fi
    [ -n "$ctl" ] || die "no keepsakectl: pass --ctl PATH or set KEEPSAKECTL (or --peer-only)"
    [ -x "$ctl" ] || die "$ctl is not an executable"
    ctl=$(cd "$(dirname "$ctl")" && pwd)/$(basename "$ctl")
fi

# --- cards and work folder ------------------------------------------------------------
card=$("$here/make-card.sh" --size "$size" "$files") || die "could not make the card"
if [ "$large" = 1 ]; then
    large_card=$("$here/make-card.sh" --large) || die "could not make the large card"
    mid_card=$("$here/make-card.sh" --size 1600x1200 300) || die "could not make the 300-file 1600x1200 card"
fi
[ -n "$workroot" ] || workroot=$(dirname "$card")
mkdir -p "$workroot"
work=$(mktemp -d "$workroot/run.XXXXXX")
cleanup() {
    if [ "$keep" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# cp's copy ($work/copy) and the data folders ($work/data*) live side by side, so all
# write to one file system.
results=$work/results.jsonl     # one JSON object per timed step (see run.py)
: >"$results"

# --- the runner: every timed step is one whole process, spawned from here -------------
# It records the wall time from spawn to exit, to the card_may_be_removed line on
# stderr (keepsakectl ingest --json), and to the end of an optional `sync -f DIR`
# after the exit; the process's own peak RSS and CPU time come from wait4().
cat >"$work/run.py" <<'PY'
import argparse, json, os, subprocess, sys, time

a = argparse.ArgumentParser()
a.add_argument("--results", required=True)
a.add_argument("--step", required=True)
a.add_argument("--card", required=True)
a.add_argument("--run", type=int, required=True)
a.add_argument("--out", required=True)
a.add_argument("--err", required=True)
a.add_argument("--event", choices=("required", "optional", "exit"), default="optional")
a.add_argument("--files", type=int)
a.add_argument("--sync-after")
a.add_argument("cmd", nargs=argparse.REMAINDER)
o = a.parse_args()
cmd = o.cmd[1:] if o.cmd[:1] == ["--"] else o.cmd

event_s, event = None, None
with open(o.out, "wb") as out, open(o.err, "wb") as err:
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
    for line in p.stderr:               # line by line, as keepsakectl writes them
        if event_s is None and line.lstrip().startswith(b"{"):
            try:
                obj = json.loads(line)
            except ValueError:
                obj = None
            if isinstance(obj, dict) and obj.get("event") == "card_may_be_removed":
                event_s, event = time.monotonic() - t0, obj
        err.write(line)
    _, status, usage = os.wait4(p.pid, 0)
    exit_s = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
total_s = exit_s
if o.sync_after and p.returncode == 0:
    subprocess.run(["sync", "-f", o.sync_after], check=True)
    total_s = time.monotonic() - t0

def fail(why):
    sys.stderr.write(f"step '{o.step}' (card {o.card}, run {o.run}): {why}\n")
    sys.exit(1)

if p.returncode != 0:
    fail(f"exited with {p.returncode}: {' '.join(cmd)}")
if o.event == "exit":                   # --no-event: the exit stands in for the event
    event_s = exit_s
elif o.event == "required":
    if event is None:
        fail("keepsakectl printed no card_may_be_removed event on stderr "
             "(a keepsakectl without it: run with --no-event)")
    if o.files is not None and event.get("files") != o.files:
        fail(f"the card_may_be_removed event names {event.get('files')} files, the card has {o.files}")
summary = {}
for line in open(o.out, encoding="utf-8", errors="replace"):
    if line.startswith('{"summary"'):
        try:
            summary = json.loads(line)["summary"]
        except ValueError:
            pass
thumb_s = summary.get("thumbnail_seconds")
if event_s is not None and o.event != "exit" and thumb_s and thumb_s > 0.5 and exit_s - event_s < 0.05:
    sys.stderr.write(f"warning: step '{o.step}' run {o.run}: card_may_be_removed came at the exit although "
                     f"thumbnails took {thumb_s:.2f} s: is the line flushed when it is written?\n")
record = {"step": o.step, "card": o.card, "run": o.run, "exit": exit_s, "total": total_s,
          "event": event_s, "event_standin": o.event == "exit", "rss_kib": usage.ru_maxrss,
          "cpu": usage.ru_utime + usage.ru_stime,
          "card_free_seconds": summary.get("card_free_seconds"),
          "thumbnail_seconds": summary.get("thumbnail_seconds")}
with open(o.results, "a") as f:
    f.write(json.dumps(record) + "\n")
PY

# timed STEP CARDNAME RUN [RUNNER OPTIONS] -- CMD...: `sync`, then CMD as a whole process
# with stdout in $work/out, stderr in $work/err.
timed() {
    local step=$1 cardname=$2 run=$3; shift 3
    sync
    python3 "$work/run.py" --results "$results" --step "$step" --card "$cardname" --run "$run" \
        --out "$work/out" --err "$work/err" "$@" || {
        tail -n 20 "$work/err" >&2
        tail -n 5 "$work/out" >&2
        die "step '$step' failed"
    }
}

# check_ingest OUTCOME N: every record of $work/out has OUTCOME, the summary agrees
check_ingest() {
    python3 - "$1" "$2" "$work/out" <<'EOF' || { tail -n 20 "$work/err" >&2; exit 1; }
import json, sys
want, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
records, summary = [], None
for i, line in enumerate(open(path, encoding="utf-8"), 1):
    line = line.strip()
    if not line:
        continue
    try:
        obj = json.loads(line)
    except ValueError:
        sys.exit(f"ingest --json: line {i} is not JSON: {line[:120]}")
    if "summary" in obj:
        summary = obj["summary"]
    elif "event" in obj:
        continue
    else:
        records.append(obj)
problems = []
if summary is None:
    problems.append("no summary line")
others = [r for r in records if r.get("outcome") != want]
if len(records) != n:
    problems.append(f"{len(records)} records, expected {n}")
if others:
    r = others[0]
    problems.append(f"{len(others)} records not '{want}', e.g. {r.get('path')}: {r.get('outcome')} ({r.get('reason')})")
if len({r.get("path") for r in records}) != len(records):
    problems.append("a path is reported twice")
if summary is not None:
    for key in ("new", "already_received", "new_version", "rejected"):
        expect = n if key == want else 0
        if summary.get(key) != expect:
            problems.append(f"summary {key} = {summary.get(key)}, expected {expect}")
if problems:
    sys.exit("ingest output is not what it should be: " + "; ".join(problems))
EOF
}

# warm CARD: every side reads the card from the page cache, none from the disk
warm() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }
# chill CARD: drop the card's files from the page cache (no root needed), and say how
# much of the card is still resident afterwards
chill() {
    sync
    python3 - "$1" <<'PY'
import os, sys
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        fd = os.open(os.path.join(folder, name), os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
PY
    find "$1" -type f -print0 | xargs -0 fincore --bytes --noheadings --raw --output RES |
        awk '{ s += $1 } END { printf "%.0f\n", s }'
}
card_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }'; }

all_cards=("$card")
[ "$large" = 0 ] || all_cards+=("$mid_card" "$large_card")
for c in "${all_cards[@]}"; do warm "$c"; done

# --- the steps ------------------------------------------------------------------------
peer_copy() {     # run, card, cardname
    rm -rf "$work/copy"
    # shellcheck disable=SC2016  # expanded by the inner shell
    timed cp "$3" "$1" -- sh -c 'cp -r --reflink=never "$0" "$1" && sync -f "$1"' "$2" "$work/copy"
    rm -rf "$work/copy"
}
peer_djpeg() {    # as many decoders as cores, no shell per file
    # shellcheck disable=SC2016
    timed djpeg "$3" "$1" -- sh -c 'find "$0" -name "*.JPG" -print0 |
        xargs -0 -n1 -P"$(nproc)" djpeg -scale 1/8 -outfile /dev/null' "$2"
}
peer_djpeg_cjpeg() {  # shown only: the pipe needs a shell per file
    # shellcheck disable=SC2016
    timed djpeg_cjpeg "$3" "$1" -- sh -c 'find "$0" -name "*.JPG" -print0 |
        xargs -0 -n1 -P"$(nproc)" sh -c '\''djpeg -scale 1/8 "$0" | cjpeg -quality 85 >/dev/null'\''' "$2"
}
new_data() {      # folder: a fresh data folder with the customer B1
    rm -rf "$1"
    "$ctl" --data-dir "$1" customer add --code B1 --name Bench >"$work/out" 2>"$work/err" ||
        { tail -n 20 "$work/err" >&2; die "keepsakectl customer add failed"; }
    sync
}
# first hand-in without thumbnails, then `sync -f` of the data folder
keepsake_bare() {   # run, card, cardname, n
    local data=$work/data-bare
    new_data "$data"
    timed bare "$3" "$1" --sync-after "$data" -- \
        "$ctl" --data-dir "$data" ingest --customer B1 --no-thumbnails --json "$2"
    check_ingest new "$4"
    rm -rf "$data"
}
# the default hand-in (thumbnails made), then the same card again, warm and cold
keepsake_default() {   # run, card, cardname, n
    local data=$work/data-default event=required resident
    [ "$no_event" = 0 ] || event=exit
    new_data "$data"
    timed default "$3" "$1" --event "$event" --files "$4" -- \
        "$ctl" --data-dir "$data" ingest --customer B1 --json "$2"
    check_ingest new "$4"
    timed again "$3" "$1" --sync-after "$data" -- \
        "$ctl" --data-dir "$data" ingest --customer B1 --json "$2"
    check_ingest already_received "$4"
    resident=$(chill "$2")
    say "cold card: $resident bytes of it still in the page cache"
    timed again_cold "$3" "$1" --sync-after "$data" -- \
        "$ctl" --data-dir "$data" ingest --customer B1 --json "$2"
    check_ingest already_received "$4"
    warm "$2"
    printf '{"step": "resident_cold", "card": "%s", "run": %s, "bytes": %s}\n' "$3" "$1" "$resident" >>"$results"
    rm -rf "$data"
}

# One run: peers and Keepsake's steps alternate, each Keepsake step beside its peer;
# even runs go in the reverse order, so that drift on a shared machine evens out.
one_run() {   # run, card, cardname, n
    local steps=(peer_copy keepsake_bare peer_djpeg keepsake_default peer_djpeg_cjpeg) s
    [ "$3" = main ] || steps=(peer_copy keepsake_bare peer_djpeg keepsake_default)
    if (( $1 % 2 == 0 )); then
        local reversed=(); for s in "${steps[@]}"; do reversed=("$s" "${reversed[@]}"); done
        steps=("${reversed[@]}")
    fi
    for s in "${steps[@]}"; do
        if [ "$peer_only" = 1 ] && [[ $s == keepsake_* ]]; then continue; fi
        "$s" "$@"
    done
}

cards=("main:$card")
[ "$large" = 0 ] || cards+=("mid:$mid_card" "large:$large_card")
export BENCH_LOAD_START
BENCH_LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for spec in "${cards[@]}"; do
    name=${spec%%:*}; c=${spec#*:}
    n_c=$(find "$c" -type f -name '*.JPG' | wc -l)
    say "card '$name' $c: $n_c files; $runs run(s); work folder $work"
    for ((r = 1; r <= runs; r++)); do
        say "card '$name', run $r of $runs"
        one_run "$r" "$c" "$name" "$n_c"
    done
done

# --- the report -----------------------------------------------------------------------
export BENCH_CARD="$card" BENCH_CARD_FILES BENCH_CARD_BYTES BENCH_SIZE="$size" BENCH_RUNS="$runs"
export BENCH_CORES BENCH_CTL="${ctl:-}" BENCH_VERSION="" BENCH_ROWS="$rows_file" BENCH_NO_EVENT="$no_event"
BENCH_CARD_FILES=$(find "$card" -type f -name '*.JPG' | wc -l)
BENCH_CARD_BYTES=$(card_bytes "$card")
BENCH_CORES=$(nproc)
if [ "$peer_only" = 0 ]; then
    BENCH_VERSION=$("$ctl" --version 2>/dev/null | head -n 1 || true)
fi
if [ "$large" = 1 ]; then
    export BENCH_LARGE_FILES BENCH_LARGE_BYTES BENCH_MID_FILES BENCH_MID_BYTES
    BENCH_LARGE_FILES=$(find "$large_card" -type f -name '*.JPG' | wc -l)
    BENCH_LARGE_BYTES=$(card_bytes "$large_card")
    BENCH_MID_FILES=$(find "$mid_card" -type f -name '*.JPG' | wc -l)
    BENCH_MID_BYTES=$(card_bytes "$mid_card")
fi
python3 - "$results" <<'EOF'
import json, os, statistics, sys
from collections import defaultdict

env = os.environ
steps = defaultdict(list)           # (card, step) -> records in run order
for line in open(sys.argv[1]):
    r = json.loads(line)
    steps[r["card"], r["step"]].append(r)
RSS_LIMIT_MB = 300
HANDINS = ("bare", "default", "again", "again_cold")
standin = env.get("BENCH_NO_EVENT") == "1"

def med(card, step, key):
    vals = [r[key] for r in steps.get((card, step), []) if r.get(key) is not None]
    return statistics.median(vals) if vals else None

def thumbs(card):  # per run: the default hand-in's exit minus the bare hand-in's exit
    bare = {r["run"]: r["exit"] for r in steps.get((card, "bare"), [])}
    diffs = [r["exit"] - bare[r["run"]] for r in steps.get((card, "default"), []) if r["run"] in bare]
    return statistics.median(diffs) if diffs else None

def peak_mb(card, step_list=HANDINS):
    kib = [r["rss_kib"] for s in step_list for r in steps.get((card, s), [])]
    return max(kib) / 1024 if kib else None

fmt_s = lambda s: "-" if s is None else f"{s:.2f} s"
num = lambda v, d=3: "-" if v is None else f"{v:.{d}f}"

def row(work, k, p, goal):
    ratio = k / p if k is not None and p else None
    met = "-" if ratio is None or goal is None else ("yes" if ratio <= goal else "NO")
    return [work, k, p, ratio, "(shown)" if goal is None else f"<= {goal:g}", met]

def rows_for(card):
    ev = " [stand-in: process exit, --no-event]" if standin else ""
    rows = [
        row("first hand-in, --no-thumbnails, then sync -f, vs cp -r && sync -f",
            med(card, "bare", "total"), med(card, "cp", "total"), 1.2),
        row(f"thumbnails (hand-in with minus without) vs djpeg -scale 1/8 (-P{env['BENCH_CORES']})",
            thumbs(card), med(card, "djpeg", "total"), 0.5),
    ]
    if steps.get((card, "djpeg_cjpeg")):
        rows.append(row("thumbnails vs djpeg -scale 1/8 piped to cjpeg -quality 85 (shell per file)",
                        thumbs(card), med(card, "djpeg_cjpeg", "total"), None))
    rows += [
        row("default hand-in: card may be removed, vs cp -r && sync -f" + ev,
            med(card, "default", "event"), med(card, "cp", "total"), 1.2),
        row("default hand-in: last thumbnail (exit), vs cp -r && sync -f",
            med(card, "default", "exit"), med(card, "cp", "total"), None),
        row("same card again (warm), then sync -f, vs first hand-in",
            med(card, "again", "total"), med(card, "bare", "total"), 0.02),
        row("same card again (cold card), then sync -f, vs first hand-in",
            med(card, "again_cold", "total"), med(card, "bare", "total"), 0.02),
    ]
    return rows

def table(head, body):
    widths = [max(len(str(r[i])) for r in [head] + body) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in body:
        print(line(r))

cards = [("main", env["BENCH_CARD_FILES"], env["BENCH_CARD_BYTES"], env["BENCH_SIZE"])]
if env.get("BENCH_LARGE_FILES"):
    cards += [("mid", env["BENCH_MID_FILES"], env["BENCH_MID_BYTES"], "1600x1200"),
              ("large", env["BENCH_LARGE_FILES"], env["BENCH_LARGE_BYTES"], "1600x1200")]

print()
print("Keepsake hand-in benchmark")
print(f"keepsakectl: {env.get('BENCH_CTL') or '(not run: --peer-only)'} {env.get('BENCH_VERSION', '')}".rstrip())
print(f"cores (nproc): {env['BENCH_CORES']}; load average at start {env['BENCH_LOAD_START']}, "
      f"at end {' '.join(open('/proc/loadavg').read().split()[:3])}")
print(f"runs per side: {env['BENCH_RUNS']}, interleaved, reversed every other run; medians; "
      "every step a whole process after `sync`, the card in the page cache unless 'cold'")
for name, n, b, size in cards:
    print(f"card '{name}': {n} files, {int(b)} bytes ({int(b) / 1e9:.2f} GB), {size} pixels")
print()
main_rows = []
for name, n, b, size in cards:
    rows = rows_for(name)
    if name == "main":
        main_rows = rows
    print(f"Card '{name}' ({n} files, {size}):")
    table(["work", "Keepsake", "peer", "ratio", "goal", "met"],
          [[w, fmt_s(k), fmt_s(p), num(r), g, m] for w, k, p, r, g, m in rows])
    print()

mem_rows = []
peak = peak_mb("main")
if peak is not None:
    mem_rows.append(["peak memory of a hand-in (highest of every keepsakectl hand-in)",
                     f"{peak:.1f}MB", "-", "-", f"<= {RSS_LIMIT_MB} MB",
                     "yes" if peak <= RSS_LIMIT_MB else "NO"])
if env.get("BENCH_LARGE_FILES") and peak_mb("mid") and peak_mb("large"):
    a, b = peak_mb("mid"), peak_mb("large")
    mem_rows.append([f"peak memory flat: {env['BENCH_LARGE_FILES']} vs {env['BENCH_MID_FILES']} files (1600x1200)",
                     f"{b:.1f}MB", f"{a:.1f}MB", f"{b / a:.3f}", "<= 1.25", "yes" if b <= 1.25 * a else "NO"])
if mem_rows:
    print("Peak memory of keepsakectl (maximum resident set size of the process, wait4):")
    table(["work", "Keepsake", "peer", "ratio", "goal", "met"],
          [[c.replace("MB", " MB") if i in (1, 2) else c for i, c in enumerate(r)] for r in mem_rows])
    print()

print("Every run (wall seconds to exit [+ sync -f] [to card_may_be_removed]; user+sys CPU; peak RSS MB):")
for (card, step), rs in sorted(steps.items()):
    if step == "resident_cold":
        print(f"  {card:5} {'cold card':12} still resident after dropping: "
              + " ".join(f"{r['bytes'] / 1e6:.1f}MB" for r in rs))
        continue
    parts = []
    for r in rs:
        p = f"{r['exit']:.2f}"
        if r["total"] != r["exit"]:
            p += f"+{r['total'] - r['exit']:.2f}"
        if r.get("event") is not None and not r.get("event_standin"):
            p += f"[{r['event']:.2f}]"
        parts.append(p)
    line = f"  {card:5} {step:12} " + " ".join(parts)
    line += "  CPU " + " ".join(f"{r['cpu']:.2f}" for r in rs)
    line += "  RSS " + " ".join(f"{r['rss_kib'] / 1024:.0f}" for r in rs)
    own = [(r.get("card_free_seconds"), r.get("thumbnail_seconds")) for r in rs]
    if any(c is not None for c, _ in own):
        line += "  summary card_free/thumbnail s " + " ".join(f"{num(c, 2)}/{num(t, 2)}" for c, t in own)
    print(line)

if env.get("BENCH_ROWS"):
    v = lambda s: "-" if s is None else f"{s:.3f}"
    with open(env["BENCH_ROWS"], "a") as f:
        for w, k, p, r, g, m in main_rows:
            f.write("\t".join([w, v(k), v(p), num(r), g, m]) + "\n")
        for r in mem_rows:
            f.write("\t".join(r) + "\n")
EOF
