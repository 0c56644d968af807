#!/usr/bin/env bash
# bench-all.sh — every benchmark of tests/bench in one command, then one table of all
# their headline rows (work | Keepsake | peer | ratio | goal | met) with the machine it
# ran on (see tests/bench/README.md).
#
#   bench-all.sh [--ctl PATH] [--gui PATH] [--runs R] [--smoke] [--no-large]
#                [--no-station] [--only NAME,...] [--out DIR] [--no-event]
#
#   --ctl PATH      keepsakectl for every benchmark (else $KEEPSAKECTL, else a build in
#                   the tree)
#   --gui PATH      the bench-gui program (CMake target bench-gui; else a build in the tree)
#   --runs R        runs of every side in every benchmark (default 3)
#   --smoke         every benchmark's small variant, one run: does it all still work?
#   --no-large      leave out the ingest benchmark's 3000-file card (memory flatness)
#   --no-station    leave out the burn station benchmark (it needs PostgreSQL and takes
#                   about ten minutes: two hand-ins, then two burns a run)
#   --only LIST     run only these of: ingest, disc, print, gui, expiry, station, network
#   --out DIR       where the rows and every benchmark's log go (default: a new folder
#                   in ${TMPDIR:-/tmp}, kept and named at the end)
#   --no-event      passed to bench-ingest.sh (a keepsakectl without card_may_be_removed)
#
# Exit status: 0 when every benchmark ran and gave the expected outcomes, whether or
# not the goals were met (the table says); 1 when a benchmark broke; 2 on usage errors.
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
say() { echo "$prog: $*" >&2; }
usage() { sed -n '2,24s/^# \{0,1\}//p' "$0" >&2; exit 2; }

ctl=${KEEPSAKECTL:-}; gui=""; runs=3; smoke=0; large=1; only="ingest,disc,print,gui,expiry,station,network"
out=""; no_event=0; no_station=0
while [ $# -gt 0 ]; do
    case $1 in
        --ctl) ctl=${2:?}; shift 2 ;;
        --gui) gui=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --smoke) smoke=1; shift ;;
        --no-large) large=0; shift ;;
        --no-station) no_station=1; shift ;;
        --only) only=${2:?}; shift 2 ;;
        --out) out=${2:?}; shift 2 ;;
        --no-event) no_event=1; shift ;;
        -h|--help) usage ;;
        *) echo "$prog: unknown argument $1" >&2; usage ;;
    esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "$prog: --runs must be a positive number" >&2; exit 2; }
[ "$smoke" = 0 ] || runs=1
if [ "$no_station" = 1 ]; then only=$(tr ',' '\n' <<<"$only" | { grep -vx station || true; } | paste -sd, -); fi
[ -n "$only" ] || { echo "$prog: nothing left to run" >&2; exit 2; }
wanted() { [[ ,$only, == *,$1,* ]]; }
for name in ${only//,/ }; do
    case $name in ingest|disc|print|gui|expiry|station|network) ;; *) echo "$prog: --only: no benchmark '$name'" >&2; exit 2 ;; esac
done

for c in "$ctl" "$root/build/app/keepsakectl/keepsakectl"; do
    [ -n "$c" ] && [ -x "$c" ] && { ctl=$(cd "$(dirname "$c")" && pwd)/$(basename "$c"); break; }
done
[ -x "${ctl:-}" ] || { echo "$prog: no keepsakectl: pass --ctl PATH or set KEEPSAKECTL" >&2; exit 2; }
if wanted gui; then
    for g in "$gui" "$root/build/tests/bench/bench-gui"; do
        [ -n "$g" ] && [ -x "$g" ] && { gui=$(cd "$(dirname "$g")" && pwd)/$(basename "$g"); break; }
    done
    [ -x "${gui:-}" ] || { echo "$prog: no bench-gui: pass --gui PATH (cmake --build build --target bench-gui)" >&2; exit 2; }
