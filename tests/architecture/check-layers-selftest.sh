#!/usr/bin/env bash
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The layer check must fail when a rule is broken: a tiny tree that includes against
# the grain, once per rule, each run expected to fail and to name the file.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
failed=0

expect_fault() {   # expect_fault NAME FILE CONTENT WORDS
    local name=$1 file=$2 content=$3 words=$4 tree="$work/$1"
    mkdir -p "$tree/core/base" "$tree/ui" "$tree/app" "$(dirname "$tree/$file")"
    printf '%s\n' "$content" > "$tree/$file"
    local out; out=$(python3 "$here/check-layers.py" "$tree"); local rc=$?
    if [ $rc -eq 0 ] || ! grep -qF "$file" <<<"$out" || ! grep -qF "$words" <<<"$out"; then
        echo "FAIL $name: the check did not refuse $file ($words); it said: $out"; failed=1
    else
        echo "ok   $name"
    fi
}

expect_fault store-over-catalog core/store/Blobs.cpp '#include "catalog/Catalog.h"' "catalog is not below store"
expect_fault catalog-over-retention core/catalog/Albums.cpp '#include "retention/ExpiryReason.h"' "retention is not below catalog"
expect_fault sql-in-ui ui/counter/Panel.cpp 'const char *q = "SELECT id FROM albums";' "writes SQL"
expect_fault qtsql-in-app app/keepsakectl/Cmd.cpp '#include <QSqlQuery>' "uses QtSql"
expect_fault ui-includes-app ui/counter/Panel.cpp '#include "app/keepsakectl/Console.h"' "another front end"
expect_fault cli-in-core core/lab/Args.cpp 'QCommandLineParser parser;' "command-line code in core"
expect_fault widget-in-core core/lab/Box.cpp '#include <QMessageBox>' "a widget in core"
expect_fault long-file core/base/Long.cpp "$(seq 1 700 | sed 's/^/\/\/ /')" "lines: split it"

# And a tree that keeps every rule passes.
mkdir -p "$work/clean/core/store" "$work/clean/core/catalog" "$work/clean/ui"
printf '#include "base/Error.h"\n' > "$work/clean/core/store/Blobs.cpp"
printf '#include "base/Error.h"\n' > "$work/clean/core/catalog/Photos.cpp"
if python3 "$here/check-layers.py" "$work/clean" >/dev/null; then echo "ok   clean-tree"; else echo "FAIL clean-tree"; failed=1; fi
exit $failed
