#!/usr/bin/env bash
# Every test of the console, in the order that fails fastest. `npm test` runs this; .ci/run calls it.
# Database-touching unit tests run on PGlite and again on a real PostgreSQL (TEST_DATABASE_URL if set,
# else an embedded PostgreSQL started by the tests themselves).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

# A fresh clone has nothing installed: bring in what the tests need (CI's .ci/run does the same).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci
fi
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "apt-get install chromium"
    DEBIAN_FRONTEND=noninteractive apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
  else
    echo "The browser journeys need Chromium at $CHROMIUM: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi

step "prisma generate"
npx prisma generate >/dev/null

step "typecheck"
npx tsc --noEmit

step "lint"
npx eslint . --max-warnings=0

step "build"
npx next build

step "unit + API tests (PGlite for database-touching unit tests)"
npx vitest run

step "database-touching unit tests and the gateway API tests again on PostgreSQL"
IK_TEST_DB=postgres npx vitest run lib/ test/api/gateway.test.ts

step "browser journeys (Chromium)"
npx playwright test

step "leak scan: minted plaintexts in server logs and database"
npx tsx scripts/leak-scan.ts

step "browser journeys again with the console on PostgreSQL, then their leak scan"
npx tsx scripts/e2e-postgres.ts

echo
echo "all tests passed"
