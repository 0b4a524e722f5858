#!/usr/bin/env bash
# Set up, check the shipped content, build the site, and serve it on http://127.0.0.1:8000
# (it rebuilds when you edit content/, schemas/ or site_templates/). Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
setup_python "."
setup_system_packages libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
export NO_MKDOCS_2_WARNING=1
.venv/bin/literacy-directory build
exec .venv/bin/literacy-directory serve "$@"
