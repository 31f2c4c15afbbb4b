#!/usr/bin/env bash
# Installs real dbt (dbt-core + dbt-postgres, pinned in dbt/requirements.txt, their dependencies in
# dbt/constraints.txt) into a virtualenv, once per machine: later runs find it and return at once.
# The virtualenv lives outside the repository, keyed by a hash of the pins, so clean clones on the
# same machine share it and changing a pin installs afresh.
#
#   bash scripts/setup-dbt.sh          # from any directory
#
# Environment: INSIGHT_DBT_VENV (where the virtualenv goes), PYTHON (the interpreter, default python3).
# Prints what it did, and last a line DBT_EXECUTABLE=<path of the dbt executable>.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
requirements="$root/dbt/requirements.txt"
constraints="$root/dbt/constraints.txt"
for file in "$requirements" "$constraints"; do
  [[ -f "$file" ]] || { echo "error: $file is missing" >&2; exit 1; }
done
key=$(cat "$requirements" "$constraints" | sha256sum | cut -c1-12)
venv=${INSIGHT_DBT_VENV:-$HOME/.cache/insight-engine/dbt-venv-$key}
marker="$venv/.installed"
dbt="$venv/bin/dbt"

# Whether the virtualenv is complete and still runs (a Python upgrade can break it).
installed_version() {
  [[ -f "$marker" && -x "$dbt" ]] || return 1
  "$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("dbt-core"))' 2>/dev/null
}

mkdir -p "$(dirname "$venv")"
# One installer at a time: parallel builds on the same machine wait for the first one.
if command -v flock > /dev/null; then
  exec 9> "$venv.lock"
  flock 9
fi

if version=$(installed_version); then
  echo "dbt-core $version already installed in $venv: nothing to do"
else
  python=${PYTHON:-python3}
  if ! command -v "$python" > /dev/null; then
    echo "error: $python not found; install Python 3.9 or newer (Debian: apt-get install python3 python3-venv)" >&2
    exit 1
  fi
  if ! "$python" -c 'import venv, ensurepip' 2> /dev/null; then
    echo "error: $python has no working venv module; install it (Debian/Ubuntu: apt-get install python3-venv)" >&2
    exit 1
  fi
  if [[ -e "$venv" ]]; then
    echo "removing the incomplete virtualenv $venv"
    rm -rf "$venv"
  fi
  echo "installing dbt ($(grep -E '^[a-z]' "$requirements" | tr '\n' ' ')) with $("$python" --version 2>&1) into $venv ..."
  start=$SECONDS
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    -r "$requirements" -c "$constraints"
  version=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("dbt-core"))')
  "$dbt" --help > /dev/null # the executable runs
  touch "$marker"
  echo "installed dbt-core $version in $((SECONDS - start))s"
fi
echo "dbt executable: $dbt"
echo "DBT_EXECUTABLE=$dbt"
