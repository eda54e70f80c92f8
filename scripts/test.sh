#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL (see with-postgres.sh). A failing test's name
# and message are printed again at the end, where a CI log that keeps only its tail shows them.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp "${TMPDIR:-/tmp}/orders-test.XXXXXX")
trap 'rm -f "$log"' EXIT

status=0
# A test that hangs is stopped and named (after 5 minutes; the longest test takes under two)
# instead of holding the run until CI's own limit.
scripts/with-postgres.sh dotnet test Orders.sln --logger "console;verbosity=normal" \
  --blame-hang-timeout 5m --blame-hang-dump-type none "$@" 2>&1 | tee "$log" || status=$?

if grep -qE '^[[:space:]]+Failed Orders\.Tests\.' "$log"; then
  echo
  echo "=== failed tests ==="
  awk '/^[[:space:]]+Failed Orders\.Tests\./{show=1} /^[[:space:]]+Stack Trace:/{show=0} show' "$log"
fi
exit "$status"
