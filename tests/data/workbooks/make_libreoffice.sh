#!/usr/bin/env bash
# Remakes libreoffice-shaxian.xlsx: the Shaxian pilot exported by qchain as a survey workbook, opened
# and saved again by LibreOffice Calc (Debian libreoffice-calc-nogui), as a planner's office suite
# would write it. Too heavy for CI, so the result is committed; tests/graphs/xlsx_test.cpp reads it back
# and compares it with the pilot. Run from the repository root after scripts/build.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/cli/qchain export data/pilots/shaxian-snacks.json --format xlsx -o "$tmp/in.xlsx"
soffice --headless --norestore -env:UserInstallation=file://$tmp/profile \
  --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$tmp/out" "$tmp/in.xlsx" >/dev/null
cp "$tmp/out/in.xlsx" tests/data/workbooks/libreoffice-shaxian.xlsx
