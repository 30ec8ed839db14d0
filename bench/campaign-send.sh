#!/usr/bin/env bash
# Campaign send benchmark (issue 16): a templated email campaign sent to RECIPIENTS list members (100,000) through
# send_campaign, from its 202 to the send job's "complete" (the audience resolved once, then chunks of 500 rendered
# and recorded: a Received Email event with its dedup key and an outbox row per recipient); beside a COPY of the
# very same rows (event, event_key, outbox_message) back into the same tables on the same embedded PostgreSQL in
# the same run. The send is profiled while it runs: a JFR recording of the job worker's CPU and samples of what
# PostgreSQL's backends run. See bench/README.md. Prints a markdown results block and writes it to bench/results/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

RECIPIENTS=${RECIPIENTS:-100000}           # list members the measured campaign is sent to
WARM_RECIPIENTS=${WARM_RECIPIENTS:-10000}  # members of the warm-up list (the first of the same profiles)
WARM_ROUNDS=${WARM_ROUNDS:-4}              # at most this many warm-up sends: until one in which the JIT compiler used < 3% of a core
POLL=${POLL:-0.05}                         # seconds between GETs of the send job's status (one keep-alive connection)
SAMPLE=${SAMPLE:-0.5}                      # seconds between samples of the send's progress and of pg_stat_activity
COPY_RUNS=${COPY_RUNS:-2}                  # COPY baseline runs (the rate reported is their mean)
SEND_TIMEOUT=${SEND_TIMEOUT:-900}          # longest a send may take from its 202 to "complete", seconds
JFR=${JFR:-1}                              # 1: a Java Flight Recording of the measured send, summarized in the results
BENCH_WAIT=${BENCH_WAIT:-1800}             # longest wait for another benchmark or build to finish, seconds
BENCH_OTHERS=${BENCH_OTHERS:-'bench/(profiles|lists|import|events|segments|aggregates|catalog-read|catalog-sync|webhooks)\.sh|maven|(^|/)wrk |(^|/)pgbench '}
QUIET_WAIT=${QUIET_WAIT:-300}              # longest wait for a quiet machine before each measured phase, seconds
PORT=${PORT:-}                             # default: a free port
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JCMD=${JCMD:-$(dirname "$JAVA")/jcmd}
JFR_TOOL=${JFR_TOOL:-$(dirname "$JAVA")/jfr}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PYTHON=${PYTHON:-python3}
KEEP=${KEEP:-0}                            # 1: keep the work directory (server log, samples, JFR recording, CSVs)
RESULTS_DIR=${RESULTS_DIR:-$here/results}

die() { echo "campaign-send.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
fmt() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }; print s r }'; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
per_s() { awk -v n="$1" -v ns="$2" 'BEGIN { printf "%.0f", (ns > 0 ? n * 1e9 / ns : 0) }'; }

