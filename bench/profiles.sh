#!/usr/bin/env bash
# Profiles benchmark (issue 2), end to end: upsert throughput and filtered-GET latency of a real
# OpenProfile server, each beside a pgbench baseline on the same embedded PostgreSQL in the same run.
# See bench/README.md. Prints a markdown results block and writes it to bench/results/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

DURATION=${DURATION:-20}                   # seconds per measured run (wrk and pgbench alike)
WARMUP_MIN=${WARMUP_MIN:-20}               # HTTP warm-up: at least this many seconds of unmeasured load,
WARMUP_MAX=${WARMUP_MAX:-90}               # in 10 s chunks until the JIT compiler is idle (or this many)
PG_WARMUP=${PG_WARMUP:-5}                  # seconds of unmeasured pgbench load before each baseline
UPSERT_CONNECTIONS=${UPSERT_CONNECTIONS:-32}
GET_CONNECTIONS=${GET_CONNECTIONS:-8}
THREADS=${THREADS:-2}                      # wrk threads and pgbench threads (-j)
POOL_ROWS=${POOL_ROWS:-100000}             # existing profiles the upsert run updates
GET_ROWS=${GET_ROWS:-1000000}              # profiles stored for the GET run (includes the pool)
PORT=${PORT:-}                             # default: a free port
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PGBENCH=${PGBENCH:-pgbench}
KEEP=${KEEP:-0}                            # 1: keep the work directory (server log, pgbench logs)
RESULTS_DIR=${RESULTS_DIR:-$here/results}

die() { echo "profiles.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

for tool in wrk "$PGBENCH" "$PSQL" curl awk sort; do
    command -v "$tool" >/dev/null || die "$tool not found (wrk: apt-get install -y wrk; pgbench/psql: postgresql-client)"
done
[[ -x $JAVA ]] || die "no java at $JAVA (set JAVA=/path/to/bin/java, JDK >= 21)"
[[ -f $JAR ]] || die "no jar at $JAR: build it with ./mvnw -q -B -DskipTests package (or set JAR=...)"
(( GET_ROWS >= POOL_ROWS )) || die "GET_ROWS ($GET_ROWS) must be >= POOL_ROWS ($POOL_ROWS)"
port_busy() { ss -Htln "sport = :$1" 2>/dev/null | grep -q . || curl -s -o /dev/null "http://127.0.0.1:$1/"; }
if [[ -z $PORT ]]; then
    for _ in $(seq 50); do PORT=$(( 20000 + RANDOM % 20000 )); port_busy "$PORT" || break; done
fi
if port_busy "$PORT"; then die "port $PORT is in use (set PORT=...)"; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-bench.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
clk=$(getconf CLK_TCK)

cleanup() {
    local rc=$?
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    if [[ -n $pg_pid ]] && kill -0 "$pg_pid" 2>/dev/null; then
        kill -INT "$pg_pid" 2>/dev/null || true   # fast shutdown of the embedded PostgreSQL
        for _ in $(seq 60); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.5; done
    fi
    if [[ $KEEP == 1 || $rc != 0 ]]; then
        echo "profiles.sh: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$here/lib-cpu.sh"

# warm_up NAME CONNECTIONS SCRIPT ARGS...: unmeasured wrk load in 10 s chunks, at least WARMUP_MIN and
# at most WARMUP_MAX seconds, until a chunk in which the JIT compiler used < 3% of a core. A cold JVM
# spends a large share of both cores compiling for the first ~30 s; measuring then would be unfair.
# Sets warmed to the seconds used; an upsert chunk's run tag ("@CHUNK@" in ARGS) changes per chunk.
warm_up() {
    local name=$1 conns=$2 lua=$3; shift 3
    local elapsed=0 chunk=10 i=0 j0 j1 args
    while :; do
        i=$(( i + 1 ))
        args=("${@//@CHUNK@/$i}")
        j0=$(jit_ticks)
        wrk -t"$THREADS" -c"$conns" -d"${chunk}s" --timeout 10s -s "$lua" "http://127.0.0.1:$PORT" -- "${args[@]}" \
            >"$work/$name-warmup-$i.txt" 2>&1
        j1=$(jit_ticks)
        check_wrk "$work/$name-warmup-$i.txt"
        elapsed=$(( elapsed + chunk ))
        log "  warm-up $name ${elapsed}s: $(kv OP_RPS "$work/$name-warmup-$i.txt") req/s, JIT $(( (j1 - j0) * 100 / clk / chunk ))% of a core"
        (( elapsed >= WARMUP_MIN && (j1 - j0) * 100 < 3 * clk * chunk )) && break
        (( elapsed >= WARMUP_MAX )) && { log "  warm-up $name: the JIT compiler is still busy after ${WARMUP_MAX}s"; break; }
    done
    warmed=$elapsed
}

# Other work on the machine (a build, a test run) skews every figure: wait for it to end before each
# warm-up and measured run, and name the processes that used CPU during each run anyway.
QUIET_WAIT=${QUIET_WAIT:-300}
all_ticks() {   # pid comm ticks (own, not reaped children: a parent's cutime jumps when it reaps) of every process
    for f in /proc/[0-9]*/stat; do
        awk '{ c = $2; for (i = 3; i <= NF && substr(c, length(c)) != ")"; i++) c = c " " $i
               print $1, c, $(i + 11) + $(i + 12) }' "$f" 2>/dev/null || true
    done
}
# foreign BEFORE_FILE AFTER_FILE -> up to 3 processes other than ours with > 1% of the machine (processes
# that started during the run count from zero; ones that ended during it are missed)
foreign() {
    local mine="$$ $server_pid $pg_pid $(pgrep -P "$pg_pid" | tr '\n' ' ')"
    awk -v mine=" $mine " -v clk="$clk" -v d="$DURATION" -v cores="$(nproc)" '
        NR == FNR { t[$1] = $NF; next }
        index(mine, " " $1 " ") == 0 {
            dt = $NF - (($1 in t) ? t[$1] : 0); share = 100 * dt / clk / d / cores
            if (share > 1) { name = $2; for (i = 3; i < NF; i++) name = name " " $i; printf "%s %.0f%%\n", name, share } }' \
        "$1" "$2" | sort -t' ' -k2 -nr | head -3 | tr '\n' ',' | sed 's/,$//; s/,/, /g'
}

psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }          # OP_...=value lines from the wrk scripts
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

