#!/usr/bin/env bash
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The kill trial (benchmark-style, not in CI): `keepsakectl ingest`, `burn` and `purge`
# killed with SIGKILL at RUNS random moments each. After each kill:
#   - `check --repair` finds no catalogued photo missing and none damaged (what the
#     kill left half-written is a leftover it removes), and `check` is then clean;
#   - the same job run again completes (exit 0, or 3 when the card has files that are
#     rejected by design), and afterwards the store is clean again.
# Prints one table row per job: runs, killed while running, finished before the kill,
# clean after, completed again, failures.
#
#   kill-trial.sh --ctl KEEPSAKECTL [--runs 100] [--corpus DIR] [--jobs "ingest burn purge"]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ctl=; runs=100; corpus=$(cd "$here/../../../shared/corpus" 2>/dev/null && pwd); jobs="ingest burn purge"
while [ $# -gt 0 ]; do
  case "$1" in
    --ctl) ctl=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$ctl" ] || { echo "give --ctl PATH/TO/keepsakectl" >&2; exit 2; }
[ -f "$corpus/truth.jsonl" ] || { echo "no photo corpus at $corpus (--corpus DIR)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "needs sqlite3" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/keepsake-kill-trial.XXXXXX")
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8

ks() { "$ctl" --data-dir "$data" --quiet "$@"; }
fail() { failures=$((failures + 1)); echo "  $job run $run: $*" >&2; }

# Runs the job in the background and kills it after a random part of its usual time.
kill_at_random() {
  local usual_ms=$1; shift
  local delay_ms=$(( (RANDOM * 32768 + RANDOM) % (usual_ms + 1) ))
  "$@" >/dev/null 2>&1 & local pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null
}

# After a kill: leftovers removed, nothing catalogued missing or damaged, clean.
check_clean() {
  local report; report=$(ks --json check --repair 2>&1 | grep '"summary"')
  case "$report" in
    *'"missing":0'*'"damaged":0'*|*'"damaged":0'*'"missing":0'*) ;;
    *) fail "check --repair after the kill: $report"; return 1 ;;
  esac
  ks check >/dev/null 2>&1 || { fail "check not clean after repair"; return 1; }
  clean=$((clean + 1))
}

again() {
  "$@" >/dev/null 2>&1; local rc=$?
  if [ $rc -eq 0 ] || [ $rc -eq 3 ]; then completed=$((completed + 1)); else fail "run again: exit $rc"; fi
  ks check >/dev/null 2>&1 || fail "check not clean after the job ran again"
}

fresh_lab() {
  data=$work/data-$job-$run; rm -rf "$data"
  ks customer add --code C1 --name "Trial" >/dev/null 2>&1
}

expire_all() { sqlite3 "$data/catalog.sqlite" "UPDATE albums SET state = 'expired' WHERE state IN ('active', 'expiring', 'recorded')"; }

# The usual time of a job, in milliseconds, from one undisturbed run.
timed() { local t0=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - t0) / 1000000 )); }

card=$corpus/real
printf '| job | runs | killed while running | finished before the kill | clean after | completed again | failures |\n'
printf '|---|---|---|---|---|---|---|\n'
for job in $jobs; do
  killed=0; finished=0; clean=0; completed=0; failures=0; run=0
  case "$job" in
    ingest)
      fresh_lab; usual=$(timed ks ingest --customer C1 "$card")
      for run in $(seq "$runs"); do
        fresh_lab
        kill_at_random "$usual" "$ctl" --data-dir "$data" --quiet ingest --customer C1 "$card"
        check_clean && again ks ingest --customer C1 "$card"
        rm -rf "$data"
      done ;;
    burn)
      run=0; fresh_lab; ks ingest --customer C1 "$corpus/real/jpeg" "$corpus/real/heif" >/dev/null 2>&1; expire_all
      usual=$(timed ks burn --customer C1 --drive "stdio:$work/usual.iso")
      for run in $(seq "$runs"); do
        expire_all; rm -f "$work/trial.iso"
        kill_at_random "$usual" "$ctl" --data-dir "$data" --quiet burn --customer C1 --drive "stdio:$work/trial.iso"
        if [ "$(sqlite3 "$data/catalog.sqlite" "SELECT count(*) FROM albums WHERE state = 'recorded'")" -gt 0 ] \
           && [ ! -s "$work/trial.iso" ]; then fail "an album is recorded but its disc was not written"; fi
        check_clean
        expire_all; rm -f "$work/trial.iso"   # a half-written image is the lab's to throw away
        again ks burn --customer C1 --drive "stdio:$work/trial.iso"
      done ;;
    purge)
      for run in $(seq "$runs"); do
        fresh_lab; ks ingest --customer C1 "$corpus/real/jpeg" >/dev/null 2>&1; expire_all
        ks burn --customer C1 --drive "stdio:$work/purge-$run.iso" >/dev/null 2>&1 || fail "burn before the purge failed"
        ks config set grace.days 0 >/dev/null 2>&1
        if [ "$run" -eq 1 ]; then
          cp -a "$data" "$work/probe"; usual=$(timed "$ctl" --data-dir "$work/probe" --quiet purge); rm -rf "$work/probe"
        fi
        kill_at_random "$usual" "$ctl" --data-dir "$data" --quiet purge
        check_clean && again ks purge
        [ "$(sqlite3 "$data/catalog.sqlite" "SELECT count(*) FROM albums WHERE state = 'recorded'")" -eq 0 ] \
          || fail "albums still recorded after the purge ran again"
        rm -rf "$data" "$work/purge-$run.iso"
      done ;;
    *) echo "unknown job $job" >&2; exit 2 ;;
  esac
  printf '| %s | %d | %d | %d | %d | %d | %d |\n' "$job" "$runs" "$killed" "$finished" "$clean" "$completed" "$failures"
  total_failures=$(( ${total_failures:-0} + failures ))
done
[ "${total_failures:-0}" -eq 0 ]