fi
[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/keepsake-bench-all.XXXXXX")
mkdir -p "$out"
out=$(cd "$out" && pwd)

# supports PROGRAM OPTION: the benchmark takes OPTION (a script names it, a program
# lists it in --help), so that one bench-all works across their versions
supports() {
    case $1 in
        *.sh) grep -q -e "$2)" "$1" ;;
        *) QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$1" --help 2>&1 | grep -q -e "$2" ;;
    esac
}

machine_start=$(uptime)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date '+%Y-%m-%d %H:%M:%S %z')
failed=()
norows=()

# bench NAME PROGRAM ARGS...: run one benchmark with its rows in $out/NAME.tsv, its
# report on stdout (and in $out/NAME.out), its progress in $out/NAME.log
bench() {
    local name=$1 program=$2; shift 2
    local args=("$@") rc=0
    : >"$out/$name.tsv"
    if supports "$program" --rows; then args+=(--rows "$out/$name.tsv"); else norows+=("$name"); fi
    say "$name: $program ${args[*]}"
    local t0=$SECONDS
    "$program" "${args[@]}" 2>"$out/$name.log" | tee "$out/$name.out" || rc=$?
    if [ "$rc" != 0 ]; then
        failed+=("$name")
        say "$name FAILED (exit $rc) after $((SECONDS - t0)) s; the end of $out/$name.log:"
        tail -n 15 "$out/$name.log" >&2
    else
        say "$name done in $((SECONDS - t0)) s"
    fi
}

small=(--files 6 --size 640x480)
if wanted ingest; then
    args=(--ctl "$ctl" --runs "$runs")
    [ "$smoke" = 1 ] && args+=("${small[@]}")
    [ "$smoke" = 0 ] && [ "$large" = 1 ] && args+=(--large)
    [ "$no_event" = 1 ] && args+=(--no-event)
    bench ingest "$here/bench-ingest.sh" "${args[@]}"
fi
if wanted disc; then
    args=(--ctl "$ctl" --runs "$runs"); [ "$smoke" = 1 ] && args+=("${small[@]}")
    bench disc "$here/bench-disc.sh" "${args[@]}"
fi
if wanted print; then
    args=(--ctl "$ctl" --runs "$runs"); [ "$smoke" = 1 ] && args+=("${small[@]}")
    QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} bench print "$here/bench-print.sh" "${args[@]}"
fi
if wanted gui; then
    args=(--runs "$runs")
    if [ "$smoke" = 1 ]; then
        args+=(--photos 300 --albums 5)
        supports "$gui" --catalog-photos && args+=(--catalog-photos 3300)
        supports "$gui" --customers && args+=(--customers 30)
    fi
    QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} bench gui "$gui" "${args[@]}"
fi
if wanted expiry; then
    args=(--ctl "$ctl" --runs "$runs")
    [ "$smoke" = 1 ] && args+=(--customers 100 --albums 500 --photos 1500)
    bench expiry "$here/bench-expiry.sh" "${args[@]}"
fi
if wanted station; then
    args=(--ctl "$ctl" --runs "$runs"); [ "$smoke" = 1 ] && args+=("${small[@]}")
    bench station "$here/bench-station.sh" "${args[@]}"
fi
if wanted network; then
    args=(--ctl "$ctl" --runs "$runs"); [ "$smoke" = 1 ] && args+=("${small[@]}")
    bench network "$here/bench-network.sh" "${args[@]}"
fi

# --- the table ------------------------------------------------------------------------
export BENCH_OUT=$out BENCH_ONLY=$only BENCH_FAILED="${failed[*]}" BENCH_NOROWS="${norows[*]}"
export BENCH_MACHINE_START=$machine_start BENCH_MACHINE_END BENCH_LOAD_START=$load_start
export BENCH_STARTED=$started BENCH_CTL=$ctl BENCH_RUNS=$runs BENCH_SMOKE=$smoke BENCH_COMMIT
BENCH_MACHINE_END=$(uptime)
BENCH_COMMIT=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)
python3 - <<'PY'
import os, re

