#!/usr/bin/env bash
# Renews the kiosk's screenshots in this folder: tst_kioskpages walks the kiosk's pages
# at 1280×800 in English, German and Japanese (checking that no text is cut) and keeps
# a picture of each page; this copies them here.
#   docs/screenshots/update.sh [BUILD_DIR]      (default: build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
QT_QPA_PLATFORM=offscreen "$build/tests/ui/tst_kioskpages" noLabelCutAt1280x800 >/dev/null
for shot in "$build"/tests/ui/shots/kiosk-*-{en,de,ja}.png; do
  # Smaller files for the repository: 256 colours are plenty for a window.
  convert "$shot" -colors 256 PNG8:"$here/$(basename "$shot")"
done
ls "$here"/kiosk-*.png
