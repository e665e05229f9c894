#!/usr/bin/env bash
# Install eerstelijn in .venv and start the web app with demo data on SQLite; prints the URL and logins.
# Usage: bash scripts/demo.sh [--port 5000]
set -euo pipefail
cd "$(dirname "$0")/.."

# System libraries for the PDF reports (pango) and the caller's voice (espeak-ng), when we may install them.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need=()
  for pkg in espeak-ng libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core graphviz; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if [ "${#need[@]}" -gt 0 ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q ".[pdf,voice]"
.venv/bin/eerstelijn nlu --build   # train the language models once, now, not during the first call
.venv/bin/eerstelijn db upgrade >/dev/null
# a simulated class of ten, once, so the instructor's item analysis has something to show (about a minute)
.venv/bin/eerstelijn cohort simulate --trainees 10 --seed 1 >/dev/null 2>&1 || true
exec .venv/bin/eerstelijn serve "$@"
