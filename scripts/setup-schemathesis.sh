#!/usr/bin/env bash
# Installs schemathesis (pinned in scripts/schemathesis/requirements.txt, its dependencies in
# constraints.txt) for the API tests that check the engine against its OpenAPI document, once per
# machine. Prints last a line SCHEMATHESIS_EXECUTABLE=<path>.
#
#   bash scripts/setup-schemathesis.sh          # from any directory
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec bash "$here/python-tool.sh" schemathesis "$here/schemathesis/requirements.txt" \
  "$here/schemathesis/constraints.txt" schemathesis schemathesis
