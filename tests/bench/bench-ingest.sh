#!/usr/bin/env bash
# bench-ingest.sh — Keepsake's ingest and thumbnails against the tools a lab would
# otherwise use, side by side in one run (see tests/bench/README.md).
#
#   bench-ingest.sh [--ctl PATH] [--files N] [--runs R] [--large] [--size WxH]
#                   [--workdir DIR] [--peer-only] [--keep]
#
#   --ctl PATH     keepsakectl to measure (else $KEEPSAKECTL, else a build in the tree)
#   --files N      files on the card (default 300)
#   --runs R       runs of every side, interleaved; medians are reported (default 3)
#   --large        also ingest a 3000-file card (1600x1200) and a 300-file card of
#                  the same pixels, to show whether memory stays flat as the card grows
#   --size WxH     pixels of the card's files (default 4000x3000; the smoke test
#                  uses a small size so that it takes seconds)
#   --workdir DIR  where copies and data folders go (default: beside the cached card)
#   --peer-only    run only the peer side (cp, djpeg), e.g. before keepsakectl exists
#   --keep         keep the work folder
#
# Exit status: 0 when every step ran and gave the expected outcome, whether or not
# the targets were met (the table says); 1 when something broke; 2 on usage errors.
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }
usage() { sed -n '2,18s/^# \{0,1\}//p' "$0" >&2; exit 2; }

ctl=${KEEPSAKECTL:-}
files=300
runs=3
large=0
size=4000x3000
workroot=""
peer_only=0
keep=0
while [ $# -gt 0 ]; do
    case $1 in
        --ctl) ctl=${2:?}; shift 2 ;;
        --files) files=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --large) large=1; shift ;;
        --size) size=${2:?}; shift 2 ;;
        --workdir) workroot=${2:?}; shift 2 ;;
        --peer-only) peer_only=1; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) usage ;;
        *) echo "$prog: unknown argument $1" >&2; usage ;;
    esac
done
[[ $files =~ ^[1-9][0-9]*$ ]] || { echo "$prog: --files must be a positive number" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "$prog: --runs must be a positive number" >&2; exit 2; }
[ "$runs" -ge 3 ] || say "warning: $runs run(s): medians of fewer than 3 runs describe, they do not measure"

for tool in djpeg cjpeg python3 sync; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: libjpeg-turbo-progs, python3)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: time)"

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
# cp's copy ($work/copy) and the data folder ($work/data) live side by side, so both
# write to one file system.
results=$work/results.tsv       # step, card, run, wall ms, max RSS in KiB, CPU seconds
: >"$results"

# warm-up: every side reads the card from the page cache, none from the disk
all_cards=("$card")
[ "$large" = 0 ] || all_cards+=("$mid_card" "$large_card")
for c in "${all_cards[@]}"; do
    find "$c" -type f -print0 | xargs -0 cat >/dev/null
done

