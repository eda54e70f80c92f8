#!/usr/bin/env bash
# One command for a benchmark run: builds Release, starts a throwaway PostgreSQL (durable:
# fsync and synchronous commit on), measures the machine's references (pgbench one-row upserts,
# a trivial gRPC echo), starts the system (one silo + gateway; the gateway hosting the cluster's
# one silo itself, Gateway:HostsSilo; or the dev mode), seeds through the API, runs one scenario,
# stops everything and prints the summary.
#
#   bench/run.sh [--mode cluster|cohosted|dev] [Orders.Bench options: --scenario, --concurrency, --rate, --duration, …]
#
# Results (JSON, a latency chart, the processes' logs) land in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

inside=false
if [ "${1:-}" = "--inside" ]; then inside=true; shift; fi
mode=cluster
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --mode) mode=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    *) args+=("$1"); shift ;;
  esac
done
case $mode in
  cluster | cohosted | dev) ;;
  *) echo "bench/run.sh: --mode must be cluster, cohosted or dev, not '$mode'" >&2; exit 2 ;;
esac
set -- ${args[@]+"${args[@]}"}

if ! $inside; then
  dotnet build -c Release Silo/Silo.csproj -v q -nologo >/dev/null
  dotnet build -c Release Gateway/Gateway.csproj -v q -nologo >/dev/null
  dotnet build -c Release bench/Orders.Bench/Orders.Bench.csproj -v q -nologo >/dev/null
  export ORDERS_PG_OPTIONS="-c fsync=on -c synchronous_commit=on -c shared_buffers=512MB -c max_wal_size=4GB"
  # Where the server has pg_stat_statements, the summary says which statements took its time:
  # that is how a prepared plan scanning a whole table shows up.
  for library in "$(pg_config --pkglibdir 2>/dev/null)" /usr/lib/postgresql/*/lib; do
    if [ -f "$library/pg_stat_statements.so" ]; then
      ORDERS_PG_OPTIONS+=" -c shared_preload_libraries=pg_stat_statements"
      break
    fi
  done
  exec scripts/with-postgres.sh bench/run.sh --inside --mode "$mode" "$@"
fi

results=bench/results
mkdir -p "$results"
bench=(dotnet bench/Orders.Bench/bin/Release/net10.0/Orders.Bench.dll)
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ORDERS_TEST_POSTGRES")
pg_url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Distinct free ports, taken together so that no two of them are the same.
free_ports() { python3 -c 'import socket,sys; s=[socket.socket() for _ in range(int(sys.argv[1]))]; [x.bind(("127.0.0.1",0)) for x in s]; print(*[x.getsockname()[1] for x in s])' "$1"; }
ports=$(free_ports 4)
read -r echo_port gateway_port silo_port silo_gateway_port <<<"$ports"
throughput_of() { sed -nE 's/^THROUGHPUT=([0-9.]+)$/\1/p' "$1" | tail -n 1; }

echo "== reference: pgbench, one-row upsert per transaction, 16 clients, 10 s"
psql -q "$pg_url" -c "CREATE TABLE IF NOT EXISTS bench_upsert (id int PRIMARY KEY, hits bigint NOT NULL)"
cat >"$results/upsert.sql" <<'SQL'
\set id random(1, 100000)
INSERT INTO bench_upsert VALUES (:id, 1) ON CONFLICT (id) DO UPDATE SET hits = bench_upsert.hits + 1;
SQL
# A reference that cannot be measured leaves its ratio out; the system's run goes on.
references=()
if pgbench -n -c 16 -j 2 -T 10 -f "$results/upsert.sql" "$pg_url" >"$results/pgbench.log" 2>&1; then
  pgbench_tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$results/pgbench.log" | head -n 1)
  references+=(--pgbench-reference "$pgbench_tps")
  echo "pgbench: $pgbench_tps upserts/s (fsync $(psql -tA "$pg_url" -c 'SHOW fsync'), synchronous_commit $(psql -tA "$pg_url" -c 'SHOW synchronous_commit'))"
else
  echo "pgbench failed, no ratio to it (its output: $results/pgbench.log):" >&2
  tail -n 5 "$results/pgbench.log" >&2
fi

echo "== reference: gRPC echo, same loop and connections, 10 s"
"${bench[@]}" echo-server "$echo_port" >"$results/echo-server.log" 2>&1 &
pids+=($!)
# The scenario's own loop options apply; the later --scenario, --warmup and --duration win.
# A reference whose calls failed says so in its table.
"${bench[@]}" "$@" --scenario echo --target "http://127.0.0.1:$echo_port" --warmup 3 --duration 10 | tee "$results/echo.log" || true
echo_rate=$(throughput_of "$results/echo.log")
if [ -n "$echo_rate" ]; then references+=(--echo-reference "$echo_rate"); else echo "the echo reference gave no figure, no ratio to it" >&2; fi
kill "${pids[-1]}" 2>/dev/null || true

echo "== system: $mode mode"
# The silo and the gateway run with the collectors their projects choose; the load generator with
# the server one unless the caller chose (DOTNET_gcServer=0 bench/run.sh …, which the system's
# processes then take too).
export DOTNET_TieredPGO=1
# The gateways serve gRPC alone: the benchmark speaks nothing else, and 8080 may be taken.
if [ "$mode" = cluster ]; then
  ConnectionStrings__Orders="$ORDERS_TEST_POSTGRES" Orleans__SiloPort=$silo_port Orleans__GatewayPort=$silo_gateway_port \
    dotnet Silo/bin/Release/net10.0/Orders.Silo.dll >"$results/silo.log" 2>&1 &
  pids+=($!)
  processes=("silo:$!")
  ConnectionStrings__Orders="$ORDERS_TEST_POSTGRES" Gateway__Ports=$gateway_port Gateway__HttpPorts= \
    dotnet Gateway/bin/Release/net10.0/Orders.Gateway.dll >"$results/gateway.log" 2>&1 &
  pids+=($!)
  processes+=("gateway:$!")
elif [ "$mode" = cohosted ]; then
  ConnectionStrings__Orders="$ORDERS_TEST_POSTGRES" Gateway__HostsSilo=true Gateway__Ports=$gateway_port Gateway__HttpPorts= \
    Orleans__SiloPort=$silo_port Orleans__GatewayPort=$silo_gateway_port \
    dotnet Gateway/bin/Release/net10.0/Orders.Gateway.dll >"$results/gateway.log" 2>&1 &
  pids+=($!)
  processes=("gateway with the silo:$!")
else
  Gateway__Ports=$gateway_port Gateway__HttpPorts= dotnet Gateway/bin/Release/net10.0/Orders.Gateway.dll >"$results/gateway.log" 2>&1 &
  pids+=($!)
  processes=("gateway with its silo:$!")
fi

statements=0
if [ "$mode" != dev ]; then
  statements=$(psql -tA "$pg_url" -c "SELECT count(*) FROM pg_settings WHERE name = 'shared_preload_libraries' AND setting LIKE '%pg_stat_statements%'")
fi
if [ "$statements" = 1 ]; then
  psql -q "$pg_url" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
fi

# CPU used over the measured seconds, per process and for this PostgreSQL server: which one holds
# the machine, per order at the measured throughput. Each snapshot is the time, then clock ticks,
# taken as the load generator says the measured window opens and closes.
source bench/postgres-cpu.sh
postmaster=$(postmaster_of "$pg_url")
cpu_ticks() { awk '{ ticks += $14 + $15 } END { print ticks + 0 }' "$1/stat" 2>/dev/null; }
cpu_snapshot() {
  date +%s.%N
  for process in "${processes[@]}"; do cpu_ticks "/proc/${process##*:}"; done
  postgres_ticks "$postmaster"
}
# Polled five times a second: each look starts a process on the cores the system shares.
when_logged() { until grep -q "$1" "$results/run.log" 2>/dev/null; do sleep 0.2; done; }
# On PostgreSQL also the rows each table took meanwhile, per order placed: how much an order writes.
orders_stored() { psql -tA "$pg_url" -c "SELECT count(*) FROM grain_state WHERE state_name = 'order'"; }
load_started() {
  if [ "$mode" != dev ]; then
    psql -q "$pg_url" -c "SELECT pg_stat_reset()" >/dev/null
    orders_stored >"$results/orders-start.txt"
  fi
}
# The .NET runtime's own figures for each process over the measured seconds, through
# dotnet-counters (a local tool, .config/dotnet-tools.json): the bytes it allocated per call and
# the time its collector stopped it, which the latency shows only as a tail, and the time its JIT
# compiled (a run measured before the tiered compiler was done shows it there). RUNTIME_COUNTERS=0
# leaves them out, for a run with nothing attached to the processes.
counters=true
if [ "${RUNTIME_COUNTERS:-1}" = 0 ]; then
  counters=false
elif ! dotnet tool restore >/dev/null 2>&1; then
  counters=false
  echo "(dotnet-counters could not be restored: no runtime figures this run)"
fi
# Attaching costs about a core-second a process, the tool's own start and the session in the
# process together, taken from the two cores the system shares (at 128 in flight the measurement's
# second and third seconds lost a third of their calls, and an open loop at half the peak queued
# for half a second), so they attach in the warm-up's last seconds and stop before the
# measurement's last.
counters_lead=10
# The runtime's counters and the system's own measurements (the Orders meter: the gateway's time
# per call, the placement step by step, the statements; docs/performance.md, "Where a call's time
# goes, step by step"). Not ASP.NET Core's request duration: asking for it turns on its hosting
# EventSource, whose two events a request took a fifth of the gateway's CPU at the peak.
counted="System.Runtime,Orders"
warmup_and_measured() { sed -nE 's/^running .*, ([0-9]+) s warm-up, ([0-9]+) s measured$/\1 \2/p' "$results/run.log"; }
runtime_counters() {
  local warmup measured lead seconds index=0
  read -r warmup measured < <(warmup_and_measured)
  lead=$((warmup < counters_lead ? warmup : counters_lead))
  sleep $((warmup - lead))
  seconds=$((lead + measured > 3 ? lead + measured - 2 : 1))
  for process in "${processes[@]}"; do
    dotnet tool run dotnet-counters collect -p "${process##*:}" --counters "$counted" --maxHistograms 100 --format csv --refresh-interval 1 \
      --duration "$(printf '00:%02d:%02d:%02d' $((seconds / 3600)) $((seconds % 3600 / 60)) $((seconds % 60)))" \
      -o "$results/counters-$index.csv" >/dev/null 2>&1 &
    index=$((index + 1))
  done
  wait
}
# Means over the last samples, which fall within the measured seconds (attaching takes up to two);
# the last one may cover part of a second.
runtime_summary() {
  [ -s "$3" ] || { echo "$1: no samples"; return; }
  local measured
  read -r _ measured < <(warmup_and_measured)
  awk -F, -v name="$1" -v calls="$2" -v whole=$((measured > 4 ? measured - 3 : 1)) '
    { counter = $3; sub(/ \(.*\)/, "", counter) }
    counter ~ /^dotnet\.(gc\.(heap\.total_allocated|pause\.time|collections)|jit\.compilation\.time)/ { value[counter, ++samples[counter]] = $5 }
    function mean(counter,   first, i, sum) {
      first = samples[counter] - whole
      if (first < 2) first = 2
      for (i = first; i < samples[counter]; i++) sum += value[counter, i]
      return sum / (samples[counter] - first)
    }
    END {
      if (samples["dotnet.gc.heap.total_allocated"] < 3) { printf "%s: too few samples\n", name; exit }
      allocated = mean("dotnet.gc.heap.total_allocated")
      printf "%s: %.1f KB allocated per call (%.0f MB/s); %.1f gen0, %.1f gen1, %.2f gen2 collections/s; stopped by the collector %.1f %% of the time; compiling (JIT) %.2f of a core\n",
        name, allocated / calls / 1024, allocated / 1e6, mean("dotnet.gc.collections[gc.heap.generation=gen0]"),
        mean("dotnet.gc.collections[gc.heap.generation=gen1]"), mean("dotnet.gc.collections[gc.heap.generation=gen2]"),
        100 * mean("dotnet.gc.pause.time"), mean("dotnet.jit.compilation.time")
    }' "$3"
}

# Each step's percentiles, the means of those of the whole measured seconds (dotnet-counters gives
# a histogram's percentiles a second, and no line for a second without measurements): the
# gateway's time per call by method (its calls answered OK), the order's placement step by step, and
# each batched statement's queue, round trip and size.
steps_summary() {
  local measured
  read -r _ measured < <(warmup_and_measured)
  awk -F, -v whole=$((measured > 4 ? measured - 3 : 1)) '
    FNR == 1 { file++; next }
    {
      if (!((file, $1) in tick)) tick[file, $1] = ++seconds[file]
      name = $3; percentile = name; sub(/.*Percentile=/, "", percentile); sub(/\].*/, "", percentile)
      if (name ~ /^orders\.gateway\.call\.duration/) {
        if (name !~ /status=OK/) next
        what = name; sub(/.*method=/, "", what); sub(/;.*/, "", what); what = "gateway, per call: " what; scale = 1000
      } else if (name ~ /^orders\.placement\.step\.duration/) {
        what = name; sub(/.*step=/, "", what); sub(/;.*/, "", what); what = "order, " (what == "placement" ? "placement whole" : "step: " what); scale = 1000
      } else if (name ~ /^orders\.storage\./) {
        what = name; sub(/.*statement=/, "", what); sub(/;.*/, "", what)
        if (name ~ /queue/) { what = what ", queued"; scale = 1000 }
        else if (name ~ /requests/) { what = what ", requests a statement"; scale = 1 }
        else { what = what ", statement"; scale = 1000 }
      } else next
      if (!(what in seen)) { seen[what] = 1; order[++kinds] = what; rank[what] = rank_of(what) }
      ++samples; sample_what[samples] = what; sample_percentile[samples] = percentile
      sample_file[samples] = file; sample_second[samples] = tick[file, $1]; sample_value[samples] = $5 * scale
    }
    # The gateway, then the placement and its steps in the order they run, then the statements.
    function rank_of(what) {
      if (what ~ /^gateway/) return "1" what
      if (what ~ /placement whole/) return "2"
      if (what ~ /^order, step/) return "3" index("price reserve charge store", substr(what, 14)) + 10
      return "4" what
    }
    function shown(what, percentile) {
      return count[what, percentile] ? sprintf("%9.2f", sum[what, percentile] / count[what, percentile]) : sprintf("%9s", "-")
    }
    END {
      if (kinds == 0) { print "no step measured"; exit }
      # The whole seconds before the last (which may cover part of one), as in runtime_summary.
      for (i = 1; i <= samples; i++) {
        last = seconds[sample_file[i]]
        if (sample_second[i] >= last || sample_second[i] < last - whole) continue
        sum[sample_what[i], sample_percentile[i]] += sample_value[i]
        count[sample_what[i], sample_percentile[i]]++
      }
      for (k = 2; k <= kinds; k++)
        for (j = k; j > 1 && rank[order[j]] < rank[order[j - 1]]; j--) { held = order[j]; order[j] = order[j - 1]; order[j - 1] = held }
      printf "%-52s %9s %9s %9s\n", "ms (a statement'"'"'s requests: a count)", "p50", "p95", "p99"
      # A call seen only outside the measured seconds (the checks that follow them) is left out.
      for (k = 1; k <= kinds; k++)
        if (count[order[k], 50] + count[order[k], 95] + count[order[k], 99] > 0)
          printf "%-52s %s %s %s\n", order[k], shown(order[k], 50), shown(order[k], 95), shown(order[k], 99)
    }' "$@"
}

