#!/bin/sh
# Checks the man page the build wrote: it renders without a single warning (groff -ww, and man's
# own check when man is installed), and it has the sections a man page has.
# Usage: man_page_check.sh build/<config>/unjucks.1
set -u
page="$1"
[ -s "$page" ] || { echo "no man page at $page (the unjucks_man target writes it)"; exit 1; }
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "GLOBAL OPTIONS" "EXIT STATUS" ENVIRONMENT FILES; do
  grep -q "^\.SH $section\$" "$page" || { echo "section $section missing from $page"; exit 1; }
done
if command -v groff >/dev/null 2>&1; then
  warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "groff warns about $page:"; echo "$warnings"; exit 1; }
  text=$(groff -man -Tutf8 "$page" 2>/dev/null)
  echo "$text" | grep -q "unjucks render TEMPLATE" || { echo "the page does not render"; exit 1; }
else
  echo "groff is not installed: only the sections were checked"
fi
if command -v man >/dev/null 2>&1; then
  warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || { echo "man warns about $page:"; echo "$warnings"; exit 1; }
fi
echo "ok: $page"
