#!/usr/bin/env bash
# What building and running the images needs on a machine without Docker or an outside registry:
#  - runc, umoci, skopeo and mmdebstrap from Debian's packages (installed when missing, as root);
#  - the CNCF distribution registry built from its Go module, serving on 127.0.0.1 (Jib pushes
#    the operator and engine images there; tests pull from it);
#  - the JRE base image: Debian bookworm's openjdk-17-jre-headless and ca-certificates installed by
#    mmdebstrap, a non-root user `insight` (10001), made into an OCI image by umoci and pushed as
#    <registry>/insight-engine/jre:17;
#  - for the real node of the tests (docs/real-node.md): containerd, the CNI plugins and iptables
#    from Debian's packages, and the pod sandbox image <registry>/insight-engine/pause:3.10, built
#    from Kubernetes' own pause.c (in the k8s.io/kubernetes module of scripts/k8s-test-binaries.sh),
#    and <registry>/insight-engine/dbt-shop:0.1.0, real dbt (dbt/requirements.txt, pinned by
#    dbt/constraints.txt) on Debian's Python with the demo shop's dbt project in /usr/app, the image
#    a DbtRun with source.image runs (rebuilt when the project or the pins change).
# Everything is cached under ${IMAGE_TOOLS_DIR:-~/.cache/insight-engine/images}; a second run finds it
# and only starts the registry if it is not serving. Prints, last, REGISTRY=<host:port>.
set -euo pipefail

# Pinned here and nowhere else.
registry_version=v3.1.2
debian_suite=bookworm
registry=${INSIGHT_REGISTRY:-127.0.0.1:5555}
base_image=$registry/insight-engine/jre:17

root=${IMAGE_TOOLS_DIR:-$HOME/.cache/insight-engine/images}
mkdir -p "$root"