# timed STEP CARD RUN EXPECT-RC CMD... — runs CMD with stdout in $work/out, stderr in
# $work/err; records wall time and /usr/bin/time's maximum resident set size.
timed() {
    local step=$1 cardname=$2 run=$3 expect=$4; shift 4
    local t0 t1 rc=0
    sync
    t0=$(date +%s%N)
    /usr/bin/time -o "$work/time" -f '%M %U %S' "$@" >"$work/out" 2>"$work/err" || rc=$?
    t1=$(date +%s%N)
    if [ "$rc" != "$expect" ]; then
        echo "$prog: step '$step' (run $run) exited with $rc, expected $expect: $*" >&2
        tail -n 20 "$work/err" >&2
        tail -n 5 "$work/out" >&2
        exit 1
    fi
    local kib user sys
    read -r kib user sys < <(tail -n 1 "$work/time")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$step" "$cardname" "$run" \
        "$(( (t1 - t0) / 1000000 ))" "$kib" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" >>"$results"
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

# --- the steps ------------------------------------------------------------------------
peer_copy() {     # run, card, cardname
    # shellcheck disable=SC2016  # expanded by the inner shell
    timed cp "$3" "$1" 0 sh -c 'cp -r "$0" "$1" && sync' "$2" "$work/copy"
    rm -rf "$work/copy"
}
peer_djpeg() {
    # shellcheck disable=SC2016
    timed djpeg "$3" "$1" 0 sh -c 'find "$0" -name "*.JPG" -print0 |
        xargs -0 -n1 -P2 sh -c '\''djpeg -scale 1/8 "$0" >/dev/null'\''' "$2"
}
peer_djpeg_cjpeg() {
    # shellcheck disable=SC2016
    timed djpeg_cjpeg "$3" "$1" 0 sh -c 'find "$0" -name "*.JPG" -print0 |
        xargs -0 -n1 -P2 sh -c '\''djpeg -scale 1/8 "$0" | cjpeg -quality 85 >/dev/null'\''' "$2"
}
keepsake_side() {   # run, card, cardname, n — first ingest, card again, thumbnails
    local data=$work/data
    rm -rf "$data"
    "$ctl" --data-dir "$data" customer add --code B1 --name Bench >"$work/out" 2>"$work/err" ||
        { tail -n 20 "$work/err" >&2; die "keepsakectl customer add failed"; }
    timed ingest1 "$3" "$1" 0 "$ctl" --data-dir "$data" ingest --customer B1 --no-thumbnails --json "$2"
    check_ingest new "$4"
    timed ingest2 "$3" "$1" 0 "$ctl" --data-dir "$data" ingest --customer B1 --no-thumbnails --json "$2"
    check_ingest already_received "$4"
    timed thumbs "$3" "$1" 0 "$ctl" --data-dir "$data" thumbnails
    rm -rf "$data"
}

n_card=$(find "$card" -type f -name '*.JPG' | wc -l)
cardname=main
say "card $card: $n_card files; $runs run(s); work folder $work"
for ((r = 1; r <= runs; r++)); do
    say "run $r of $runs"
    if (( r % 2 == 1 )); then
        peer_copy "$r" "$card" "$cardname"
        [ "$peer_only" = 1 ] || keepsake_side "$r" "$card" "$cardname" "$n_card"
        peer_djpeg "$r" "$card" "$cardname"
        peer_djpeg_cjpeg "$r" "$card" "$cardname"
    else            # the other order, so that drift on a shared machine evens out
        peer_djpeg_cjpeg "$r" "$card" "$cardname"
        peer_djpeg "$r" "$card" "$cardname"
        [ "$peer_only" = 1 ] || keepsake_side "$r" "$card" "$cardname" "$n_card"
        peer_copy "$r" "$card" "$cardname"
    fi
done

if [ "$large" = 1 ]; then
    for spec in "mid:$mid_card" "large:$large_card"; do
        name=${spec%%:*}; c=${spec#*:}
        n_c=$(find "$c" -type f -name '*.JPG' | wc -l)
        for ((r = 1; r <= runs; r++)); do
            say "$name card ($n_c files), run $r of $runs"
            if (( r % 2 == 1 )); then peer_copy "$r" "$c" "$name"; peer_djpeg "$r" "$c" "$name"; fi
            [ "$peer_only" = 1 ] || keepsake_side "$r" "$c" "$name" "$n_c"
            if (( r % 2 == 0 )); then peer_djpeg "$r" "$c" "$name"; peer_copy "$r" "$c" "$name"; fi
        done
    done
fi

# --- the report -----------------------------------------------------------------------
card_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
export BENCH_CARD="$card" BENCH_CARD_FILES="$n_card" BENCH_CARD_BYTES
BENCH_CARD_BYTES=$(card_bytes "$card")
export BENCH_SIZE="$size" BENCH_RUNS="$runs" BENCH_CORES BENCH_CTL="${ctl:-}" BENCH_VERSION=""
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
import os, statistics, sys
from collections import defaultdict

times, rss, cpu = defaultdict(list), defaultdict(list), defaultdict(list)
for line in open(sys.argv[1]):
    step, card, run, ms, kib, cpus = line.rstrip("\n").split("\t")
    times[card, step].append(int(ms) / 1000)
    cpu[card, step].append(float(cpus))
    if kib.isdigit():
        rss[card, step].append(int(kib))
env = os.environ
med = lambda card, step: statistics.median(times[card, step]) if times.get((card, step)) else None
fmt = lambda s: "-" if s is None else f"{s:.2f} s"
RSS_LIMIT_MB = 300

def table(head, rows):
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))

