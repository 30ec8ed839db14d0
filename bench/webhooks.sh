#!/usr/bin/env bash
# Webhook delivery benchmark (issue 15): sustained POST /api/events at 64 connections (bench/events.lua) with one
# webhook subscribed, beside the same load with none, in the same run on the same server; and the delivery latency
# at that load, measured at a real receiver on loopback. POST /api/events records no Klaviyo system event, so the
# deliveries come from a consent workload (bulk_subscribe_profiles of one new profile, RATE a second) that runs in
# every phase: only the webhook's presence differs. Phases alternate without and with the webhook (disabled and
# enabled), ending without; each side's figure is the mean of its phases. Prints a markdown results block and writes it to bench/results/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

DURATION=${DURATION:-10}          # seconds per measured phase
WARMUP=${WARMUP:-30}              # seconds of unmeasured load first (JIT)
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
RATE=${RATE:-20}                  # consent changes a second, in every phase
ROUNDS=${ROUNDS:-2}               # pairs of phases (without, with), then one more without
POOL_ROWS=${POOL_ROWS:-20000}     # existing profiles the events' "existing" half picks from
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
RESULTS_DIR=${RESULTS_DIR:-$here/results}
BENCH_WAIT=${BENCH_WAIT:-1800}

PORT=${PORT:-}
WAIT=${WAIT:-1}                   # 0: do not wait for other benchmarks and builds (a shared machine); the phases
                                  # alternate, so that load from outside falls on both sides alike

die() { echo "webhooks.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

source "$here/lib-server.sh"   # check_setup, start_server, kill_server, wait_for_benchmarks
check_setup wrk psql curl awk python3
(( WAIT == 0 )) || wait_for_benchmarks 'bench/[a-z-]+\.sh|maven|(^|/)wrk |(^|/)pgbench '

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-webhooks.XXXXXX")
data=$work/data
server_pid=""; pg_pid=""; receiver_pid=""
cleanup() {
    local rc=$?
    [[ -n $receiver_pid ]] && kill "$receiver_pid" 2>/dev/null || true
    kill_server
    [[ $rc == 0 ]] && rm -rf "$work" || echo "webhooks.sh: work directory kept: $work" >&2
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
start_server
RECEIVER_PORT=$(( PORT + 1 ))
log "seeding $POOL_ROWS profiles"
psql_ -v acct="$acct" -v lo=1 -v hi="$POOL_ROWS" -f "$here/seed.sql"
psql_ -c "vacuum analyze profile"

python3 "$here/webhooks_side.py" receive "$RECEIVER_PORT" "$work/received.txt" &
receiver_pid=$!

api() {   # METHOD PATH BODY
    curl -sf -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Klaviyo-API-Key $key" -H "revision: 2026-07-15" \
        -H "Content-Type: application/vnd.api+json" ${3:+--data "$3"}
}
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }

# CPU (user + system) of the server JVM and of PostgreSQL (live processes plus reaped backends), in clock ticks.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { local t; t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pg_pid/stat")
    for c in $(pgrep -P "$pg_pid" || true); do t=$(( t + $(ticks "$c" 2>/dev/null || echo 0) )); done; echo "$t"; }
clk=$(getconf CLK_TCK)

phase() {   # SECONDS TAG: wrk on POST /api/events and the consent workload together; sets rps and cpu (µs a request)
    local j0 p0 n
    j0=$(ticks "$server_pid"); p0=$(pg_ticks)
    python3 "$here/webhooks_side.py" subscribe "http://127.0.0.1:$PORT" "$key" "$RATE" "$1" "$2" "$work/sent-$2.txt" &
    local driver=$!
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 10s --latency -s "$here/events.lua" \
        "http://127.0.0.1:$PORT" -- "$key" "$POOL_ROWS" "$2" >"$work/wrk-$2.txt" 2>&1
    wait "$driver" || die "the consent workload failed in phase $2"
    grep -q '^OP_REQUESTS=' "$work/wrk-$2.txt" || { cat "$work/wrk-$2.txt" >&2; die "wrk did not finish"; }
    local bad; bad=$(kv OP_NON2XX "$work/wrk-$2.txt")
    (( bad == 0 )) || { cat "$work/wrk-$2.txt" >&2; die "$bad non-2xx responses"; }
    rps=$(kv OP_RPS "$work/wrk-$2.txt")
    # Server JVM and PostgreSQL CPU per request of either kind: less moved than throughput by a shared machine.
    n=$(( $(kv OP_REQUESTS "$work/wrk-$2.txt") + $(wc -l <"$work/sent-$2.txt") ))
    cpu=$(awk -v t="$(( $(ticks "$server_pid") - j0 + $(pg_ticks) - p0 ))" -v n="$n" -v clk="$clk" 'BEGIN { printf "%.0f", t * 1e6 / clk / n }')
}

