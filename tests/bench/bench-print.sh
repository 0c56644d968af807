#!/usr/bin/env bash
# bench-print.sh — Keepsake's index sheets against ImageMagick's montage of the same
# cached thumbnails, side by side in one run (see tests/bench/README.md).
#
#   bench-print.sh [--ctl PATH] [--files N] [--runs R] [--size WxH] [--workdir DIR]
#                  [--rows FILE] [--keep]
#
#   --ctl PATH     keepsakectl to measure (else $KEEPSAKECTL, else a build in the tree)
#   --files N      photos on the card and on the sheets (default 300)
#   --runs R       runs of every side, interleaved; medians are reported (default 3)
#   --size WxH     pixels of the card's photos (default 4000x3000, 12 megapixels)
#   --workdir DIR  where the data folder and outputs go (default: beside the cached card)
#   --rows FILE    also write the table's rows to FILE (README.md, "Rows")
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
usage() { sed -n '2,19s/^# \{0,1\}//p' "$0" >&2; exit 2; }

ctl=${KEEPSAKECTL:-}
files=300
runs=3
size=4000x3000
workroot=""
rows_file=""
keep=0
while [ $# -gt 0 ]; do
    case $1 in
        --ctl) ctl=${2:?}; shift 2 ;;
        --files) files=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --size) size=${2:?}; shift 2 ;;
        --workdir) workroot=${2:?}; shift 2 ;;
        --rows) rows_file=${2:?}; shift 2 ;;
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

for tool in montage img2pdf python3 pdfinfo pdfimages; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: imagemagick, img2pdf, python3, poppler-utils)"
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
# forbids PDF output). The PDF-writing peer is one shell that runs the same montage
# and then img2pdf of its pages (the JPEG pages go into the PDF as they are).
montage_args=(-tile 5x7 -geometry 430x322+30+40 -pointsize 20 -label '%f' -quality 90)
peer_montage() {
    rm -rf "$work/montage"; mkdir -p "$work/montage"
    timed montage "$1" montage "${thumbs[@]}" "${montage_args[@]}" "$work/montage/page-%03d.jpg"
    local got
    got=$(find "$work/montage" -name 'page-*.jpg' | wc -l)
    [ "$got" = "$pages" ] || die "montage made $got pages, not $pages"
}
peer_pdf() {
    rm -rf "$work/montage" "$work/montage.pdf"; mkdir -p "$work/montage"
    # shellcheck disable=SC2016  # expanded by the inner shell
    timed montage-img2pdf "$1" sh -c 'dir=$1 pdf=$2; shift 2
        montage "$@" "$dir/page-%03d.jpg" && img2pdf -o "$pdf" "$dir"/page-*.jpg' \
        sh "$work/montage" "$work/montage.pdf" "${thumbs[@]}" "${montage_args[@]}"
    local got
    got=$(pdfinfo "$work/montage.pdf" | awk '/^Pages:/{print $2}')
    [ "$got" = "$pages" ] || die "montage + img2pdf made a PDF of $got pages, not $pages"
}
peer_side() {
    if (( $1 % 2 )); then peer_montage "$1"; peer_pdf "$1"; else peer_pdf "$1"; peer_montage "$1"; fi
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
BENCH_THUMB_BYTES=$(cat "${thumbs[@]}" | wc -c) BENCH_ROWS=$rows_file \
python3 - "$results" <<'PY'
import collections, os, statistics, sys
times, rss = collections.defaultdict(list), collections.defaultdict(list)
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
for step, run, ms, kib in rows:
    times[step].append(int(ms) / 1000)
    rss[step].append(int(kib) / 1024)
env = os.environ
med = lambda d, k: statistics.median(d[k])
ks = med(times, "keepsake")
mem_all, mem_one = med(rss, "keepsake"), med(rss, "memory-one-page")
def table(header, body):
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in body:
        print(line(r))
def row(work, k, p, goal):
    r = k / p
    return [work, f"{k:.3f}", f"{p:.3f}", f"{r:.3f}", f"<= {goal:g}", "yes" if r <= goal else "NO"]
n = env["BENCH_FILES"]
out = [
    row(f"index sheets, {n} photos, to PDF vs montage + img2pdf (PDF)", ks, med(times, "montage-img2pdf"), 0.5),
    row(f"index sheets, {n} photos, to PDF vs montage (page images)", ks, med(times, "montage"), 0.5),
    row("index sheets: peak memory, all pages vs one page",
        mem_all, mem_one, 1.25),
]
out[2][1], out[2][2] = f"{mem_all:.1f}MB", f"{mem_one:.1f}MB"
print(f"card: {n} photos of {env['BENCH_SIZE']}, {int(env['BENCH_CARD_BYTES']) / 1e9:.2f} GB; "
      f"cached print-size thumbnails {int(env['BENCH_THUMB_BYTES']) / 1e6:.1f} MB; "
      f"{env['BENCH_PAGES']} A4 pages at 35 photos a page")
print(f"cores (nproc): {env['BENCH_CORES']}; runs per side: {env['BENCH_RUNS']}, interleaved; medians; "
      "every step a whole process after `sync`")
print()
shown = lambda v, unit: v + unit if v[-1].isdigit() else v.replace("MB", " MB")
table(["work", "Keepsake", "peer", "ratio", "goal", "met"],
      [[w, shown(k, " s"), shown(p, " s"), r, g, m] for w, k, p, r, g, m in out])
print(f"(shown) peak memory: Keepsake {mem_all:.0f} MB, montage {med(rss, 'montage'):.0f} MB, "
      f"montage + img2pdf {med(rss, 'montage-img2pdf'):.0f} MB")
print()
print("every run (step, run, seconds, peak RSS MB):")
for step, run, ms, kib in rows:
    print(f"  {step:16} {run:>3}  {int(ms) / 1000:7.2f}  {int(kib) / 1024:7.0f}")
if env.get("BENCH_ROWS"):
    with open(env["BENCH_ROWS"], "a") as f:
        for r in out:
            f.write("\t".join(r) + "\n")
PY