# percentiles of a pgbench --log (field 3: latency in µs) -> "p50 p90 p99" in µs
pgbench_percentiles() {
    cat "$@" | awk '{print $3}' | sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "0 0 0"; exit }
        split("50 90 99", ps, " ")
        for (i = 1; i <= 3; i++) { k = int(NR * ps[i] / 100 + 0.999999); if (k < 1) k = 1; printf "%s%d", (i > 1 ? " " : ""), v[k] }
        print "" }'
}
pgbench_field() { sed -n "s/^$1 = \([0-9.]*\).*/\1/p" "$2" | head -1; }
pgbench_failed() {   # pgbench 15 prints "number of failed transactions: N (x%)"
    local f
    f=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$1")
    echo "${f:-0}"
}
check_pgbench() {   # FILE
    local f
    f=$(pgbench_failed "$1")
    [[ $f == 0 ]] || { cat "$1" >&2; die "pgbench: $f failed transactions"; }
    grep -q '^tps = ' "$1" || { cat "$1" >&2; die "pgbench did not report tps"; }
}
check_wrk() {   # FILE: loud failure on non-2xx, socket errors or timeouts
    local f=$1 non2xx sock tmo missing
    grep -q '^OP_REQUESTS=' "$f" || { cat "$f" >&2; die "wrk did not finish (see above)"; }
    non2xx=$(kv OP_NON2XX "$f"); sock=$(kv OP_SOCKET_ERRORS "$f"); tmo=$(kv OP_TIMEOUTS "$f")
    missing=$(kv OP_MISSING "$f"); missing=${missing:-0}
    if (( non2xx + sock + tmo + missing > 0 )); then
        cat "$f" >&2
        failures+=("$(basename "$f" .txt): $non2xx non-2xx, $missing wrong bodies, $sock socket errors, $tmo timeouts")
        echo "profiles.sh: FAILURES in $(basename "$f"): $non2xx non-2xx, $missing wrong bodies, $sock socket errors, $tmo timeouts" >&2
    fi
}
failures=()
others=()
shares=()

