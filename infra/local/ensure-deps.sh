#!/usr/bin/env bash
# Installs dependencies when node_modules is missing or older than the lockfile, then builds.
# npm may run on the machine's Node 20: the install brings the platform's Node 24 (the `node`
# devDependency, node_modules/.bin/node), which `npm run` then puts first on PATH, so the build
# and everything after it run on Node 24 (docs/adr/0012-runtime-node-24.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
  ! node_modules/.bin/node -v >/dev/null 2>&1; then
  npm ci --no-audit --no-fund
fi
npm run --silent build
