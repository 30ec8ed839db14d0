#!/usr/bin/env bash
# Custom objects benchmark (issue 17), end to end: RECORDS data source records (1,000,000) sent through
# bulk_create_data_source_records (PER_REQUEST a request, the API's maximum of 500, from CLIENTS concurrent clients)
# into an active object type whose source mapping maps 6 of the record's members (every property type) and a
# constant; the clock runs from the first POST until the server's jobs are all complete, and every record must then
# be stored. Beside it, in the same run, a COPY of the very object_record rows it stored (same columns and JSON) into
# a scratch table made `like object_record including all` (its indexes) with object_record's foreign key. See bench/README.md and
# docs/benchmarks.md ("Custom objects"). Prints a markdown results block and writes it to bench/results/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

RECORDS=${RECORDS:-1000000}                # records sent in the measured phase
PER_REQUEST=${PER_REQUEST:-500}            # records a request (the API's maximum)
CLIENTS=${CLIENTS:-4}                      # concurrent clients (threads, one connection each)
POLL=${POLL:-0.1}                          # seconds between reads of the job table while waiting for the jobs
SAMPLE=${SAMPLE:-0.5}                      # seconds between samples of pg_stat_activity during the measured phase
WARM_RECORDS=${WARM_RECORDS:-100000}       # records of a warm-up round (into a type of its own), before the clock
WARM_ROUNDS=${WARM_ROUNDS:-5}              # at most this many warm-up rounds: until one in which the JIT compiler used < 3% of a core
COPY_RUNS=${COPY_RUNS:-2}                  # COPY baseline runs (the rate reported is their mean)
TIMEOUT=${TIMEOUT:-3600}                   # longest wait for the jobs after the last POST, seconds
JFR=${JFR:-1}                              # 1: a Java Flight Recording of the measured phase, summarized in the results
BENCH_WAIT=${BENCH_WAIT:-1800}             # longest wait for another benchmark or build to finish, seconds
BENCH_OTHERS=${BENCH_OTHERS:-'bench/(profiles|lists|import|events|segments|aggregates|catalog-read|catalog-sync|campaign-send)\.sh|(^|/)wrk |(^|/)pgbench '}
QUIET_WAIT=${QUIET_WAIT:-300}              # longest wait for a quiet machine before each phase, seconds
PORT=${PORT:-}                             # default: a free port
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JCMD=${JCMD:-$(dirname "$JAVA")/jcmd}
JFR_TOOL=${JFR_TOOL:-$(dirname "$JAVA")/jfr}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PYTHON=${PYTHON:-python3}
KEEP=${KEEP:-0}                            # 1: keep the work directory (server log, samples, JFR recording, CSV)
RESULTS_DIR=${RESULTS_DIR:-$here/results}

die() { echo "custom-objects.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
fmt() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }; print s r }'; }
now() { date +%s.%N; }

