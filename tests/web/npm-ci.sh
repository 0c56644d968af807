#!/usr/bin/env bash
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the browser tests' one npm package (playwright-core, the exact version of
# package-lock.json) into tests/web/node_modules when it is missing or the lock file
# changed since. It never downloads a browser: the tests drive Debian's chromium.
# Usage: npm-ci.sh [NPM]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
npm=${1:-npm}
if ! command -v "$npm" >/dev/null 2>&1; then
    echo "npm-ci: npm ($npm) is missing: install Node.js 20 or later with npm (Debian: apt-get install nodejs npm)"
    exit 1
fi
cd "$here"
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.keepsake-lock
if [ -f node_modules/playwright-core/package.json ] && [ "$(cat "$stamp" 2>/dev/null)" = "$lock" ]; then
    echo "npm-ci: node_modules matches package-lock.json"
    exit 0
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$npm" ci --no-audit --no-fund
echo "$lock" > "$stamp"
echo "npm-ci: installed $(node -p 'require("./node_modules/playwright-core/package.json").version' 2>/dev/null || echo playwright-core)"
