#!/usr/bin/env bash
# Lists benchmark (issue 3), end to end: adding 1,000,000 profiles to a list over HTTP, and paging through
# the whole list with keyset cursors, each beside the equivalent SQL on the same embedded PostgreSQL in the
# same run. See bench/README.md. Prints a markdown results block and writes it to bench/results/.
# The server start/stop, CPU accounting and quiet-machine checks are copied from bench/profiles.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

PROFILES=${PROFILES:-1000000}              # profiles loaded with SQL, then added to the list over HTTP
BATCH=${BATCH:-1000}                       # profile ids per add call (the API's maximum)
ADD_CONNECTIONS=${ADD_CONNECTIONS:-8}      # concurrent add calls (wrk connections, psql sessions)
PAGE_SIZE=${PAGE_SIZE:-100}                # page[size] of the walk (the API's maximum)
REPEATS=${REPEATS:-20}                     # measured GETs / queries of the first and of the last page
WARM_PROFILES=${WARM_PROFILES:-100000}     # size of the warm-up list (added and walked until the JIT is idle)
WARMUP_MIN=${WARMUP_MIN:-20}               # HTTP warm-up per phase: at least this many seconds,
WARMUP_MAX=${WARMUP_MAX:-90}               # in rounds until the JIT compiler is idle (or this many)
RUN_LIMIT=${RUN_LIMIT:-600}                # longest add or walk run, seconds (a lost answer fails the run then)
PORT=${PORT:-}                             # default: a free port
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PGBENCH=${PGBENCH:-pgbench}
KEEP=${KEEP:-0}                            # 1: keep the work directory (server log, id files, pgbench logs)
RESULTS_DIR=${RESULTS_DIR:-$here/results}
QUIET_WAIT=${QUIET_WAIT:-300}

