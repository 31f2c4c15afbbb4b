#!/usr/bin/env bash
# Installs real dbt (dbt-core + dbt-postgres, pinned in dbt/requirements.txt, their dependencies in
# dbt/constraints.txt) into a virtualenv, once per machine: later runs find it and return at once
# (see python-tool.sh).
#
#   bash scripts/setup-dbt.sh          # from any directory
#
# Environment: INSIGHT_DBT_VENV (where the virtualenv goes), PYTHON (the interpreter, default python3).
# Prints what it did, and last a line DBT_EXECUTABLE=<path of the dbt executable>.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec bash "$root/scripts/python-tool.sh" dbt "$root/dbt/requirements.txt" \
  "$root/dbt/constraints.txt" dbt-core dbt
