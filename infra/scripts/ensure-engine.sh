#!/usr/bin/env bash
# Makes sure the Docker engine is installed and running, and that the copy-on-write workspace
# store (a btrfs file system on a loop file) is mounted. Idempotent; safe to run on every start.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA_DIR="${CODEYARD_DATA_DIR:-/var/lib/codeyard}"
STORE_SIZE="${CODEYARD_WORKSPACE_STORE_SIZE:-64G}"

apt_install docker.io debootstrap btrfs-progs

if ! docker version >/dev/null 2>&1; then
  need_root
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    systemctl start docker
  else
    log "starting the Docker engine (dockerd), log in /var/log/dockerd.log"
    nohup dockerd </dev/null >/var/log/dockerd.log 2>&1 3>&- &
  fi
  for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
  docker version >/dev/null 2>&1 || die "the Docker engine did not start; see /var/log/dockerd.log"
fi

mkdir -p "$DATA_DIR/workspaces"
if ! mountpoint -q "$DATA_DIR/workspaces"; then
  need_root
  if [ ! -f "$DATA_DIR/workspaces.btrfs" ]; then
    log "creating the workspace store ($STORE_SIZE sparse btrfs file) in $DATA_DIR"
    truncate -s "$STORE_SIZE" "$DATA_DIR/workspaces.btrfs"
    mkfs.btrfs -q "$DATA_DIR/workspaces.btrfs"
  fi
  if ! mount -o loop "$DATA_DIR/workspaces.btrfs" "$DATA_DIR/workspaces" 2>/dev/null; then
    log "warning: could not mount a btrfs workspace store (no loop devices?); falling back to plain directories (snapshots will copy instead of being O(1))"
  fi
fi
