#!/usr/bin/env bash
# bench-print.sh — Keepsake's index sheets against ImageMagick's montage of the same
# cached thumbnails, side by side in one run (see tests/bench/README.md).
#
#   bench-print.sh [--ctl PATH] [--files N] [--runs R] [--size WxH] [--workdir DIR] [--keep]
#
#   --ctl PATH     keepsakectl to measure (else $KEEPSAKECTL, else a build in the tree)
#   --files N      photos on the card and on the sheets (default 300)
#   --runs R       runs of every side, interleaved; medians are reported (default 3)
#   --size WxH     pixels of the card's photos (default 4000x3000, 12 megapixels)
#   --workdir DIR  where the data folder and outputs go (default: beside the cached card)
#   --keep         keep the work folder
#
# Exit status: 0 when every step ran and its output checked out (pages, one image per
# photo), whether or not the targets were met (the table says); 1 when something
# broke; 2 on usage errors.
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }
usage() { sed -n '2,17s/^# \{0,1\}//p' "$0" >&2; exit 2; }

ctl=${KEEPSAKECTL:-}
files=300
runs=3
size=4000x3000
workroot=""
keep=0
while [ $# -gt 0 ]; do
    case $1 in
        --ctl) ctl=${2:?}; shift 2 ;;
        --files) files=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --size) size=${2:?}; shift 2 ;;
        --workdir) workroot=${2:?}; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage ;;
        *) echo "$prog: unknown argument $1" >&2; usage ;;
    esac
done
[[ $files =~ ^[1-9][0-9]*$ ]] || { echo "$prog: --files must be a positive number" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "$prog: --runs must be a positive number" >&2; exit 2; }
[ "$runs" -ge 3 ] || say "warning: $runs run(s): medians of fewer than 3 runs describe, they do not measure"

for tool in montage python3 pdfinfo pdfimages; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: imagemagick, python3, poppler-utils)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: time)"
if [ -z "$ctl" ]; then
    root=$(cd "$here/../.." && pwd)
    for c in "$root/build/app/keepsakectl/keepsakectl" "$root/build/keepsakectl"; do
        [ -x "$c" ] && { ctl=$c; break; }
    done
fi
[ -n "$ctl" ] || die "no keepsakectl: pass --ctl PATH or set KEEPSAKECTL"
[ -x "$ctl" ] || die "$ctl is not an executable"

