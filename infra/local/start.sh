#!/usr/bin/env bash
# Quick start, step 1: install, build, create the database/roles/schemas, start the four
# services (each applies its migrations at start-up under an advisory lock) and print their URLs.
# Needs Node 20, PostgreSQL (superuser reachable at DB_ADMIN_URL) and RabbitMQ (AMQP_URL).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/local/ensure-deps.sh
node dist/tools/db-bootstrap.js
node dist/tools/platform.js up