source "$here/lib-server.sh"   # check_setup, start_server, stop_server, kill_server, wait_for_benchmarks
check_setup "$PSQL" "$PYTHON" curl awk
(( PER_REQUEST >= 1 && PER_REQUEST <= 500 )) || die "PER_REQUEST must be 1..500 (the API's limit)"
(( JFR == 0 )) || [[ -x $JCMD && -x $JFR_TOOL ]] || die "no jcmd/jfr next to $JAVA (set JCMD= and JFR_TOOL=, or JFR=0)"
wait_for_benchmarks "$BENCH_OTHERS"

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-bench.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
clk=$(getconf CLK_TCK)
failures=()
fail() { failures+=("$1"); echo "custom-objects.sh: FAILURE: $1" >&2; }
cleanup() {
    local rc=$?
    kill_server
    if [[ $KEEP == 1 || $JFR == 1 || $rc != 0 ]]; then echo "custom-objects.sh: work directory kept: $work" >&2; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CPU_DECIMALS=1
source "$here/lib-cpu.sh"

# api METHOD PATH [BODY] -> the answer's body; dies on a status other than 2xx
api() {
    local out status
    out=$(curl -sS -w '\n%{http_code}' -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Klaviyo-API-Key $key" \
        -H 'revision: 2026-07-15' -H 'Content-Type: application/vnd.api+json' -H 'Accept: application/vnd.api+json' ${3:+--data-binary "$3"})
    status=${out##*$'\n'}
    [[ $status == 2* ]] || die "$1 $2 answered $status: ${out%$'\n'*}"
    echo "${out%$'\n'*}"
}
json_id() { "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["data"]["id"])'; }
# definitions TAG -> "SOURCE_ID TYPE_ID": a data source and an active object type mapping it (6 members and a constant)
definitions() {
    local source type
    source=$(api POST /api/data-sources "{\"data\":{\"type\":\"data-source\",\"attributes\":{\"title\":\"$1 orders\"}}}" | json_id)
    type=$(api POST /api/object-types "$("$PYTHON" - "$1" "$source" <<'EOF'
import json, sys
tag, source = sys.argv[1], sys.argv[2]
props = [("sku", "string"), ("quantity", "int"), ("price", "float"), ("gift", "boolean"), ("ordered_at", "timestamp"), ("store", "string")]
members = ["sku", "qty", "price", "gift", "ordered_at", "store"]
mappings = [{"id": i + 1, "type": "simple", "source": {"source_id": source, "id_path": "$['id']", "data_path": f"$['{m}']"}}
            for i, m in enumerate(members)] + [{"id": 7, "type": "constant", "value": "web"}]
print(json.dumps({"data": {"type": "object-type", "attributes": {"title": f"{tag} order line", "object-schema": {"data": {
    "type": "object-schema", "attributes": {
        "status": "active", "required": ["sku"],
        "properties": [{"id": i + 1, "name": n, "type": t} for i, (n, t) in enumerate(props)] + [{"id": 7, "name": "channel", "type": "string"}],
        "source-mapping": {"data": {"type": "source-mapping", "attributes": {"property_mappings": mappings}}}}}}}}}))
EOF
)" | json_id)
    echo "$source $type"
}
pending_jobs() { psql_ -Atc "select count(*) from job where account_id = '$acct' and status in ('queued', 'processing')"; }
records_of() { psql_ -Atc "select count(*) from object_record where account_id = '$acct' and object_type_id = '$1'"; }
# ingest SOURCE PREFIX COUNT OUT: the driver's POSTs, then the wait until no job of the account is queued or processing;
# OUT.txt gets the driver's lines and DONE= (epoch s), OUT.activity the pg_stat_activity samples (when SAMPLING=1)
ingest() {
    local sampler="" t
    : >"$4.activity"
    if [[ ${SAMPLING:-0} == 1 ]]; then
        ( while [[ ! -e $4.stop ]]; do
              psql_ -At -c "select '--sample--'" -c "select regexp_replace(query, '\s+', ' ', 'g') from pg_stat_activity
                  where state = 'active' and backend_type = 'client backend' and application_name <> 'psql'" >>"$4.activity" || true
              sleep "$SAMPLE"
          done ) &
        sampler=$!
    fi
    "$PYTHON" "$here/custom_objects_driver.py" "$PORT" "$key" "$1" "$2" "$3" "$PER_REQUEST" "$CLIENTS" >"$4.txt" 2>"$4.err" \
        || fail "$(basename "$4"): the driver failed: $(head -3 "$4.err")"
    t=$(date +%s)
    while (( $(pending_jobs) > 0 )); do
        (( $(date +%s) - t < TIMEOUT )) || { fail "$(basename "$4"): jobs still pending ${TIMEOUT}s after the last POST"; break; }
        sleep "$POLL"
    done
    echo "DONE=$(now)" >>"$4.txt"
    if [[ -n $sampler ]]; then touch "$4.stop"; wait "$sampler" || true; fi
}
elapsed_of() { awk -v a="$(kv FIRST_SUBMIT "$1")" -v b="$(kv DONE "$1")" 'BEGIN { printf "%.2f", b - a }'; }

# --- 0. the server and the definitions ---------------------------------------------------------------------------
start_server
read -r warm_source warm_type <<<"$(definitions warm-up)"
read -r source type <<<"$(definitions measured)"
log "data sources $warm_source (warm-up), $source; object types $warm_type, $type"

# --- 1. warm-up: bulk ingestion into a type of its own, until the JIT compiler has compiled the path ---------------
t0=$(date +%s)
for (( round = 1; round <= WARM_ROUNDS; round++ )); do
    j0=$(jit_ticks); r0=$(date +%s%N)
    ingest "$warm_source" "warm$round" "$WARM_RECORDS" "$work/warm$round"
    (( ${#failures[@]} == 0 )) || die "warm-up round $round failed: ${failures[*]}"
    j1=$(jit_ticks); dt=$(( ($(date +%s%N) - r0) / 1000000 ))   # ms
    log "warm-up round $round: $(fmt "$WARM_RECORDS") records in $(elapsed_of "$work/warm$round.txt") s," \
        "JIT $(( (j1 - j0) * 100000 / clk / (dt > 0 ? dt : 1) ))% of a core"
    (( (j1 - j0) * 100000 < 3 * clk * dt )) && break
done
warm_rounds=$(( round > WARM_ROUNDS ? WARM_ROUNDS : round ))
warm_s=$(( $(date +%s) - t0 ))
warm_stored=$(records_of "$warm_type")
(( warm_stored == warm_rounds * WARM_RECORDS )) || fail "the warm-up stored $warm_stored records, expected $(( warm_rounds * WARM_RECORDS ))"
psql_ -c "vacuum analyze" -c "checkpoint"

# --- 2. the measured ingestion ----------------------------------------------------------------------------------
wait_for_quiet
log "ingestion: $(fmt "$RECORDS") records, $PER_REQUEST a request, $CLIENTS clients"
if (( JFR == 1 )); then "$JCMD" "$server_pid" JFR.start name=ingest settings=profile filename="$work/ingest.jfr" >/dev/null; fi
w0=$(pg_counters); before=$(snapshot)
SAMPLING=1 ingest "$source" m "$RECORDS" "$work/ingest"
after=$(snapshot); after=$(settle_pg "$after"); w1=$(pg_counters)
if (( JFR == 1 )); then "$JCMD" "$server_pid" JFR.stop name=ingest >/dev/null; fi
ingest_s=$(elapsed_of "$work/ingest.txt")
accept_s=$(awk -v a="$(kv FIRST_SUBMIT "$work/ingest.txt")" -v b="$(kv LAST_ANSWER "$work/ingest.txt")" 'BEGIN { printf "%.2f", b - a }')
ingest_rate=$(awk -v s="$ingest_s" -v n="$RECORDS" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
ingest_cpu=$(cpu_share "$before" "$after" "$RECORDS"); ingest_other=$(other_share "$before" "$after")
ingest_pg=$(pg_counters_per "$w0" "$w1" "$RECORDS")
stored=$(records_of "$type")
(( stored == RECORDS )) || fail "the ingestion stored $stored records, expected $RECORDS"
logged=$(psql_ -Atc "select count(*) from object_ingestion_log where account_id = '$acct'" 2>/dev/null || echo '?')
sample_ok=$(psql_ -Atc "select properties = jsonb_build_object('sku', 'SKU-00042', 'quantity', 7, 'price', 13.0, 'gift', true,
    'ordered_at', '2026-07-15T18:42:00Z', 'store', 'store-2', 'channel', 'web')::jsonb
    from object_record where account_id = '$acct' and object_type_id = '$type' and record_id = 'm-0000042'" 2>/dev/null || echo '?')
log "ingestion: $(fmt "$RECORDS") records in ${ingest_s}s = $(fmt "$ingest_rate") records/s (POSTs answered in ${accept_s}s)"

# --- 3. baseline: COPY of the same object_record rows into a scratch table shaped like object_record -------------
psql_ -c "\\copy (select * from object_record where account_id = '$acct' and object_type_id = '$type') to '$work/records.csv' with (format csv)"
(( $(wc -l <"$work/records.csv") == stored )) || fail "records.csv does not hold the $stored stored rows"
psql_ -c "drop table if exists object_record_copy" -c "create table object_record_copy (like object_record including all)" \
      -c "alter table object_record_copy add foreign key (account_id, object_type_id) references object_type (account_id, id) on delete cascade"
copy_rates=(); copy_times=()
for (( r = 1; r <= COPY_RUNS; r++ )); do
    psql_ -c "truncate object_record_copy" -c "checkpoint"
    wait_for_quiet
    log "COPY baseline run $r: $(fmt "$stored") rows"
    w0=$(pg_counters); before=$(snapshot)
    t0=$(date +%s%N)
    psql_ -c "\\copy object_record_copy from '$work/records.csv' with (format csv)"
    t1=$(date +%s%N)
    after=$(snapshot); after=$(settle_pg "$after"); w1=$(pg_counters)
    copy_s=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.2f", ns / 1e9 }')
    copy_times+=("$copy_s")
    copy_rates+=("$(awk -v s="$copy_s" -v n="$stored" 'BEGIN { printf "%.0f", n / s }')")
    if (( r == 1 )); then copy_cpu=$(cpu_share "$before" "$after" "$stored"); copy_other=$(other_share "$before" "$after"); copy_pg=$(pg_counters_per "$w0" "$w1" "$stored"); fi
    copied=$(psql_ -Atc "select count(*) from object_record_copy")
    (( copied == stored )) || fail "COPY run $r stored $copied rows, expected $stored"
    log "COPY run $r: ${copy_s}s = $(fmt "${copy_rates[-1]}") rows/s"
done
copy_rate=$(printf '%s\n' "${copy_rates[@]}" | awk '{ s += $1 } END { printf "%.0f", s / NR }')
same=$(psql_ -Atc "select count(*) from object_record a join object_record_copy b using (account_id, object_type_id, record_id)
    where a.account_id = '$acct' and a.object_type_id = '$type' and a.properties = b.properties")
(( same == stored )) || fail "only $same copied rows equal the ingested ones"
shape=$(psql_ -Atc "select string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position) from information_schema.columns
    where table_schema = 'openprofile' and table_name = 'object_record'")
indexes=$(psql_ -Atc "select string_agg(indexdef, '; ') from pg_indexes where schemaname = 'openprofile' and tablename = 'object_record'")
table_mb=$(psql_ -Atc "select pg_total_relation_size('object_record_copy') / 1048576")

pg_version=$(psql_ -Atc "show server_version")
pg_settings=$(psql_ -Atc "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
    where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'max_wal_size', 'wal_level', 'max_connections')")
workers=$(sed -n 's/.*job workers[^0-9]*\([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -1)
stop_server

# --- profile: where the time went -------------------------------------------------------------------------------------
jfr_cpu=""; jfr_wait=""; jfr_wait_all=""
if (( JFR == 1 )); then
    "$JFR_TOOL" print --json --stack-depth 64 --events jdk.ExecutionSample "$work/ingest.jfr" >"$work/ingest-samples.json"
    jfr_cpu=$("$PYTHON" "$here/custom_objects_profile.py" jfr "$work/ingest-samples.json" job-worker-)
    # tens of thousands of reads: only the job workers' and the request threads', as text (their JSON runs to gigabytes)
    "$JFR_TOOL" scrub --include-events jdk.SocketRead --include-threads 'job-worker-*,JettyServerThreadPool*' \
        "$work/ingest.jfr" "$work/ingest-reads.jfr" >/dev/null
    "$JFR_TOOL" print --stack-depth 32 --events jdk.SocketRead "$work/ingest-reads.jfr" >"$work/ingest-reads.txt"
    jfr_wait=$("$PYTHON" "$here/custom_objects_profile.py" wait "$work/ingest-reads.txt" job-worker-)
    jfr_wait_all=$("$PYTHON" "$here/custom_objects_profile.py" wait "$work/ingest-reads.txt" "")
fi
pg_table=$("$PYTHON" "$here/custom_objects_profile.py" pg "$work/ingest.activity")

# --- results ------------------------------------------------------------------------------------------------
ts=$(date -u +%Y%m%dT%H%M%SZ)
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)$(grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine')"
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
the_ratio=$(ratio "$ingest_rate" "$copy_rate")
mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/custom-objects-$ts.md
{
    echo "### Custom objects benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $mem; $(uname -sr); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- server: jar $jar_id; $("$JAVA" -version 2>&1 | head -1)${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}${workers:+, $workers job workers}; rate limits off"
    echo "- PostgreSQL $pg_version (embedded, shared by the server and the baseline): $pg_settings"
    echo "- load: custom_objects_driver.py (python3), $CLIENTS clients, bodies of $PER_REQUEST records (largest $(fmt "$(kv BODY_BYTES "$work/ingest.txt")") bytes);" \
         "jobs awaited by reading the job table every ${POLL}s; warm-up: $warm_rounds rounds of $(fmt "$WARM_RECORDS") records into a type of its own" \
         "(${warm_s}s, until the JIT compiler was idle or $WARM_ROUNDS rounds); pg_stat_activity sampled every ${SAMPLE}s$( (( JFR == 1 )) && echo "; a JFR recording (settings=profile) of the measured phase" || true)"
    echo "- baseline: psql \`\\copy\` of the stored object_record rows into \`object_record_copy\` (\`like object_record including all\`), $COPY_RUNS runs;" \
         "object_record: $shape; indexes: $indexes; $table_mb MB copied"
    echo "- command: \`RECORDS=$RECORDS PER_REQUEST=$PER_REQUEST CLIENTS=$CLIENTS WARM_RECORDS=$WARM_RECORDS COPY_RUNS=$COPY_RUNS JFR=$JFR bench/custom-objects.sh\`"
    echo
    echo "| benchmark | OpenProfile | baseline (COPY into a copy of object_record) | ratio |"
    echo "|---|---|---|---|"
    echo "| $(fmt "$RECORDS") records in $(kv REQUESTS "$work/ingest.txt") bulk_create_data_source_records requests, first POST to the last job complete |" \
         "$(fmt "$ingest_rate") records/s (${ingest_s} s; the POSTs answered in ${accept_s} s) | $(fmt "$copy_rate") rows/s (${copy_times[*]} s) | **$the_ratio** |"
    echo
    echo "Checks: $(kv REQUESTS "$work/ingest.txt") POSTs answered 204, $(kv ERRORS "$work/ingest.txt") request errors; $(fmt "$stored") records stored" \
         "(record m-0000042 as expected: $sample_ok); $logged ingestion log entries; COPY stored $(fmt "$copied") rows, $(fmt "$same") equal to the ingested ones." \
         "POST (204) latency mean / max: $(kv SUBMIT_MEAN "$work/ingest.txt") / $(kv SUBMIT_MAX "$work/ingest.txt") s."
    echo
    echo "CPU time per record, µs, from /proc over each measured phase:"
    echo
    echo "| phase | server JVM | of which JIT compiler | PostgreSQL | driver and sampler | kernel irq | other | hypervisor steal | machine busy |"
    echo "|---|---|---|---|---|---|---|---|---|"
    echo "| ingestion | $ingest_cpu |"
    echo "| COPY (run 1) | - | - | ${copy_cpu#* | * | } |"
    echo
    echo "PostgreSQL's work per record: transactions | rows inserted | WAL bytes: ingestion $ingest_pg; COPY $copy_pg."
    for s in "$ingest_other" "$copy_other"; do
        if (( s > 5 )); then
            echo
            echo "**Warning**: other work used more than 5% of the machine during a measured phase (see 'other'); run again on a quiet machine."
            break
        fi
    done
    if (( JFR == 1 )); then
        echo
        echo "Where the job workers' CPU went (JFR execution samples during the ingestion):"
        echo
        echo "$jfr_cpu"
        echo
        echo "Where the job workers waited for PostgreSQL (JFR socket reads):"
        echo
        echo "$jfr_wait"
        echo
        echo "The job workers' and the request threads' socket reads together (the POSTs store the raw records as the job):"
        echo
        echo "$jfr_wait_all"
    fi
    echo
    echo "What PostgreSQL ran for the server during the ingestion (pg_stat_activity samples):"
    echo
    echo "$pg_table"
    echo
    echo "Server stop: SIGTERM, exit status $server_rc."
    if (( ${#failures[@]} > 0 )); then echo; echo "**FAILED**: ${failures[*]}"; fi
} >"$out"
cat "$out"
echo
echo "written to $out" >&2
(( ${#failures[@]} == 0 )) || die "FAILED: ${failures[*]}"
