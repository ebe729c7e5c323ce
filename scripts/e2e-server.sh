#!/usr/bin/env bash
# Serves the built app for the browser tests from a fresh local D1 in .wrangler/e2e.
set -euo pipefail
port="${1:-8788}"
export WRANGLER_SEND_METRICS=false
rm -rf .wrangler/e2e
wrangler d1 migrations apply DB --local --persist-to .wrangler/e2e >/dev/null
QADAM_PERSIST=.wrangler/e2e tsx db/seed/local.ts >/dev/null
exec wrangler dev --port "$port" --persist-to .wrangler/e2e --ip 127.0.0.1 --var RATE_LIMIT_SCALE:50
