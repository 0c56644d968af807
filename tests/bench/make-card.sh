#!/usr/bin/env bash
# make-card.sh — generate a memory card that looks like a camera's, for the benchmarks.
#
#   make-card.sh [--size WxH] [--bases B] [--jobs J] N [OUTDIR]
#   make-card.sh --large [OUTDIR]                  # 3000 files at 1600x1200
#
# N JPEGs in OUTDIR/DCIM/100CANON/IMG_0001.JPG ..., each with camera EXIF (Make,
# Model, body serial, lens, DateTimeOriginal + SubSecTimeOriginal unique per file,
# OffsetTimeOriginal, exposure, Orientation 6 or 8 on some, a 160x120 embedded
# thumbnail). Pictures follow BENCH-NOTES.md: ImageMagick plasma:fractal at half
# size, resized up, Gaussian noise (attenuate 0.3..0.5), 4:2:2, quality 90; at
# 4000x3000 that is 4-7 MB a file.
#
# Encoding a 12-megapixel picture takes seconds, so only B base pictures (default 12)
# are encoded, a little larger than the card's size; every file is a lossless
# jpegtran crop of one of them at its own offset (different pixels, different
# bytes), then exiftool writes each file's metadata in two batch processes. Every
# file ends with its own content hash and its own EXIF identity; the script checks
# both before it publishes the card.
#
# OUTDIR defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/keepsake-bench/card-N (card-N-WxH
# for other sizes). An existing OUTDIR is a finished card and is reused: the card is
# built in a temporary folder beside it and renamed into place when complete.
# Prints OUTDIR on stdout; progress goes to stderr.
set -euo pipefail

prog=${0##*/}
die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }
usage() { sed -n '2,6s/^# \{0,1\}//p' "$0" >&2; exit 2; }

size=""
bases=12
jobs=2
large=0
while [ $# -gt 0 ]; do
    case $1 in
        --size) size=${2:?}; shift 2 ;;
        --size=*) size=${1#*=}; shift ;;
        --bases) bases=${2:?}; shift 2 ;;
        --jobs) jobs=${2:?}; shift 2 ;;
        --large) large=1; shift ;;
        -h|--help) usage ;;
        --) shift; break ;;
        -*) echo "$prog: unknown option $1" >&2; usage ;;
        *) break ;;
    esac
done

if [ "$large" = 1 ]; then
    if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then n=$1; shift; else n=3000; fi
    : "${size:=1600x1200}"
