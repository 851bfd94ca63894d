#!/usr/bin/env bash
# macOS build: dist/EvidenceDesk/ (one folder, console and windowed programs), then its
# --self-test. Signing and notarisation are not set up yet (no Apple developer identity).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
exec "$PY" packaging/build.py --self-test "$@"
