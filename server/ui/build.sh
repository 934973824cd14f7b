#!/usr/bin/env bash
# Builds the dashboard into server/target/classes/ui; run by the Maven build of `server`
# (exec-maven-plugin, generate-resources). Needs Node.js >= 20.19 with npm on the PATH.
# `npm ci` runs only when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need() {
  printf '[ui] error: %s\n' "$1" >&2
  printf '[ui] The dashboard (server/ui) is built with Node.js 20.19+ and npm. Install them, e.g.\n' >&2
  printf '[ui]   Debian/Ubuntu: the NodeSource "nodejs" package (Debian 12'"'"'s own nodejs is 18, too old)\n' >&2
  printf '[ui]   macOS: brew install node    others: https://nodejs.org/en/download\n' >&2
  exit 1
}

command -v node >/dev/null 2>&1 || need "node is not on the PATH"
command -v npm >/dev/null 2>&1 || need "npm is not on the PATH"
node -e 'const [a, b] = process.versions.node.split(".").map(Number);
  process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  need "node $(node --version) is too old: Vite needs 20.19 or newer"

stamp=node_modules/.ragops-installed-lock.json
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
npm run --silent build -- --logLevel warn
