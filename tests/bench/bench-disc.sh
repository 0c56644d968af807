#!/usr/bin/env bash
# bench-disc.sh — recording a disc: `keepsakectl burn` (authoring, writing to a stdio:
# image with MD5s, read-back verification, the disc's prints) as one whole process,
# against xorriso doing the same work on the same tree (DISC-NOTES.md, "Benchmarking
# a burn fairly"): the tree Keepsake puts on the disc (photos, sidecars, thumbnails,
# viewer, manifest) is extracted once from an untimed burn, then
#   xorriso -md5 on -outdev stdio:IMG -map TREE /                                 (write)
#   xorriso -md5 on -indev IMG -check_md5 FAILURE -- -check_md5_r FAILURE / --    (check)
# are two whole processes. Both sides end with `sync -f` of their image (a stdio: image
# left in the page cache is not on the disc), both start after `sync` with the store
# and the tree in the page cache; the order alternates run by run; medians.
#
#   bench-disc.sh --ctl PATH [--files N] [--runs R] [--size WxH] [--rows FILE] [--keep]
#
# Headline: the whole burn against xorriso's write + check (goal <= 0.9); the split
# (Keepsake's own verify_seconds against the check process) is shown. Exit 1 when a
# step fails or its outcome is wrong (a burn not verified, a check that finds a
# mismatch); a missed goal is shown as NO, not a failure.
set -euo pipefail
prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }
ctl=${KEEPSAKECTL:-}; files=300; runs=3; size=4000x3000; rows_file=""; keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --ctl) ctl=${2:?}; shift 2 ;;
        --files) files=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --size) size=${2:?}; shift 2 ;;
        --rows) rows_file=${2:?}; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,18s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
        *) echo "$prog: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$ctl" ] && [ -x "$ctl" ] || { echo "$prog: --ctl must name keepsakectl" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "$prog: --runs must be a positive number" >&2; exit 2; }
[ "$runs" -ge 3 ] || say "warning: $runs run(s): medians of fewer than 3 runs describe, they do not measure"
for tool in xorriso sqlite3 python3; do command -v $tool >/dev/null || die "needs $tool"; done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: time)"
if [ -n "$rows_file" ]; then
    : >"$rows_file" || die "cannot write the rows to $rows_file"
    rows_file=$(cd "$(dirname "$rows_file")" && pwd)/$(basename "$rows_file")
fi

