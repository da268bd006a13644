# Shared by scripts/demo and scripts/test: a .venv with jogg-mcp installed (plus the extras in $1), on any
# machine with Python 3.11+. Sourced, not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jogg-mcp needs Python 3.11 or newer")'

# python-magic needs the libmagic C library (Debian: libmagic1).
if ! "$PYTHON" -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("magic") else 1)'; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq libmagic1 >/dev/null
  else
    echo "libmagic is missing: install it (Debian/Ubuntu: sudo apt-get install libmagic1; macOS: brew install libmagic)" >&2
    exit 1
  fi
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${1:-}"
