#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL (see with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-postgres.sh dotnet test Orders.sln --logger "console;verbosity=normal" "$@"
