#!/usr/bin/env bash
# The intake's fuzzing run (not part of CI; like a benchmark, run by hand):
#   tests/fuzz/run-fuzz.sh [--runs N] [--jobs J] [--build DIR] [--out DIR]
# Builds tests/fuzz/IntakeFuzzTarget.cpp with clang, libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer into DIR (default build-fuzz), seeds it with
# ../shared/corpus, runs at least N executions (default 1,000,000) in J worker
# processes (default: the number of cores), going on after a crash, hang or
# out-of-memory, and prints a table: executions, time, coverage, and every crash,
# hang or out-of-memory input found (kept in OUT/artifacts). Each one found is fixed and
# its input copied to tests/fuzz/regressions/, which CTest replays in every build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
runs=1000000; jobs=$(nproc); build=$root/build-fuzz; out=$root/build-fuzz/fuzz-run
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--jobs J] [--build DIR] [--out DIR]" >&2; exit 2 ;;
  esac
done
corpus=$(cd "$root/../shared/corpus" && pwd)
for tool in clang clang++; do command -v $tool >/dev/null || { echo "$tool is missing: apt-get install clang libclang-rt-14-dev" >&2; exit 1; }; done

launcher=(); command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DKEEPSAKE_FUZZ=ON -DKEEPSAKE_SANITIZE=address,undefined "${launcher[@]}" >/dev/null
cmake --build "$build" --target fuzz_intake >/dev/null

mkdir -p "$out/corpus" "$out/artifacts"
log=$out/fuzz.log
started=$(date +%s)
# Fork mode: a crash, hang or out-of-memory ends one worker, is kept as an artifact,
# and the run goes on. Inputs up to 64 KiB: where a file's metadata and header sit, and whole small files.
# No allocation stacks (a quarter of the time): replay a found input with tests/sanitizers for them.
ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1:malloc_context_size=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$root/tests/sanitizers/ubsan.supp \
QT_QPA_PLATFORM=offscreen \
  "$build/tests/fuzz/fuzz_intake" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -runs="$runs" -max_len=65536 -timeout=20 -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/" \
    "$out/corpus" "$corpus" >"$log" 2>&1 || true
seconds=$(( $(date +%s) - started ))

last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)
execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
cov=$(sed -E 's/.* cov: ([0-9]+).*/\1/' <<<"$last")
crashes=$(find "$out/artifacts" -name 'crash-*' | wc -l)
hangs=$(find "$out/artifacts" -name 'timeout-*' | wc -l)
ooms=$(find "$out/artifacts" -name 'oom-*' | wc -l)
echo
echo "| fuzz target | executions | seconds | exec/s | coverage (edges) | crashes | hangs | out of memory |"
echo "|---|---|---|---|---|---|---|---|"
echo "| intake (metadata, decoder check, thumbnail) | ${execs:-0} | $seconds | $(( ${execs:-0} / (seconds > 0 ? seconds : 1) )) | ${cov:-?} | $crashes | $hangs | $ooms |"
echo
echo "log: $log"
for f in "$out"/artifacts/*; do [ -e "$f" ] && echo "found: $f"; done
[ "${execs:-0}" -ge "$runs" ] || { echo "fewer executions than asked ($runs): see the log" >&2; exit 1; }
