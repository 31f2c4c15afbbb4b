#!/usr/bin/env bash
# Builds the Kubernetes API server test binaries (kube-apiserver, kubectl and etcd) from their Go
# modules, with this machine's Go toolchain and the Go module proxy, and installs them where fabric8
# kube-api-test looks for them in offline mode:
#
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<kubernetes version>-<os>-<arch>/{kube-apiserver,kubectl,etcd}
#
# Beside them, what the real node of the tests runs (docs/real-node.md): kubelet,
# kube-controller-manager, kube-scheduler and kube-proxy from the same module, and CoreDNS from its.
#
# kube-api-test would otherwise download release archives from the internet, which this project's
# build machines cannot reach. The build is skipped when the binaries of the pinned versions are
# already there, so only the first run on a machine pays for it.
#
#   bash scripts/k8s-test-binaries.sh            # from any directory
#
# Environment: KUBE_API_TEST_DIR (install root), K8S_BINARIES_FORCE=1 (rebuild even when present).
# Prints what it did, and last a line KUBE_API_TEST_API_SERVER_VERSION=<version>.
set -euo pipefail

# Pinned here and nowhere else. etcd: a 3.6 release, the line Kubernetes 1.34 is built and tested with.
kubernetes_version=1.34.4
etcd_version=3.6.16
coredns_version=1.14.7

command -v go > /dev/null || {
  echo "error: go not found; install Go 1.24 or newer (https://go.dev/doc/install)" >&2
  exit 1
}
os=$(go env GOOS)
arch=$(go env GOARCH)
root=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}
target="$root/k8s/$kubernetes_version-$os-$arch"
marker="$target/.built-by-insight-engine"
stamp="kubernetes=$kubernetes_version etcd=$etcd_version coredns=$coredns_version node"

mkdir -p "$root/k8s"
# One builder at a time: parallel runs on the same machine wait for the first one.
if command -v flock > /dev/null; then
  exec 9> "$root/k8s/.insight-engine-build.lock"
  flock 9
fi

present() {
  [[ -f "$marker" && "$(cat "$marker")" == "$stamp" ]] || return 1
  "$target/kube-apiserver" --version > /dev/null 2>&1 &&
    "$target/kubectl" version --client > /dev/null 2>&1 &&
    "$target/etcd" --version > /dev/null 2>&1 &&
    "$target/kubelet" --version > /dev/null 2>&1 &&
    "$target/coredns" -version > /dev/null 2>&1
}

if [[ "${K8S_BINARIES_FORCE:-0}" != 1 ]] && present; then
  echo "kube-apiserver, kubectl $kubernetes_version and etcd $etcd_version already in $target: nothing to do"
  echo "KUBE_API_TEST_API_SERVER_VERSION=$kubernetes_version"
  exit 0
fi

echo "building kube-apiserver, kubectl and the node binaries $kubernetes_version, etcd $etcd_version, coredns $coredns_version with $(go version) ..."
start=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOWORK=off

# k8s.io/kubernetes requires its staging modules (k8s.io/api, k8s.io/client-go, ...) at v0.0.0 and
# points them at ./staging with replace lines, which do not apply to a module that depends on it.
# The same replace lines, aimed at the published v0.<minor>.<patch> tags, make it buildable.
staging_version="v0.${kubernetes_version#*.}"
kubernetes_binaries="kube-apiserver kubectl kubelet kube-controller-manager kube-scheduler kube-proxy"
mkdir "$work/kubernetes"
(
  cd "$work/kubernetes"
  go mod init insight-engine.local/k8s-test-binaries > /dev/null 2>&1
  go mod download -json "k8s.io/kubernetes@v$kubernetes_version" > download.json
  kubernetes_gomod=$(sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p' download.json)
  staging=$(grep -oE 'k8s\.io/[a-z0-9-]+ => \./staging' "$kubernetes_gomod" | cut -d' ' -f1 | sort -u)
  [[ -n "$staging" ]] || { echo "error: no staging modules found in $kubernetes_gomod" >&2; exit 1; }
  for module in $staging; do
    go mod edit -replace "$module=$module@$staging_version"
  done
  go mod edit -require "k8s.io/kubernetes@v$kubernetes_version"
  echo "  resolving k8s.io/kubernetes v$kubernetes_version with $(wc -w <<< "$staging") staging modules at $staging_version"
  packages=()
  for binary in $kubernetes_binaries; do
    packages+=("k8s.io/kubernetes/cmd/$binary@v$kubernetes_version")
  done
  go get "${packages[@]}" > /dev/null 2>&1 || go get "${packages[@]}"
  # The version the binaries report (kubectl version, /version); the release build sets it the same way.
  version_flags=""
  for package in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    version_flags+=" -X $package.gitVersion=v$kubernetes_version"
    version_flags+=" -X $package.gitMajor=${kubernetes_version%%.*}"
    minor=${kubernetes_version#*.}
    version_flags+=" -X $package.gitMinor=${minor%%.*}"
    version_flags+=" -X $package.gitTreeState=clean"
  done
  for binary in $kubernetes_binaries; do
    binary_start=$SECONDS
    go build -trimpath -ldflags "-s -w$version_flags" -o "$work/out/$binary" "k8s.io/kubernetes/cmd/$binary"
    echo "  built $binary in $((SECONDS - binary_start))s"
  done
)

mkdir "$work/etcd"
(
  cd "$work/etcd"
  go mod init insight-engine.local/etcd-test-binary > /dev/null 2>&1
  go get "go.etcd.io/etcd/server/v3@v$etcd_version" > /dev/null 2>&1 || go get "go.etcd.io/etcd/server/v3@v$etcd_version"
  binary_start=$SECONDS
  go build -trimpath -ldflags "-s -w" -o "$work/out/etcd" "go.etcd.io/etcd/server/v3"
  echo "  built etcd in $((SECONDS - binary_start))s"
)

mkdir "$work/coredns"
(
  cd "$work/coredns"
  binary_start=$SECONDS
  GOBIN="$work/out" go install -trimpath -ldflags "-s -w" "github.com/coredns/coredns@v$coredns_version"
  echo "  built coredns in $((SECONDS - binary_start))s"
)

"$work/out/kube-apiserver" --version
"$work/out/kubectl" version --client | sed -n 1p
"$work/out/etcd" --version | sed -n 1p
echo "$stamp" > "$work/out/.built-by-insight-engine"
rm -rf "$target"
mv "$work/out" "$target"
echo "installed in $target ($(du -sh "$target" | cut -f1)) after $((SECONDS - start))s"
echo "KUBE_API_TEST_API_SERVER_VERSION=$kubernetes_version"
