#!/usr/bin/env bash
# Installs the real helm (v3) and kustomize (v5) that the rendering integration tests and the
# real-world corpus check run against, built from the Go module proxy into a cached folder
# (default ~/.cache/kubewire-tools/bin; KUBEWIRE_TOOLS_DIR overrides). A tool already installed at
# the pinned version is kept. Without Go, or when a build fails, it says so and exits 0: those tests
# then skip with a placeholder, and everything else runs. Prints nothing else on success.
set -uo pipefail

HELM_VERSION=v3.22.0
KUSTOMIZE_VERSION=v5.7.1
TOOLS_DIR="${KUBEWIRE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kubewire-tools/bin}"

if ! command -v go >/dev/null 2>&1; then
  echo "install-tools: go not found: helm and kustomize not installed; the rendering tests will be skipped"
  exit 0
fi
mkdir -p "$TOOLS_DIR"

# install NAME MODULE@VERSION: a stamp file records the version the binary was built from.
install() {
  local name="$1" module="$2" version="$3"
  local stamp="$TOOLS_DIR/.$name-$version"
  if [ -x "$TOOLS_DIR/$name" ] && [ -f "$stamp" ]; then
    echo "install-tools: $name $version present in $TOOLS_DIR"
    return 0
  fi
  echo "install-tools: building $name $version (go install $module@$version; takes minutes on 2 cores)"
  if GOBIN="$TOOLS_DIR" GOFLAGS=-mod=mod go install "$module@$version"; then
    rm -f "$TOOLS_DIR/.$name-"*
    touch "$stamp"
  else
    echo "install-tools: could not build $name $version; its tests will be skipped"
  fi
}

install helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION" &
install kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION" &
wait
