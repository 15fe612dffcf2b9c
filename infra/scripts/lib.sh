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
# Exports CODEYARD_VAPID_PUBLIC_KEY / _PRIVATE_KEY (Web Push), generating the pair once into
# $CODEYARD_DATA_DIR/vapid.json (mode 600) unless the environment already sets both. Browsers
# subscribe with the public key: changing it invalidates every push subscription.
ensure_vapid_keys() {
  [ -n "${CODEYARD_VAPID_PUBLIC_KEY:-}" ] && [ -n "${CODEYARD_VAPID_PRIVATE_KEY:-}" ] && return 0
  local dir="${CODEYARD_DATA_DIR:-/var/lib/codeyard}"
  mkdir -p "$dir"
  if [ ! -s "$dir/vapid.json" ]; then
    (umask 077 && node -e '
      const ecdh = require("crypto").createECDH("prime256v1"); ecdh.generateKeys();
      const pad = (b, n) => Buffer.concat([Buffer.alloc(Math.max(0, n - b.length)), b]);
      process.stdout.write(JSON.stringify({ publicKey: pad(ecdh.getPublicKey(), 65).toString("base64url"), privateKey: pad(ecdh.getPrivateKey(), 32).toString("base64url") }) + "\n");
    ' > "$dir/vapid.json")
  fi
  CODEYARD_VAPID_PUBLIC_KEY="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).publicKey)' "$dir/vapid.json")"
  CODEYARD_VAPID_PRIVATE_KEY="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).privateKey)' "$dir/vapid.json")"
  export CODEYARD_VAPID_PUBLIC_KEY CODEYARD_VAPID_PRIVATE_KEY
}
