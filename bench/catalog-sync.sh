#!/usr/bin/env bash
# Catalog sync benchmark (issue 14), end to end: ITEMS catalog items (100,000) and 2 variants of each through
# the catalog bulk create jobs (PER_JOB records a job, the API's maximum of 100), beside a COPY of the very same
# rows (same ids, columns and doc JSON) into catalog_item and catalog_variant, under another account, on the
# same embedded PostgreSQL in the same run: the real tables with their indexes and foreign keys. See
# bench/README.md. Prints a markdown results block and writes it to bench/results/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

ITEMS=${ITEMS:-100000}                     # items synced in the measured phase (2 variants each)
PER_JOB=${PER_JOB:-100}                    # records per bulk job (the API's maximum)
PARALLEL=${PARALLEL:-32}                   # jobs submitted and not yet complete at any time (a job takes at least one POLL)
POLL=${POLL:-0.2}                          # seconds between GETs of a job's status
WARM_ITEMS=${WARM_ITEMS:-20000}            # items of a warm-up round (a sync of their own external ids), before the clock
WARM_ROUNDS=${WARM_ROUNDS:-6}              # at most this many warm-up rounds: until one in which the JIT compiler used < 3% of a core
COPY_RUNS=${COPY_RUNS:-2}                  # COPY baseline runs (the rate reported is their mean)
JOB_TIMEOUT=${JOB_TIMEOUT:-600}            # longest a job may take from its 202 to "complete", seconds
JFR=${JFR:-0}                              # 1: a Java Flight Recording of the measured phase (kept in the work directory)
BENCH_WAIT=${BENCH_WAIT:-1800}             # longest wait for another benchmark or build to finish, seconds
BENCH_OTHERS=${BENCH_OTHERS:-'bench/(profiles|lists|import|events|segments|aggregates|catalog-read)\.sh|maven|(^|/)wrk |(^|/)pgbench '}
QUIET_WAIT=${QUIET_WAIT:-300}              # longest wait for a quiet machine before each phase, seconds
PORT=${PORT:-}                             # default: a free port
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JCMD=${JCMD:-$(dirname "$JAVA")/jcmd}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PYTHON=${PYTHON:-python3}
KEEP=${KEEP:-0}                            # 1: keep the work directory (server log, job list, JFR recording)
RESULTS_DIR=${RESULTS_DIR:-$here/results}

die() { echo "catalog-sync.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
fmt() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }; print s r }'; }

