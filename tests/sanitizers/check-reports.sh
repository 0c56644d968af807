#!/usr/bin/env bash
# Fails when a sanitizer wrote any report during a test run, and prints each one.
#   check-reports.sh BUILD_DIR
set -euo pipefail
reports=${1:?build folder}/sanitizer-reports
shopt -s nullglob
found=("$reports"/report*)
if [ ${#found[@]} -eq 0 ]; then
  echo "Sanitizer reports: 0"
  exit 0
fi
for f in "${found[@]}"; do
  echo "==== $f"
  cat "$f"
done
echo "Sanitizer reports: ${#found[@]}" >&2
exit 1
