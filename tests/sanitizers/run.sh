#!/usr/bin/env bash
# Builds Keepsake with sanitizers into a build folder of its own and runs tests there.
#   run.sh address,undefined [CTEST ARGS...]   AddressSanitizer + UndefinedBehaviorSanitizer
#   run.sh thread [CTEST ARGS...]              ThreadSanitizer
# Without CTEST ARGS: the core, integration and fuzz tests on SQLite (ASan/UBSan, as CI
# runs it: they drive every part of core, in process and through keepsakectl and the
# device service; the windows' and the browser's tests, and the _postgres runs of the
# same programs, stay with the plain build: on PostgreSQL the same code sends other SQL
# text through another Qt driver, and the run would take a third longer), or the disc,
# ingest and thumbnail tests (TSan). Only what those tests need is built. Fails when a test fails or when any
# sanitizer report was written (tests/sanitizers/check-reports.sh prints each).
# KEEPSAKE_SANITIZE_BUILD_DIR overrides the build folder (default build-asan, build-tsan).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
kind=${1:?address,undefined or thread}; shift
case "$kind" in
  thread) default_dir=build-tsan; default_tests=(-R 'tst_disc_burn|tst_ingest|tst_thumbnailer|tst_metadata|tst_jobrunner') ;;
  *)      default_dir=build-asan; default_tests=(-L '^(core|integration|fuzz)$' -LE '^postgres$') ;;
esac
build=${KEEPSAKE_SANITIZE_BUILD_DIR:-$root/$default_dir}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKEEPSAKE_SANITIZE="$kind" \
  ${KEEPSAKE_CMAKE_ARGS:-}
# The test programs the chosen tests run, and keepsakectl. Before the build ctest
# cannot name a test's program, so it is found by the test's name: tst_x and
# tst_x_postgres run the target tst_x; a fuzz test runs the fuzz targets.
mapfile -t targets < <(cd "$build" && {
    ctest -N --show-only=json-v1 "${@:-${default_tests[@]}}" | python3 -c '
import json, sys
for test in json.load(sys.stdin)["tests"]:
    print(test["name"].removesuffix("_postgres"))
'
    ninja -t targets all | sed -n "s/^\(fuzz_[a-z_]*\): .*/\1/p"
} | sort -u | grep -Fx -f <(ninja -t targets all | sed "s/: .*//"))
cmake --build "$build" -j"$(nproc)" --target keepsakectl "${targets[@]}"
rm -f "$build"/sanitizer-reports/report*
status=0
(cd "$build" && ctest --output-on-failure --timeout 1800 -j"$(nproc)" "${@:-${default_tests[@]}}") || status=$?
"$here/check-reports.sh" "$build" || status=1
exit $status