die() { echo "lists.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

for tool in wrk "$PGBENCH" "$PSQL" curl python3 awk sort cmp timeout; do
    command -v "$tool" >/dev/null || die "$tool not found (wrk: apt-get install -y wrk; pgbench/psql: postgresql-client)"
done
[[ -x $JAVA ]] || die "no java at $JAVA (set JAVA=/path/to/bin/java, JDK >= 21)"
[[ -f $JAR ]] || die "no jar at $JAR: build it with ./mvnw -q -B -DskipTests package (or set JAR=...)"
(( PROFILES % BATCH == 0 && WARM_PROFILES % BATCH == 0 )) || die "PROFILES and WARM_PROFILES must be multiples of BATCH ($BATCH)"
(( BATCH <= 1000 && PAGE_SIZE <= 100 )) || die "the API takes at most 1,000 ids per call and 100 per page"
(( WARM_PROFILES <= PROFILES )) || die "WARM_PROFILES ($WARM_PROFILES) must be <= PROFILES ($PROFILES)"
(( ADD_CONNECTIONS <= WARM_PROFILES / BATCH )) || die "ADD_CONNECTIONS must be <= WARM_PROFILES / BATCH"
port_busy() { ss -Htln "sport = :$1" 2>/dev/null | grep -q . || curl -s -o /dev/null "http://127.0.0.1:$1/"; }
if [[ -z $PORT ]]; then
    for _ in $(seq 50); do PORT=$(( 20000 + RANDOM % 20000 )); port_busy "$PORT" || break; done
fi
if port_busy "$PORT"; then die "port $PORT is in use (set PORT=...)"; fi

# Another benchmark (or a build) on the same 2 cores would skew both: wait for it to end.
BENCH_WAIT=${BENCH_WAIT:-1800}
others_running() { pgrep -f 'bench/(profiles|import)\.sh|maven|(^|/)wrk |(^|/)pgbench ' >/dev/null; }
waited=0
while others_running; do
    (( waited == 0 )) && log "another benchmark, wrk, pgbench or maven is running: waiting up to ${BENCH_WAIT}s"
    (( waited >= BENCH_WAIT )) && die "still running after ${BENCH_WAIT}s: $(pgrep -fa 'bench/(profiles|import)\.sh|maven|(^|/)wrk |(^|/)pgbench ' | cut -c1-80 | head -3)"
    sleep 10; waited=$(( waited + 10 ))
done

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-bench.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
clk=$(getconf CLK_TCK)
batches=$(( PROFILES / BATCH ))
warm_batches=$(( WARM_PROFILES / BATCH ))
pages=$(( (PROFILES + PAGE_SIZE - 1) / PAGE_SIZE ))
warm_pages=$(( (WARM_PROFILES + PAGE_SIZE - 1) / PAGE_SIZE ))

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
        echo "lists.sh: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$here/lib-cpu.sh"
all_ticks() {   # pid comm ticks (own, not reaped children: a parent's cutime jumps when it reaps) of every process
    for f in /proc/[0-9]*/stat; do
        awk '{ c = $2; for (i = 3; i <= NF && substr(c, length(c)) != ")"; i++) c = c " " $i
               print $1, c, $(i + 11) + $(i + 12) }' "$f" 2>/dev/null || true
    done
}
# foreign BEFORE_FILE AFTER_FILE BEFORE AFTER -> up to 3 processes other than ours with > 1% of the machine
# between the two snapshots (processes that started during the run count from zero; ones that ended are missed)
foreign() {
    local mine="$$ $server_pid $pg_pid $(pgrep -P "$pg_pid" | tr '\n' ' ')"
    local -a b=($3) a=($4)
    awk -v mine=" $mine " -v clk="$clk" -v d="$(( (a[4] - b[4]) / 1000000 ))" -v cores="$(nproc)" '
        NR == FNR { t[$1] = $NF; next }
        index(mine, " " $1 " ") == 0 {
            dt = $NF - (($1 in t) ? t[$1] : 0); share = 100 * dt / clk / (d / 1000) / cores
            if (share > 1) { name = $2; for (i = 3; i < NF; i++) name = name " " $i; printf "%s %.0f%%\n", name, share } }' \
        "$1" "$2" | sort -t' ' -k2 -nr | head -3 | tr '\n' ',' | sed 's/,$//; s/,/, /g'
}
# measure_start / measure_end NAME: snapshots around a measured run; measure_end sets NAME_cpu (per UNITS),
# NAME_other (% of the machine used by others), NAME_foreign (who) and NAME_av (autovacuum runs)
measure_start() { av0=$(autovac); all_ticks >"$work/procs-before"; before=$(snapshot); }
measure_end() {   # NAME UNITS
    after=$(snapshot); all_ticks >"$work/procs-after"; after=$(settle_pg "$after")
    printf -v "${1}_cpu" '%s' "$(cpu_share "$before" "$after" "$2")"
    printf -v "${1}_other" '%s' "$(other_share "$before" "$after")"
    printf -v "${1}_foreign" '%s' "$(foreign "$work/procs-before" "$work/procs-after" "$before" "$after")"
    printf -v "${1}_av" '%s' "$(( $(autovac) - av0 ))"
}

psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }          # OP_...=value lines from the wrk scripts
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pgbench_field() { sed -n "s/^$1 = \([0-9.]*\).*/\1/p" "$2" | head -1; }
check_pgbench() {   # FILE
    local f
    f=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$1")
    [[ ${f:-0} == 0 ]] || { cat "$1" >&2; die "pgbench: $f failed transactions"; }
    grep -q '^tps = ' "$1" || { cat "$1" >&2; die "pgbench did not report tps"; }
    ! grep -q 'aborted' "$1" || { cat "$1" >&2; die "pgbench aborted"; }
}
failures=()
fail() { failures+=("$1"); echo "lists.sh: FAILURE: $1" >&2; }
autovac() {   # autovacuum + autoanalyze runs finished so far on the two tables
    psql_ -Atc "select coalesce(sum(autovacuum_count + autoanalyze_count), 0) from pg_stat_user_tables
                where relname in ('list_membership', 'profile')"
}

# --- 0. the server ------------------------------------------------------------------------------------
source "$here/lib-server.sh"
start_server

auth=(-H "Authorization: Klaviyo-API-Key $key" -H "revision: 2026-07-15")
base="http://127.0.0.1:$PORT"

