#!/usr/bin/env bash
# Quick start, step 2: the whole test suite (unit, integration, end to end) against the real
# PostgreSQL and RabbitMQ. Uses its own database (dvc_test, recreated by the tests' global set-up)
# and its own namespaced queues, so it never touches a platform started with `npm start`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/local/ensure-system-packages.sh
bash infra/local/ensure-deps.sh
# The suite and every process it spawns run on the project's Node 24 (node_modules/.bin/node), also
# when this script is run directly rather than through npm test.
export PATH="$PWD/node_modules/.bin:$PATH"
npx eslint .
npx prettier --check . --log-level warn
exec npx jest "$@"
