#!/usr/bin/env bash
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs lupdate over core/, ui/ and app/ into a throw-away .ts and fails when a
# message lands in a context the code does not translate it in at run time, or
# when a "%n" text is not a plural message. A message's context is right when it
# is named in the message's own source file (QCoreApplication::translate("ctx",
# ...), QT_TRANSLATE_NOOP("ctx", ...), Q_DECLARE_TR_FUNCTIONS(ctx), a wrapper
# tr()), or is the context of a class with tr() of its own (Q_OBJECT,
# Q_DECLARE_TR_FUNCTIONS) that the file uses. It catches the usual slip: tr()
# through a file-local wrapper called from a free function or from a class without
# tr() of its own, which lupdate files under "Keepsake" or "Keepsake::Class" while
# the program asks for the wrapper's context. The fix is the lupdate-only
#   #if 0
#   Q_DECLARE_TR_FUNCTIONS(Keepsake::Wrapper)
#   #endif
# right before the wrapper (see core/catalog/Customers.cpp), and for "%n" texts
# the count as third argument: tr("%n photo(s)", nullptr, n).
#
# Usage: check-contexts.sh [SOURCE_DIR [LUPDATE]]
set -euo pipefail
source_dir=${1:-$(cd "$(dirname "$0")/.." && pwd)}
lupdate=${2:-$(command -v lupdate6 || command -v lupdate || echo /usr/lib/qt6/bin/lupdate)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$source_dir"
if ! "$lupdate" core ui app -I core -I ui -extensions cpp,h -locations absolute \
        -no-obsolete -ts "$work/check.ts" >"$work/lupdate.log" 2>&1; then
    cat "$work/lupdate.log"
    echo "check-contexts: lupdate failed"
    exit 1
fi

python3 - "$source_dir" "$work/check.ts" "$work/lupdate.log" <<'EOF'
import glob, os, re, sys
import xml.etree.ElementTree as ET

source_dir, ts, log = sys.argv[1:4]
problems = []

# lupdate's own complaints that mean a lost or misfiled message.
for line in open(log, encoding='utf-8', errors='replace'):
    if ('cannot be called without context' in line or 'Qualifying with unknown' in line
            or 'Unbalanced' in line or 'Discarding unconsumed' in line):
        problems.append('lupdate: ' + line.strip())

named = {}      # file -> contexts its text names
tr_classes = {} # class name -> context of its own tr()
for path in glob.glob(os.path.join(source_dir, '*', '**', '*.*'), recursive=True):
    rel = os.path.relpath(path, source_dir)
    if not rel.startswith(('core/', 'ui/', 'app/')) or not path.endswith(('.cpp', '.h')):
        continue
    text = open(path, encoding='utf-8', errors='replace').read()
    contexts = set(re.findall(r'translate\(\s*"([^"]+)"', text))
    contexts |= set(re.findall(r'QT_TRANSLATE_N?_?NOOP3?\(\s*"([^"]+)"', text))
    for m in re.finditer(r'\bQ_OBJECT\b|\bQ_GADGET\b|Q_DECLARE_TR_FUNCTIONS\(\s*([\w:]+)\s*\)', text):
        if m.group(1):
            contexts.add(m.group(1))
        owner = list(re.finditer(r'\b(?:class|struct)\s+(?:[A-Z_]+_EXPORT\s+)?(\w+)\s*(?:final\s*)?(?::[^{;]*)?\{',
                                 text[:m.start()]))
        if owner:
            tr_classes[owner[-1].group(1)] = m.group(1) or 'Keepsake::' + owner[-1].group(1)
    named[os.path.realpath(path)] = (contexts, text)
    # A context kept in a constant: lupdate reads only a literal and drops the
    # message at the next regeneration (it happened to the disc viewer).
    for constant in re.findall(r'\b(?:constexpr|const)\s+(?:const\s+)?char\s*\*\s*(?:const\s+)?(\w+)\s*=\s*"[^"]*::[^"]*"', text):
        for use in re.finditer(r'translate\(\s*%s\s*,\s*"' % constant, text):   # a text lupdate would read
            line = text.count('\n', 0, use.start()) + 1
            problems.append('%s:%d: translate() with the context in the constant %s: lupdate reads only a '
                            'literal; write the context out' % (rel, line, constant))

root = ET.parse(ts).getroot()
count = 0
for context in root.iter('context'):
    name = context.find('name').text
    for message in context.iter('message'):
        count += 1
        source = message.find('source').text or ''
        for location in message.findall('location'):
            path = os.path.realpath(os.path.join(os.path.dirname(ts), location.get('filename')))
            where = '%s:%s' % (os.path.relpath(path, source_dir), location.get('line'))
            contexts, text = named.get(path, (set(), ''))
            ok = name in contexts or any(
                c == name and re.search(r'\b%s\b' % cls, text) for cls, c in tr_classes.items())
            if not ok:
                problems.append('%s: "%s" filed under %s; the file translates in %s'
                                % (where, source[:60], name, ', '.join(sorted(contexts)) or 'no context'))
            if '%n' in source and message.get('numerus') != 'yes':
                problems.append('%s: "%s" has %%n but is no plural message: pass the count as '
                                'the third argument, tr("...", nullptr, n)' % (where, source[:60]))

for problem in problems:
    print(problem)
print('check-contexts: %d messages, %d problems' % (count, len(problems)))
sys.exit(1 if problems or count == 0 else 0)
EOF
