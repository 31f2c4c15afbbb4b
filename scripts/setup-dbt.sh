#!/usr/bin/env bash
# Installs real dbt (dbt-core + dbt-postgres, pinned in dbt/requirements.txt and dbt/constraints.txt)
# into a virtualenv, once per machine: later runs find it and return at once. The virtualenv lives
# outside the repository, keyed by a hash of the pins, so clean clones on the same machine share it.
# Prints DBT_EXECUTABLE=<path> last.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
requirements="$root/dbt/requirements.txt"
constraints="$root/dbt/constraints.txt"
key=$(cat "$requirements" "$constraints" | sha256sum | cut -c1-12)
venv=${INSIGHT_DBT_VENV:-$HOME/.cache/insight-engine/dbt-venv-$key}
marker="$venv/.installed"

if [[ -f "$marker" ]]; then
  echo "dbt already installed in $venv ($("$venv/bin/dbt" --version 2>/dev/null | awk '/installed:/ {print $3; exit}'))"
else
  python=${PYTHON:-python3}
  if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    echo "error: $python lacks the venv module; install it (Debian: apt-get install python3-venv)" >&2
    exit 1
  fi
  start=$(date +%s)
  echo "installing dbt into $venv ..."
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" -c "$constraints"
  touch "$marker"
  echo "installed $("$venv/bin/dbt" --version | awk '/installed:/ {print $3; exit}') in $(( $(date +%s) - start ))s"
fi
echo "DBT_EXECUTABLE=$venv/bin/dbt"
