#!/usr/bin/env bash
# Builds the sandbox images offline (no registry): a Debian base from debootstrap, imported into
# Docker, then infra/sandbox-image/Dockerfile on top. Each image is tagged with the hash of its
# recipe and rebuilt only when that recipe changes. Prints the sandbox image tag.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
exec 3>&1 1>&2 # only the image tag goes to stdout

IMAGE_DIR="$CODEYARD_ROOT/infra/sandbox-image"
# Bump BASE_RECIPE when the steps below change in a way that must rebuild the base.
BASE_RECIPE=2
base_hash=$( (echo "$BASE_RECIPE"; cat "$IMAGE_DIR/packages.txt") | sha256sum | cut -c1-12)
base_tag="codeyard/sandbox-base:$base_hash"

if ! docker image inspect "$base_tag" >/dev/null 2>&1; then
  need_root
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  packages=$(grep -vE '^\s*(#|$)' "$IMAGE_DIR/packages.txt" | paste -sd, -)
  rootfs=$(mktemp -d /var/tmp/codeyard-rootfs.XXXXXX)
  cleanup() { umount "$rootfs/proc" 2>/dev/null || true; rm -rf "$rootfs"; }
  trap cleanup EXIT
  buildlog=/var/log/codeyard-image-build.log
  log "building the sandbox base image $base_tag from $mirror (a few minutes, once; log in $buildlog)"
  # debootstrap only lays a minimal system: its own dependency ordering breaks on large sets
  # (npm), so apt inside the chroot installs the package list.
  debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" "$mirror" >"$buildlog" 2>&1 \
    || die "debootstrap failed; see $buildlog"
  cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/" 2>/dev/null || true
  mount -t proc proc "$rootfs/proc"
  { chroot "$rootfs" apt-get update -qq \
    && chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages//,/ }; } >>"$buildlog" 2>&1 \
    || die "installing the sandbox packages failed; see $buildlog"
  umount "$rootfs/proc"
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/tmp/*
  tar -C "$rootfs" -c . | docker import --message "codeyard sandbox base $base_hash" - "$base_tag" >/dev/null
fi

image_hash=$( (echo "$base_tag"; cat "$IMAGE_DIR/Dockerfile") | sha256sum | cut -c1-12)
image_tag="codeyard/sandbox:$image_hash"
if ! docker image inspect "$image_tag" >/dev/null 2>&1; then
  log "building the sandbox image $image_tag"
  DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE_IMAGE=$base_tag" \
    --label "dev.codeyard.recipe=$image_hash" -t "$image_tag" "$IMAGE_DIR" >/dev/null
fi
docker tag "$image_tag" codeyard/sandbox:latest
echo "$image_tag" >&3
