#!/usr/bin/env bash
# Install what letterpress needs into a virtual environment, and the few Debian packages it uses:
# libharfbuzz-subset0 (WeasyPrint subsets fonts 6x faster with it) and poppler-utils (pdftotext,
# used by the tests to read PDFs back). Safe to run again.
# `setup.sh --chromium` only installs Debian's chromium, which the preview tests drive
# (make test runs it when chromium is missing; make demo does not need it).
set -euo pipefail

apt_install() {
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

if [ "${1:-}" = "--chromium" ]; then
  command -v chromium >/dev/null 2>&1 || apt_install chromium
  exit 0
fi

venv=${1:-.venv}
need=()
dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || need+=(libharfbuzz-subset0)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  apt_install "${need[@]}"
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -e '.[dev]'
