#!/usr/bin/env bash
# Quick start, step 1: install, build, create the database/roles/schemas, start the four
# services (each applies its migrations at start-up under an advisory lock) and print their URLs.
# Needs npm (on Node 20 or later: the platform itself runs on the Node 24 that the `node` package
# installs into node_modules/.bin), PostgreSQL (superuser reachable at DB_ADMIN_URL) and RabbitMQ (AMQP_URL).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/local/ensure-deps.sh
# npm scripts already find node in node_modules/.bin first; run directly, this script does the same.
export PATH="$PWD/node_modules/.bin:$PATH"
node dist/tools/db-bootstrap.js
node dist/tools/platform.js up