# --- 0. the server ------------------------------------------------------------------------------------
source "$here/lib-server.sh"
start_server

auth=(-H "Authorization: Klaviyo-API-Key $key" -H "revision: 2026-07-15")
code=$(curl -s -o "$work/smoke.json" -w '%{http_code}' "${auth[@]}" "http://127.0.0.1:$PORT/api/profiles")
[[ $code == 200 ]] || { cat "$work/smoke.json" >&2; die "smoke GET /api/profiles answered $code"; }

# --- a. upsert throughput ---------------------------------------------------------------------------
log "seeding $POOL_ROWS existing profiles"
psql_ -v acct="$acct" -v lo=1 -v hi="$POOL_ROWS" -f "$here/seed.sql"
psql_ -c "vacuum analyze profile"

wait_for_quiet
log "upsert: warm-up, then wrk -t$THREADS -c$UPSERT_CONNECTIONS -d${DURATION}s"
warm_up upsert "$UPSERT_CONNECTIONS" "$here/upsert.lua" "$key" "$POOL_ROWS" "w@CHUNK@"; up_warm=$warmed
wait_for_quiet; all_ticks >"$work/procs-before"; before=$(snapshot)
wrk -t"$THREADS" -c"$UPSERT_CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$here/upsert.lua" \
    "http://127.0.0.1:$PORT" -- "$key" "$POOL_ROWS" m >"$work/upsert-wrk.txt" 2>&1
after=$(snapshot); after=$(settle_pg "$after"); all_ticks >"$work/procs-after"; others+=("$(foreign "$work/procs-before" "$work/procs-after")"); shares+=("$(other_share "$before" "$after")")
check_wrk "$work/upsert-wrk.txt"
up_rps=$(kv OP_RPS "$work/upsert-wrk.txt")
up_cpu=$(cpu_share "$before" "$after" "$(kv OP_REQUESTS "$work/upsert-wrk.txt")")
up_new_rows=$(psql_ -Atc "select count(*) from profile where email like 'new-m-%'")
# wrk does not count the responses still in flight when it stops: at most one per connection.
up_created=$(kv OP_CREATED "$work/upsert-wrk.txt")
(( up_new_rows >= up_created && up_new_rows <= up_created + UPSERT_CONNECTIONS )) \
    || die "the HTTP run answered $up_created x 201 but stored $up_new_rows new profiles"

wait_for_quiet
log "upsert baseline: pgbench warm-up ${PG_WARMUP}s, then -c$UPSERT_CONNECTIONS -j$THREADS -T$DURATION"
"$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$UPSERT_CONNECTIONS" -j "$THREADS" \
    -T "$PG_WARMUP" -f "$here/upsert.sql" -D acct="$acct" -D pool="$POOL_ROWS" -D tag=1 -D k=0 postgres \
    >"$work/upsert-pgbench-warmup.txt" 2>&1 || { cat "$work/upsert-pgbench-warmup.txt" >&2; die "pgbench failed"; }
check_pgbench "$work/upsert-pgbench-warmup.txt"
mkdir -p "$work/pglog-upsert"
wait_for_quiet; all_ticks >"$work/procs-before"; before=$(snapshot)
"$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$UPSERT_CONNECTIONS" -j "$THREADS" \
    -T "$DURATION" -f "$here/upsert.sql" -D acct="$acct" -D pool="$POOL_ROWS" -D tag=2 -D k=0 \
    --log --log-prefix="$work/pglog-upsert/log" postgres \
    >"$work/upsert-pgbench.txt" 2>&1 || { cat "$work/upsert-pgbench.txt" >&2; die "pgbench failed"; }