# --- 1. profiles (SQL) and lists (HTTP) ------------------------------------------------------------------
log "bulk-loading $PROFILES profiles"
t0=$(date +%s)
psql_ -v acct="$acct" -v lo=1 -v hi="$PROFILES" -f "$here/seed.sql"
psql_ -c "vacuum analyze profile" -c "checkpoint"
log "loaded in $(( $(date +%s) - t0 )) s"

create_list() {   # NAME -> the new list's id
    local code
    code=$(curl -s -o "$work/list.json" -w '%{http_code}' "${auth[@]}" -H "Content-Type: application/vnd.api+json" \
        -d "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"$1\"}}}" "$base/api/lists")
    [[ $code == 201 ]] || { cat "$work/list.json" >&2; die "POST /api/lists answered $code"; }
    sed -n 's/^{"data":{"type":"list","id":"\([^"]*\)".*/\1/p' "$work/list.json"
}
warm_list=$(create_list "Bench warm-up")
list=$(create_list "Bench")
sql_list=$(create_list "Bench SQL baseline")
[[ -n $warm_list && -n $list && -n $sql_list ]] || die "could not read the new lists' ids"
log "lists: $list (HTTP), $sql_list (SQL baseline), $warm_list (warm-up)"

# Request bodies, one per line, BATCH ids each, ids 1..PROFILES in order; and the same batches as EXECUTE
# lines for the SQL baseline, dealt round robin to ADD_CONNECTIONS psql sessions.
awk -v n="$PROFILES" -v b="$BATCH" 'BEGIN { for (i = 1; i <= n; i++) {
    printf "%s{\"type\":\"profile\",\"id\":\"01BENCH%019d\"}", ((i - 1) % b == 0 ? "{\"data\":[" : ","), i
    if (i % b == 0) print "]}" } }' >"$work/bodies"
awk -v n="$PROFILES" -v b="$BATCH" -v q="'" 'BEGIN { for (i = 1; i <= n; i++) {
    printf "%s01BENCH%019d", ((i - 1) % b == 0 ? "execute add_members(:" q "acct" q ", :" q "list" q ", " q "{" : ","), i
    if (i % b == 0) print "}" q ");" } }' >"$work/executes"
for (( w = 0; w < ADD_CONNECTIONS; w++ )); do
    awk -v w="$w" -v c="$ADD_CONNECTIONS" '(NR - 1) % c == w' "$work/executes" >"$work/executes.$w"
done
[[ $(wc -l <"$work/bodies") == "$batches" ]] || die "bodies file has the wrong number of lines"

