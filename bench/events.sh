#!/usr/bin/env bash
# Event ingestion benchmark (issue 6): sustained POST /api/events at 64 connections, each event creating
# (half) or updating (half) its profile, beside pgbench writing the same rows by hand (bench/events.sql)
# on the same embedded PostgreSQL in the same run; and the same load from anonymous visitors (issue 21:
# profiles with only an anonymous_id, half new, half seeded) beside the identified run. Prints a markdown
# results block and writes it to bench/results/. See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

DURATION=${DURATION:-20}          # seconds per measured run (wrk and pgbench alike)
WARMUP=${WARMUP:-30}              # seconds of unmeasured wrk load before the HTTP run (JIT)
PG_WARMUP=${PG_WARMUP:-5}         # seconds of unmeasured pgbench load before the baseline
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
POOL_ROWS=${POOL_ROWS:-100000}    # existing profiles the events' "existing" half picks from
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PGBENCH=${PGBENCH:-pgbench}
RESULTS_DIR=${RESULTS_DIR:-$here/results}
BENCH_WAIT=${BENCH_WAIT:-1800}

die() { echo "events.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
for tool in wrk "$PGBENCH" psql curl awk; do command -v "$tool" >/dev/null || die "$tool not found"; done
[[ -f $JAR ]] || die "no jar at $JAR: ./mvnw -q -B -DskipTests package"

busy_pattern='bench/(lists|profiles|import|aggregates)\.sh|(^|/)(wrk|pgbench) |maven'
waited=0
while pgrep -f "$busy_pattern" >/dev/null; do
    (( waited >= BENCH_WAIT )) && die "another benchmark or build is still running"
    (( waited == 0 )) && log "waiting for another benchmark or build to finish"
    sleep 10; waited=$(( waited + 10 ))
done

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-events.XXXXXX")
data=$work/data
server_pid=""
cleanup() {
    local rc=$?
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"; for _ in $(seq 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    fi
    [[ $rc == 0 ]] && rm -rf "$work" || echo "events.sh: work directory kept: $work" >&2
    exit "$rc"
}
trap cleanup EXIT

PORT=$(( 20000 + RANDOM % 20000 ))
key="pk_$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 34 || true)"
cp "$JAR" "$work/openprofile.jar"
log "starting the server on port $PORT"
# Klaviyo's rate limits would throttle the load itself: off unless the caller sets OPENPROFILE_RATE_LIMITS.
OPENPROFILE_RATE_LIMITS=${OPENPROFILE_RATE_LIMITS:-off} \
OPENPROFILE_PORT=$PORT OPENPROFILE_DATA_DIR=$data OPENPROFILE_API_KEY=$key \
    "$JAVA" $JAVA_OPTS -jar "$work/openprofile.jar" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 240); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz") == 200 ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server exited"; }
    sleep 0.5
done
pg_pid=$(sed -n 1p "$data/postgres/postmaster.pid")
pg_port=$(sed -n 4p "$data/postgres/postmaster.pid")
export PGOPTIONS="-c search_path=openprofile,public"   # the server's tables live in its own schema
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
acct=$(psql_ -Atc "select account_id from account where name = 'default'")

log "seeding $POOL_ROWS profiles"
psql_ -v acct="$acct" -v lo=1 -v hi="$POOL_ROWS" -f "$here/seed.sql"
# The anonymous run's existing visitors: visitor-N is the seeded profile bench-N (V51's table, as identification leaves it).
psql_ -c "insert into profile_anonymous_id (account_id, anonymous_id, profile_id)
          select account_id, 'visitor-' || split_part(split_part(email, '@', 1), '-', 2), id from profile
          where account_id = '$acct' and email like 'bench-%@bench.example'"
psql_ -c "vacuum analyze profile" -c "vacuum analyze profile_anonymous_id"

# CPU of the server JVM and of PostgreSQL (live processes plus reaped backends), in clock ticks.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { local t; t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pg_pid/stat")
    for c in $(pgrep -P "$pg_pid" || true); do t=$(( t + $(ticks "$c" 2>/dev/null || echo 0) )); done; echo "$t"; }
clk=$(getconf CLK_TCK)
per_event() { awk -v t="$1" -v n="$2" -v clk="$clk" 'BEGIN { printf "%.0f", t * 1e6 / clk / n }'; }

wrk_run() {   # SECONDS TAG OUT [anonymous]
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 10s --latency -s "$here/events.lua" \
        "http://127.0.0.1:$PORT" -- "$key" "$POOL_ROWS" "$2" ${4:-} >"$3" 2>&1
    grep -q '^OP_REQUESTS=' "$3" || { cat "$3" >&2; die "wrk did not finish"; }
    local bad; bad=$(sed -n 's/^OP_NON2XX=//p' "$3")
    (( bad == 0 )) || { cat "$3" >&2; die "$bad non-2xx responses"; }
}
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }

log "HTTP warm-up ${WARMUP}s"
wrk_run "$WARMUP" w "$work/warm.txt"
events_before=$(psql_ -Atc "select count(*) from event")
j0=$(ticks "$server_pid"); p0=$(pg_ticks)
log "HTTP run: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s POST /api/events"
wrk_run "$DURATION" m "$work/http.txt"
sleep 1.5
j1=$(ticks "$server_pid"); p1=$(pg_ticks)
http_rps=$(kv OP_RPS "$work/http.txt"); http_n=$(kv OP_REQUESTS "$work/http.txt")
accepted=$(kv OP_CREATED "$work/http.txt")
stored=$(( $(psql_ -Atc "select count(*) from event") - events_before ))
(( stored >= accepted && stored <= accepted + CONNECTIONS )) || die "answered $accepted x 202 but stored $stored events"
http_p50=$(kv OP_P50_US "$work/http.txt"); http_p99=$(kv OP_P99_US "$work/http.txt")