after=$(snapshot); after=$(settle_pg "$after"); all_ticks >"$work/procs-after"; others+=("$(foreign "$work/procs-before" "$work/procs-after")"); shares+=("$(other_share "$before" "$after")")
check_pgbench "$work/upsert-pgbench.txt"
pg_up_tps=$(printf "%.1f" "$(pgbench_field tps "$work/upsert-pgbench.txt")")
pg_up_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/upsert-pgbench.txt")
pg_up_cpu=$(cpu_share "$before" "$after" "$pg_up_tx")
read -r pg_up_p50 pg_up_p90 pg_up_p99 < <(pgbench_percentiles "$work"/pglog-upsert/log*)
pg_new_rows=$(psql_ -Atc "select count(*) from profile where email like 'pgnew-2-%'")
log "upsert: HTTP $up_rps req/s, pgbench $pg_up_tps tps ($pg_new_rows new rows of $pg_up_tx)"

# --- b. filtered GET with GET_ROWS profiles stored ------------------------------------------------------
if (( GET_ROWS > POOL_ROWS )); then
    log "bulk-loading profiles $((POOL_ROWS + 1))..$GET_ROWS"
    t0=$(date +%s)
    psql_ -v acct="$acct" -v lo=$((POOL_ROWS + 1)) -v hi="$GET_ROWS" -f "$here/seed.sql"
    log "loaded in $(( $(date +%s) - t0 )) s"
fi
psql_ -c "vacuum analyze profile" -c "checkpoint"
stored=$(psql_ -Atc "select count(*) from profile where account_id = '$acct'")
log "$stored profiles stored"

sample_email="bench-$(( (GET_ROWS + 1) / 2 ))@bench.example"
curl -s -o "$work/get-sample.json" -w '%{http_code}\n' "${auth[@]}" -G "http://127.0.0.1:$PORT/api/profiles" \
    --data-urlencode "filter=equals(email,\"$sample_email\")" >"$work/get-sample.code"
grep -q "$sample_email" "$work/get-sample.json" || { cat "$work/get-sample.json" >&2; die "GET by email did not find $sample_email"; }
psql_ -c "explain (analyze, buffers) select p.id from profile p where p.account_id = '$acct' and (coalesce(p.email, '') = '$sample_email') order by p.id asc, p.id asc limit 21" >"$work/get-plan.txt"

wait_for_quiet
log "GET: warm-up, then wrk -t$THREADS -c$GET_CONNECTIONS -d${DURATION}s"
warm_up get "$GET_CONNECTIONS" "$here/get-by-email.lua" "$key" "$GET_ROWS"; get_warm=$warmed
wait_for_quiet; all_ticks >"$work/procs-before"; before=$(snapshot)
wrk -t"$THREADS" -c"$GET_CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$here/get-by-email.lua" \
    "http://127.0.0.1:$PORT" -- "$key" "$GET_ROWS" >"$work/get-wrk.txt" 2>&1
after=$(snapshot); after=$(settle_pg "$after"); all_ticks >"$work/procs-after"; others+=("$(foreign "$work/procs-before" "$work/procs-after")"); shares+=("$(other_share "$before" "$after")")
check_wrk "$work/get-wrk.txt"
get_rps=$(kv OP_RPS "$work/get-wrk.txt")
get_cpu=$(cpu_share "$before" "$after" "$(kv OP_REQUESTS "$work/get-wrk.txt")")

wait_for_quiet
log "GET baseline: pgbench warm-up ${PG_WARMUP}s, then -c$GET_CONNECTIONS -j$THREADS -T$DURATION"
"$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$GET_CONNECTIONS" -j "$THREADS" \
    -T "$PG_WARMUP" -f "$here/get-by-email.sql" -D acct="$acct" -D rows="$GET_ROWS" postgres \
    >"$work/get-pgbench-warmup.txt" 2>&1 || { cat "$work/get-pgbench-warmup.txt" >&2; die "pgbench failed"; }
check_pgbench "$work/get-pgbench-warmup.txt"
mkdir -p "$work/pglog-get"
wait_for_quiet; all_ticks >"$work/procs-before"; before=$(snapshot)
"$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$GET_CONNECTIONS" -j "$THREADS" \
    -T "$DURATION" -f "$here/get-by-email.sql" -D acct="$acct" -D rows="$GET_ROWS" \
    --log --log-prefix="$work/pglog-get/log" postgres \
    >"$work/get-pgbench.txt" 2>&1 || { cat "$work/get-pgbench.txt" >&2; die "pgbench failed"; }
