#!/usr/bin/env bash
# bench-disc.sh — recording a disc: keepsakectl burn (authoring + writing to a stdio:
# image with MD5s, then read-back verification) against xorriso doing the same work on
# the same tree (DISC-NOTES.md, "Benchmarking a burn fairly"): the tree Keepsake puts
# on the disc (photos, sidecars, thumbnails, viewer, manifest) is extracted once and
#   xorriso -md5 on -outdev stdio:IMG -map TREE /                       (authoring + writing)
#   xorriso -md5 on -indev IMG -check_md5 FAILURE -- -check_md5_r FAILURE / --   (verification)
# Sides interleaved, R runs each, medians; targets: both ratios <= 1.0.
#
#   bench-disc.sh --ctl PATH [--files N] [--runs R] [--size WxH]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ctl=""; files=300; runs=3; size=4000x3000
while [ $# -gt 0 ]; do
    case "$1" in
        --ctl) ctl=$2; shift 2 ;;
        --files) files=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --size) size=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -x "$ctl" ] || { echo "bench-disc: --ctl must name keepsakectl" >&2; exit 2; }
for tool in xorriso sqlite3 python3; do command -v $tool >/dev/null || { echo "bench-disc: needs $tool" >&2; exit 2; }; done
card=$("$here/make-card.sh" --size "$size" "$files")
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-disc.XXXXXX"); trap 'rm -rf "$work"' EXIT
data=$work/data; K="$ctl --data-dir $data"
$K customer add --code B1 --name "Bench" >/dev/null
$K ingest --customer B1 "$card" >/dev/null || { rc=$?; [ $rc -eq 3 ] || exit $rc; }
sqlite3 "$data/catalog.sqlite" "UPDATE albums SET state = 'expired'"
cp "$data/catalog.sqlite" "$work/catalog.expired"
now() { date +%s.%N; }
times=$work/times; : >"$times"
for run in $(seq 1 "$runs"); do
    # Keepsake: a fresh catalog copy with the albums expired, a new image each run.
    cp "$work/catalog.expired" "$data/catalog.sqlite"; rm -f "$data/catalog.sqlite-wal" "$data/catalog.sqlite-shm" "$work/ks.iso"
    t0=$(now); $K --json burn --customer B1 --drive "stdio:$work/ks.iso" >"$work/burn.json"; t1=$(now)
    verify=$(python3 -c 'import json,sys; print([json.loads(l) for l in open(sys.argv[1])][-1]["summary"]["verify_seconds"])' "$work/burn.json")
    python3 -c "print('keepsake write', $t1 - $t0 - $verify); print('keepsake verify', $verify)" >>"$times"
    if [ ! -d "$work/tree" ]; then
        xorriso -osirrox on -indev "$work/ks.iso" -extract / "$work/tree" >/dev/null 2>&1
        bytes=$(du -sb "$work/tree" | cut -f1); nfiles=$(find "$work/tree" -type f | wc -l)
    fi
    rm -f "$work/x.iso"; sync
    t0=$(now); xorriso -md5 on -outdev "stdio:$work/x.iso" -map "$work/tree" / >/dev/null 2>&1; t1=$(now)
    xorriso -md5 on -indev "$work/x.iso" -check_md5 FAILURE -- -check_md5_r FAILURE / -- >/dev/null 2>&1; t2=$(now)
    python3 -c "print('xorriso write', $t1 - $t0); print('xorriso verify', $t2 - $t1)" >>"$times"
done
python3 - "$times" "$files" "$bytes" "$nfiles" "$runs" <<'PY'
import statistics, sys, os
rows = {}
for line in open(sys.argv[1]):
    side, step, value = line.split()
    rows.setdefault((side, step), []).append(float(value))
print(f"card: {sys.argv[2]} photos; disc tree: {sys.argv[4]} files, {int(sys.argv[3]) / 1e9:.2f} GB; cores: {os.cpu_count()}; runs per side: {sys.argv[5]}, interleaved; medians")
print(f"{'work':<34} {'Keepsake':>10} {'xorriso':>10} {'ratio':>7} {'target':>7}  met?")
for step, label in (("write", "author + write, MD5s on"), ("verify", "verify (session + every file)")):
    k = statistics.median(rows["keepsake", step]); x = statistics.median(rows["xorriso", step])
    ratio = k / x if x > 0 else float("inf")
    print(f"{label:<34} {k:>9.2f}s {x:>9.2f}s {ratio:>7.2f} {'<= 1.0':>7}  {'yes' if ratio <= 1.0 else 'no'}")
PY