# A count left by an earlier cluster run would make a dev-mode run report the tables' rows.
rm -f "$results/run.log" "$results/orders-start.txt" "$results"/counters-*.csv "$results"/cpu-*.txt
( when_logged '^running '; load_started; if $counters; then runtime_counters; fi ) &
watcher=$!
pids+=($watcher)
( when_logged '^measured window opens'; cpu_snapshot >"$results/cpu-start.txt"
  when_logged '^measured window closes'; cpu_snapshot >"$results/cpu-end.txt" ) &
cpu_watcher=$!
pids+=($cpu_watcher)

# With Auth__SigningKey in the environment the gateway checks every call (README, "Access
# control"): the load generator then sends an admin token the gateway itself prints, and the run
# measures what access control costs.
token=()
if [ -n "${Auth__SigningKey:-}" ]; then
  token=(--token "$(dotnet Gateway/bin/Release/net10.0/Orders.Gateway.dll token --role admin --subject bench)")
  echo "== access control on: every call carries an admin token"
fi

# A run whose checks fail still gets its figures printed below; its status is the script's.
bench_status=0
DOTNET_gcServer=${DOTNET_gcServer:-1} "${bench[@]}" --target "http://127.0.0.1:$gateway_port" --label "$mode mode" \
  ${references[@]+"${references[@]}"} ${token[@]+"${token[@]}"} "$@" | tee "$results/run.log" || bench_status=$?