after=$(snapshot); after=$(settle_pg "$after"); all_ticks >"$work/procs-after"; others+=("$(foreign "$work/procs-before" "$work/procs-after")"); shares+=("$(other_share "$before" "$after")")
check_pgbench "$work/get-pgbench.txt"
pg_get_tps=$(printf "%.1f" "$(pgbench_field tps "$work/get-pgbench.txt")")
pg_get_avg=$(pgbench_field "latency average" "$work/get-pgbench.txt")
pg_get_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/get-pgbench.txt")
pg_get_cpu=$(cpu_share "$before" "$after" "$pg_get_tx")
read -r pg_get_p50 pg_get_p90 pg_get_p99 < <(pgbench_percentiles "$work"/pglog-get/log*)

pg_version=$(psql_ -Atc "show server_version")
pg_settings=$(psql_ -Atc "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
    where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'work_mem')")

# --- c. stop the server; its embedded PostgreSQL must go with it -------------------------------------
log "stopping the server (SIGTERM)"
kill -TERM "$server_pid"
stopped=no
for _ in $(seq 120); do kill -0 "$server_pid" 2>/dev/null || { stopped=yes; break; }; sleep 0.5; done
[[ $stopped == yes ]] || die "the server did not exit within 60 s of SIGTERM"
wait "$server_pid" 2>/dev/null && server_rc=0 || server_rc=$?
pg_gone=no
for _ in $(seq 60); do kill -0 "$pg_pid" 2>/dev/null || { pg_gone=yes; break; }; sleep 0.5; done
[[ $pg_gone == yes ]] || die "the embedded PostgreSQL (pid $pg_pid) is still running after the server exited"
[[ ! -e $data/postgres/postmaster.pid ]] || die "postmaster.pid left behind in $data/postgres"
server_pid=""
pg_pid=""
log "server exited (status $server_rc); embedded PostgreSQL gone"

