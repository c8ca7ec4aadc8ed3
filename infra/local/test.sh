#!/usr/bin/env bash
# Quick start, step 2: the whole test suite (unit, integration, end to end) against the real
# PostgreSQL and RabbitMQ. Uses its own database (dvc_test, recreated by the tests' global set-up)
# and its own namespaced queues, so it never touches a platform started with `npm start`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/local/ensure-system-packages.sh
bash infra/local/ensure-deps.sh
npx eslint .
npx prettier --check . --log-level warn
exec npx jest "$@"