# --- the card, a lab with its thumbnails cached (untimed) -----------------------------
card=$("$here/make-card.sh" --size "$size" "$files") || die "could not make the card"
[ -n "$workroot" ] || workroot=$(dirname "$card")
mkdir -p "$workroot"
work=$(mktemp -d "$workroot/print.XXXXXX")
cleanup() {
    if [ "$keep" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ks() { "$ctl" --data-dir "$work/data" "$@"; }
say "handing in $files photos of $card (thumbnails made now, not timed)"
ks customer add --code B1 --name "Bench Customer" >/dev/null
ks --quiet ingest --customer B1 --album Bench "$card" >"$work/ingest.log" 2>&1 \
    || { tail -n 5 "$work/ingest.log" >&2; die "ingest failed"; }
ks --json photos --customer B1 --album Bench >"$work/photos.jsonl"
# The same cached print-size thumbnails, in the sheet's order, for montage.
python3 - "$work/photos.jsonl" "$work/data" "$work/thumbs.txt" "$work/first-page.txt" <<'PY'
import json, os, sys
photos, data, out, first = sys.argv[1:5]
shas = [json.loads(l)["sha256"] for l in open(photos) if l.startswith('{"') and '"sha256"' in l]
paths = {}
for folder, _, names in os.walk(data):
    if os.sep + "print" + os.sep in folder + os.sep:
        for name in names:
            paths[name[:-4]] = os.path.join(folder, name)
missing = [s for s in shas if s not in paths]
if missing:
    sys.exit(f"{len(missing)} print-size thumbnails are not cached")
open(out, "w").write("".join(paths[s] + "\n" for s in shas))
ids = [str(json.loads(l)["id"]) for l in open(photos) if l.startswith('{"') and '"sha256"' in l]
open(first, "w").write(",".join(ids[:35]))
PY
n=$(wc -l <"$work/thumbs.txt")
[ "$n" = "$files" ] || die "the album holds $n photos, not $files"
pages=$(( (files + 34) / 35 ))
mapfile -t thumbs <"$work/thumbs.txt"
cat "${thumbs[@]}" >/dev/null   # both sides read the thumbnails from the page cache

results=$work/results.tsv       # step, run, wall ms, max RSS KiB
: >"$results"
timed() {
    local step=$1 run=$2; shift 2
    local t0 t1 rc=0
    sync
    t0=$(date +%s%N)
    /usr/bin/time -o "$work/time" -f '%M' "$@" >"$work/out" 2>"$work/err" || rc=$?
    t1=$(date +%s%N)
    [ "$rc" = 0 ] || { tail -n 20 "$work/err" >&2; die "step '$step' (run $run) exited with $rc: $*"; }
    printf '%s\t%s\t%s\t%s\n' "$step" "$run" "$(( (t1 - t0) / 1000000 ))" "$(tail -n 1 "$work/time")" >>"$results"
}

keepsake_side() {
    timed keepsake "$1" "$ctl" --data-dir "$work/data" --quiet print index --customer B1 --album Bench \
        --paper a4 --pdf "$work/index.pdf"
    local got images
    got=$(pdfinfo "$work/index.pdf" | awk '/^Pages:/{print $2}')
    images=$(pdfimages -list "$work/index.pdf" | tail -n +3 | awk '$3=="image"' | wc -l)
    [ "$got" = "$pages" ] || die "the index PDF has $got pages, not $pages"
    [ "$images" = "$files" ] || die "the index PDF embeds $images images for $files photos"
}
# montage: the same thumbnails, 5 x 7 to an A4 page at 300 dpi (2480 x 3508), each
# labelled with its file name, written as page images (Debian's ImageMagick policy
# forbids PDF output).
peer_side() {
    rm -rf "$work/montage"; mkdir -p "$work/montage"
    timed montage "$1" montage "${thumbs[@]}" -tile 5x7 -geometry 430x322+30+40 -pointsize 20 \
        -label '%f' -quality 90 "$work/montage/page-%d.jpg"
    local got
    got=$(find "$work/montage" -name 'page-*.jpg' | wc -l)
    [ "$got" = "$pages" ] || die "montage made $got pages, not $pages"
}

for run in $(seq 1 "$runs"); do
    if (( run % 2 )); then peer_side "$run"; keepsake_side "$run"; else keepsake_side "$run"; peer_side "$run"; fi
    say "run $run of $runs done"
done
# Memory flat in the number of photos: one page (35 photos) against the whole album.
few=$(cat "$work/first-page.txt")
for run in $(seq 1 "$runs"); do
    timed memory-one-page "$run" "$ctl" --data-dir "$work/data" --quiet print index --customer B1 --album Bench \
        --select "$few" --pdf "$work/one-page.pdf"
done

BENCH_FILES=$files BENCH_PAGES=$pages BENCH_RUNS=$runs BENCH_CORES=$(nproc) BENCH_SIZE=$size \
BENCH_CARD_BYTES=$(find "$card" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }') \
BENCH_THUMB_BYTES=$(cat "${thumbs[@]}" | wc -c) \
python3 - "$results" <<'PY'
import collections, os, statistics, sys
times, rss = collections.defaultdict(list), collections.defaultdict(list)
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
for step, run, ms, kib in rows:
    times[step].append(int(ms) / 1000)
    rss[step].append(int(kib) / 1024)
env = os.environ
med = lambda d, k: statistics.median(d[k])
ks, peer = med(times, "keepsake"), med(times, "montage")
mem_all, mem_one = med(rss, "keepsake"), med(rss, "memory-one-page")
def table(header, body):
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    for r in [header] + body:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
print(f"card: {env['BENCH_FILES']} photos of {env['BENCH_SIZE']}, {int(env['BENCH_CARD_BYTES']) / 1e9:.2f} GB; "
      f"cached print-size thumbnails {int(env['BENCH_THUMB_BYTES']) / 1e6:.1f} MB; "
      f"{env['BENCH_PAGES']} A4 pages at 35 photos a page")
print(f"cores (nproc): {env['BENCH_CORES']}; runs per side: {env['BENCH_RUNS']}, interleaved; medians")
print()
table(["work", "Keepsake (median)", "peer (median)", "ratio", "target", "met?"], [
    ["index sheets", f"{ks:.2f} s", f"{peer:.2f} s (montage)", f"{ks / peer:.2f}", "<= 0.50",
     "yes" if ks / peer <= 0.5 else "NO"],
    ["memory, all pages vs one", f"{mem_all:.0f} MB", f"{mem_one:.0f} MB (one page)", f"{mem_all / mem_one:.2f}",
     "<= 1.25", "yes" if mem_all / mem_one <= 1.25 else "NO"],
    ["(shown) peak memory", f"{mem_all:.0f} MB", f"{med(rss, 'montage'):.0f} MB (montage)", "", "", ""],
])
print()
print("every run (step, run, seconds, peak RSS MB):")
for step, run, ms, kib in rows:
    print(f"  {step:16} {run:>3}  {int(ms) / 1000:7.2f}  {int(kib) / 1024:7.0f}")
PY
