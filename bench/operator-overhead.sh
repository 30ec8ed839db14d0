#!/usr/bin/env bash
# Operator overhead benchmark (issue 13): what the rate limiter and the request journal cost the profile upsert
# (POST /api/profile-import, bench/upsert.lua). Four servers, one after the other, on fresh data directories and
# the same seed: rate limits off or on (OPENPROFILE_RATE_LIMITS=x$MULTIPLE: Klaviyo's numbers times a multiple
# high enough that nothing is throttled, so every request draws from its buckets), and the request journal on
# (its default) or off (OPENPROFILE_JOURNAL_SIZE=0; a server without a journal ignores the variable). Each
# figure stands beside the baseline measured in the same run (both off), with the ratio. Rounds alternate the
# order of the servers, so that a drift of the machine's speed does not favour one side.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -q -B -DskipTests package   # once
#   bench/operator-overhead.sh
#
# Needs wrk, psql (postgresql-client), curl and a JDK >= 21 at $JAVA. About ROUNDS x 4 x (WARMUP + DURATION + 20)
# seconds (10 minutes with the defaults). Last, the limiter alone: bench/RateLimiterDraw.java times a draw of the
# upsert's buckets without HTTP around it, beside the baseline's server CPU a request.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

DURATION=${DURATION:-20}           # seconds per measured run
WARMUP=${WARMUP:-30}               # seconds of unmeasured load before it (JIT), on the same server
ROUNDS=${ROUNDS:-2}                # every configuration runs once per round; rounds alternate the order
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
POOL_ROWS=${POOL_ROWS:-20000}      # existing profiles the upserts update (half the requests)
MULTIPLE=${MULTIPLE:-1000}         # x1000 of upsert's 75/s: no request is throttled, every one is counted
PORT=${PORT:-}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
KEEP=${KEEP:-0}
RESULTS_DIR=${RESULTS_DIR:-$here/results}
BENCH_WAIT=${BENCH_WAIT:-1800}
WAIT=${WAIT:-1}                    # 0: do not wait for other benchmarks and builds (a shared machine); the rounds
                                   # alternate the order, so that load from outside falls on both sides alike