# --- 2. adding PROFILES members ----------------------------------------------------------------------------
run_add() {   # LIST FIRST LAST OUT: wrk posts bodies FIRST..LAST over ADD_CONNECTIONS connections
    wrk -t1 -c"$ADD_CONNECTIONS" -d"${RUN_LIMIT}s" --timeout 60s -s "$here/list-add.lua" "$base" -- \
        "$key" "$1" "$work/bodies" "$2" "$3" >"$4" 2>&1 || true
    local n=$(( $3 - $2 + 1 ))
    if [[ $(kv OP_OK "$4") != "$n" || $(kv OP_ANSWERED "$4") != "$n" || $(kv OP_SOCKET_ERRORS "$4") != 0 \
          || $(kv OP_TIMEOUTS "$4") != 0 ]]; then
        cat "$4" >&2
        fail "$(basename "$4"): of $n calls $(kv OP_ANSWERED "$4") answered, $(kv OP_OK "$4") x 204, $(kv OP_NON2XX "$4") other," \
             "$(kv OP_SOCKET_ERRORS "$4") socket errors, $(kv OP_TIMEOUTS "$4") timeouts"
        return 1
    fi
}
run_walk() {   # START_PATH OUT MAX_PAGES: follows links.next from START_PATH to the end, one at a time
    timeout "$RUN_LIMIT" python3 "$here/list-walk.py" "$PORT" "$key" "$1" "$2" "$3" >"$2.txt" 2>&1 || true
    if [[ $(kv OP_FINISHED "$2.txt") != 1 || $(kv OP_NON2XX "$2.txt") != 0 || $(kv OP_SOCKET_ERRORS "$2.txt") != 0 \
          || $(kv OP_TIMEOUTS "$2.txt") != 0 ]]; then
        cat "$2.txt" >&2
        fail "$(basename "$2"): walk finished: $(kv OP_FINISHED "$2.txt"), $(kv OP_NON2XX "$2.txt") non-200," \
             "$(kv OP_SOCKET_ERRORS "$2.txt") socket errors, $(kv OP_TIMEOUTS "$2.txt") timeouts after $(kv OP_PAGES "$2.txt") pages"
        return 1
    fi
}
# warm_up NAME COMMAND...: repeats COMMAND (a run_add or run_walk on the warm-up list) for at least
# WARMUP_MIN and at most WARMUP_MAX seconds, until a round in which the JIT compiler used < 3% of a core.
warm_up() {
    local name=$1; shift
    local i=0 j0 j1 t0 t1 elapsed=0 dt
    while :; do
        i=$(( i + 1 ))
        j0=$(jit_ticks); t0=$(date +%s%N)
        "$@" "$i" || die "warm-up $name failed (see above)"
        j1=$(jit_ticks); t1=$(date +%s%N)
        dt=$(( (t1 - t0) / 1000000 ))   # ms
        elapsed=$(( elapsed + dt ))
        log "  warm-up $name round $i: $(awk -v d="$dt" 'BEGIN { printf "%.1f s", d / 1000 }'), JIT $(( (j1 - j0) * 100000 / clk / (dt > 0 ? dt : 1) ))% of a core"
        (( elapsed >= WARMUP_MIN * 1000 && (j1 - j0) * 100000 < 3 * clk * dt )) && break
        (( elapsed >= WARMUP_MAX * 1000 )) && { log "  warm-up $name: the JIT compiler is still busy after ${WARMUP_MAX}s"; break; }
    done
    warmed=$(( elapsed / 1000 ))
}
warm_add() { run_add "$warm_list" 1 "$warm_batches" "$work/add-warmup-$1.txt"; }
warm_walk() { run_walk "/api/lists/$warm_list/profiles?page%5Bsize%5D=$PAGE_SIZE" "$work/walk-warmup-$1" $(( warm_pages + 1 )) \
    && [[ $(kv OP_MEMBERS "$work/walk-warmup-$1.txt") == "$WARM_PROFILES" ]] \
    || { fail "warm-up walk $1: $(kv OP_MEMBERS "$work/walk-warmup-$1.txt") members, expected $WARM_PROFILES"; false; }; }