def compare(card, label, mine, peer, target):
    k, p = med(card, mine), med(card, peer)
    ratio = k / p if k is not None and p else None
    met = "-" if ratio is None or target is None else ("yes" if ratio <= target else "NO")
    return [label, fmt(k), fmt(p),
            "-" if ratio is None else f"{ratio:.3f}",
            "(shown)" if target is None else f"<= {target:.2f}", met]

cards = [("main", env["BENCH_CARD_FILES"], env["BENCH_CARD_BYTES"], env["BENCH_SIZE"])]
if env.get("BENCH_LARGE_FILES"):
    cards += [("mid", env["BENCH_MID_FILES"], env["BENCH_MID_BYTES"], "1600x1200"),
              ("large", env["BENCH_LARGE_FILES"], env["BENCH_LARGE_BYTES"], "1600x1200")]
mb = lambda kib: kib / 1024

print()
print("Keepsake ingest benchmark")
print(f"keepsakectl: {env.get('BENCH_CTL') or '(not run: --peer-only)'} {env.get('BENCH_VERSION', '')}".rstrip())
print(f"cores (nproc): {env['BENCH_CORES']}; runs per side: {env['BENCH_RUNS']}, interleaved; medians")
for name, n, b, size in cards:
    print(f"card '{name}': {n} files, {int(b)} bytes ({int(b) / 1e9:.2f} GB), {size} pixels")
print()
for name, n, b, size in cards:
    rows = [
        compare(name, "first ingest vs `cp -r` + `sync`", "ingest1", "cp", 1.5),
        compare(name, "card again vs first ingest", "ingest2", "ingest1", 0.05),
        compare(name, "thumbnails vs `djpeg -scale 1/8` (-P2)", "thumbs", "djpeg", 1.0),
    ]
    if times.get((name, "djpeg_cjpeg")):
        rows.append(compare(name, "thumbnails vs `djpeg -scale 1/8 \\| cjpeg -quality 85` (-P2)",
                            "thumbs", "djpeg_cjpeg", None))
    print(f"Card '{name}' ({n} files, {size}):")
    table(["work", "Keepsake (median)", "peer (median)", "ratio", "target", "met?"], rows)
    print()

rss_rows = []
for name, n, b, size in cards:
    for step, label in (("ingest1", "first ingest"), ("ingest2", "card again"), ("thumbs", "thumbnails")):
        if rss.get((name, step)):
            peak = mb(max(rss[name, step]))
            rss_rows.append([label, f"{name} ({n} files, {size})", f"{peak:.1f} MB",
                             f"<= {RSS_LIMIT_MB} MB", "yes" if peak <= RSS_LIMIT_MB else "NO"])
if rss_rows:
    print("Peak memory of keepsakectl (maximum resident set size, highest of the runs):")
    table(["step", "card", "peak RSS", "target", "met?"], rss_rows)
    print()
if env.get("BENCH_LARGE_FILES") and rss.get(("mid", "ingest1")):
    print("Flat as the card grows (same pixels, 10x the files; flat = at most 1.25x):")
    flat_rows = []
    for step, label in (("ingest1", "first ingest"), ("ingest2", "card again"), ("thumbs", "thumbnails")):
        if rss.get(("mid", step)) and rss.get(("large", step)):
            a, b = mb(max(rss["mid", step])), mb(max(rss["large", step]))
            flat_rows.append([label, f"{a:.1f} MB", f"{b:.1f} MB", f"{b / a:.2f}",
                              "yes" if b <= 1.25 * a else "NO"])
    table(["step", f"{env['BENCH_MID_FILES']} files", f"{env['BENCH_LARGE_FILES']} files",
           "ratio", "flat?"], flat_rows)
    print()
print("Every run (wall seconds; user+sys CPU seconds of the process tree; peak RSS in MB):")
for (card, step), ts in sorted(times.items()):
    r = rss.get((card, step), [])
    extra = "" if step in ("cp", "djpeg", "djpeg_cjpeg") else \
        "  RSS " + " ".join(f"{mb(k):.0f}" for k in r)
    print(f"  {card:5} {step:12} " + " ".join(f"{t:.2f}" for t in ts) +
          "  CPU " + " ".join(f"{c:.2f}" for c in cpu[card, step]) + extra)
EOF
