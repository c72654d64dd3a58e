#!/usr/bin/env bash
# The test command of the README and of CI: install what the tests need, lint and type-check, then run them all.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's chromium (browser tests) and CJK fonts (Chinese in screenshots), when missing.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "note: install chromium and fonts-noto-cjk (Debian) to run the browser tests" >&2
  fi
fi

python3 -m pip install -q --disable-pip-version-check -e '.[dev]'
python3 -m ruff check .
# mypy reads the package as it installs (the folder graph/ is ecograph.graph, …), which an editable
# install only maps at run time: check an installed copy, with the options of pyproject.toml.
typed=$(mktemp -d)
trap 'rm -rf "$typed"' EXIT
python3 -m pip install -q --disable-pip-version-check --no-deps --target "$typed" .
(cd "$typed" && python3 -m mypy --config-file "$OLDPWD/pyproject.toml" --cache-dir "$typed/.mypy_cache" -p ecograph)
python3 -m pytest "$@"