card=$("$here/make-card.sh" --size "$size" "$files") || die "could not make the card"
work=$(mktemp -d "$(dirname "$card")/disc.XXXXXX")
cleanup() { if [ "$keep" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM
data=$work/data
K() { "$ctl" --data-dir "$data" "$@"; }
K customer add --code B1 --name "Bench" >/dev/null
rc=0; K ingest --customer B1 "$card" >"$work/ingest.log" 2>&1 || rc=$?
[ $rc -eq 0 ] || { tail -n 20 "$work/ingest.log" >&2; die "ingest failed (exit $rc)"; }
sqlite3 "$data/catalog.sqlite" "UPDATE albums SET state = 'expired'"
cp "$data/catalog.sqlite" "$work/catalog.expired"

now() { date +%s.%N; }
times=$work/times; : >"$times"
# keepsake_burn: a fresh catalog copy with the albums expired, a new image; checks
# that one disc was written and verified
keepsake_burn() {
    cp "$work/catalog.expired" "$data/catalog.sqlite"
    rm -rf "$data/catalog.sqlite-wal" "$data/catalog.sqlite-shm" "$work/ks.iso" "$data/prints"
    sync
    local t0 t1 rc=0
    t0=$(now)
    /usr/bin/time -o "$work/ks.time" -f '%M' "$ctl" --data-dir "$data" --json burn --customer B1 \
        --drive "stdio:$work/ks.iso" >"$work/burn.json" 2>"$work/burn.err" || rc=$?
    [ $rc -ne 0 ] || sync -f "$work/ks.iso"
    t1=$(now)
    [ $rc -eq 0 ] || { tail -n 20 "$work/burn.err" >&2; die "keepsakectl burn exited with $rc"; }
    python3 - "$work/burn.json" "$t0" "$t1" "$(tail -n 1 "$work/ks.time")" "${1:-}" >>"$times" <<'PY' ||
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
s = lines[-1].get("summary") if lines else None
if not s or s.get("discs") != 1 or s.get("discs_left") != 0 or not s.get("bytes"):
    sys.exit(f"the burn's summary is not one verified disc: {s}")
if sys.argv[5] == "untimed":
    sys.exit(0)
total = float(sys.argv[3]) - float(sys.argv[2])
print(f"keepsake total {total}")
print(f"keepsake verify {s['verify_seconds']}")
print(f"keepsake write {total - s['verify_seconds']}")
print(f"keepsake rss {int(sys.argv[4]) / 1024}")
PY
        die "the burn's output is not what it should be"
}
xorriso_side() {
    rm -f "$work/x.iso"
    sync
    local t0 t1 t2
    t0=$(now)
    xorriso -md5 on -outdev "stdio:$work/x.iso" -map "$work/tree" / >"$work/x.log" 2>&1 ||
        { tail -n 20 "$work/x.log" >&2; die "xorriso could not write the image"; }
    sync -f "$work/x.iso"
    t1=$(now)
    xorriso -md5 on -indev "$work/x.iso" -check_md5 FAILURE -- -check_md5_r FAILURE / -- >"$work/x.log" 2>&1 ||
        { tail -n 20 "$work/x.log" >&2; die "xorriso's check of its own image failed"; }
    t2=$(now)
    grep -q 'MD5 MISMATCH' "$work/x.log" && die "xorriso's check found an MD5 mismatch"
    python3 -c "import sys; t0, t1, t2 = map(float, sys.argv[1:]); print('xorriso write', t1 - t0);
print('xorriso verify', t2 - t1); print('xorriso total', t2 - t0)" "$t0" "$t1" "$t2" >>"$times"
}
warm() {   # the store and the tree in the page cache for both sides
    find "$data" "$work/tree" -type f -print0 | xargs -0 cat >/dev/null
}

# An untimed burn gives the tree xorriso writes (the same files, the same names).
say "burning once, untimed, for the tree xorriso writes"
keepsake_burn untimed
xorriso -osirrox on -indev "$work/ks.iso" -extract / "$work/tree" >/dev/null 2>&1 ||
    die "xorriso cannot extract Keepsake's image"
rm -f "$work/ks.iso"
bytes=$(du -sb "$work/tree" | cut -f1); nfiles=$(find "$work/tree" -type f | wc -l)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$runs"); do
    warm
    if (( run % 2 )); then xorriso_side; keepsake_burn; else keepsake_burn; xorriso_side; fi
    rm -f "$work/ks.iso" "$work/x.iso"
    say "run $run of $runs done"
done
python3 - "$times" "$files" "$bytes" "$nfiles" "$runs" "$load_start" "$rows_file" <<'PY'
import os, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    side, step, value = line.split()
    rows.setdefault((side, step), []).append(float(value))
med = lambda side, step: statistics.median(rows[side, step])
load_end = " ".join(open("/proc/loadavg").read().split()[:3])
print(f"card: {sys.argv[2]} photos; disc tree: {sys.argv[4]} files, {int(sys.argv[3]) / 1e9:.2f} GB; "
      f"cores (nproc): {os.cpu_count()}; load average at start {sys.argv[6]}, at end {load_end}")
print(f"runs per side: {sys.argv[5]}, alternating order; medians; every side after `sync`, "
      "ending with `sync -f` of its image")
def row(work, k, x, goal):
    r = k / x if x > 0 else float("inf")
    met = "-" if goal is None else ("yes" if r <= goal else "NO")
    return [work, f"{k:.3f}", f"{x:.3f}", f"{r:.3f}", "(shown)" if goal is None else f"<= {goal:g}", met]
out = [
    row("burn + verify, whole process, vs xorriso -md5 on write + -check_md5/-check_md5_r",
        med("keepsake", "total"), med("xorriso", "total"), 0.9),
    row("burn: authoring + writing (total minus verify_seconds) vs xorriso write",
        med("keepsake", "write"), med("xorriso", "write"), None),
    row("burn: verification (verify_seconds, in-process) vs xorriso check process",
        med("keepsake", "verify"), med("xorriso", "verify"), None),
]
head = ["work", "Keepsake", "peer", "ratio", "goal", "met"]
body = [[w, k + " s", p + " s", r, g, m] for w, k, p, r, g, m in out]
widths = [max(len(r[i]) for r in body + [head]) for i in range(6)]
line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"
print()
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in body:
    print(line(r))
print(f"(shown) peak memory of keepsakectl burn: {max(rows['keepsake', 'rss']):.0f} MB")
print("every run (seconds): " + "; ".join(
    f"{side} {step} " + " ".join(f"{v:.2f}" for v in vals)
    for (side, step), vals in sorted(rows.items()) if step != "rss"))
if sys.argv[7]:
    with open(sys.argv[7], "a") as f:
        for r in out:
            f.write("\t".join(r) + "\n")
PY
