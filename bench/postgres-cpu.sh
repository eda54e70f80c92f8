# Sourced by the benchmark scripts: the CPU this PostgreSQL server used, in clock ticks. Not every
# process named postgres on the machine (another session's throwaway server would count), but this
# server's postmaster, with its exited children's time (which it collects as it reaps them, so a
# backend's time stays counted when the backend ends), and its live children.
#
#   postmaster=$(postmaster_of "$pg_url"); postgres_ticks "$postmaster"
postmaster_of() { head -n 1 "$(psql -tA "$1" -c 'SHOW data_directory')/postmaster.pid"; }
postgres_ticks() {
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"
    for child in $(pgrep -P "$1" || true); do cat "/proc/$child/stat" 2>/dev/null || true; done | awk '{ print $14 + $15 }'
  } | awk '{ ticks += $1 } END { print ticks + 0 }'
}