source "$here/lib-server.sh"   # check_setup, start_server, stop_server, kill_server, wait_for_benchmarks
check_setup "$PSQL" "$PYTHON" curl awk
(( PER_JOB >= 2 && PER_JOB <= 100 && PER_JOB % 2 == 0 )) || die "PER_JOB must be an even number of 2..100 (the API's limit)"
(( JFR == 0 )) || [[ -x $JCMD ]] || die "no jcmd at $JCMD (set JCMD=..., or JFR=0)"
wait_for_benchmarks "$BENCH_OTHERS"

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-bench.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
clk=$(getconf CLK_TCK)
N=$(( ITEMS * 3 ))   # rows: the items and their 2 variants each
failures=()
fail() { failures+=("$1"); echo "catalog-sync.sh: FAILURE: $1" >&2; }
cleanup() {
    local rc=$?
    kill_server
    if [[ $KEEP == 1 || $JFR == 1 || $rc != 0 ]]; then echo "catalog-sync.sh: work directory kept: $work" >&2; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CPU_DECIMALS=1
source "$here/lib-cpu.sh"
rows_of() {   # ACCOUNT PREFIX -> "items variants" of that sync
    psql_ -Atc "select (select count(*) from catalog_item where account_id = '$1' and external_id like '$2-%'),
        (select count(*) from catalog_variant where account_id = '$1' and external_id like '$2-%')" | tr '|' ' '
}
sync() {   # PREFIX ITEMS OUT: one sync through the driver
    "$PYTHON" "$here/catalog_sync_driver.py" "$PORT" "$key" "$1" "$2" "$PER_JOB" "$PARALLEL" "$POLL" "$JOB_TIMEOUT" "$3.tsv" \
        >"$3.txt" 2>"$3.err"
}
check_sync() {   # OUT ITEMS
    if [[ $(kv ERRORS "$1.txt") != 0 || $(kv BAD_JOBS "$1.txt") != 0 || $(kv COMPLETED "$1.txt") != $(( $2 * 3 )) ]]; then
        cat "$1.txt" "$1.err" >&2
        fail "$(basename "$1"): $(kv JOBS "$1.txt") jobs done, $(kv COMPLETED "$1.txt") of $(( $2 * 3 )) records completed," \
             "$(kv BAD_JOBS "$1.txt") jobs off, $(kv ERRORS "$1.txt") request errors ($(head -1 "$1.err"))"
        return 1
    fi
}

# --- 0. the server ---------------------------------------------------------------------------------------
start_server

# --- 1. warm-up: smaller syncs of their own items, until the JIT compiler has compiled the bulk path -------
t0=$(date +%s)
for (( round = 1; round <= WARM_ROUNDS; round++ )); do
    j0=$(jit_ticks); r0=$(date +%s%N)
    sync "warm$round" "$WARM_ITEMS" "$work/warm$round" || true
    check_sync "$work/warm$round" "$WARM_ITEMS" || die "warm-up round $round failed (see above)"
    j1=$(jit_ticks); dt=$(( ($(date +%s%N) - r0) / 1000000 ))   # ms
    log "warm-up round $round: $(fmt $(( WARM_ITEMS * 3 ))) rows in $(awk -v d="$dt" 'BEGIN { printf "%.1f s", d / 1000 }')," \
        "JIT $(( (j1 - j0) * 100000 / clk / (dt > 0 ? dt : 1) ))% of a core"
    (( (j1 - j0) * 100000 < 3 * clk * dt )) && break
done
warm_rounds=$(( round > WARM_ROUNDS ? WARM_ROUNDS : round ))
warm_s=$(( $(date +%s) - t0 ))
psql_ -c "vacuum analyze" -c "checkpoint"

# --- 2. the measured sync ------------------------------------------------------------------------------------
wait_for_quiet
log "sync: $(fmt "$ITEMS") items in jobs of $PER_JOB, then $(fmt $(( ITEMS * 2 ))) variants; $PARALLEL jobs in flight"
if (( JFR == 1 )); then "$JCMD" "$server_pid" JFR.start name=sync settings=profile filename="$work/sync.jfr" >/dev/null; fi
w0=$(pg_counters); before=$(snapshot)
sync sync "$ITEMS" "$work/sync" || true
after=$(snapshot); after=$(settle_pg "$after"); w1=$(pg_counters)
if (( JFR == 1 )); then "$JCMD" "$server_pid" JFR.stop name=sync >/dev/null; fi
check_sync "$work/sync" "$ITEMS" || true
sync_s=$(kv ELAPSED "$work/sync.txt")
sync_rate=$(awk -v s="$sync_s" -v n="$N" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
sync_cpu=$(cpu_share "$before" "$after" "$N"); sync_other=$(other_share "$before" "$after")
sync_pg=$(pg_counters_per "$w0" "$w1" "$N")
read -r got_items got_variants <<<"$(rows_of "$acct" sync)"
(( got_items == ITEMS && got_variants == ITEMS * 2 )) || fail "the sync stored $got_items items and $got_variants variants, expected $ITEMS and $(( ITEMS * 2 ))"
log "sync: $(fmt "$N") rows in ${sync_s}s = $(fmt "$sync_rate") rows/s"

# --- 3. baseline: COPY of the same rows into the same tables under another account ---------------------------
# The rows are the ones the sync stored (so ids, columns, doc JSON and timestamps are the same), read out
# before the clock starts with the other account's id in place of the first.
acct2=copy-baseline
psql_ -c "insert into account (account_id, name, public_key) values ('$acct2', '$acct2', 'CopyBase')"
psql_ -c "\\copy (select '$acct2', id, external_id, title, published, created, updated, doc from catalog_item
    where account_id = '$acct' and external_id like 'sync-%' order by created, id) to '$work/items.csv' with (format csv)"
psql_ -c "\\copy (select '$acct2', id, item_id, external_id, title, sku, published, created, updated, doc from catalog_variant
    where account_id = '$acct' and external_id like 'sync-%' order by created, id) to '$work/variants.csv' with (format csv)"
(( $(wc -l <"$work/items.csv") == ITEMS )) || die "items.csv has the wrong number of rows"
copy_rates=(); copy_times=()
for (( r = 1; r <= COPY_RUNS; r++ )); do
    psql_ -c "delete from catalog_variant where account_id = '$acct2'" -c "delete from catalog_item where account_id = '$acct2'" \
          -c "vacuum analyze catalog_item" -c "vacuum analyze catalog_variant" -c "checkpoint"
    wait_for_quiet
    log "COPY baseline run $r: $(fmt "$ITEMS") items, then $(fmt $(( ITEMS * 2 ))) variants"
    w0=$(pg_counters); before=$(snapshot)
    t0=$(date +%s%N)
    psql_ -c "\\copy catalog_item (account_id, id, external_id, title, published, created, updated, doc) from '$work/items.csv' with (format csv)" \
          -c "\\copy catalog_variant (account_id, id, item_id, external_id, title, sku, published, created, updated, doc) from '$work/variants.csv' with (format csv)"
    t1=$(date +%s%N)
    after=$(snapshot); after=$(settle_pg "$after"); w1=$(pg_counters)
    copy_s=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.2f", ns / 1e9 }')
    copy_times+=("$copy_s")
    copy_rates+=("$(awk -v s="$copy_s" -v n="$N" 'BEGIN { printf "%.0f", n / s }')")
    if (( r == 1 )); then copy_cpu=$(cpu_share "$before" "$after" "$N"); copy_other=$(other_share "$before" "$after"); copy_pg=$(pg_counters_per "$w0" "$w1" "$N"); fi
    read -r c_items c_variants <<<"$(rows_of "$acct2" sync)"
    (( c_items + c_variants == N )) || fail "COPY run $r stored $c_items items and $c_variants variants, expected $N rows"
    log "COPY run $r: ${copy_s}s = $(fmt "${copy_rates[-1]}") rows/s"
