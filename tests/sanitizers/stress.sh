#!/usr/bin/env bash
# The disc stress run (tests/bench/stress-disc.cpp) under a sanitizer build: the
# corpus' HEIF, RAW and TIFF photos staged on 8 threads and burned RUNS times beside
# metadata readers and thumbnailers in one process. Prints the program's table, then
# crashes (0 or 1: one process) and the number of sanitizer reports.
#   stress.sh [address,undefined|thread] [RUNS]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
kind=${1:-address,undefined}; runs=${2:-200}
case "$kind" in thread) build=${KEEPSAKE_SANITIZE_BUILD_DIR:-$root/build-tsan} ;; *) build=${KEEPSAKE_SANITIZE_BUILD_DIR:-$root/build-asan} ;; esac
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKEEPSAKE_SANITIZE="$kind" >/dev/null || exit 1
cmake --build "$build" -j"$(nproc)" --target stress-disc keepsakectl || exit 1
rm -f "$build"/sanitizer-reports/report*
ctest --test-dir "$build" -R '^stress_disc$' -V 2>&1 | tee "$build/stress.log" | grep -E '^[0-9]+: \|' | sed 's/^[0-9]*: //'
crashed=0; grep -qE 'Passed|\*\*\*Failed' "$build/stress.log" || crashed=1
grep -qE 'SEGFAULT|Child aborted|Exception' "$build/stress.log" && crashed=1
reports=$(find "$build/sanitizer-reports" -name 'report*' | wc -l)
echo "crashes: $crashed, sanitizer reports: $reports ($kind)"
grep -q 'Passed' "$build/stress.log" && [ "$reports" -eq 0 ]