log "warm-up ${WARMUP}s (no webhook)"
phase "$WARMUP" w
hook=$(api POST /api/webhooks "{\"data\":{\"type\":\"webhook\",\"attributes\":{\"name\":\"bench\",\"endpoint_url\":
\"http://127.0.0.1:$RECEIVER_PORT/in\",\"secret_key\":\"bench-secret-0123456789\"},\"relationships\":{\"webhook-topics\":
{\"data\":[{\"type\":\"webhook-topic\",\"id\":\"event:klaviyo.subscribed_to_email_marketing\"}]}}}}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["id"])')
enable() { api PATCH "/api/webhooks/$hook" "{\"data\":{\"type\":\"webhook\",\"id\":\"$hook\",\"attributes\":{\"enabled\":$1}}}" >/dev/null; }
enable false
# Phases alternate, so that drift (JIT, the other work of a shared machine) falls on both sides alike:
# without, with, without, with, ..., without.
with_rps=(); without_rps=(); with_cpu=(); without_cpu=(); sent_with=0
for round in $(seq "$ROUNDS"); do
    log "round $round: no webhook, ${DURATION}s"
    phase "$DURATION" "a$round"; without_rps+=("$rps"); without_cpu+=("$cpu")
    enable true
    log "round $round: webhook $hook enabled, ${DURATION}s"
    phase "$DURATION" "b$round"; with_rps+=("$rps"); with_cpu+=("$cpu")
    sent_with=$(( sent_with + $(wc -l <"$work/sent-b$round.txt") ))
    for _ in $(seq 120); do
        (( $(psql_ -Atc "select count(*) from webhook_delivery where status = 'delivered'") >= sent_with )) && break
        sleep 0.5
    done
    enable false
done
log "last phase: no webhook, ${DURATION}s"
phase "$DURATION" a$(( ROUNDS + 1 )); without_rps+=("$rps"); without_cpu+=("$cpu")
delivered=$(psql_ -Atc "select count(*) from webhook_delivery where status = 'delivered'")
all=$(psql_ -Atc "select count(*) from webhook_delivery")
(( delivered == sent_with && all == sent_with )) || die "$sent_with subscriptions with the webhook enabled, $all deliveries, $delivered delivered"

# Latency: from the subscribe request's send to the event's arrival at the receiver, per profile of the phases with.
psql_ -Atc "select id || ' ' || email from profile where email like 'hook-b%'" >"$work/ids-b.txt"
cat "$work"/sent-b*.txt >"$work/sent-with.txt"
read -r n_lat p50 p99 max < <(awk '
    FILENAME ~ /ids-b/ { email_of[$1] = $2; next }
    FILENAME ~ /sent-with/ { sent[$2] = $1; next }
    { e = email_of[$2]; if (e in sent) { lat[++n] = ($1 - sent[e]) / 1e6 } }
    END {
        asort(lat)
        printf "%d %.1f %.1f %.1f\n", n, lat[int(n * 0.50 + 0.5)], lat[int(n * 0.99 + 0.5)], lat[n]
    }' "$work/ids-b.txt" "$work/sent-with.txt" "$work/received.txt")
(( n_lat == sent_with )) || die "$n_lat latencies for $sent_with deliveries"
attempts=$(psql_ -Atc "select count(*) from webhook_attempt")
mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.0f", s / NR }'; }
with=$(mean "${with_rps[@]}"); baseline=$(mean "${without_rps[@]}")
ratio=$(awk -v a="$with" -v b="$baseline" 'BEGIN { printf "%.2f", a / b }')
cpu_with=$(mean "${with_cpu[@]}"); cpu_without=$(mean "${without_cpu[@]}")
cpu_ratio=$(awk -v a="$cpu_with" -v b="$cpu_without" 'BEGIN { printf "%.2f", a / b }')
listener=$(grep -c "webhook delivery listener lost" "$work/server.log" || true)
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.9 ? "met" : "missed") }')
load=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$RESULTS_DIR"
out="$RESULTS_DIR/webhooks-$(date -u +%Y%m%dT%H%M%SZ).md"
{
    echo "### Webhook delivery benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); jar $jar_id"
    echo "- command: \`DURATION=$DURATION WARMUP=$WARMUP ROUNDS=$ROUNDS CONNECTIONS=$CONNECTIONS RATE=$RATE POOL_ROWS=$POOL_ROWS bench/webhooks.sh\`"
    echo "- load average at the end (the machine is shared): $load"
    echo
    echo "| benchmark | with one webhook | baseline: no webhook, same run | ratio |"
    echo "|---|---|---|---|"
    echo "| POST /api/events, $CONNECTIONS connections, with $RATE consent changes/s | $with events/s (phases: ${with_rps[*]}) | $baseline events/s (phases: ${without_rps[*]}) | **$ratio** |"
    echo "| server JVM + PostgreSQL CPU a request (events and subscriptions) | $cpu_with µs (phases: ${with_cpu[*]}) | $cpu_without µs (phases: ${without_cpu[*]}) | $cpu_ratio |"
    echo
    echo "Target (issue 15): at least 0.9 of the run without a webhook: **$verdict** ($ratio)."
    echo
    echo "Delivery latency at that load, from the subscribe request to the event's arrival at the receiver (the consent"
    echo "job, the outbox, the POST): p50 $p50 ms, p99 $p99 ms, max $max ms over $n_lat deliveries ($attempts attempts, all"
    echo "answered 200). No delivery was made without the webhook or after it was disabled. The deliverers' LISTEN"
    echo "connection was lost $listener times (0: every delivery was woken by its commit's NOTIFY, not by polling)."
} | tee "$out"
log "written to $out"