done
copy_rate=$(printf '%s\n' "${copy_rates[@]}" | awk '{ s += $1 } END { printf "%.0f", s / NR }')
same=$(psql_ -Atc "select count(*) from catalog_variant a join catalog_variant b on b.account_id = '$acct2' and b.id = a.id
    and b.doc = a.doc and b.item_id = a.item_id and b.sku = a.sku where a.account_id = '$acct' and a.external_id like 'sync-%'")
(( same == ITEMS * 2 )) || fail "only $same copied variants equal the synced ones"

pg_version=$(psql_ -Atc "show server_version")
pg_settings=$(psql_ -Atc "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
    where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'max_wal_size', 'wal_level', 'max_connections')")
workers=$(sed -n 's/.*job workers[^0-9]*\([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -1)
stop_server

# --- results ------------------------------------------------------------------------------------------------
ts=$(date -u +%Y%m%dT%H%M%SZ)
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)$(grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine')"
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
sync_ratio=$(ratio "$sync_rate" "$copy_rate")
target=$(awk -v r="$sync_ratio" 'BEGIN { print (r >= 0.5 ? "met" : "**missed**") }')
mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/catalog-sync-$ts.md
{
    echo "### Catalog sync benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $mem; $(uname -sr)"
    echo "- server: jar $jar_id; $("$JAVA" -version 2>&1 | head -1)${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}${workers:+, $workers job workers}"
    echo "- PostgreSQL $pg_version (embedded, shared by the server and the baseline): $pg_settings"
    echo "- load: catalog_sync_driver.py (python3), $PARALLEL jobs in flight, status polled every ${POLL}s, bodies of $PER_JOB records" \
         "(largest $(fmt "$(kv BODY_BYTES "$work/sync.txt")") bytes); warm-up: $warm_rounds syncs of $(fmt "$WARM_ITEMS") items (${warm_s}s, until the JIT compiler was idle or $WARM_ROUNDS rounds);" \
         "baseline psql \`\\copy\` of the synced rows under another account, $COPY_RUNS runs$( (( JFR == 1 )) && echo "; a JFR recording (settings=profile) ran during the sync" || true)"
    echo "- command: \`ITEMS=$ITEMS PER_JOB=$PER_JOB WARM_ITEMS=$WARM_ITEMS PARALLEL=$PARALLEL POLL=$POLL COPY_RUNS=$COPY_RUNS JFR=$JFR bench/catalog-sync.sh\`"
    echo
    echo "| benchmark | OpenProfile | baseline (COPY into catalog_item, catalog_variant) | ratio |"
    echo "|---|---|---|---|"
    echo "| $(fmt "$ITEMS") items + $(fmt $(( ITEMS * 2 ))) variants in $(kv JOBS "$work/sync.txt") bulk create jobs, first POST to last complete |" \
         "$(fmt "$sync_rate") rows/s (${sync_s} s) | $(fmt "$copy_rate") rows/s (${copy_times[*]} s) | **$sync_ratio** |"
    echo
    echo "Target (issue 14): the sync at least 0.5x COPY's rate: $target ($sync_ratio)."
    echo
    echo "Checks: $(kv JOBS "$work/sync.txt") jobs complete, completed_count $(fmt "$(kv COMPLETED "$work/sync.txt")"), failed_count" \
         "$(kv FAILED "$work/sync.txt"), $(kv BAD_JOBS "$work/sync.txt") jobs off, $(kv ERRORS "$work/sync.txt") request errors;" \
         "$(fmt "$got_items") items and $(fmt "$got_variants") variants stored; COPY stored $(fmt "$c_items") + $(fmt "$c_variants") rows," \
         "$(fmt "$same") variants equal to the synced ones. POST (202) latency mean / max: $(kv SUBMIT_MEAN "$work/sync.txt") / $(kv SUBMIT_MAX "$work/sync.txt") s."
    echo
    echo "CPU time per row, µs, from /proc over each measured phase:"
    echo
    echo "| phase | server JVM | of which JIT compiler | PostgreSQL | driver | kernel irq | other | hypervisor steal | machine busy |"
    echo "|---|---|---|---|---|---|---|---|---|"
    echo "| sync | $sync_cpu |"
    echo "| COPY (run 1) | - | - | ${copy_cpu#* | * | } |"
    echo
    echo "PostgreSQL's work per row: transactions | rows inserted | WAL bytes: sync $sync_pg; COPY $copy_pg."
    for s in "$sync_other" "$copy_other"; do
        if (( s > 5 )); then
            echo
            echo "**Warning**: other work used more than 5% of the machine during a measured phase; run again on a quiet machine."
            break
        fi
    done
    echo
    echo "Server stop: SIGTERM, exit status $server_rc."
    if (( ${#failures[@]} > 0 )); then echo; echo "**FAILED**: ${failures[*]}"; fi
} >"$out"
cat "$out"
echo
echo "written to $out" >&2
(( ${#failures[@]} == 0 )) || die "FAILED: ${failures[*]}"