else
    [ $# -ge 1 ] || usage
    n=$1; shift
fi
: "${size:=4000x3000}"
outdir=${1:-}
[ $# -le 1 ] || usage

if ! [[ $n =~ ^[0-9]+$ ]] || (( n < 1 || n > 9999 )); then die "N must be 1..9999, got '$n'"; fi
[[ $size =~ ^([0-9]+)x([0-9]+)$ ]] || die "--size must be WxH, got '$size'"
W=${BASH_REMATCH[1]}; H=${BASH_REMATCH[2]}
# 4:2:2 has 16x8 MCUs: jpegtran crops losslessly only at MCU offsets, and crop sizes
# that are whole MCUs keep every file's geometry exact.
(( W % 16 == 0 && H % 8 == 0 && W >= 64 && H >= 48 )) || die "--size: width must be a multiple of 16, height of 8"
[[ $bases =~ ^[1-9][0-9]*$ ]] || die "--bases must be a positive number"
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs must be a positive number"

for tool in convert jpegtran exiftool sha256sum; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: imagemagick, libjpeg-turbo-progs, libimage-exiftool-perl, coreutils)"
done

if [ -z "$outdir" ]; then
    cache=${XDG_CACHE_HOME:-$HOME/.cache}/keepsake-bench
    if [ "$size" = 4000x3000 ]; then outdir=$cache/card-$n; else outdir=$cache/card-$n-$size; fi
fi
outdir=${outdir%/}

if [ -e "$outdir" ]; then
    have=$(find "$outdir" -type f -name '*.JPG' | wc -l)
    [ "$have" -eq "$n" ] || die "$outdir exists but holds $have JPEGs, not $n; delete it to regenerate"
    say "using cached card $outdir ($n files)"
    echo "$outdir"
    exit 0
fi

parent=$(dirname "$outdir")
mkdir -p "$parent"
tmp=$(mktemp -d "$parent/.$(basename "$outdir").tmp.XXXXXX")
work=$tmp/.work            # bases, thumbnails, argfiles: removed before publishing
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$work" "$tmp/DCIM/100CANON"
start=$SECONDS

# --- the crop grid: each base yields nx*ny distinct crops ---------------------------
(( bases > n )) && bases=$n
per=$(( (n + bases - 1) / bases ))
nx=1; while (( nx * nx < per )); do nx=$((nx + 1)); done
ny=$(( (per + nx - 1) / nx ))
BW=$(( W + 16 * (nx - 1) )); BH=$(( H + 8 * (ny - 1) ))
say "generating $n files of ${W}x${H} from $bases base pictures of ${BW}x${BH} in $outdir"

# --- base pictures, $jobs at a time ----------------------------------------------------
noise=(0.42 0.50 0.45 0.48 0.44 0.46 0.49 0.43 0.47 0.50 0.41 0.46)
for ((b = 0; b < bases; b++)); do
    printf '%s %s %s\n' "$b" "$((1000 + 7919 * b))" "${noise[b % ${#noise[@]}]}"
done >"$work/bases.txt"
export BW BH work
# shellcheck disable=SC2016  # expanded by the inner shell
xargs -P "$jobs" -L 1 sh -c '
    set -e
    b=$0 seed=$1 att=$2
    convert -seed "$seed" -size "$((BW / 2))x$((BH / 2))" plasma:fractal \
        -resize "${BW}x${BH}!" -attenuate "$att" +noise Gaussian \
        -sampling-factor 4:2:2 -quality 90 "$work/base-$b.jpg"
    convert -define jpeg:size=320x240 "$work/base-$b.jpg" -thumbnail "160x120!" \
        -strip -sampling-factor 4:2:2 -quality 75 "$work/thumb-$b.jpg"
' <"$work/bases.txt" || die "ImageMagick failed to make the base pictures"
say "base pictures done after $((SECONDS - start)) s"

# --- the files: a lossless crop each, $jobs at a time ---------------------------------
for ((i = 0; i < n; i++)); do
    b=$(( i % bases )); v=$(( i / bases ))
    printf '%s %s %s %s\n' "$work/base-$b.jpg" "$(( 16 * (v % nx) ))" "$(( 8 * (v / nx) ))" \
        "$tmp/DCIM/100CANON/$(printf 'IMG_%04d.JPG' $((i + 1)))"
done >"$work/crops.txt"
export W H
# shellcheck disable=SC2016
xargs -P "$jobs" -n 4 sh -c '
    jpegtran -copy none -crop "${W}x${H}+$1+$2" "$0" >"$3"
' <"$work/crops.txt" || die "jpegtran failed to crop"
say "pixels done after $((SECONDS - start)) s"

# --- metadata: one exiftool argfile per job -------------------------------------------
# Capture times: 1-9 s apart, with bursts (several frames in one second that differ
# only in SubSecTimeOriginal, as a camera writes them).
clock=$(( 9 * 3600 ))       # 09:00:00 on the first day
day=0; subsec=0
speeds=(1/60 1/125 1/250 1/500 1/1000 1/30 1/200)
fnums=(2.8 4.0 5.6 8.0 11 4.5 6.3)
isos=(100 200 400 800 1600 3200)
for ((i = 0; i < n; i++)); do
    if (( i > 0 && i % 5 != 0 && i % 7 == 3 )); then
        subsec=$(( subsec + 17 + i % 11 ))           # burst: same second, later frame
        (( subsec <= 99 )) || { subsec=$(( i % 13 )); clock=$(( clock + 1 )); }
    else
        clock=$(( clock + 1 + (i * 7919) % 9 )); subsec=$(( (i * 37) % 60 ))
    fi
    (( clock < 86400 )) || { clock=$(( clock - 86400 )); day=$(( day + 1 )); }
    b=$(( i % bases ))
    f="DCIM/100CANON/$(printf 'IMG_%04d.JPG' $((i + 1)))"
    orient=1
    (( i % 10 == 4 )) && orient=6
    (( i % 23 == 11 )) && orient=8
    {
        printf -- '-Make=Canon\n-Model=Canon EOS 5D Mark IV\n'
        printf -- '-ExifIFD:SerialNumber=032021001874\n-LensModel=EF24-105mm f/4L IS USM\n'
        printf -- '-DateTimeOriginal=2026:05:%02d %02d:%02d:%02d\n' $((16 + day)) \
            $((clock / 3600)) $((clock / 60 % 60)) $((clock % 60))
        printf -- '-CreateDate=2026:05:%02d %02d:%02d:%02d\n' $((16 + day)) \
            $((clock / 3600)) $((clock / 60 % 60)) $((clock % 60))
        printf -- '-ModifyDate=2026:05:%02d %02d:%02d:%02d\n' $((16 + day)) \
            $((clock / 3600)) $((clock / 60 % 60)) $((clock % 60))
        printf -- '-SubSecTimeOriginal=%02d\n-SubSecTimeDigitized=%02d\n' "$subsec" "$subsec"
        printf -- '-OffsetTimeOriginal=+02:00\n-OffsetTimeDigitized=+02:00\n-OffsetTime=+02:00\n'
        printf -- '-ExposureTime=%s\n-FNumber=%s\n-ISO=%s\n' "${speeds[i % 7]}" "${fnums[i % 7]}" "${isos[i % 6]}"
        printf -- '-FocalLength=%s\n' $(( 24 + (i * 13) % 82 ))
        printf -- '-ColorSpace=sRGB\n-ExifImageWidth=%s\n-ExifImageHeight=%s\n' "$W" "$H"
        printf -- '-Orientation#=%s\n' "$orient"
        printf -- '-ThumbnailImage<=%s\n' "$work/thumb-$b.jpg"
        printf -- '%s\n-execute\n' "$tmp/$f"
    } >>"$work/exif-$(( i % jobs )).args"
done
pids=()
for ((j = 0; j < jobs && j < n; j++)); do
    exiftool -q -q -@ "$work/exif-$j.args" -common_args -overwrite_original -JFIF:all= \
        >"$work/exif-$j.log" 2>&1 &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
if grep -q -i 'error' "$work"/exif-*.log; then
    grep -i 'error' "$work"/exif-*.log | head -5 >&2
    die "exiftool failed"
fi
say "metadata done after $((SECONDS - start)) s"

# --- check before publishing ----------------------------------------------------------
files=$(find "$tmp/DCIM" -type f -name '*.JPG' | wc -l)
[ "$files" -eq "$n" ] || die "made $files files, not $n"
hashes=$(find "$tmp/DCIM" -type f -name '*.JPG' -print0 | xargs -0 -P "$jobs" -n 64 sha256sum \
    | cut -d' ' -f1 | sort -u | wc -l)
[ "$hashes" -eq "$n" ] || die "only $hashes distinct content hashes among $n files"
exiftool -q -q -T -r -ext JPG -Make -Model -SerialNumber -DateTimeOriginal -SubSecTimeOriginal \
    -ThumbnailLength -ImageSize "$tmp/DCIM" >"$work/check.tsv" || die "exiftool cannot read the card back"
[ "$(wc -l <"$work/check.tsv")" -eq "$n" ] || die "exiftool read $(wc -l <"$work/check.tsv") files, not $n"
ids=$(cut -f1-5 "$work/check.tsv" | sort -u | wc -l)
[ "$ids" -eq "$n" ] || die "only $ids distinct EXIF identities among $n files"
if awk -F'\t' -v s="${W}x${H}" '$6 == "-" || $6 < 1000 || $7 != s { bad = 1 } END { exit !bad }' "$work/check.tsv"; then
    die "some files lack the embedded thumbnail or are not ${W}x${H}"
fi
bytes=$(find "$tmp/DCIM" -type f -name '*.JPG' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')
if [ "$size" = 4000x3000 ]; then
    read -r small big < <(find "$tmp/DCIM" -type f -name '*.JPG' -printf '%s\n' | sort -n | sed -n '1p;$p' | xargs)
    (( small >= 4000000 && big <= 7000000 )) || say "warning: file sizes $small..$big bytes, outside 4-7 MB"
fi

rm -rf "$work"
if ! mv -T "$tmp" "$outdir" 2>/dev/null; then
    # Another run (a benchmark beside this one) published the same card first: the
    # rename cannot replace a folder that holds files. Use theirs.
    have=$(find "$outdir" -type f -name '*.JPG' 2>/dev/null | wc -l)
    [ "$have" -eq "$n" ] || die "cannot rename $tmp to $outdir"
    say "another run made $outdir first; using it"
    rm -rf "$tmp"
fi
trap - EXIT
say "card ready: $n files, $bytes bytes, in $((SECONDS - start)) s"
echo "$outdir"
