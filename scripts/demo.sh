#!/usr/bin/env bash
# Install eerstelijn in .venv and start the web app with demo data on SQLite; prints the URL and logins.
# Usage: bash scripts/demo.sh [--port 5000]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q .
exec .venv/bin/eerstelijn serve "$@"
