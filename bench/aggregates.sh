#!/usr/bin/env bash
# Metric aggregates benchmark (issue 6): query_metric_aggregates' daily counts over a year of 10,000,000 events
# of one metric, beside the hand-written SQL (`date_trunc('day', ...) ... group by 1`) on the same embedded
# PostgreSQL in the same run. Prints a markdown results block and writes it to bench/results/.
# Server start/stop, the quiet-machine checks and the CPU accounting follow bench/lists.sh.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -q -B -DskipTests package   # once
#   bench/aggregates.sh
#
# Needs psql and pgbench (postgresql-client >= 15), curl, python3 and a JDK >= 21 at $JAVA; about 6 GB in
# $TMPDIR. The load takes 3-5 minutes on 2 cores, the measurements 2-3 minutes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

EVENTS=${EVENTS:-10000000}        # events loaded, spread evenly over 2025
PROFILES=${PROFILES:-5000}        # distinct profiles among them
RUNS=${RUNS:-20}                  # measured queries, each side
WARMUP=${WARMUP:-10}              # unmeasured queries before, each side
LOADERS=${LOADERS:-2}             # concurrent psql sessions for the load
PORT=${PORT:-}                    # default: a free port
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PGBENCH=${PGBENCH:-pgbench}
KEEP=${KEEP:-0}                   # 1: keep the work directory (server log, answers, pgbench logs, plans)
RESULTS_DIR=${RESULTS_DIR:-$here/results}
QUIET_WAIT=${QUIET_WAIT:-300}
BENCH_WAIT=${BENCH_WAIT:-1800}
METRIC=BenchM

die() { echo "aggregates.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

source "$here/lib-server.sh"   # check_setup, start_server, stop_server, kill_server, wait_for_benchmarks
check_setup "$PGBENCH" "$PSQL" curl python3 awk sort
(( EVENTS % LOADERS == 0 )) || die "EVENTS must be a multiple of LOADERS ($LOADERS)"
# Another benchmark (or a build) on the same 2 cores would skew both sides: wait for it to end.
wait_for_benchmarks 'bench/(profiles|lists|import|events|segments)\.sh|maven|(^|/)wrk |(^|/)pgbench '
work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-bench.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
clk=$(getconf CLK_TCK)

cleanup() {
    local rc=$?
    kill_server
    if [[ $KEEP == 1 || $rc != 0 ]]; then echo "aggregates.sh: work directory kept: $work" >&2; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- CPU accounting: the tick counters of bench/lib-cpu.sh, with a snapshot and a share of this script's own
source "$here/lib-cpu.sh"
snapshot() { echo "$(proc_ticks "$server_pid") $(pg_ticks) $(machine_ticks) $(date +%s%N)"; }
# cpu_share BEFORE AFTER QUERIES -> "server JVM | PostgreSQL | other | machine busy" (ms per query, and %)
cpu_share() {
    local -a b=($1) a=($2)
    awk -v j=$(( a[0] - b[0] )) -v p=$(( a[1] - b[1] )) -v m=$(( a[2] - b[2] )) -v ns=$(( a[3] - b[3] )) \
        -v n="$3" -v clk="$clk" -v cores="$(nproc)" 'BEGIN {
        ms = 1000 / clk / n; o = m - j - p; if (o < 0) o = 0
        printf "%.0f ms | %.0f ms | %.0f ms | %.0f%%", j * ms, p * ms, o * ms, 100 * m / (clk * (ns / 1e9) * cores) }'
}
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# stats FILE (one latency in µs a line) -> "median p95"
stats() { sort -n "$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    i = int(0.95 * NR + 0.999999); if (i < 1) i = 1; print m, v[i] }'; }
fmt() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }; print s r }'; }

# --- 0. the server ---------------------------------------------------------------------------------------------
start_server

# --- 1. the events (SQL) ---------------------------------------------------------------------------------------
# The two secondary indexes are dropped for the load and built again after it with the migration's own
# definitions: one sorted build is much faster than 10,000,000 inserts into each.
log "loading $(fmt "$EVENTS") events in $LOADERS sessions"
t0=$(date +%s)
psql_ -c "insert into metric (account_id, id, name, integration_key, created, updated)
          values ('$acct', '$METRIC', 'Bench Placed Order', 'api', now(), now())" \
      -c "drop index event_by_metric" -c "drop index event_by_profile"
