#!/usr/bin/env bash
# PostgreSQL's share of placing an order, apart from the rest of the system: pgbench runs the
# order's write in four table layouts against a throwaway PostgreSQL with the benchmark's
# settings (fsync and synchronous commit on), eleven orders a statement (the batch the silo makes
# at the peak), and prints per layout the statements a second and PostgreSQL's CPU per order.
# The layouts alternate, each run a number of times (docs/performance.md, "What would reach
# the targets").
#
#   bench/storage-sizing.sh [--rounds N] [--seconds S] [--clients C]
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=2 seconds=15 clients=8
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    --seconds) seconds=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    --clients) clients=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    *) echo "bench/storage-sizing.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
if ! [[ $rounds =~ ^[1-9][0-9]*$ && $clients =~ ^[1-9][0-9]*$ && $seconds =~ ^[1-9][0-9]*$ ]] || [ "$seconds" -lt 6 ]; then
  echo "bench/storage-sizing.sh: --rounds and --clients must be at least 1 and --seconds at least 6" >&2
  exit 2
fi

if [ -z "${ORDERS_STORAGE_SIZING_SERVER:-}" ]; then
  export ORDERS_PG_OPTIONS="-c fsync=on -c synchronous_commit=on -c shared_buffers=512MB -c max_wal_size=4GB"
  export ORDERS_STORAGE_SIZING_SERVER=started
  exec scripts/with-postgres.sh bench/storage-sizing.sh --rounds "$rounds" --seconds "$seconds" --clients "$clients"
fi

sql=bench/storage-sizing
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ORDERS_TEST_POSTGRES")
pg_url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
source bench/postgres-cpu.sh
postmaster=$(postmaster_of "$pg_url")

echo "filling the tables (300,000 orders, 1.2 million list entries)"
psql -q "$pg_url" -f "$sql/schema.sql"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "$clients clients, $seconds s a run; the statement carries 11 orders"
for round in $(seq 1 "$rounds"); do
  for layout in as-stored inbox-rows state-only journal; do
    pgbench -n -c "$clients" -j 2 -T "$seconds" -f "$sql/$layout.sql" "$pg_url" >"$log" 2>&1 &
    pgbench=$!
    # Sampled while the run goes on: a client's backend takes its CPU time with it when it exits.
    sleep 2
    before=$(postgres_ticks "$postmaster") started=$(date +%s.%N)
    sleep $((seconds - 4))
    after=$(postgres_ticks "$postmaster") ended=$(date +%s.%N)
    wait "$pgbench" && ! grep -q "aborted" "$log" || { cat "$log" >&2; echo "bench/storage-sizing.sh: pgbench failed on $layout" >&2; exit 1; }
    tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$log")
    awk -v layout="$layout" -v round="$round" -v tps="$tps" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v started="$started" -v ended="$ended" \
      'BEGIN { cores = ticks / hz / (ended - started); printf "round %d  %-14s %6.0f statements/s  %6.0f orders/s  PostgreSQL %.2f cores, %.3f ms an order\n", round, layout, tps, tps * 11, cores, cores * 1000 / (tps * 11) }'
  done
done
