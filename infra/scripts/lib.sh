# Shared helpers for Codeyard's setup and test scripts. Source it; do not run it.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 NEXT_TELEMETRY_DISABLED=1
CODEYARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log() { printf '\033[1;34m[codeyard]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[codeyard] error:\033[0m %s\n' "$*" >&2; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || die "this step needs root (it installs packages and starts the Docker engine); run it with sudo"; }
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root
  log "installing Debian packages: ${missing[*]}"
  if [ ! -f /var/lib/apt/periodic/codeyard-updated ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then
    apt-get update -qq && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/codeyard-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
# Exports CODEYARD_SECRET_KEY (encrypts API keys and secrets at rest), generating it once into
# $CODEYARD_DATA_DIR/secret.key (mode 600) unless the environment already sets one.
ensure_secret_key() {
  [ -n "${CODEYARD_SECRET_KEY:-}" ] && return 0
  local dir="${CODEYARD_DATA_DIR:-/var/lib/codeyard}"
  mkdir -p "$dir"
  if [ ! -s "$dir/secret.key" ]; then
    (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' > "$dir/secret.key")
  fi
  CODEYARD_SECRET_KEY="$(tr -d '[:space:]' < "$dir/secret.key")"
  export CODEYARD_SECRET_KEY
}
