#!/usr/bin/env bash
# Builds Helm 3 and Helm 4 from their Go modules (no release archive can be downloaded here) and
# installs them as ${HELM_BIN_DIR:-~/.cache/insight-engine/helm}/<version>/helm. Skipped for a
# version already built, so only the first run on a machine pays for it (a few minutes each).
# Prints, last, HELM3=<path> and HELM4=<path>.
set -euo pipefail

# Pinned here and nowhere else.
helm3_version=v3.22.0
helm4_version=v4.3.1

command -v go > /dev/null || {
  echo "error: go not found; install Go 1.24 or newer (https://go.dev/doc/install)" >&2
  exit 1
}
root=${HELM_BIN_DIR:-$HOME/.cache/insight-engine/helm}

build() {
  local module=$1 version=$2
  local dir="$root/$version"
  if [ -x "$dir/helm" ]; then
    echo "helm $version: present in $dir" >&2
    return
  fi
  echo "building helm $version from $module ..." >&2
  local start=$SECONDS
  mkdir -p "$dir"
  # -trimpath and no VCS stamp: the binary depends on the module version only.
  GOFLAGS=-mod=mod GOBIN="$dir" go install -trimpath -buildvcs=false \
    -ldflags "-X helm.sh/helm/${module##*/}/internal/version.version=$version" \
    "$module/cmd/helm@$version"
  echo "helm $version: built in $((SECONDS - start)) s" >&2
}

build helm.sh/helm/v3 "$helm3_version"
build helm.sh/helm/v4 "$helm4_version"
echo "HELM3=$root/$helm3_version/helm"
echo "HELM4=$root/$helm4_version/helm"
