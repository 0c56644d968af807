#!/usr/bin/env python3
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layer rules of Keepsake's source tree, checked over the include graph.

core/ is one folder per concern, stacked in floors: a concern includes only concerns
on lower floors (and those listed beside it). The front ends (ui/, app/) stand beside
each other on top of core: they hold no SQL and no QtSql, and never include each
other. core/ holds no widgets and no command-line code. No source file grows past 600
lines.

Run from anywhere: check-layers.py [ROOT]. Prints every broken rule with the file and
line, and exits 1 if there is any (CTest runs it as the test "layer_rules").
"""
import pathlib
import re
import sys

# What each concern of core/ may include besides itself. A concern missing here is a
# new folder: add it with its floor.
CORE_FLOORS = {
    "base": set(),
    "catalog": {"base"},
    "store": {"base"},
    "metadata": {"base"},
    "lab": {"base", "catalog", "store", "metadata"},
    "notify": {"base", "catalog", "lab"},
    "retention": {"base", "catalog", "store", "metadata", "lab", "notify"},
    "print": {"base", "catalog", "store", "metadata", "lab"},
    "ingest": {"base", "catalog", "store", "metadata", "lab", "retention", "notify"},
    "usb": {"base", "catalog", "store", "metadata", "lab", "ingest"},
    "disc": {"base", "catalog", "store", "metadata", "lab", "retention", "notify", "print"},
    "station": {"base", "catalog", "store", "metadata", "lab", "retention", "notify", "print", "disc"},
    "web": {"base", "catalog", "store", "metadata", "lab", "retention", "notify", "ingest"},
    "net": {"base", "catalog", "store", "metadata", "lab", "retention", "notify", "print", "ingest", "disc", "station",
            "web"},
}
FRONT_ENDS = ("ui", "app")
MAX_LINES = 600
SOURCE_SUFFIXES = {".cpp", ".h", ".c"}

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
QTSQL = re.compile(r'#\s*include\s*[<"](QtSql|QSql)|\bQSql[A-Z][A-Za-z]*')
SQL_TEXT = re.compile(r'"[^"]*\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\b')
WIDGETS = re.compile(r'#\s*include\s*[<"](QtWidgets/|Q(Widget|MainWindow|Dialog|PushButton|Label|LineEdit|'
                     r'Application|MessageBox|TreeWidget|TableWidget|ListWidget|ComboBox|CheckBox)\b)')
COMMAND_LINE = re.compile(r'QCommandLineParser|QCommandLineOption|\bisatty\b|\bargc\b')


def sources(folder):
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file())


def included_concern(target):
    parts = pathlib.PurePosixPath(target).parts
    parts = [p for p in parts if p not in ("..", ".")]
    if parts and parts[0] == "core":
        parts = parts[1:]
    return parts[0] if len(parts) > 1 else None


def check(root):
    faults = []

    def fault(path, line, why):
        faults.append(f"{path.relative_to(root)}:{line}: {why}")

    core = root / "core"
    for path in sources(core):
        concern = path.relative_to(core).parts[0]
        if path.parent == core:
            continue
        allowed = CORE_FLOORS.get(concern)
        if allowed is None:
            fault(path, 1, f"core/{concern} has no floor in tests/architecture/check-layers.py")
            continue
        for number, text in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if COMMAND_LINE.search(text):
                fault(path, number, "command-line code in core (it belongs to app/keepsakectl)")
            if WIDGETS.search(text):
                fault(path, number, "a widget in core (core never links QtWidgets)")
            match = INCLUDE.match(text)
            if not match:
                continue
            target = match.group(1)
            if target.startswith(("ui/", "app/", "../ui/", "../app/")):
                fault(path, number, f"core includes a front end: {target}")
                continue
            other = included_concern(target)
            if other and other in CORE_FLOORS and other != concern and other not in allowed:
                fault(path, number, f"core/{concern} includes {target}: {other} is not below {concern}")

    for front in FRONT_ENDS:
        for path in sources(root / front):
            for number, text in enumerate(path.read_text(errors="replace").splitlines(), 1):
                if QTSQL.search(text):
                    fault(path, number, "a front end uses QtSql (call an operation of core instead)")
                if SQL_TEXT.search(text):
                    fault(path, number, "a front end writes SQL (it belongs next to its tables in core)")
                match = INCLUDE.match(text)
                if match:
                    first = pathlib.PurePosixPath(match.group(1)).parts[0]
                    others = [f for f in FRONT_ENDS if f != front]
                    if first in others or any(match.group(1).startswith(f"../{o}/") for o in others):
                        fault(path, number, f"{front}/ includes another front end: {match.group(1)}")

    for folder in ("core", *FRONT_ENDS):
        for path in sources(root / folder):
            lines = path.read_text(errors="replace").count("\n")
            if lines > MAX_LINES:
                fault(path, lines, f"{lines} lines: split it (at most {MAX_LINES})")
    return faults


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    faults = check(root.resolve())
    for line in faults:
        print(line)
    print(f"layer rules: {len(faults)} broken" if faults else "layer rules: all kept")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