# --- Debian packages ---------------------------------------------------------------------------
missing=()
for tool in runc umoci skopeo mmdebstrap containerd iptables; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
[ -x /usr/lib/cni/bridge ] || missing+=(containernetworking-plugins)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: ${missing[*]} not found; install them (Debian: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "installing ${missing[*]} from Debian's packages ..." >&2
  apt-get update -q > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" > /dev/null
fi

# --- the registry ------------------------------------------------------------------------------
registry_bin="$root/registry-$registry_version/registry"
if [ ! -x "$registry_bin" ]; then
  command -v go > /dev/null || {
    echo "error: go not found; install Go 1.24 or newer" >&2
    exit 1
  }
  echo "building the distribution registry $registry_version from its Go module ..." >&2
  start=$SECONDS
  GOFLAGS=-mod=mod GOBIN="$(dirname "$registry_bin")" go install -trimpath -buildvcs=false \
    "github.com/distribution/distribution/v3/cmd/registry@$registry_version"
  echo "registry: built in $((SECONDS - start)) s" >&2
fi

serving() { curl -fsS -o /dev/null "http://$registry/v2/" 2> /dev/null; }
# One store per address, so that a second registry (INSIGHT_REGISTRY=127.0.0.1:5556) is another.
state="$root/registry-${registry//[:.]/-}"
if ! serving; then
  mkdir -p "$state/data"
  cat > "$state/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $state/data
  delete:
    enabled: true
http:
  addr: $registry
EOF
  # Detached on purpose: the builds and tests after this script push to it and pull from it.
  # Stop it with: kill "\$(cat $state/registry.pid)"
  setsid "$registry_bin" serve "$state/registry.yml" > "$state/registry.log" 2>&1 < /dev/null &
  echo $! > "$state/registry.pid"
  for _ in $(seq 1 50); do
    serving && break
    sleep 0.2
  done
  serving || {
    echo "error: the registry did not start; see $state/registry.log" >&2
    exit 1
  }
  echo "registry: serving on $registry (pid $(cat "$state/registry.pid"))" >&2
fi

# --- the JRE base image ------------------------------------------------------------------------
layout="$root/jre-17-oci"
if [ ! -f "$layout/index.json" ]; then
  echo "building the JRE base image from Debian $debian_suite's packages ..." >&2
  start=$SECONDS
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # Docs, man pages and translations are left out; the man page directory stays because
  # update-alternatives links java's man page into it.
  mmdebstrap --quiet --variant=essential \
    --include=openjdk-17-jre-headless,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook='echo "insight:x:10001:10001:Insight Engine:/home/insight:/usr/sbin/nologin" >> "$1/etc/passwd"' \
    --customize-hook='echo "insight:x:10001:" >> "$1/etc/group"' \
    --customize-hook='mkdir -p "$1/home/insight" && chown 10001:10001 "$1/home/insight"' \
    --customize-hook='printf "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n" > "$1/etc/hosts"' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
    "$debian_suite" "$work/rootfs.tar" http://deb.debian.org/debian
  mkdir -p "$work/bundle/rootfs"
  tar -C "$work/bundle/rootfs" -xf "$work/rootfs.tar"
  rm -rf "$layout"
  umoci init --layout "$layout"
  umoci new --image "$layout:17"
  # Unpacked and repacked to make the rootfs the image's one layer.
  umoci unpack --image "$layout:17" "$work/base"
  cp -a "$work/bundle/rootfs/." "$work/base/rootfs/"
  umoci repack --image "$layout:17" "$work/base"
  umoci config --image "$layout:17" --config.user=10001:10001 \
    --config.workingdir=/home/insight --config.env=JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 \
    --config.env=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.env=LANG=C.UTF-8 \
    --author="insight-engine scripts/image-tools.sh" --history.created_by="mmdebstrap $debian_suite"
  umoci gc --layout "$layout"
  echo "JRE base image: built in $((SECONDS - start)) s" >&2
fi
# Pushed when the registry lacks it or holds another build of it.
digest() { skopeo inspect --tls-verify=false --format '{{.Digest}}' "$1" 2> /dev/null || true; }
if [ "$(digest "oci:$layout:17")" != "$(digest "docker://$base_image")" ]; then
  skopeo copy --quiet --dest-tls-verify=false "oci:$layout:17" "docker://$base_image"
  echo "JRE base image: pushed as $base_image" >&2
fi

# --- the pod sandbox image --------------------------------------------------------------------
pause_image=$registry/insight-engine/pause:3.10
pause_layout="$root/pause-3.10-oci"
if [ ! -f "$pause_layout/index.json" ]; then
  kubernetes_version=$(sed -n 's/^kubernetes_version=//p' "$(dirname "$0")/k8s-test-binaries.sh")
  module_dir=$(cd "$root" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@v$kubernetes_version" |
    sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  work=$(mktemp -d)
  gcc -static -Os -DVERSION=v3.10 -o "$work/pause" "$module_dir/build/pause/linux/pause.c"
  strip "$work/pause"
  umoci init --layout "$pause_layout"
  umoci new --image "$pause_layout:3.10"
  umoci unpack --image "$pause_layout:3.10" "$work/bundle" > /dev/null
  cp "$work/pause" "$work/bundle/rootfs/pause"
  umoci repack --image "$pause_layout:3.10" "$work/bundle"
  umoci config --image "$pause_layout:3.10" --config.entrypoint=/pause --config.user=65535:65535
  umoci gc --layout "$pause_layout"
  rm -rf "$work"
  echo "pause image: built from k8s.io/kubernetes v$kubernetes_version's pause.c" >&2
fi
if [ "$(digest "oci:$pause_layout:3.10")" != "$(digest "docker://$pause_image")" ]; then
  skopeo copy --quiet --dest-tls-verify=false "oci:$pause_layout:3.10" "docker://$pause_image"
  echo "pause image: pushed as $pause_image" >&2
fi

# --- the dbt image of the demo shop's project --------------------------------------------------
repo=$(cd "$(dirname "$0")/.." && pwd)
dbt_image=$registry/insight-engine/dbt-shop:0.1.0
dbt_layout="$root/dbt-shop-oci"
dbt_files=(dbt_project.yml profiles.yml requirements.txt constraints.txt models macros seeds tests)
dbt_hash=$(cd "$repo/dbt" && find "${dbt_files[@]}" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ "$(cat "$dbt_layout/.project-hash" 2> /dev/null)" != "$dbt_hash" ]; then
  echo "building the dbt image from Debian $debian_suite's Python and PyPI's dbt ..." >&2
  start=$SECONDS
  work=$(mktemp -d)
  # The wheels are fetched by this machine's pip (its index, proxy and CAs), for the image's
  # Python (bookworm's 3.11), and installed in the image from that directory alone.
  python3 -m pip download --quiet --dest "$work/wheels" --only-binary=:all: \
    --python-version 3.11 --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 \
    --platform manylinux_2_28_x86_64 --platform any \
    -r "$repo/dbt/requirements.txt" -c "$repo/dbt/constraints.txt"
  mkdir -p "$work/app"
  (cd "$repo/dbt" && cp -r "${dbt_files[@]}" "$work/app/")
  mmdebstrap --quiet --variant=essential \
    --include=python3,python3-venv,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook='echo "dbt:x:1000:1000:dbt:/usr/app:/usr/sbin/nologin" >> "$1/etc/passwd"' \
    --customize-hook='echo "dbt:x:1000:" >> "$1/etc/group"' \
    --customize-hook="copy-in $work/app /usr" \
    --customize-hook='chown -R 1000:1000 "$1/usr/app"' \
    --customize-hook='chroot "$1" python3 -m venv /opt/dbt' \
    --customize-hook="copy-in $work/wheels /tmp" \
    --customize-hook='chroot "$1" /opt/dbt/bin/pip install --quiet --no-cache-dir --no-index --find-links /tmp/wheels -r /usr/app/requirements.txt -c /usr/app/constraints.txt' \
    --customize-hook='rm -rf "$1/tmp/wheels"' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
    "$debian_suite" "$work/rootfs.tar" http://deb.debian.org/debian
  mkdir -p "$work/rootfs"
  tar -C "$work/rootfs" -xf "$work/rootfs.tar"
  rm -rf "$dbt_layout"
  umoci init --layout "$dbt_layout"
  umoci new --image "$dbt_layout:0.1.0"
  umoci unpack --image "$dbt_layout:0.1.0" "$work/bundle" > /dev/null
  cp -a "$work/rootfs/." "$work/bundle/rootfs/"
  umoci repack --image "$dbt_layout:0.1.0" "$work/bundle"
  umoci config --image "$dbt_layout:0.1.0" --config.user=1000:1000 --config.workingdir=/usr/app \
    --config.env=PATH=/opt/dbt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.env=LANG=C.UTF-8 --config.cmd=dbt
  umoci gc --layout "$dbt_layout"
  echo "$dbt_hash" > "$dbt_layout/.project-hash"
  rm -rf "$work"
  echo "dbt image: built in $((SECONDS - start)) s" >&2
fi
if [ "$(digest "oci:$dbt_layout:0.1.0")" != "$(digest "docker://$dbt_image")" ]; then
  skopeo copy --quiet --dest-tls-verify=false "oci:$dbt_layout:0.1.0" "docker://$dbt_image"
  echo "dbt image: pushed as $dbt_image" >&2
fi

echo "REGISTRY=$registry"
