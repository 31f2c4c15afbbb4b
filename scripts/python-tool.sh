#!/usr/bin/env bash
# Installs a Python tool pinned by a requirements file (its dependencies pinned in a constraints
# file) into a virtualenv, once per machine: later runs find it and return at once. The virtualenv
# lives outside the repository, keyed by a hash of the pins, so clean clones on the same machine
# share it and changing a pin installs afresh. Used by setup-dbt.sh and setup-schemathesis.sh.
#
#   bash scripts/python-tool.sh <name> <requirements> <constraints> <package> <executable>
#
# <package> is the distribution whose version is reported, <executable> the command in the
# virtualenv's bin/ that must run. Environment: INSIGHT_<NAME>_VENV (where the virtualenv goes),
# PYTHON (the interpreter, default python3). Prints what it did, and last a line
# <NAME>_EXECUTABLE=<path of the executable>.
set -euo pipefail

name=$1 requirements=$2 constraints=$3 package=$4 executable=$5
upper=$(echo "$name" | tr '[:lower:]-' '[:upper:]_')
for file in "$requirements" "$constraints"; do
  [[ -f "$file" ]] || { echo "error: $file is missing" >&2; exit 1; }
done
key=$(cat "$requirements" "$constraints" | sha256sum | cut -c1-12)
override="INSIGHT_${upper}_VENV"
venv=${!override:-$HOME/.cache/insight-engine/$name-venv-$key}
marker="$venv/.installed"
tool="$venv/bin/$executable"

# Whether the virtualenv is complete and still runs (a Python upgrade can break it).
installed_version() {
  [[ -f "$marker" && -x "$tool" ]] || return 1
  "$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$package'))" 2>/dev/null
}

mkdir -p "$(dirname "$venv")"
# One installer at a time: parallel builds on the same machine wait for the first one.
if command -v flock > /dev/null; then
  exec 9> "$venv.lock"
  flock 9
fi

if version=$(installed_version); then
  echo "$package $version already installed in $venv: nothing to do"
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
  echo "installing $name ($(grep -E '^[a-z]' "$requirements" | tr '\n' ' ')) with $("$python" --version 2>&1) into $venv ..."
  start=$SECONDS
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    -r "$requirements" -c "$constraints"
  version=$("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$package'))")
  "$tool" --help > /dev/null # the executable runs
  touch "$marker"
  echo "installed $package $version in $((SECONDS - start))s"
fi
echo "$name executable: $tool"
echo "${upper}_EXECUTABLE=$tool"