env = os.environ
out = env["BENCH_OUT"]
failed, norows = env["BENCH_FAILED"].split(), env["BENCH_NOROWS"].split()
NUM = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
VALUE = re.compile(r"^(-?[0-9]+(?:\.[0-9]+)?) ?([A-Za-z%]*)$")
GOAL = re.compile(r"^<= ?([0-9]+(?:\.[0-9]+)?) ?([A-Za-z%]*)$")

def shown(v):
    """A value as the table shows it: seconds get ' s', a unit gets a space."""
    m = VALUE.match(v)
    if not m:
        return v
    n, unit = float(m.group(1)), m.group(2)
    if not unit:
        return f"{n:.3f} s" if n < 1 else f"{n:.2f} s"
    return f"{m.group(1)} {unit}"

def in_unit(v, unit):
    """The number of v in unit (s, ms or MB), or None."""
    m = VALUE.match(v)
    if not m:
        return None
    n, u = float(m.group(1)), m.group(2) or "s"
    scale = {("s", "s"): 1, ("ms", "ms"): 1, ("s", "ms"): 1000, ("ms", "s"): 0.001, ("MB", "MB"): 1}
    return n * scale[u, unit] if (u, unit) in scale else None

def met(k, ratio, goal, said):
    """Met, decided here from the numbers where the goal is one, else as the benchmark said."""
    g = GOAL.match(goal)
    if not g:
        return said or "-"
    limit, unit = float(g.group(1)), g.group(2)
    value = float(ratio) if not unit and NUM.match(ratio) else in_unit(k, unit) if unit else None
    if value is None:
        return said or "-"
    return "yes" if value <= limit else "NO"

rows, problems = [], []
for name in env["BENCH_ONLY"].split(","):
    if name in failed:
        rows.append([f"{name}: FAILED, see {out}/{name}.log", "-", "-", "-", "-", "FAILED"])
        continue
    if name in norows:
        rows.append([f"{name}: this version has no --rows; its report is in {out}/{name}.out",
                     "-", "-", "-", "-", "-"])
        continue
    got = 0
    for i, line in enumerate(open(f"{out}/{name}.tsv", encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) != 6:
            problems.append(f"{name}.tsv line {i}: {len(f)} fields, not 6: {line[:80]}")
            continue
        work, k, p, ratio, goal, said = f
        if work.lower() == "work" and k.lower() == "keepsake":
            continue                    # a header: the format has none, but tolerate it
        rows.append([work, shown(k), shown(p), ratio, goal.replace("<=", "≤"), met(k, ratio, goal, said)])
        got += 1
    if got == 0:
        problems.append(f"{name} ran but wrote no rows")
        rows.append([f"{name}: no rows", "-", "-", "-", "-", "FAILED"])

head = ["work", "Keepsake", "peer", "ratio", "goal", "met"]
widths = [max(len(r[i]) for r in rows + [head]) for i in range(6)]
line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"
print()
print("=" * 20 + " Keepsake against its peers " + "=" * 20)
print(f"keepsakectl {env['BENCH_CTL']} (tree {env['BENCH_COMMIT']}); "
      f"{'smoke variants, ' if env['BENCH_SMOKE'] == '1' else ''}runs per side: {env['BENCH_RUNS']}; "
      f"started {env['BENCH_STARTED']}")
print(f"machine: nproc {len(os.sched_getaffinity(0))}, load average at start "
      f"{env['BENCH_LOAD_START']}, at end {' '.join(open('/proc/loadavg').read().split()[:3])}")
print(f"uptime at start: {env['BENCH_MACHINE_START'].strip()}")
print(f"uptime at end:   {env['BENCH_MACHINE_END'].strip()}")
print()
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print(line(r))
print()
print(f"rows and logs: {out}")
for p in problems:
    print(f"bench-all: {p}")
open(f"{out}/problems", "w").write("".join(p + "\n" for p in problems))
PY
if [ -s "$out/problems" ] || [ "${#failed[@]}" -gt 0 ]; then
    say "broken: ${failed[*]:-} $(cat "$out/problems" | tr '\n' ' ')"
    exit 1
fi
