#!/usr/bin/env bash
# Serves the built app for the browser tests from a fresh local D1 in .wrangler/e2e-<port> (one per port, so two runs
# side by side never delete each other's database).
set -euo pipefail
port="${1:-8788}"
export WRANGLER_SEND_METRICS=false
persist=".wrangler/e2e-$port"
rm -rf "$persist"
wrangler d1 migrations apply DB --local --persist-to "$persist" >/dev/null
QADAM_PERSIST="$persist" tsx db/seed/local.ts >/dev/null
exec wrangler dev --port "$port" --persist-to "$persist" --ip 127.0.0.1 --var RATE_LIMIT_SCALE:50