# A load generator that died before its run began (the system never served) leaves the watcher
# waiting for a line that will not come: it is stopped on exit, not waited for.
if $counters && grep -q '^running ' "$results/run.log"; then
  wait "$watcher" || true
  echo "== .NET runtime over the measured seconds (dotnet-counters)"
  index=0
  for process in "${processes[@]}"; do
    runtime_summary "${process%%:*}" "$(throughput_of "$results/run.log")" "$results/counters-$index.csv"
    index=$((index + 1))
  done | tee "$results/runtime.txt"
  echo "== where a call's time goes over the measured seconds (dotnet-counters: each percentile the mean of the seconds')"
  steps_summary "$results"/counters-*.csv | tee "$results/steps.txt"
fi

if grep -q '^measured window closes' "$results/run.log"; then wait "$cpu_watcher" || true; fi
if [ -s "$results/cpu-end.txt" ]; then
  echo "== CPU over the measured seconds, in cores of $(nproc)"
  paste "$results/cpu-start.txt" "$results/cpu-end.txt" | awk -v hz="$(getconf CLK_TCK)" -v names="$(IFS='|'; echo "${processes[*]%%:*}")|PostgreSQL" '
    BEGIN { split(names, name, "|") }
    NR == 1 { seconds = $2 - $1; next }
    { printf "%s: %.2f\n", name[NR - 1], ($2 - $1) / hz / seconds }' | tee "$results/cpu.txt"
