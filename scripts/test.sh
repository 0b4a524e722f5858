#!/usr/bin/env bash
# Set up everything the tests need and run the whole suite: lint, types, unit, build, browser.
# Works on a fresh Debian machine with Python 3.11 (as root, it installs Chromium and fonts).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
setup_python ".[test]"
setup_system_packages chromium fonts-liberation
setup_system_packages libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
setup_system_packages libreoffice-calc-nogui  # real spreadsheet round trips (tests/test_libreoffice.py)
setup_node_tools
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check build tests benchmarks
.venv/bin/ruff format --check build tests benchmarks
.venv/bin/mypy
PYTHONPATH=build .venv/bin/lint-imports --no-cache
.venv/bin/python -m pytest "$@"