per=$(( EVENTS / LOADERS ))
pids=()
for i in $(seq 0 $(( LOADERS - 1 ))); do
    psql_ -v acct="$acct" -v metric="$METRIC" -v profiles="$PROFILES" -v events="$EVENTS" \
        -v lo=$(( i * per + 1 )) -v hi=$(( (i + 1) * per )) -f "$here/aggregates_load.sql" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || die "a load session failed"; done
t1=$(date +%s)
psql_ -c "set maintenance_work_mem = '1GB'" \
      -c "create index event_by_metric on event (account_id, metric_id, datetime, id) include (profile_id)" \
      -c "create index event_by_profile on event (account_id, profile_id, datetime, id)"
t2=$(date +%s)
psql_ -c "vacuum analyze event" -c "checkpoint"
t3=$(date +%s)
stored=$(psql_ -Atc "select count(*) from event where account_id = '$acct' and metric_id = '$METRIC'")
[[ $stored == "$EVENTS" ]] || die "stored $stored events, expected $EVENTS"
load_times="insert $(( t1 - t0 )) s, indexes $(( t2 - t1 )) s, VACUUM ANALYZE + checkpoint $(( t3 - t2 )) s"
sizes=$(psql_ -Atc "select 'event_2025 ' || pg_size_pretty(pg_relation_size('event_2025')) || ', its metric index '
    || pg_size_pretty(pg_relation_size((select indexrelid from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid = 'event_2025'::regclass and c.relname like '%metric%')))")
log "loaded: $load_times; $sizes"

# --- 2. the measurements -----------------------------------------------------------------------------------------
start="2025-01-01T00:00:00"
end="2026-01-01T00:00:00"
body="{\"data\":{\"type\":\"metric-aggregate\",\"attributes\":{\"metric_id\":\"$METRIC\",\"measurements\":[\"count\"],\"interval\":\"day\",\"timezone\":\"UTC\",\"filter\":[\"greater-or-equal(datetime,$start)\",\"less-than(datetime,$end)\"]}}}"
post() {   # OUT -> prints time_total in µs; fails on anything but 200
    local code t
    read -r code t < <(curl -s -o "$1" -w '%{http_code} %{time_total}\n' -H "Authorization: Klaviyo-API-Key $key" \
        -H "revision: 2026-07-15" -H "Content-Type: application/vnd.api+json" -d "$body" "http://127.0.0.1:$PORT/api/metric-aggregates")
    [[ $code == 200 ]] || { cat "$1" >&2; die "POST /api/metric-aggregates answered $code"; }
    awk -v t="$t" 'BEGIN { printf "%.0f\n", t * 1e6 }'
}
thresholds="{$(python3 -c "
import datetime as d
s = d.datetime(2025, 1, 1, tzinfo=d.timezone.utc)
print(','.join((s + d.timedelta(days=i)).isoformat() for i in range(365)))")}"
pg_run() {   # SCRIPT TRANSACTIONS NAME: pgbench, one session, prepared; latencies (µs) to $work/NAME.lat
    rm -rf "$work/pglog-$3"; mkdir -p "$work/pglog-$3"
    "$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c 1 -t "$2" -f "$here/$1" \
        -D acct="$acct" -D metric="$METRIC" -D start="${start}Z" -D end="${end}Z" -D thresholds="$thresholds" \
        --log --log-prefix="$work/pglog-$3/log" postgres >"$work/$3.txt" 2>&1 || { cat "$work/$3.txt" >&2; die "pgbench $1 failed"; }
    grep -q '^number of failed transactions: 0' "$work/$3.txt" || { cat "$work/$3.txt" >&2; die "pgbench $1: failed transactions"; }
    cat "$work"/pglog-"$3"/log* | awk '{ print $3 }' >"$work/$3.lat"
}

http_runs() { for _ in $(seq "$1"); do post "$work/answer.json"; done >"$work/$2.lat"; }
# measure NAME LABEL COMMAND...: COMMAND N LATENCY_FILE_NAME runs N queries; WARMUP unmeasured, then RUNS measured.
# Sets NAME_med, NAME_p95 (µs) and NAME_cpu.
measure() {
    local name=$1 label=$2 before after med p95; shift 2
    log "$label: $WARMUP warm-up queries, then $RUNS measured"
    wait_for_quiet
    "$@" "$WARMUP" "$name-warm"
    before=$(snapshot); "$@" "$RUNS" "$name"; after=$(snapshot)
    printf -v "${name}_cpu" '%s' "$(cpu_share "$before" "$after" "$RUNS")"
    read -r med p95 < <(stats "$work/$name.lat")
    printf -v "${name}_med" '%s' "$med"; printf -v "${name}_p95" '%s' "$p95"
    log "$label: median $(ms "$med") ms, p95 $(ms "$p95") ms"
}
measure http "HTTP" http_runs
measure sql "SQL (hand-written)" pg_run aggregates_sql.sql
measure srv "SQL (the server's query through pgbench)" pg_run aggregates_server.sql

# The answer must say what the SQL says, day by day.
psql_ -Atc "select to_char(date_trunc('day', datetime at time zone 'UTC'), 'YYYY-MM-DD'), count(*) from event
    where account_id = '$acct' and metric_id = '$METRIC' and datetime >= '${start}Z' and datetime < '${end}Z' group by 1" \
    | tr '|' '\t' >"$work/baseline.tsv"
check=$(python3 "$here/aggregates_check.py" "$work/answer.json" "$work/baseline.tsv" "$EVENTS") || die "wrong answer: $check"

plan() {   # SQL OUT -> "top plan nodes; execution time"
    psql_ -c "explain (analyze, buffers) $1" >"$2"
    awk '/Execution Time:/ { t = $3 } /->|^ *[A-Z][a-zA-Z ]+ \(cost/ && n < 4 { s = $0; sub(/^[ ->]*/, "", s); sub(/  \(cost.*/, "", s); nodes = nodes (n++ ? " / " : "") s }
         END { printf "%s; %s ms", nodes, t }' "$2"
}
where="account_id = '$acct' and metric_id = '$METRIC' and datetime >= '${start}Z' and datetime < '${end}Z'"
sql_plan=$(plan "select date_trunc('day', datetime at time zone 'UTC'), count(*) from event where $where group by 1" "$work/sql-plan.txt")
server_plan=$(plan "select width_bucket(datetime, '$thresholds'::timestamptz[]), count(*) from event where $where and true group by 1" "$work/server-plan.txt")
pg_version=$(psql_ -Atc "show server_version")
pg_settings=$(psql_ -Atc "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
    where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit')")

# --- 3. stop the server; its embedded PostgreSQL must go with it -------------------------------------------------
stop_server

# --- results -----------------------------------------------------------------------------------------------------
ts=$(date -u +%Y%m%dT%H%M%SZ)
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)$(grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine')"
mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/aggregates-$ts.md
{
    echo "### Metric aggregates benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); $(uname -sr)"
    echo "- server: jar $jar_id; $("$JAVA" -version 2>&1 | head -1)${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}"
    echo "- PostgreSQL $pg_version (embedded): $pg_settings"
    echo "- data: $(fmt "$EVENTS") events of one metric over 2025, $(fmt "$PROFILES") profiles; load: $load_times; $sizes"
    echo "- command: \`EVENTS=$EVENTS PROFILES=$PROFILES RUNS=$RUNS WARMUP=$WARMUP bench/aggregates.sh\`; each side: $WARMUP warm-up queries, then $RUNS measured, one at a time"
    echo
    echo "| daily counts for 2025 (365 buckets, $(fmt "$EVENTS") events) | median | p95 | ratio of medians to the hand-written SQL |"
    echo "|---|---|---|---|"
    echo "| \`POST /api/metric-aggregates\` (curl, time_total) | $(ms "$http_med") ms | $(ms "$http_p95") ms | **$(ratio "$http_med" "$sql_med")** |"
    echo "| hand-written SQL (pgbench -M prepared): \`date_trunc('day', datetime at time zone 'UTC'), count(*) ... group by 1\` | $(ms "$sql_med") ms | $(ms "$sql_p95") ms | 1 |"
    echo "| the server's SQL through pgbench: \`width_bucket(datetime, \$thresholds), count(*) ... group by 1\` | $(ms "$srv_med") ms | $(ms "$srv_p95") ms | $(ratio "$srv_med" "$sql_med") |"
    echo
    echo "Plans (EXPLAIN ANALYZE, top nodes; execution time): hand-written: $sql_plan. Server's: $server_plan."
    echo
    echo "Check: the answer's 365 daily counts equal the hand-written SQL's, day by day ($check)."
    echo
    echo "CPU per query, from /proc over the measured runs:"
    echo
    echo "| run | server JVM | PostgreSQL | other (client, kernel, other processes) | machine busy |"
    echo "|---|---|---|---|---|"
    echo "| HTTP | $http_cpu |"
    echo "| hand-written SQL | - | ${sql_cpu#* | } |"
    echo "| server's SQL | - | ${srv_cpu#* | } |"
    echo
    echo "Server stop: SIGTERM, exit status $server_rc; embedded PostgreSQL gone."
} >"$out"
cat "$out"
echo
echo "written to $out" >&2