# --- results ------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
up_ratio=$(ratio "$up_rps" "$pg_up_tps")
get_ratio=$(ratio "$get_rps" "$pg_get_tps")
up_target=$(awk -v r="$up_ratio" 'BEGIN { print (r >= 0.5 ? "met" : "**missed**") }')
get_p99=$(kv OP_P99_US "$work/get-wrk.txt")
get_target=$(awk -v p="$get_p99" 'BEGIN { print (p <= 5000 ? "met" : "**missed**") }')
ts=$(date -u +%Y%m%dT%H%M%SZ)
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) (family $(sed -n 's/^cpu family[[:space:]]*: //p' /proc/cpuinfo | head -1), model $(sed -n 's/^model[[:space:]]*: //p' /proc/cpuinfo | head -1))$(grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine')"
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
java_version=$("$JAVA" -version 2>&1 | head -1)
up=$work/upsert-wrk.txt
get=$work/get-wrk.txt

mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/profiles-$ts.md
{
    echo "### Profiles benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $mem; $(uname -sr)"
    echo "- server: jar $jar_id; $java_version${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}"
    echo "- PostgreSQL $pg_version (embedded, shared by the server and pgbench): $pg_settings"
    echo "- load: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), pgbench $("$PGBENCH" --version | awk '{print $3}') -M prepared;" \
         "${DURATION}s per measured run; $THREADS threads each; warm-up: HTTP upsert ${up_warm}s and GET ${get_warm}s" \
         "(until the JIT compiler is idle), pgbench ${PG_WARMUP}s"
    echo "- command: \`DURATION=$DURATION UPSERT_CONNECTIONS=$UPSERT_CONNECTIONS GET_CONNECTIONS=$GET_CONNECTIONS POOL_ROWS=$POOL_ROWS GET_ROWS=$GET_ROWS bench/profiles.sh\`"
    echo
    echo "| benchmark | OpenProfile | baseline (pgbench, same PostgreSQL) | ratio |"
    echo "|---|---|---|---|"
    echo "| upsert, POST /api/profile-import, $UPSERT_CONNECTIONS connections, 50% new emails, $POOL_ROWS existing | $up_rps req/s | $pg_up_tps tps (one INSERT ... ON CONFLICT DO UPDATE) | $up_ratio |"
    echo "| upsert latency p50 / p90 / p99 | $(ms "$(kv OP_P50_US "$up")") / $(ms "$(kv OP_P90_US "$up")") / $(ms "$(kv OP_P99_US "$up")") ms | $(ms "$pg_up_p50") / $(ms "$pg_up_p90") / $(ms "$pg_up_p99") ms | |"
    echo "| GET /api/profiles?filter=equals(email,...), $GET_CONNECTIONS connections, $stored profiles | $get_rps req/s | $pg_get_tps tps (the server's SELECT) | $get_ratio |"
    echo "| GET latency p50 / p90 / p99 | $(ms "$(kv OP_P50_US "$get")") / $(ms "$(kv OP_P90_US "$get")") / $(ms "$get_p99") ms | $(ms "$pg_get_p50") / $(ms "$pg_get_p90") / $(ms "$pg_get_p99") ms (average $pg_get_avg ms) | $(ratio "$get_p99" "$pg_get_p99") (p99) |"
    echo
    echo "Targets (issue 2): upsert at least half of pgbench's rate: $up_target ($up_ratio);" \
         "filtered GET p99 <= 5 ms: $get_target ($(ms "$get_p99") ms)."
    echo
    echo "Responses: upsert $(kv OP_REQUESTS "$up") requests, $(kv OP_CREATED "$up") x 201 and $(kv OP_UPDATED "$up") x 200," \
         "$(kv OP_NON2XX "$up") non-2xx, $(kv OP_SOCKET_ERRORS "$up") socket errors, $(kv OP_TIMEOUTS "$up") timeouts" \
         "(max latency $(ms "$(kv OP_MAX_US "$up")") ms); GET $(kv OP_REQUESTS "$get") requests, $(kv OP_OK "$get") correct," \
         "$(kv OP_NON2XX "$get") non-200, $(kv OP_MISSING "$get") wrong bodies, $(kv OP_SOCKET_ERRORS "$get") socket errors," \
         "$(kv OP_TIMEOUTS "$get") timeouts (max latency $(ms "$(kv OP_MAX_US "$get")") ms). pgbench: 0 failed transactions;" \
         "the upsert baseline inserted $pg_new_rows new profiles in $pg_up_tx transactions."
    echo
    echo "CPU time per request (µs), from /proc over each measured run (other: everything else on the machine; steal: time the hypervisor gave to other guests):"
    echo
    echo "| run | server JVM | of which JIT compiler | PostgreSQL | wrk / pgbench | kernel irq | other | hypervisor steal | machine busy | other processes seen |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    echo "| upsert, HTTP | $up_cpu | ${others[0]:--} |"
    echo "| upsert, pgbench | - | - | ${pg_up_cpu#* | * | } | ${others[1]:--} |"
    echo "| GET, HTTP | $get_cpu | ${others[2]:--} |"
    echo "| GET, pgbench | - | - | ${pg_get_cpu#* | * | } | ${others[3]:--} |"
    disturbed=""
    for i in 0 1 2 3; do (( ${shares[$i]:-0} > 5 )) && disturbed="yes"; done
    if [[ -n $disturbed ]]; then
        echo
        echo "**Warning**: other work used more than 5% of the machine during a measured run (column 'other');" \
             "those figures are lower than an undisturbed machine would give. Run again on a quiet machine."
    fi
    echo
    echo "Server stop: SIGTERM, exit status $server_rc, embedded PostgreSQL gone: $pg_gone."
    if (( ${#failures[@]} > 0 )); then
        echo
        echo "**FAILED**: ${failures[*]}"
    fi
} >"$out"
cat "$out"
echo
echo "written to $out" >&2
if (( ${#failures[@]} > 0 )); then
    die "FAILED: ${failures[*]}"
fi
