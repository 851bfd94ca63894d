#!/usr/bin/env bash
# Linux build: dist/EvidenceDesk/ (one folder), then run its --self-test offscreen.
# Needs the project's environment: `python3 tasks.py test` (or pip install -e .[dev]) first.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
exec "$PY" packaging/build.py --self-test "$@"