fi

if [ -s "$results/orders-start.txt" ]; then
  orders=$(( $(orders_stored) - $(cat "$results/orders-start.txt") ))
  echo "== PostgreSQL: rows written while the load ran, per order placed ($orders orders)"
  psql "$pg_url" -c "SELECT relname AS table_name,
      round(n_tup_ins::numeric / greatest($orders, 1), 2) AS inserted, round(n_tup_upd::numeric / greatest($orders, 1), 2) AS updated,
      round(n_tup_del::numeric / greatest($orders, 1), 2) AS deleted, round(100.0 * n_tup_hot_upd / greatest(n_tup_upd, 1)) AS in_place_pct
    FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC" | tee "$results/rows.txt"
  # How much the statement batchers share: at light load few rows share a statement, and the
  # commits an order takes show it (docs/performance.md, "Light load, counted in round trips").
  psql -tA "$pg_url" -c "SELECT 'commits: ' || xact_commit || ', ' || round(xact_commit::numeric / greatest($orders, 1), 1) || ' per order placed'
    FROM pg_stat_database WHERE datname = current_database()" | tee -a "$results/rows.txt"
  # A state stored larger than about 2 KB is compressed by PostgreSQL at every write (stored
  # below its size here), which costs the server CPU on the hottest statement.
  echo "== PostgreSQL: grain states stored, by name (bytes as serialized, and as stored)"
  psql "$pg_url" -c "SELECT state_name, count(*) AS states, round(avg(octet_length(payload))) AS bytes,
      round(avg(pg_column_size(payload))) AS stored_bytes
    FROM grain_state GROUP BY state_name ORDER BY count(*) DESC" | tee "$results/states.txt"
fi

# Peak resident memory since start (seeding, warm-up and measurement): activations that stay
# in memory after their work show up here, not in the latency.
echo "== memory: peak resident set"
for process in "${processes[@]}"; do
  echo "${process%%:*}: $(awk '/^VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/${process##*:}/status")"
done | tee "$results/memory.txt"

if [ "$statements" = 1 ]; then
  echo "== PostgreSQL: the statements that took its time (seeding, warm-up and measurement)"
  psql "$pg_url" -c "SELECT calls, round(rows::numeric / greatest(calls, 1), 1) AS rows_per_call, round(mean_exec_time::numeric, 2) AS mean_ms, round(total_exec_time::numeric) AS total_ms,
      left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
    FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 8" | tee "$results/statements.txt"
fi

exit "$bench_status"