die() { echo "operator-overhead.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

source "$here/lib-server.sh"   # check_setup, start_server, stop_server, kill_server, wait_for_benchmarks
check_setup wrk "$PSQL" curl awk
(( WAIT == 0 )) || wait_for_benchmarks 'bench/(profiles|lists|import|events|segments|aggregates)\.sh|maven|(^|/)wrk |(^|/)pgbench '

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-overhead.XXXXXX")
server_pid=""
pg_pid=""
cleanup() {
    local rc=$?
    kill_server
    if [[ $KEEP == 1 || $rc != 0 ]]; then echo "operator-overhead.sh: work directory kept: $work" >&2; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
# mean of a list of numbers
mean() { echo "$@" | tr ' ' '\n' | awk 'NF { s += $1; n++ } END { printf "%.1f", (n ? s / n : 0) }'; }
# CPU ticks (user + system) the server JVM has used so far
jvm_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
clk=$(getconf CLK_TCK)
p99_ms() { sed -n 's/^ *99%  *\([0-9.]*\)\(us\|ms\|s\)$/\1 \2/p' "$1" | awk '{ v = $1; if ($2 == "us") v /= 1000; if ($2 == "s") v *= 1000; printf "%.2f", v }'; }

# configuration name -> settings
declare -A RATE=([base]=off [limits]="x$MULTIPLE" [journal]=off [both]="x$MULTIPLE")
declare -A JOURNAL=([base]=0 [limits]=0 [journal]="" [both]="")
declare -A RPS P99 CPU
order=(base limits journal both)

# run CONFIG ROUND: a fresh server with CONFIG's settings, seeded, warmed up, then measured.
run() {
    local cfg=$1 round=$2 out
    data=$work/data-$cfg-$round
    export OPENPROFILE_RATE_LIMITS=${RATE[$cfg]}
    if [[ -n ${JOURNAL[$cfg]} ]]; then export OPENPROFILE_JOURNAL_SIZE=${JOURNAL[$cfg]}; else unset OPENPROFILE_JOURNAL_SIZE; fi
    start_server
    psql_ -v acct="$acct" -v lo=1 -v hi="$POOL_ROWS" -f "$here/seed.sql"
    psql_ -c "vacuum analyze profile"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$here/upsert.lua" "http://127.0.0.1:$PORT" \
        -- "$key" "$POOL_ROWS" "w$round" >"$work/$cfg-$round-warmup.txt" 2>&1
    out=$work/$cfg-$round.txt
    local t0 t1
    t0=$(jvm_ticks)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$here/upsert.lua" \
        "http://127.0.0.1:$PORT" -- "$key" "$POOL_ROWS" "m$round" >"$out" 2>&1
    t1=$(jvm_ticks)
    grep -q '^OP_REQUESTS=' "$out" || { cat "$out" >&2; die "wrk did not finish"; }
    # Nothing may be throttled (or fail otherwise): the run measures counting, not refusing.
    (( $(kv OP_NON2XX "$out") + $(kv OP_SOCKET_ERRORS "$out") + $(kv OP_TIMEOUTS "$out") == 0 )) \
        || { cat "$out" >&2; die "$cfg: non-2xx answers or errors (a 429 means MULTIPLE is too low)"; }
    curl -s -D "$work/$cfg-$round.headers" -o /dev/null -H "Authorization: Klaviyo-API-Key $key" -H "revision: 2026-07-15" \
        "http://127.0.0.1:$PORT/api/profiles"
    if [[ ${RATE[$cfg]} != off ]]; then grep -qi '^ratelimit-limit:' "$work/$cfg-$round.headers" || die "$cfg: no RateLimit-Limit header"; fi
    RPS[$cfg]="${RPS[$cfg]:-} $(kv OP_RPS "$out")"
    P99[$cfg]="${P99[$cfg]:-} $(p99_ms "$out")"
    # The server's own CPU per request: unlike throughput, hardly moved by other work on the machine.
    local us
    us=$(awk -v t=$(( t1 - t0 )) -v clk="$clk" -v n="$(kv OP_REQUESTS "$out")" 'BEGIN { printf "%.0f", t / clk * 1e6 / n }')
    CPU[$cfg]="${CPU[$cfg]:-} $us"
    log "$cfg round $round: $(kv OP_RPS "$out") req/s, p99 $(p99_ms "$out") ms, server CPU $us µs a request"
    stop_server
}

for round in $(seq "$ROUNDS"); do
    if (( round % 2 )); then seq_=("${order[@]}"); else seq_=(both journal limits base); fi
    for cfg in "${seq_[@]}"; do run "$cfg" "$round"; done
done

# The limiter alone, in the same run: a draw of the upsert's buckets in memory, without HTTP or the database.
log "the limiter alone (bench/RateLimiterDraw.java)"
[[ -f $work/openprofile.jar ]] || cp "$JAR" "$work/openprofile.jar"   # ROUNDS=0: no server ran
"$JAVA" -cp "$work/openprofile.jar" "$here/RateLimiterDraw.java" "$MULTIPLE" 100 300000 1000000 >"$work/draw.txt" 2>&1 \
    || { cat "$work/draw.txt" >&2; die "RateLimiterDraw failed"; }
draw_us=$(awk -v ns="$(kv DRAW_NS "$work/draw.txt")" 'BEGIN { printf "%.1f", ns / 1000 }')
load=$(cut -d' ' -f1-3 /proc/loadavg)

journal_known=$(cat "$root/server/src/main/java/dev/openprofile/config/"*.java | grep -c 'JOURNAL_SIZE' || true)
ts=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/operator-overhead-$ts.md
base=$(mean ${RPS[base]:-})
base_cpu=$(mean ${CPU[base]:-})
{
    echo "### Operator overhead: rate limits and request journal on the profile upsert ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)$( (( WAIT )) || echo '; not waited for other work (WAIT=0): other sessions ran builds and tests meanwhile')"
    echo "- server: jar ${jar_id:-$JAR}; $("$JAVA" -version 2>&1 | head -1)"
    echo "- load: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s\` of bench/upsert.lua (half new emails, half $POOL_ROWS existing), after ${WARMUP}s of warm-up on each server; $ROUNDS rounds, alternating the order; means over the rounds"
    echo "- rate limits on: \`OPENPROFILE_RATE_LIMITS=x$MULTIPLE\` (embedded database: in-memory buckets; nothing throttled); journal off: \`OPENPROFILE_JOURNAL_SIZE=0\`$( (( journal_known )) || echo ' (this build has no request journal yet: the journal rows measure the same server as their counterparts)')"
    echo
    echo "| configuration | upserts/s (each round) | mean | ratio to the baseline | p99 (each round) | server JVM CPU a request (each round) | mean | ratio to the baseline |"
    echo "|---|---|---|---|---|---|---|---|"
    for cfg in base limits journal both; do
        label="$([[ ${RATE[$cfg]} == off ]] && echo "rate limits off" || echo "rate limits x$MULTIPLE"), $([[ ${JOURNAL[$cfg]} == 0 ]] && echo "journal off" || echo "journal on")"
        echo "| $label$([[ $cfg == base ]] && echo ' (baseline)') |${RPS[$cfg]:-} | $(mean ${RPS[$cfg]:-}) | $(ratio "$(mean ${RPS[$cfg]:-})" "$base") |${P99[$cfg]:-} ms |${CPU[$cfg]:-} µs | $(mean ${CPU[$cfg]:-}) µs | **$(ratio "$(mean ${CPU[$cfg]:-})" "$base_cpu")** |"
    done
    echo
    echo "The limiter alone (bench/RateLimiterDraw.java, one thread, 1,000,000 draws of create_or_update_profile's"
    echo "buckets over 100 accounts, in memory): **$draw_us µs a draw**, $(ratio "$draw_us" "$base_cpu") of the baseline's server CPU"
    echo "a request ($base_cpu µs). Load average at the end of the run: $load (the machine has $(nproc) cores)."
} >"$out"
cat "$out"
echo
echo "written to $out" >&2
