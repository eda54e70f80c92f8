#!/usr/bin/env bash
# Measures a change against the build before it: runs bench/run.sh on two builds in turn, the
# order swapped every round so that the machine's drift (pgbench moves by half from hour to hour
# here) falls on both alike, and prints every run and each build's means.
#
#   bench/compare.sh [--pairs N] [--own-bench] BEFORE AFTER [bench/run.sh options: --mode, --scenario, --rate, …]
#
# BEFORE and AFTER are git revisions, each built in a worktree of its own that is removed at the
# end, or "." for this folder as it is, uncommitted changes included. N rounds of one run each
# (2 unless told). Both builds are measured by this folder's bench/ (run.sh and the load
# generator), so that only the system differs: a later run.sh measures later in a run (session 37's
# 30 s warm-up), and made an older build look faster (docs/performance.md, "Session 35's build
# against this one"). --own-bench measures each build with its own bench/ instead, for a revision
# whose contract this load generator no longer speaks. Each run's log and results JSON are kept
# in bench/results/compare-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bench/compare.sh [--pairs N] [--own-bench] BEFORE AFTER [bench/run.sh options]" >&2; exit 2; }
pairs=2
own_bench=false
while [ $# -gt 0 ]; do
  case $1 in
    --pairs) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage; pairs=$2; shift 2 ;;
    --own-bench) own_bench=true; shift ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || usage
revisions=("$1" "$2")
shift 2
[ "${revisions[0]}" != "${revisions[1]}" ] || { echo "bench/compare.sh: BEFORE and AFTER are the same build" >&2; exit 2; }

out=bench/results/compare-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
scratch=$(mktemp -d)
# PostgreSQL runs as its own user from inside a worktree's run, so it must be able to enter it.
chmod 755 "$scratch"
trees=()
cleanup() {
  for tree in ${trees[@]+"${trees[@]}"}; do git worktree remove --force "$tree" >/dev/null 2>&1 || true; done
  git worktree prune
  rm -rf "$scratch"
}
trap cleanup EXIT

# The folder each side builds in, by its place in $revisions. "." is built afresh for every run,
# so edits made while the comparison runs would reach its later runs.
folders=()
for side in 0 1; do
  revision=${revisions[$side]}
  if [ "$revision" = . ]; then
    folders+=("$PWD")
  else
    git rev-parse --verify --quiet "$revision^{commit}" >/dev/null || { echo "bench/compare.sh: no such revision: $revision" >&2; exit 2; }
    tree="$scratch/side-$side"
    git worktree add --detach --quiet "$tree" "$revision"
    trees+=("$tree")
    if ! $own_bench; then
      # This folder's bench/ as it is (tracked files, uncommitted changes included), none of its results.
      rm -rf "$tree/bench"
      git ls-files -z bench | tar --null -cf - -T - | tar -xf - -C "$tree"
    fi
    folders+=("$tree")
  fi
done
sides=(before after)
labels=("before (${revisions[0]})" "after (${revisions[1]})")