log "add: warm-up (the first $warm_batches bodies into the warm-up list, repeatedly)"
warm_up add warm_add; add_warm=$warmed
psql_ -c "checkpoint"
wait_for_quiet
log "add: $batches calls of $BATCH ids, $ADD_CONNECTIONS at a time (wrk)"
measure_start
run_add "$list" 1 "$batches" "$work/add-http.txt" || true
measure_end add_http "$batches"
add_http_s=$(awk -v us="$(kv OP_ELAPSED_US "$work/add-http.txt")" 'BEGIN { printf "%.2f", us / 1e6 }')
add_http_rate=$(awk -v s="$add_http_s" -v n="$PROFILES" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
read -r http_members http_times < <(psql_ -Atc "select count(*), count(distinct joined_group_at) from list_membership
    where account_id = '$acct' and list_id = '$list'" | tr '|' ' ')
[[ $http_members == "$PROFILES" ]] || fail "the HTTP list has $http_members members, expected $PROFILES"
log "add over HTTP: $PROFILES members in ${add_http_s}s, $add_http_rate memberships/s ($http_members stored, $http_times distinct joined_group_at)"

psql_ -c "checkpoint"
wait_for_quiet
log "add baseline: the same $batches INSERTs in $ADD_CONNECTIONS psql sessions"
measure_start
t0=$(date +%s%N)
pids=()
for (( w = 0; w < ADD_CONNECTIONS; w++ )); do
    psql_ -v acct="$acct" -v list="$sql_list" -f "$here/list-add.sql" -f "$work/executes.$w" >"$work/add-sql.$w.txt" 2>&1 &
    pids+=($!)
done
psql_failed=0
for p in "${pids[@]}"; do wait "$p" || psql_failed=$(( psql_failed + 1 )); done
t1=$(date +%s%N)
measure_end add_sql "$batches"
(( psql_failed == 0 )) || { cat "$work"/add-sql.*.txt >&2; fail "$psql_failed psql sessions of the add baseline failed"; }
add_sql_s=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.2f", ns / 1e9 }')
add_sql_rate=$(awk -v s="$add_sql_s" -v n="$PROFILES" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
sql_members=$(psql_ -Atc "select count(*) from list_membership where account_id = '$acct' and list_id = '$sql_list'")
[[ $sql_members == "$PROFILES" ]] || fail "the SQL baseline list has $sql_members members, expected $PROFILES"
log "add with SQL: $PROFILES members in ${add_sql_s}s, $add_sql_rate memberships/s"

psql_ -c "vacuum analyze list_membership" -c "checkpoint"

# --- 3. paging through the list ------------------------------------------------------------------------------
first_path="/api/lists/$list/profiles?page%5Bsize%5D=$PAGE_SIZE"
log "walk: warm-up (the warm-up list's $warm_pages pages, repeatedly)"
warm_up walk warm_walk; walk_warm=$warmed
wait_for_quiet
log "walk: $first_path, following links.next ($pages pages expected)"
measure_start
run_walk "$first_path" "$work/walk-http" $(( pages + 1 )) || true
measure_end walk_http "$pages"
walk_http_pages=$(kv OP_PAGES "$work/walk-http.txt")
walk_http_rate=$(kv OP_RPS "$work/walk-http.txt")
walk_http_s=$(awk -v us="$(kv OP_ELAPSED_US "$work/walk-http.txt")" 'BEGIN { printf "%.2f", us / 1e6 }')
walk_http_members_rate=$(awk -v s="$walk_http_s" -v n="$(kv OP_MEMBERS "$work/walk-http.txt")" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
# Every member exactly once: the ids received, sorted, must be exactly ids 1..PROFILES.
ids_total=$(wc -l <"$work/walk-http.ids")
ids_unique=$(sort -u "$work/walk-http.ids" | tee "$work/walk-http.ids.sorted" | wc -l)
awk -v n="$PROFILES" 'BEGIN { for (i = 1; i <= n; i++) printf "01BENCH%019d\n", i }' >"$work/expected.ids"
if cmp -s "$work/walk-http.ids.sorted" "$work/expected.ids"; then ids_exact=yes; else ids_exact=no; fi
[[ $walk_http_pages == "$pages" ]] || fail "the HTTP walk took $walk_http_pages pages, expected $pages"
[[ $ids_total == "$PROFILES" && $ids_unique == "$PROFILES" && $ids_exact == yes ]] \
    || fail "the HTTP walk returned $ids_total ids, $ids_unique distinct, exactly the list's members: $ids_exact"
log "walk over HTTP: $walk_http_pages pages in ${walk_http_s}s, $walk_http_rate pages/s; $ids_total ids, $ids_unique distinct, exact: $ids_exact"

# Per-page latency along the walk: median of the first and of the last 100 pages, and of each tenth.
walk_medians() {   # FILE of "page latency_µs" lines in walk order, N pages -> "first100 last100" and tenths
    local f=$1 n=$2
    first100=$(awk -v n="$n" '$1 <= 100 { print $2 }' "$f" | median)
    last100=$(awk -v n="$n" '$1 > n - 100 { print $2 }' "$f" | median)
    tenths=""
    for (( d = 0; d < 10; d++ )); do
        tenths="$tenths${tenths:+ / }$(ms "$(awk -v n="$n" -v d="$d" '$1 > d * n / 10 && $1 <= (d + 1) * n / 10 { print $2 }' "$f" | median)")"
    done
}
walk_medians "$work/walk-http.pages" "$pages"
walk_http_first100=$first100; walk_http_last100=$last100; walk_http_tenths=$tenths

# First and last page on their own: REPEATS GETs each over one keep-alive connection, after one unmeasured.
last_path=$(cat "$work/walk-http.last")
time_get() {   # PATH OUT: sets got to the median µs of REPEATS GETs (each must be 200)
    local urls=() i
    for (( i = 0; i <= REPEATS; i++ )); do urls+=("$base$1"); done
    curl -s -g -w '%{stderr}%{http_code} %{time_total}\n' "${auth[@]}" "${urls[@]}" >/dev/null 2>"$2"
    [[ $(awk '$1 == 200' "$2" | wc -l) == $(( REPEATS + 1 )) ]] || { cat "$2" >&2; fail "GET $1: not all answers were 200"; }
    got=$(tail -n +2 "$2" | awk '{ printf "%.0f\n", $2 * 1e6 }' | median)
}
time_get "$first_path" "$work/first-http.txt"; first_http=$got
time_get "$last_path" "$work/last-http.txt"; last_http=$got
# the ids-only endpoint, the same first page and the same cursor
ids_first_path="/api/lists/$list/relationships/profiles?page%5Bsize%5D=$PAGE_SIZE"
ids_last_path=$(echo "$last_path" | sed 's|/profiles/|/relationships/profiles/|')
time_get "$ids_first_path" "$work/ids-first-http.txt"; ids_first_http=$got
time_get "$ids_last_path" "$work/ids-last-http.txt"; ids_last_http=$got
log "HTTP first page $(ms "$first_http") ms, last page $(ms "$last_http") ms (ids only: $(ms "$ids_first_http") / $(ms "$ids_last_http") ms)"

# Baseline: the server's keyset query walked over the same list by pgbench, one page per transaction.
last_id=$(psql_ -Atc "select profile_id from list_membership where account_id = '$acct' and list_id = '$list'
    order by joined_group_at desc, profile_id desc limit 1")
wait_for_quiet
log "walk baseline: pgbench, $pages pages of the server's keyset query"
mkdir -p "$work/pglog-walk"
measure_start
"$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c 1 -t "$pages" -f "$here/list-page-walk.sql" \
    -D acct="$acct" -D list="$list" -D lim=$(( PAGE_SIZE + 1 )) -D joined_group_at=-infinity -D id=0 -D n=0 \
    -D pages="$pages" -D out="$work/walk-sql.last" --log --log-prefix="$work/pglog-walk/log" postgres \
    >"$work/walk-sql.txt" 2>&1 || { cat "$work/walk-sql.txt" >&2; die "pgbench failed"; }
measure_end walk_sql "$pages"
check_pgbench "$work/walk-sql.txt"
walk_sql_rate=$(printf "%.2f" "$(pgbench_field tps "$work/walk-sql.txt")")
walk_sql_members_rate=$(awk -v r="$walk_sql_rate" -v n="$PROFILES" -v p="$pages" 'BEGIN { printf "%.0f", r * n / p }')
walk_sql_end=$(cat "$work/walk-sql.last" 2>/dev/null || true)
[[ $walk_sql_end == "$pages "*" $last_id" ]] \
    || fail "the SQL walk ended at '$walk_sql_end', expected page $pages at the last member $last_id"
awk '{ print NR, $3 }' "$work"/pglog-walk/log* >"$work/walk-sql.pages"
walk_medians "$work/walk-sql.pages" "$pages"
walk_sql_first100=$first100; walk_sql_last100=$last100; walk_sql_tenths=$tenths
log "walk with SQL: $walk_sql_rate pages/s; ended at: $walk_sql_end"

# The first page and the last page (after the cursor of the HTTP walk's last page) on their own.
read -r cur_j cur_id < <(psql_ -Atc "select joined_group_at::text || '|' || profile_id from list_membership
    where account_id = '$acct' and list_id = '$list' order by joined_group_at, profile_id
    offset $(( (pages - 1) * PAGE_SIZE - 1 )) limit 1" | awk -F'|' '{ gsub(/ /, "T", $1); print $1, $2 }')
pg_time() {   # SCRIPT NAME ARGS...: sets got to the median µs of REPEATS transactions (after one unmeasured)
    local script=$1 name=$2; shift 2
    mkdir -p "$work/pglog-$name"
    "$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c 1 -t $(( REPEATS + 1 )) -f "$here/$script" \
        -D acct="$acct" -D list="$list" -D lim=$(( PAGE_SIZE + 1 )) "$@" --log --log-prefix="$work/pglog-$name/log" postgres \
        >"$work/$name.txt" 2>&1 || { cat "$work/$name.txt" >&2; die "pgbench failed"; }
    check_pgbench "$work/$name.txt"
    got=$(tail -n +2 "$work"/pglog-"$name"/log* | awk '{ print $3 }' | median)
}
pg_time list-page-first.sql first-sql; first_sql=$got
pg_time list-page-at.sql last-sql -D j="$cur_j" -D pid="$cur_id"; last_sql=$got
# The plans of the first and the last page: both must read about the same number of buffers.
page_plan() {   # KEYSET_CONDITION OUT -> "scan, buffers, execution time"
    psql_ -c "explain (analyze, buffers) select p.*, m.joined_group_at from list_membership m join profile p
        on p.account_id = m.account_id and p.id = m.profile_id where m.account_id = '$acct' and m.list_id = '$list' $1
        order by m.joined_group_at, m.profile_id limit $(( PAGE_SIZE + 1 ))" >"$2"
    awk '/ using list_membership/ && !scan { scan = $0; sub(/^[ ->]*/, "", scan); sub(/ on list_membership.*/, "", scan) }
         /Buffers:/ && !buf { buf = $0; sub(/^ *Buffers: */, "", buf) }
         /Execution Time:/ { t = $3 }
         END { printf "%s, buffers %s, %s ms", scan, buf, t }' "$2"
}
first_plan=$(page_plan "" "$work/first-page-plan.txt")
last_plan=$(page_plan "and (m.joined_group_at, m.profile_id) > ('$cur_j'::timestamptz, '$cur_id')" "$work/last-page-plan.txt")
log "SQL first page $(ms "$first_sql") ms, last page $(ms "$last_sql") ms"

pg_version=$(psql_ -Atc "show server_version")
pg_settings=$(psql_ -Atc "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
    where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'work_mem')")
table_size=$(psql_ -Atc "select pg_size_pretty(pg_total_relation_size('list_membership'))")

# --- 4. stop the server; its embedded PostgreSQL must go with it ----------------------------------------
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
ts=$(date -u +%Y%m%dT%H%M%SZ)
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) (family $(sed -n 's/^cpu family[[:space:]]*: //p' /proc/cpuinfo | head -1), model $(sed -n 's/^model[[:space:]]*: //p' /proc/cpuinfo | head -1))$(grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine')"
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
java_version=$("$JAVA" -version 2>&1 | head -1)
add=$work/add-http.txt
fmt() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }; print s r }'; }

mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/lists-$ts.md
{
    echo "### Lists benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $mem; $(uname -sr)"
    echo "- server: jar $jar_id; $java_version${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}"
    echo "- PostgreSQL $pg_version (embedded, shared by the server and the baselines): $pg_settings"
    echo "- load: add: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2) (one thread) and psql; walk: bench/list-walk.py ($(python3 -V)), curl $(curl -V | head -1 | cut -d' ' -f2) and pgbench $("$PGBENCH" --version | awk '{print $3}') -M prepared;" \
         "warm-up on a separate list of $(fmt "$WARM_PROFILES") members until the JIT compiler is idle: add ${add_warm}s, walk ${walk_warm}s"
    echo "- command: \`PROFILES=$PROFILES BATCH=$BATCH ADD_CONNECTIONS=$ADD_CONNECTIONS PAGE_SIZE=$PAGE_SIZE REPEATS=$REPEATS bench/lists.sh\`"
    echo
    echo "| benchmark | OpenProfile | baseline (same PostgreSQL) | ratio |"
    echo "|---|---|---|---|"
    echo "| add $(fmt "$PROFILES") profiles to a list, $(fmt "$batches") calls of $(fmt "$BATCH") ids, $ADD_CONNECTIONS at a time | $(fmt "$add_http_rate") memberships/s (${add_http_s} s; call latency p50 / p99 $(ms "$(kv OP_P50_US "$add")") / $(ms "$(kv OP_P99_US "$add")") ms) | $(fmt "$add_sql_rate") memberships/s (${add_sql_s} s; \`INSERT ... SELECT ..., unnest(\$3), now() ON CONFLICT DO NOTHING\`, prepared, $ADD_CONNECTIONS psql sessions) | $(ratio "$add_http_rate" "$add_sql_rate") |"
    echo "| walk all $(fmt "$PROFILES") members, page[size]=$PAGE_SIZE, following links.next ($(fmt "$pages") sequential requests) | $walk_http_rate pages/s = $(fmt "$walk_http_members_rate") members/s (${walk_http_s} s) | $walk_sql_rate pages/s = $(fmt "$walk_sql_members_rate") members/s (pgbench, the server's keyset query, limit $(( PAGE_SIZE + 1 ))) | $(ratio "$walk_http_rate" "$walk_sql_rate") |"
    echo "| first page, median of $REPEATS | $(ms "$first_http") ms | $(ms "$first_sql") ms | $(ratio "$first_http" "$first_sql") |"
    echo "| last page (members $(fmt $(( (pages - 1) * PAGE_SIZE + 1 )))-$(fmt "$PROFILES")), median of $REPEATS | $(ms "$last_http") ms | $(ms "$last_sql") ms | $(ratio "$last_http" "$last_sql") |"
    echo "| during the walk: median page latency, first 100 / last 100 pages | $(ms "$walk_http_first100") / $(ms "$walk_http_last100") ms | $(ms "$walk_sql_first100") / $(ms "$walk_sql_last100") ms | |"
    echo "| ids only (\`/relationships/profiles\`): first / last page, median of $REPEATS | $(ms "$ids_first_http") / $(ms "$ids_last_http") ms | | |"
    echo
    echo "Median page latency in each tenth of the walk (ms): HTTP $walk_http_tenths; SQL $walk_sql_tenths."
    echo
    echo "Plans (EXPLAIN ANALYZE of the keyset query, limit $(( PAGE_SIZE + 1 ))): first page: $first_plan; last page: $last_plan."
    echo
    echo "Checks: add over HTTP: $(kv OP_ANSWERED "$add") of $batches calls answered, $(kv OP_OK "$add") x 204, $(kv OP_NON2XX "$add") other," \
         "$(kv OP_SOCKET_ERRORS "$add") socket errors, $(kv OP_TIMEOUTS "$add") timeouts (max call latency $(ms "$(kv OP_MAX_US "$add")") ms);" \
         "$(fmt "$http_members") members stored ($http_times distinct joined_group_at seconds). SQL baseline: $(fmt "$sql_members") members stored, $psql_failed failed sessions." \
         "Walk over HTTP: $walk_http_pages pages, all 200, $(fmt "$ids_total") ids, $(fmt "$ids_unique") distinct, exactly ids 1..$(fmt "$PROFILES"): $ids_exact." \
         "SQL walk: ended at page $(echo "$walk_sql_end" | awk '{ print $1 }') on the list's last member ($last_id), no failed transactions." \
         "list_membership at the end: $table_size ($(fmt $(( 2 * PROFILES + WARM_PROFILES ))) rows in three lists)."
    echo
    echo "CPU time per call (add, $(fmt "$BATCH") ids) or per page (walk), µs, from /proc over each measured run:"
    echo
    echo "| run | server JVM | of which JIT compiler | PostgreSQL | client (wrk, psql, list-walk.py, pgbench) | kernel irq | other | hypervisor steal | machine busy | autovacuum runs | other processes seen |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    echo "| add, HTTP | $add_http_cpu | $add_http_av | ${add_http_foreign:--} |"
    echo "| add, SQL | - | - | ${add_sql_cpu#* | * | } | $add_sql_av | ${add_sql_foreign:--} |"
    echo "| walk, HTTP | $walk_http_cpu | $walk_http_av | ${walk_http_foreign:--} |"
    echo "| walk, SQL | - | - | ${walk_sql_cpu#* | * | } | $walk_sql_av | ${walk_sql_foreign:--} |"
    for s in "$add_http_other" "$add_sql_other" "$walk_http_other" "$walk_sql_other"; do
        if (( s > 5 )); then
            echo
            echo "**Warning**: other work used more than 5% of the machine during a measured run (column 'other');" \
                 "those figures are lower than an undisturbed machine would give. Run again on a quiet machine."
            break
        fi
    done
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
