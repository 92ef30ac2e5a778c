#!/usr/bin/env bash
# Installs the real n8n that connector-core's n8n tests start (N8nInstance), cached outside the repository.
#
#   ERRORBRIDGE_N8N_HOME="$(.ci/n8n.sh)"   # prints the n8n home on stdout, everything else on stderr
#
# The home is ${ERRORBRIDGE_CACHE:-$HOME/.cache/errorbridge}/n8n-<version>. A run whose home already holds the
# completion marker (written last) installs nothing; a home without it (an interrupted install) is rebuilt.
# The recipe (docs/platforms/n8n.md, "A real n8n for tests"): n8n 2.x needs a package the registry does not
# serve, and n8n 1.x's xlsx dependency points outside the registry, hence the pinned 1.x and the override;
# --ignore-scripts because isolated-vm's native build fails here, then sqlite3 (n8n's database) is built alone.
# A clean install took 286 s and 1.8 GB on the CI machine (2 cores).
set -euo pipefail

# Keep in step with N8nHome.VERSION (connector-core's tests; N8nHomeTest compares the two).
readonly N8N_VERSION="1.123.81"
readonly XLSX_VERSION="0.18.5"

cache_root="${ERRORBRIDGE_CACHE:-$HOME/.cache/errorbridge}"
n8n_home="$cache_root/n8n-$N8N_VERSION"
marker="$n8n_home/.errorbridge-installed"

log() { printf 'n8n.sh: %s\n' "$*" >&2; }

command -v node >/dev/null 2>&1 || { log "node is not on PATH; n8n $N8N_VERSION needs Node.js 20.19 to 24.x"; exit 1; }
command -v npm >/dev/null 2>&1 || { log "npm is not on PATH; it installs n8n from the npm registry"; exit 1; }
# n8n 1.123's package.json: "engines": {"node": ">=20.19 <= 24.x"}.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 && a <= 24 || a === 20 && b >= 19 ? 0 : 1)'; then
  log "node $(node --version) found; n8n $N8N_VERSION needs Node.js 20.19 to 24.x"
  exit 1
fi

mkdir -p "$cache_root"
# Two builds on one machine share the cache: the second waits for the first instead of installing over it.
exec 9>"$cache_root/n8n-$N8N_VERSION.lock"
flock 9

if [[ -f "$marker" && -x "$n8n_home/node_modules/.bin/n8n" ]]; then
  log "n8n $N8N_VERSION already installed in $n8n_home"
  printf '%s\n' "$n8n_home"
  exit 0
fi

log "installing n8n $N8N_VERSION into $n8n_home (about 5 minutes the first time)"
started=$SECONDS
rm -rf "$n8n_home"
mkdir -p "$n8n_home"
cat >"$n8n_home/package.json" <<JSON
{
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "$XLSX_VERSION" }
}
JSON
(
  cd "$n8n_home"
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  npm rebuild sqlite3 --loglevel=error >&2
)

installed_version="$(node -p 'require(process.argv[1]).version' "$n8n_home/node_modules/n8n/package.json")"
if [[ "$installed_version" != "$N8N_VERSION" ]]; then
  log "npm installed n8n $installed_version, expected $N8N_VERSION"
  exit 1
fi
# sqlite3's native binding is what --ignore-scripts skipped; without it n8n dies at start-up, not here.
(cd "$n8n_home" && node -e 'require("sqlite3")') >&2 \
  || { log "sqlite3's native binding does not load after 'npm rebuild sqlite3'"; exit 1; }

printf 'n8n %s installed %s in %d s\n' "$N8N_VERSION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$((SECONDS - started))" >"$marker"
log "$(cat "$marker")"
printf '%s\n' "$n8n_home"