for round in $(seq 1 "$pairs"); do
  order=(0 1)
  if [ $((round % 2)) -eq 0 ]; then order=(1 0); fi
  for side in "${order[@]}"; do
    name=${sides[$side]}-$round
    echo "== round $round of $pairs: ${labels[$side]}"
    status=0
    (cd "${folders[$side]}" && bench/run.sh "$@") >"$out/$name.log" 2>&1 || status=$?
    # The scenario's results line, after "== system:" (the echo reference's comes before it).
    json=$(sed -nE '/^== system: /,$ s/^results: ([^,]+\.json), chart: .*/\1/p' "$out/$name.log" | tail -n 1)
    if [ -z "$json" ]; then
      # No results: keep what the processes logged, and go on with the other runs.
      for log in "${folders[$side]}"/bench/results/*.log; do
        if [ -e "$log" ]; then cp "$log" "$out/$name.${log##*/}"; fi
      done
      echo "bench/compare.sh: the run failed (exit $status) and is left out; its log: $out/$name.log" >&2
      continue
    fi
    # The load generator exits 2 when a scenario's check fails (a flash sale that did not sell
    # out while measured, say, or a call that failed): its figures are shown, marked, and left out
    # of the means.
    if [ "$status" -ne 0 ]; then
      echo "bench/compare.sh: a check failed (exit $status); the run is kept and marked; its log: $out/$name.log" >&2
      touch "$out/$name.checks-failed"
    fi
    [[ $json = /* ]] || json=${folders[$side]}/$json
    cp "$json" "$out/$name.json"
  done
done

python3 - "$out" "$pairs" "${labels[@]}" <<'PY'
import json, re, sys
from pathlib import Path

out, pairs, labels = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:5]

def run(side, round_):
    name = f"{'before' if side == 0 else 'after'}-{round_}"
    if not (out / f"{name}.json").exists():
        return None
    result = json.loads((out / f"{name}.json").read_text())
    log = (out / f"{name}.log").read_text()
    failed = (out / f"{name}.checks-failed").exists()
    row = {"round": f"{round_}{' (checks failed)' if failed else ''}", "failed": failed,
           "calls/s": result["Throughput"]}
    pgbench = re.search(r"^pgbench: ([\d.]+) upserts/s", log, re.M)
    # A flash sale counts its placements while the stock lasted apart from its refusals: its own
    # rate in the report (since session 54), read from its check's text in earlier ones.
    if result.get("OwnRate") is not None:
        row["placements/s"] = result["OwnRate"]
    for check in result.get("Checks") or []:
        if "placements/s" not in row and (found := re.search(r"([\d,]+)/s over", check["Detail"])):
            row["placements/s"] = float(found.group(1).replace(",", ""))
        if found := re.search(r"([\d,]+)/s once sold out", check["Detail"]):
            row["refusals/s"] = float(found.group(1).replace(",", ""))
    row["p50 ms"], row["p99 ms"] = result["Latency"]["P50"], result["Latency"]["P99"]
    if pgbench:
        row["pgbench/s"] = round(float(pgbench.group(1)))
        # A flash sale's calls/s are mostly refusals: its ratio is its placements', or none.
        placed = row.get("placements/s") if result["Scenario"] == "flash-sale" else result["Throughput"]
        if placed is not None:
            row["÷ pgbench"] = placed / row["pgbench/s"]
    # The CPU table run.sh prints: "== CPU over the measured seconds …" (before session 51, with
    # --own-bench, "== CPU while the load ran …"), then "process: cores" lines.
    if cpu := re.search(r"^== CPU (?:over the measured seconds|while the load ran).*\n((?:[^=\n][^\n]*\n)+)", log, re.M):
        for line in cpu.group(1).splitlines():
            process, _, cores = line.rpartition(":")
            row[f"{process} cores"] = float(cores)
    return row

runs = [[row for r in range(1, pairs + 1) if (row := run(side, r))] for side in (0, 1)]
if not runs[0] + runs[1]:
    sys.exit(f"no run gave results; their logs: {out}/")
columns = []
for row in runs[0] + runs[1]:
    columns += [c for c in row if c not in columns and c not in ("round", "failed")]

def cell(value):
    if value is None:
        return ""
    return f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"

print("\n| build | round | " + " | ".join(columns) + " |")
print("|---|---|" + "---|" * len(columns))
for side, rows in enumerate(runs):
    for row in rows:
        print(f"| {labels[side]} | {row['round']} | " + " | ".join(cell(row.get(c)) for c in columns) + " |")
# A run whose checks failed is shown above and left out of the means.
for side, rows in enumerate(runs):
    held = [r for r in rows if not r["failed"]]
    means = [cell(sum(values) / len(values)) if (values := [r[c] for r in held if c in r]) else "" for c in columns]
    print(f"| {labels[side]} | mean of {len(held)}{'' if len(held) == len(rows) else f' of {len(rows)}, checks held'} | " + " | ".join(means) + " |")
print(f"\n{pairs} round(s), the order swapped every round; logs and results: {out}/")
PY