source "$here/lib-server.sh"   # check_setup, start_server, stop_server, kill_server, wait_for_benchmarks
check_setup "$PSQL" "$PYTHON" curl awk
(( JFR == 0 )) || [[ -x $JCMD && -x $JFR_TOOL ]] || die "no jcmd/jfr next to $JAVA (set JCMD= and JFR_TOOL=, or JFR=0)"
(( WARM_RECIPIENTS <= RECIPIENTS )) || die "WARM_RECIPIENTS must not exceed RECIPIENTS"
wait_for_benchmarks "$BENCH_OTHERS"

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-bench.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
clk=$(getconf CLK_TCK)
failures=()
fail() { failures+=("$1"); echo "campaign-send.sh: FAILURE: $1" >&2; }
cleanup() {
    local rc=$?
    kill_server
    if [[ $KEEP == 1 || $rc != 0 ]]; then echo "campaign-send.sh: work directory kept: $work" >&2; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CPU_DECIMALS=1
source "$here/lib-cpu.sh"   # snapshot, settle_pg, cpu_share, other_share, jit_ticks, wait_for_quiet, pg_counters(_per)
# CPU ticks of the server's job worker threads (the send runs on one of them, chunk after chunk).
worker_ticks() { cat /proc/"$server_pid"/task/*/stat 2>/dev/null | awk '/\(job-worker-/ { t += $14 + $15 } END { print t + 0 }'; }
api() {   # METHOD PATH [BODY]: the answer's body; fails unless 2xx
    curl -sf -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Klaviyo-API-Key $key" -H "revision: 2026-07-15" \
        -H "Content-Type: application/vnd.api+json" -H "Accept: application/vnd.api+json" ${3:+--data "$3"} \
        || die "$1 $2 failed"
}
json() { "$PYTHON" -c "import json, sys; d = json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

# --- 0. the server, the profiles, two lists ------------------------------------------------------------------
start_server
new_list() { api POST /api/lists "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"$1\"}}}" | json "['data']['id']"; }
list=$(new_list "Send"); warm_list=$(new_list "Warm-up")
log "seeding $(fmt "$RECIPIENTS") profiles (never subscribed, with an email: they can receive email marketing) and the lists"
psql_ -v acct="$acct" -v lo=1 -v hi="$RECIPIENTS" -f "$here/seed.sql"
psql_ -v acct="$acct" -v list="$list" -v warm_list="$warm_list" -v hi="$RECIPIENTS" -v warm="$WARM_RECIPIENTS" -f "$here/campaign_send.sql"
psql_ -c "vacuum analyze"

# The template and campaign of CampaignSendingTest: subject, preview and body name the recipient and a property.
template=$(api POST /api/templates '{"data":{"type":"template","attributes":{"name":"Bench","editor_type":"CODE",
  "html":"<p>Hi {{ first_name|default:'"'"'there'"'"' }}, your plan is {{ person|lookup:'"'"'plan'"'"' }}</p>",
  "text":"Hi {{ first_name }}"}}}' | json "['data']['id']")
campaign() {   # NAME LIST -> the id of a draft email campaign to the list, with the template assigned
    local c m
    c=$(api POST /api/campaigns "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":\"$1\",\"audiences\":{\"included\":[\"$2\"],
      \"excluded\":[]},\"campaign-messages\":{\"data\":[{\"type\":\"campaign-message\",\"attributes\":{\"definition\":{\"channel\":\"email\",
      \"label\":\"Main\",\"content\":{\"subject\":\"Hello {{ first_name }}\",\"preview_text\":\"News for {{ email }}\",
      \"from_email\":\"shop@example.com\",\"from_label\":\"Shop\",\"reply_to_email\":\"help@example.com\"}}}}]}}}}" | json "['data']['id']")
    m=$(api GET "/api/campaigns/$c/relationships/campaign-messages" | json "['data'][0]['id']")
    api POST /api/campaign-message-assign-template "{\"data\":{\"type\":\"campaign-message\",\"id\":\"$m\",\"relationships\":
      {\"template\":{\"data\":{\"type\":\"template\",\"id\":\"$template\"}}}}}" >/dev/null
    echo "$c"
}
# send CAMPAIGN OUT: send_campaign and the wait for its job to complete, by campaign_send_driver.py (OUT.txt); while it
# runs, a sampler reads every SAMPLE s the job's progress (OUT.progress: ms since the start, resolved, next_seq) and
# the active statements of the server's connections (OUT.activity), one psql call a sample.
send() {
    : >"$2.activity"
    "$PYTHON" "$here/campaign_send_driver.py" "$PORT" "$key" "$1" "$POLL" "$SEND_TIMEOUT" >"$2.txt" 2>"$2.err" &
    local driver=$! s0; s0=$(date +%s%N)
    while kill -0 "$driver" 2>/dev/null; do
        psql_ -At -c "select '--sample--', $(( ($(date +%s%N) - s0) / 1000000 )), resolved, next_seq from campaign_send
            where campaign_id = '$1'" -c "select regexp_replace(query, '\s+', ' ', 'g') from pg_stat_activity
            where state = 'active' and backend_type = 'client backend' and application_name <> 'psql'" >>"$2.activity" || true
        sleep "$SAMPLE"
    done
    wait "$driver" || { cat "$2.err" >&2; fail "the send of $1 failed"; }
    awk -F'|' '$1 == "--sample--" { print $2, $3, $4 }' "$2.activity" >"$2.progress"
}
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }

# --- 1. warm-up: sends to the warm-up list until the JIT compiler has compiled the send path ----------------
t0=$(date +%s)
for (( round = 1; round <= WARM_ROUNDS; round++ )); do
    j0=$(jit_ticks); r0=$(date +%s%N)
    send "$(campaign "Warm-up $round" "$warm_list")" "$work/warm$round"
    [[ $(kv STATUS "$work/warm$round.txt") == complete ]] || die "warm-up send $round did not complete"
    j1=$(jit_ticks); dt=$(( ($(date +%s%N) - r0) / 1000000 ))   # ms
    log "warm-up send $round: $(fmt "$WARM_RECIPIENTS") recipients in $(secs "$(kv ELAPSED_NS "$work/warm$round.txt")") s," \
        "JIT $(( (j1 - j0) * 100000 / clk / (dt > 0 ? dt : 1) ))% of a core"
    (( (j1 - j0) * 100000 < 3 * clk * dt )) && break
done
warm_rounds=$(( round > WARM_ROUNDS ? WARM_ROUNDS : round ))
warm_s=$(( $(date +%s) - t0 ))

# --- 2. the measured send ----------------------------------------------------------------------------------------
measured=$(campaign "Measured" "$list")
message=$(api GET "/api/campaigns/$measured/relationships/campaign-messages" | json "['data'][0]['id']")
psql_ -c "vacuum analyze" -c "checkpoint"
wait_for_quiet
log "send: $(fmt "$RECIPIENTS") recipients"
if (( JFR == 1 )); then "$JCMD" "$server_pid" JFR.start name=send settings=profile filename="$work/send.jfr" >/dev/null; fi
w0=$(pg_counters); k0=$(worker_ticks); before=$(snapshot)
send "$measured" "$work/send"
k1=$(worker_ticks); after=$(snapshot); after=$(settle_pg "$after"); w1=$(pg_counters)
if (( JFR == 1 )); then "$JCMD" "$server_pid" JFR.stop name=send >/dev/null; fi
[[ $(kv STATUS "$work/send.txt") == complete ]] || fail "the send was not complete after ${SEND_TIMEOUT}s"
send_ns=$(kv ELAPSED_NS "$work/send.txt")
send_rate=$(per_s "$RECIPIENTS" "$send_ns")
send_cpu=$(cpu_share "$before" "$after" "$RECIPIENTS"); send_other=$(other_share "$before" "$after")
send_pg=$(pg_counters_per "$w0" "$w1" "$RECIPIENTS")
worker_share=$(awk -v t=$(( k1 - k0 )) -v clk="$clk" -v ns="$send_ns" 'BEGIN { printf "%.0f", 100 * t / clk / (ns / 1e9) }')
# The audience's resolution: the first progress sample with the snapshot written (resolution to complete: the chunks).
resolved_ms=$(awk '$2 == "t" { print $1; exit }' "$work/send.progress"); resolved_ms=${resolved_ms:-0}
unresolved_ms=$(awk '$2 == "f" { t = $1 } END { print t + 0 }' "$work/send.progress")
chunk_rate=$(per_s "$RECIPIENTS" $(( send_ns - resolved_ms * 1000000 )))
log "send: $(fmt "$RECIPIENTS") recipients in $(secs "$send_ns") s = $(fmt "$send_rate") recipients/s"

metric=$(psql_ -Atc "select id from metric where account_id = '$acct' and name = 'Received Email' and integration_key = 'klaviyo'")
status=$(api GET "/api/campaigns/$measured" | json "['data']['attributes']['status']")
read -r outbox outbox_profiles rendered <<<"$(psql_ -Atc "select count(*), count(distinct o.profile_id),
    count(*) filter (where o.to_address = p.email and o.subject = 'Hello ' || p.first_name
                     and o.body_html = '<p>Hi ' || p.first_name || ', your plan is ' || (p.properties->>'plan') || '</p>')
    from outbox_message o left join profile p on p.account_id = o.account_id and p.id = o.profile_id
    where o.account_id = '$acct' and o.campaign_id = '$measured'" | tr '|' ' ')"
read -r events event_profiles keys <<<"$(psql_ -Atc "select count(*), count(distinct profile_id),
    (select count(*) from event_key where account_id = '$acct' and metric_id = '$metric' and dedup_key = 'u:$message')
    from event where account_id = '$acct' and metric_id = '$metric' and unique_id = '$message'" | tr '|' ' ')"
[[ $status == Sent ]] || fail "the campaign's status is $status, not Sent"
(( outbox == RECIPIENTS && outbox_profiles == RECIPIENTS && rendered == RECIPIENTS )) \
    || fail "$outbox outbox rows for $outbox_profiles profiles ($rendered rendered as expected), expected $RECIPIENTS"
(( events == RECIPIENTS && event_profiles == RECIPIENTS && keys == RECIPIENTS )) \
    || fail "$events Received Email events for $event_profiles profiles, $keys dedup keys, expected $RECIPIENTS"

# --- 3. baseline: the same rows by COPY, into the same tables ----------------------------------------------------
# The rows the send stored are read out, deleted, and copied back in: same ids, columns, JSON and indexes.
where_event="account_id = '$acct' and metric_id = '$metric' and unique_id = '$message'"
where_key="account_id = '$acct' and metric_id = '$metric' and dedup_key = 'u:$message'"
where_outbox="account_id = '$acct' and campaign_id = '$measured'"
event_cols="account_id, id, metric_id, profile_id, datetime, value, value_currency, unique_id, properties, uuid"
key_cols="account_id, metric_id, profile_id, dedup_key"
outbox_cols="account_id, campaign_id, message_id, profile_id, channel, from_address, from_label, reply_to, to_address, subject,
    preview_text, body_html, body_text, sent_at, relay_status, relay_attempts"   # id: generated, as when the server inserts
psql_ -c "\\copy (select $event_cols from event where $where_event) to '$work/event.csv' with (format csv)" \
      -c "\\copy (select $key_cols from event_key where $where_key) to '$work/event_key.csv' with (format csv)" \
      -c "\\copy (select $outbox_cols from outbox_message where $where_outbox) to '$work/outbox.csv' with (format csv)"
copy_times=(); event_times=(); copy_rates=(); event_rates=()
for (( r = 1; r <= COPY_RUNS; r++ )); do
    psql_ -c "delete from event where $where_event" -c "delete from event_key where $where_key" -c "delete from outbox_message where $where_outbox" \
          -c "vacuum analyze event" -c "vacuum analyze event_key" -c "vacuum analyze outbox_message" -c "checkpoint"
    wait_for_quiet
    log "COPY baseline run $r: $(fmt "$RECIPIENTS") events, dedup keys and outbox rows"
    w2=$(pg_counters); before=$(snapshot)
    c0=$(date +%s%N)
    psql_ -c "\\copy event ($event_cols) from '$work/event.csv' with (format csv)"
    c1=$(date +%s%N)
    psql_ -c "\\copy event_key ($key_cols) from '$work/event_key.csv' with (format csv)" \
          -c "\\copy outbox_message ($outbox_cols) from '$work/outbox.csv' with (format csv)"
    c2=$(date +%s%N)
    after=$(snapshot); after=$(settle_pg "$after"); w3=$(pg_counters)
    event_times+=("$(secs $(( c1 - c0 )))"); copy_times+=("$(secs $(( c2 - c0 )))")
    event_rates+=("$(per_s "$RECIPIENTS" $(( c1 - c0 )))"); copy_rates+=("$(per_s "$RECIPIENTS" $(( c2 - c0 )))")
    if (( r == 1 )); then copy_cpu=$(cpu_share "$before" "$after" "$RECIPIENTS"); copy_other=$(other_share "$before" "$after"); copy_pg=$(pg_counters_per "$w2" "$w3" "$RECIPIENTS"); fi
    got=$(psql_ -Atc "select (select count(*) from event where $where_event) + (select count(*) from event_key where $where_key)
        + (select count(*) from outbox_message where $where_outbox)")
    (( got == 3 * RECIPIENTS )) || fail "COPY run $r stored $got rows, expected $(( 3 * RECIPIENTS ))"
    log "COPY run $r: events ${event_times[-1]} s, all three tables ${copy_times[-1]} s = $(fmt "${copy_rates[-1]}") recipients/s"
done
mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.0f", s / NR }'; }
copy_rate=$(mean "${copy_rates[@]}"); event_rate=$(mean "${event_rates[@]}")

pg_version=$(psql_ -Atc "show server_version")
pg_settings=$(psql_ -Atc "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
    where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'max_wal_size', 'wal_level')")
if (( JFR == 1 )); then
    "$JFR_TOOL" print --json --stack-depth 64 --events jdk.ExecutionSample "$work/send.jfr" >"$work/send-samples.json"
    jfr_table=$("$PYTHON" "$here/campaign_send_profile.py" jfr "$work/send-samples.json" job-worker-)
    "$JFR_TOOL" print --json --stack-depth 80 --events jdk.SocketRead "$work/send.jfr" >"$work/send-reads.json"
    wait_table=$("$PYTHON" "$here/campaign_send_profile.py" wait "$work/send-reads.json" job-worker-)
fi
pg_table=$("$PYTHON" "$here/campaign_send_profile.py" pg "$work/send.activity")
stop_server

# --- results ----------------------------------------------------------------------------------------------------
ts=$(date -u +%Y%m%dT%H%M%SZ)
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)$(grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine')"
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/campaign-send-$ts.md
{
    echo "### Campaign send benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $mem; $(uname -sr); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- server: jar $jar_id; $("$JAVA" -version 2>&1 | head -1)${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}"
    echo "- PostgreSQL $pg_version (embedded, shared by the server and the baseline): $pg_settings"
    echo "- warm-up: $warm_rounds sends to $(fmt "$WARM_RECIPIENTS") recipients (${warm_s}s, until the JIT compiler was idle or $WARM_ROUNDS sends);" \
         "send job polled every ${POLL}s; progress and pg_stat_activity sampled every ${SAMPLE}s by psql$( (( JFR == 1 )) && echo "; a JFR recording (settings=profile) ran during the send" || true)"
    echo "- command: \`RECIPIENTS=$RECIPIENTS WARM_RECIPIENTS=$WARM_RECIPIENTS POLL=$POLL SAMPLE=$SAMPLE COPY_RUNS=$COPY_RUNS JFR=$JFR bench/campaign-send.sh\`"
    echo
    echo "| benchmark | OpenProfile | baseline: COPY of the same rows, same tables | ratio |"
    echo "|---|---|---|---|"
    echo "| templated email to $(fmt "$RECIPIENTS") list members, send_campaign's 202 → job complete | $(fmt "$send_rate") recipients/s ($(secs "$send_ns") s) |" \
         "$(fmt "$copy_rate") recipients/s: event + event_key + outbox_message rows (${copy_times[*]} s) | **$(ratio "$send_rate" "$copy_rate")** |"
    echo "| same send | | $(fmt "$event_rate") recipients/s: the event rows alone (${event_times[*]} s) | $(ratio "$send_rate" "$event_rate") |"
    echo
    echo "The audience was resolved (its snapshot committed) between the progress samples at $(secs $(( unresolved_ms * 1000000 ))) s and $(secs $(( resolved_ms * 1000000 ))) s;" \
         "from there to complete the chunks ran at $(fmt "$chunk_rate") recipients/s. The job worker threads used $worker_share% of a core over the send."
    echo
    echo "Checks: campaign status $status; $(fmt "$outbox") outbox rows for $(fmt "$outbox_profiles") profiles, $(fmt "$rendered") rendered with the" \
         "recipient's address, subject and body; $(fmt "$events") Received Email events for $(fmt "$event_profiles") profiles, $(fmt "$keys") dedup keys;" \
         "each COPY run stored $(fmt $(( 3 * RECIPIENTS ))) rows."
    echo
    echo "CPU time per recipient, µs, from /proc over each measured phase:"
    echo
    echo "| phase | server JVM | of which JIT compiler | PostgreSQL | driver and sampler (python, psql) | kernel irq | other | hypervisor steal | machine busy |"
    echo "|---|---|---|---|---|---|---|---|---|"
    echo "| send | $send_cpu |"
    echo "| COPY (run 1) | - | - | ${copy_cpu#* | * | } |"
    echo
    echo "PostgreSQL's work per recipient: transactions | rows inserted | WAL bytes: send $send_pg; COPY $copy_pg."
    for s in "$send_other" "$copy_other"; do
        if (( s > 5 )); then
            echo
            echo "**Warning**: other work used more than 5% of the machine during a measured phase (see 'other'); run again on a quiet machine."
            break
        fi
    done
    echo
    if (( JFR == 1 )); then
        echo "Where the job worker's CPU went (JFR execution samples during the send):"
        echo
        echo "$jfr_table"
        echo
        echo "Where the job workers waited for PostgreSQL (JFR socket reads; the idle workers' polls for jobs included):"
        echo
        echo "$wait_table"
        echo
    fi
    echo "What PostgreSQL ran for the server during the send (pg_stat_activity, sampled at each poll):"
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