# Anonymous visitors (issue 21): the same load with anonymous-only profiles, after a warm-up of its own path.
log "HTTP warm-up ${WARMUP}s, anonymous visitors"
wrk_run "$WARMUP" aw "$work/anon-warm.txt" anonymous
events_before=$(psql_ -Atc "select count(*) from event")
a0=$(ticks "$server_pid"); ap0=$(pg_ticks)
log "HTTP run, anonymous visitors: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s POST /api/events"
wrk_run "$DURATION" am "$work/anon.txt" anonymous
sleep 1.5
a1=$(ticks "$server_pid"); ap1=$(pg_ticks)
anon_rps=$(kv OP_RPS "$work/anon.txt"); anon_n=$(kv OP_REQUESTS "$work/anon.txt")
anon_accepted=$(kv OP_CREATED "$work/anon.txt")
anon_stored=$(( $(psql_ -Atc "select count(*) from event") - events_before ))
(( anon_stored >= anon_accepted && anon_stored <= anon_accepted + CONNECTIONS )) \
    || die "anonymous run: answered $anon_accepted x 202 but stored $anon_stored events"
anon_p50=$(kv OP_P50_US "$work/anon.txt"); anon_p99=$(kv OP_P99_US "$work/anon.txt")
anon_ratio=$(awk -v a="$anon_rps" -v b="$http_rps" 'BEGIN { printf "%.2f", a / b }')
anon_verdict=$(awk -v r="$anon_ratio" 'BEGIN { print (r >= 0.8 ? "met" : "missed") }')

metric=$(psql_ -Atc "select id from metric where account_id = '$acct' and name = 'Bench Order'")
log "pgbench warm-up ${PG_WARMUP}s"
"$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$PG_WARMUP" \
    -f "$here/events.sql" -D acct="$acct" -D pool="$POOL_ROWS" -D tag=1 -D k=0 -D metric="$metric" postgres \
    >"$work/pg-warm.txt" 2>&1 || { cat "$work/pg-warm.txt" >&2; die "pgbench failed"; }
p2=$(pg_ticks)
log "pgbench run: -c$CONNECTIONS -j$THREADS -T$DURATION"
"$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
    -f "$here/events.sql" -D acct="$acct" -D pool="$POOL_ROWS" -D tag=2 -D k=0 -D metric="$metric" postgres \
    >"$work/pg.txt" 2>&1 || { cat "$work/pg.txt" >&2; die "pgbench failed"; }
sleep 1.5
p3=$(pg_ticks)
pg_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pg.txt" | head -1)
pg_n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pg.txt")
pg_failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/pg.txt"); pg_failed=${pg_failed:-0}
(( pg_failed == 0 )) || { cat "$work/pg.txt" >&2; die "pgbench had $pg_failed failed transactions"; }
pg_lat=$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' "$work/pg.txt")
ratio=$(awk -v a="$http_rps" -v b="$pg_tps" 'BEGIN { printf "%.2f", a / b }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5 ? "met" : "missed") }')

mkdir -p "$RESULTS_DIR"
out="$RESULTS_DIR/events-$(date -u +%Y%m%dT%H%M%SZ).md"
{
    echo "### Event ingestion benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); jar $(sha256sum "$JAR" | cut -c1-12) from HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "- command: \`DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS POOL_ROWS=$POOL_ROWS bench/events.sh\`"
    echo
    echo "| benchmark | OpenProfile | baseline (pgbench, bench/events.sql, same PostgreSQL) | ratio |"
    echo "|---|---|---|---|"
    echo "| POST /api/events, $CONNECTIONS connections, half new profiles | $http_rps events/s (p50 $(( http_p50 / 1000 )) ms, p99 $(( http_p99 / 1000 )) ms) | $pg_tps tps (mean latency $pg_lat ms) | **$ratio** |"
    echo "| POST /api/events, anonymous visitors (only anonymous_id), half new | $anon_rps events/s (p50 $(( anon_p50 / 1000 )) ms, p99 $(( anon_p99 / 1000 )) ms) | the identified run above: $http_rps events/s | **$anon_ratio** |"
    echo
    echo "Target (issue 6): at least 0.5 of pgbench: **$verdict** ($ratio). Target (issue 21): anonymous visitors within 20% of identified profiles (at least 0.8): **$anon_verdict** ($anon_ratio)."
    echo
    echo "Checks: $accepted responses 202, $stored events stored, no other status (anonymous run: $anon_accepted and $anon_stored). CPU per event: server JVM $(per_event $(( j1 - j0 )) "$http_n") µs, PostgreSQL $(per_event $(( p1 - p0 )) "$http_n") µs; anonymous run: JVM $(per_event $(( a1 - a0 )) "$anon_n") µs, PostgreSQL $(per_event $(( ap1 - ap0 )) "$anon_n") µs; pgbench run: PostgreSQL $(per_event $(( p3 - p2 )) "$pg_n") µs per transaction."
} | tee "$out"
log "written to $out"
