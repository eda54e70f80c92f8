#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL: a fresh data directory in a temp folder, a
# free loopback port, run as a non-root user (PostgreSQL refuses root), stopped and deleted
# when the command ends. The command finds the server in ORDERS_TEST_POSTGRES.
# Fails loudly when PostgreSQL cannot start; it never lets tests run without a database.
set -euo pipefail

pg_bin=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  pg_bin=$(dirname "$(command -v initdb 2>/dev/null || echo .)")
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries (initdb, pg_ctl) not found" >&2
  exit 1
fi

# Under /tmp whatever TMPDIR says: the server's user must reach it (a TMPDIR under /root is
# closed to it), and its socket's path must stay short.
workdir=$(mktemp -d /tmp/orders-pg.XXXXXX)
run_as=()
# Set at once: whatever fails from here on (a user that cannot be made, initdb) leaves nothing behind.
stop() {
  if [ -d "$workdir/data" ]; then
    "${run_as[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$workdir"
}
trap stop EXIT
if [ "$(id -u)" = 0 ]; then
  pg_user=postgres
  id -u "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
  chown "$pg_user" "$workdir"
  run_as=(runuser -u "$pg_user" --)
fi

# A port nothing answers on; it may still be held by another socket (an outgoing connection's
# own end, in the ephemeral range), so the start below tries another one when the bind fails.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "with-postgres: no free loopback port found" >&2
  return 1
}

# The C locale, whatever the caller's LANG names (a locale this machine may not have makes
# initdb refuse), which also keeps the server's messages in English for the retry below.
"${run_as[@]}" "$pg_bin/initdb" -D "$workdir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$workdir/initdb.log" 2>&1 \
  || { cat "$workdir/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1; }

# fsync is off only for this throwaway server: the tests restart silos, never the machine.
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  LC_ALL=C "${run_as[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $workdir -c max_connections=400 -c fsync=off ${ORDERS_PG_OPTIONS:-}" start >/dev/null \
    && break
  if [ "$attempt" = 5 ] || ! grep -q "Address already in use" "$workdir/server.log"; then
    cat "$workdir/server.log" >&2
    echo "with-postgres: PostgreSQL did not start" >&2
    exit 1
  fi
  echo "with-postgres: port $port is taken, trying another" >&2
  : >"$workdir/server.log"
done

echo "with-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
export ORDERS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
"$@"
