#!/usr/bin/env bash
# Segments benchmark (issue 11): evaluating a three-condition segment over 1,000,000 profiles and 10,000,000 events
# from scratch (POST /api/segments) beside a hand-written SQL query that stores the same audience; how soon a
# profile update shows in its segments (PATCH, then GET); and what the segment triggers (V12) cost the writes of
# accounts with and without an active segment. Prints a markdown results block and writes it to bench/results/.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -q -B -DskipTests package   # once
#   bench/segments.sh                                          # full size: about 10 minutes on 2 cores
#   PROFILES=20000 EVENTS=200000 CYCLES=20 READS=20 COPY_ROWS=10000 INSERT_SECONDS=3 bench/segments.sh   # a quick check
#
# Needs psql and pgbench (postgresql-client >= 15), curl, python3 and a JDK >= 21 at $JAVA (its source launcher runs
# bench/SegmentsEngineSql.java); about 9 GB in $TMPDIR at full size. Traffic goes to 127.0.0.1 only.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

PROFILES=${PROFILES:-1000000}     # profiles in the account (a multiple of 10 * LOADERS)
EVENTS=${EVENTS:-10000000}        # events of one metric over the year before the load
RECENT_PERCENT=${RECENT_PERCENT:-8}   # share of the events in the last 30 days (all of them by every tenth profile)
RUNS=${RUNS:-5}                   # measured full evaluations, each side
WARMUP=${WARMUP:-2}               # unmeasured full evaluations before, each side
CYCLES=${CYCLES:-200}             # measured enter/leave cycles (two samples each)
CYCLE_WARMUP=${CYCLE_WARMUP:-100} # unmeasured cycles before
READS=${READS:-200}               # measured reads of each kind with nothing changed (after as many unmeasured)
COPY_ROWS=${COPY_ROWS:-100000}    # profiles per COPY in the trigger test
COPY_ROUNDS=${COPY_ROUNDS:-3}     # COPYs per variant (variants interleaved)
INSERT_SECONDS=${INSERT_SECONDS:-8}   # pgbench run per variant and round (single-row inserts)
INSERT_ROUNDS=${INSERT_ROUNDS:-3}
INSERT_CLIENTS=${INSERT_CLIENTS:-1}
LOADERS=${LOADERS:-2}             # concurrent psql sessions for the profiles (the events take one, in time order)
PORT=${PORT:-}                    # default: a free port
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PGBENCH=${PGBENCH:-pgbench}
KEEP=${KEEP:-0}                   # 1: keep the work directory (server log, samples, plans, pgbench output)
RESULTS_DIR=${RESULTS_DIR:-$here/results}
QUIET_WAIT=${QUIET_WAIT:-300}
BENCH_WAIT=${BENCH_WAIT:-1800}
# BENCH_OTHERS: the processes (pgrep -f pattern) to wait for; default: the other benchmarks, wrk, pgbench and maven
METRIC=BenchOrder

die() { echo "segments.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

source "$here/lib-server.sh"
source "$here/lib-cpu.sh"
check_setup "$PGBENCH" "$PSQL" curl python3 awk sort
(( PROFILES % 10 == 0 )) || die "PROFILES must be a multiple of 10"
recent=$(( EVENTS * RECENT_PERCENT / 100 ))
(( recent > 0 && recent < EVENTS )) || die "RECENT_PERCENT must leave events on both sides of 30 days ago"
# Another benchmark (or a build) on the same 2 cores would skew both sides: wait for it to end.
wait_for_benchmarks "${BENCH_OTHERS:-bench/(profiles|lists|import|events|aggregates)\.sh|maven|(^|/)wrk |(^|/)pgbench }"

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-bench.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
clk=$(getconf CLK_TCK)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

cleanup() {
    local rc=$?
    kill_server
    if [[ $KEEP == 1 || $rc != 0 ]]; then echo "segments.sh: work directory kept: $work" >&2; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fmt() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }; print s r }'; }
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", (b > 0 ? 100 * a / b : 0) }'; }
api() {   # METHOD PATH [BODY] -> the body to $work/answer.json; prints "status time_total_µs"
    local code t
    read -r code t < <(curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}\n' -X "$1" \
        -H "Authorization: Klaviyo-API-Key $key" -H "revision: 2026-07-15" -H "Content-Type: application/vnd.api+json" \
        -H "Accept: application/vnd.api+json" ${3:+-d "$3"} "http://127.0.0.1:$PORT$2")
    echo "$code $(awk -v t="$t" 'BEGIN { printf "%.0f", t * 1e6 }')"
}
finish=()   # failures that still let the run print its figures
fail() { finish+=("$1"); echo "segments.sh: FAILURE: $1" >&2; }

# --- 0. the server ---------------------------------------------------------------------------------------------
start_server

# --- 1. the data (SQL) ---------------------------------------------------------------------------------------------
# The secondary indexes of profile and event are dropped for the load and built again after it with their own
# definitions (pg_get_indexdef; on the partitioned event table without its ON ONLY, so that the partitions get
# theirs): one sorted build is much faster than millions of inserts into each.
t0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "loading $(fmt "$PROFILES") profiles (consent, suppressions) in $LOADERS sessions, then $(fmt "$EVENTS") events"
psql_ -c "insert into metric (account_id, id, name, integration_key, created, updated)
          values ('$acct', '$METRIC', 'Placed Order', 'api', now(), now())"
psql_ -Atc "select replace(pg_get_indexdef(indexrelid), ' ON ONLY ', ' ON ') || ';' from pg_index
            where indrelid in ('profile'::regclass, 'event'::regclass) and not indisprimary" >"$work/indexes.sql"
psql_ -Atc "select 'drop index ' || indexrelid::regclass || ';' from pg_index
            where indrelid in ('profile'::regclass, 'event'::regclass) and not indisprimary" | psql_
load() {   # FILE SESSIONS TOTAL VARIABLES...: FILE over 1..TOTAL in SESSIONS concurrent sessions
    local file=$1 sessions=$2 total=$3 i pids=(); shift 3
    for i in $(seq 0 $(( sessions - 1 ))); do
        psql_ -v acct="$acct" -v t0="$t0" -v lo=$(( i * total / sessions + 1 )) -v hi=$(( (i + 1) * total / sessions )) \
            "$@" -f "$here/$file" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || die "a load session of $file failed"; done
}
s0=$(date +%s)
load segments_load.sql "$LOADERS" "$PROFILES"
s1=$(date +%s)
# One session for the events: concurrent sessions would interleave their rows in the partitions' pages, while
# events that arrive over a year lie in time order (datetime's correlation 1, not about 0.25 with two sessions),
# which decides how a time range is read.
load segments_events.sql 1 "$EVENTS" -v metric="$METRIC" -v profiles="$PROFILES" \
    -v events="$EVENTS" -v recent="$recent"
s2=$(date +%s)
psql_ -c "set maintenance_work_mem = '1GB'" -f "$work/indexes.sql"
s3=$(date +%s)
psql_ -c "vacuum analyze profile" -c "vacuum analyze profile_consent" -c "vacuum analyze profile_suppression" \
      -c "vacuum analyze event" -c "checkpoint"
s4=$(date +%s)
load_times="profiles, consent and suppressions $(( s1 - s0 )) s, events $(( s2 - s1 )) s, indexes $(( s3 - s2 )) s, VACUUM ANALYZE + checkpoint $(( s4 - s3 )) s"
IFS='|' read -r n_prof n_de n_sub n_unsub n_supp n_buyers n_events n_recent < <(psql_ -Atc "
    select (select count(*) from profile where account_id = '$acct'),
           (select count(*) from profile where account_id = '$acct' and properties ->> 'Country' = 'DE'),
           (select count(*) from profile_consent where account_id = '$acct' and state #>> '{channels,EMAIL_MARKETING,consent}' = 'SUBSCRIBED'),
           (select count(*) from profile_consent where account_id = '$acct' and state #>> '{channels,EMAIL_MARKETING,consent}' = 'UNSUBSCRIBED'),
           (select count(distinct profile_id) from profile_suppression where account_id = '$acct'),
           (select count(distinct profile_id) from event where account_id = '$acct' and datetime >= now() - interval '30 days'),
           (select count(*) from event where account_id = '$acct'),
           (select count(*) from event where account_id = '$acct' and datetime >= now() - interval '30 days')")
[[ $n_prof == "$PROFILES" && $n_events == "$EVENTS" && $n_recent == "$recent" ]] \
    || die "loaded $n_prof profiles and $n_events events ($n_recent recent), expected $PROFILES, $EVENTS ($recent)"
sizes=$(psql_ -Atc "select string_agg(t || ' ' || pg_size_pretty(coalesce((select sum(pg_total_relation_size(inhrelid))
    from pg_inherits where inhparent = t::regclass), pg_total_relation_size(t::regclass))), ', ') || ' (with indexes)'
    from unnest(array['profile', 'profile_consent', 'profile_suppression', 'event']) t")
log "loaded: $load_times; $sizes"

# --- 2. full evaluation: POST /api/segments beside the hand-written SQL ------------------------------------------
definition="{\"condition_groups\":[
 {\"conditions\":[{\"type\":\"profile-property\",\"property\":\"properties['Country']\",\"filter\":{\"type\":\"string\",\"operator\":\"equals\",\"value\":\"DE\"}}]},
 {\"conditions\":[{\"type\":\"profile-marketing-consent\",\"consent\":{\"channel\":\"email\",\"can_receive_marketing\":true,\"consent_status\":{\"subscription\":\"subscribed\"}}}]},
 {\"conditions\":[{\"type\":\"profile-metric\",\"metric_id\":\"$METRIC\",\"measurement\":\"count\",\"measurement_filter\":{\"type\":\"numeric\",\"operator\":\"greater-than-or-equal\",\"value\":1},\"timeframe_filter\":{\"type\":\"date\",\"operator\":\"in-the-last\",\"unit\":\"day\",\"quantity\":30}}]}]}"
echo "$definition" >"$work/definition.json"
segment_id() { grep -o '"type":"segment","id":"[^"]*"' "$work/answer.json" | head -1 | cut -d'"' -f8; }   # of the answer
create_body() { echo "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"$1\",\"definition\":$definition}}}"; }
post_run() {   # NAME: one POST /api/segments, its time (µs) appended to $work/NAME.lat; sets posted (the segment's id)
    local code t
    read -r code t < <(api POST /api/segments "$(create_body "$1 $RANDOM")")
    [[ $code == 201 ]] || { cat "$work/answer.json" >&2; die "POST /api/segments answered $code"; }
    posted=$(segment_id)
    echo "$t" >>"$work/$1.lat"
}
post_done() {   # NAME: the posted segment's member count appended to $work/NAME.counts, then the segment deleted
    psql_ -Atc "select count(*) from segment_membership where account_id = '$acct' and segment_id = '$posted'" >>"$work/$1.counts"
    [[ $(api DELETE "/api/segments/$posted" | cut -d' ' -f1) == 204 ]] || die "DELETE /api/segments/$posted failed"
}
sql_run() {   # NAME: one transaction; its latency (µs) appended to $work/NAME.lat
    "$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M extended -c 1 -t 1 -f "$here/segments_sql.sql" \
        -D acct="$acct" -D metric="$METRIC" -D seg="sql" --log --log-prefix="$work/pglog" postgres >"$work/pgbench.txt" 2>&1 \
        || { cat "$work/pgbench.txt" >&2; die "pgbench segments_sql.sql failed"; }
    grep -q '^number of failed transactions: 0' "$work/pgbench.txt" || { cat "$work/pgbench.txt" >&2; die "pgbench: failed transaction"; }
    awk '{ print $3 }' "$work"/pglog.* >>"$work/$1.lat"; rm -f "$work"/pglog.*
}
# acc_delta ACC BEFORE AFTER -> ACC + (AFTER - BEFORE), field by field (snapshots of lib-cpu.sh)
acc_delta() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { n = split(a, x); split(b, y); split(c, z)
    for (i = 1; i <= n; i++) printf "%s%.0f", (i > 1 ? " " : ""), x[i] + z[i] - y[i] }'; }

# The two sides alternate, one evaluation each per round, so that both meet the same state of the caches and of
# the machine. Each POSTed segment is deleted once its members are counted (before the server's background pass
# would re-evaluate it a minute later); bench_membership is emptied before each SQL run. Neither is timed.
log "full evaluation: $WARMUP + $RUNS rounds of POST /api/segments and the hand-written SQL (pgbench -M extended), alternating"
psql_ -c "create table bench_membership (like segment_membership including indexes)" -c "checkpoint"
: >"$work/eval.lat"; : >"$work/eval.counts"; : >"$work/sql.lat"; : >"$work/sql.counts"
zero="0 0 0 0 0 0 0 0"; eval_acc=$zero; sql_acc=$zero
wait_for_quiet
for round in $(seq $(( WARMUP + RUNS ))); do
    name=eval; (( round <= WARMUP )) && name=evalwarm
    before=$(snapshot); post_run "$name"; after=$(snapshot)
    [[ $name == eval ]] && eval_acc=$(acc_delta "$eval_acc" "$before" "$after")
    post_done "$name"
    name=sql; (( round <= WARMUP )) && name=sqlwarm
    psql_ -c "truncate bench_membership"
    before=$(snapshot); sql_run "$name"; after=$(settle_pg "$(snapshot)")
    [[ $name == sql ]] && sql_acc=$(acc_delta "$sql_acc" "$before" "$after")
    psql_ -Atc "select count(*) from bench_membership" >>"$work/$name.counts"
done
CPU_DECIMALS=0 eval_cpu=$(cpu_share "$zero" "$eval_acc" $(( RUNS * 1000 )))   # ms per evaluation
CPU_DECIMALS=0 sql_cpu=$(cpu_share "$zero" "$sql_acc" $(( RUNS * 1000 )))
eval_counts=$(sort -u "$work/eval.counts" "$work/evalwarm.counts")
sql_counts=$(sort -u "$work/sql.counts" "$work/sqlwarm.counts")
eval_med=$(median <"$work/eval.lat")
sql_med=$(median <"$work/sql.lat")
log "POST /api/segments: median $(ms "$eval_med") ms, members $eval_counts; hand-written SQL: median $(ms "$sql_med") ms, members $sql_counts"

log "the engine's statement without the server (bench/SegmentsEngineSql.java), and both plans (EXPLAIN ANALYZE)"
"$JAVA" -cp "$work/openprofile.jar" "$here/SegmentsEngineSql.java" "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" \
    "$acct" "$work/definition.json" 0 1 "$work/engine" >"$work/engine.out" 2>&1 \
    || { cat "$work/engine.out" >&2; die "SegmentsEngineSql failed"; }
engine_count=$(kv MEMBERS "$work/engine.out")
psql_ -c "begin" -c "truncate bench_membership" -c "explain (analyze, buffers) $(sed -e "s/:acct/'$acct'/g; s/:metric/'$METRIC'/g; s/:seg/'sql'/g" -e '/^--/d' "$here/segments_sql.sql")" \
    -c "rollback" >"$work/sql.plan"
plan_summary() {   # PLAN_FILE -> "execution time"
    awk '/Execution Time:/ { t = $3 } END { printf "execution %.0f ms", t }' "$1"
}

[[ $eval_counts =~ ^[0-9]+$ ]] || fail "the POSTed segments do not all have the same member count: $(echo $eval_counts)"
[[ $sql_counts =~ ^[0-9]+$ ]] || fail "the hand-written runs do not all store the same number of rows: $(echo $sql_counts)"
[[ $eval_counts == "$sql_counts" && $engine_count == "$sql_counts" ]] \
    || fail "member counts differ: POST /api/segments $(echo $eval_counts), engine's statement $engine_count, hand-written SQL $(echo $sql_counts)"
members=$sql_counts

# --- 3. incremental updates: PATCH a profile into and out of the segment, then read its segments ---------------------
read -r code _ < <(api POST /api/segments "$(create_body "Bench live")")
[[ $code == 201 ]] || { cat "$work/answer.json" >&2; die "POST /api/segments answered $code"; }
live=$(segment_id)
# profiles that meet every condition but the country (they have one, not DE): a PATCH to DE makes them members
psql_ -Atc "select p.id || ' ' || (p.properties ->> 'Country') from profile p
    join profile_consent c on c.account_id = p.account_id and c.profile_id = p.id
    where p.account_id = '$acct' and p.properties ->> 'Country' <> 'DE'
      and c.state #>> '{channels,EMAIL_MARKETING,consent}' = 'SUBSCRIBED'
      and not exists (select 1 from profile_suppression s where s.account_id = p.account_id and s.profile_id = p.id)
      and p.id in (select profile_id from event where account_id = '$acct' and datetime >= now() - interval '30 days')
    order by p.id limit 50" >"$work/candidates.txt"
[[ -s $work/candidates.txt ]] || die "no profile to move into the segment"
member=$(psql_ -Atc "select profile_id from segment_membership where account_id = '$acct' and segment_id = '$live' order by profile_id limit 1")
export SEG_PSQL="$PSQL -X -h 127.0.0.1 -p $pg_port -U postgres -d postgres"
incr() { python3 "$here/segments_incremental.py" "$@" >"$work/$1-${out_name}.kv" || { cat "$work/$1-${out_name}.kv" >&2; die "segments_incremental.py $1 failed"; }; }
log "incremental: $CYCLE_WARMUP warm-up cycles, then $CYCLES measured (PATCH + GET, into the segment and out)"
wait_for_quiet
out_name=warm incr cycles "$PORT" "$key" "$live" "$work/candidates.txt" 0 "$CYCLE_WARMUP" "$work/cycles-warm.txt"
before=$(snapshot)
out_name=run incr cycles "$PORT" "$key" "$live" "$work/candidates.txt" "$CYCLES" 0 "$work/cycles.txt"
after=$(snapshot)
CPU_DECIMALS=0 incr_cpu=$(cpu_share "$before" "$after" $(( 2 * CYCLES )))
c=$work/cycles-run.kv
log "incremental: p50 $(ms "$(kv ALL_P50 "$c")") ms, p99 $(ms "$(kv ALL_P99 "$c")") ms; $(kv FULL_N "$c") samples with a full re-evaluation"

log "plain reads: $READS + $READS of each kind, nothing changed"
wait_for_quiet
before=$(snapshot)
out_name=run incr reads "$PORT" "$key" "$live" "$member" "$READS" "$READS" "$work/reads.txt"
after=$(snapshot)
CPU_DECIMALS=0 reads_cpu=$(cpu_share "$before" "$after" $(( 4 * READS )))
r=$work/reads-run.kv
# The read that comes a minute after the last full evaluation of a time-relative segment re-evaluates it in full.
: >"$work/periodic.lat"
for _ in 1 2 3; do
    psql_ -c "update segment set refreshed_at = refreshed_at - interval '2 minutes' where account_id = '$acct' and id = '$live'"
    read -r code t < <(api GET "/api/profiles/$member/relationships/segments")
    [[ $code == 200 ]] && grep -q "\"$live\"" "$work/answer.json" || die "GET the segments of $member: $code"
    echo "$t" >>"$work/periodic.lat"
done
periodic_med=$(median <"$work/periodic.lat")
log "plain reads: own segments p50 $(ms "$(kv OWN_P50 "$r")") ms, member page p50 $(ms "$(kv PAGE_P50 "$r")") ms; a read with the minute's full re-evaluation $(ms "$periodic_med") ms"

# --- 4. trigger overhead on writes ---------------------------------------------------------------------------------
# Two more accounts: one with an active segment, one with none. COPY of COPY_ROWS new profiles into each, and into
# the one without with the triggers disabled altogether (what no trigger would cost); variants interleaved.
# The live segment is deleted before the writes: the server's background pass (SegmentRefresher, once a minute) would re-evaluate it
# in full during the measurements. For the same reason a session holds the maintenance lock of the account with a
# segment (SegmentStore.lockMaintenance's key) while the writes run: the pass waits for it instead of re-evaluating
# the profiles the writes record, and the count of recorded profiles after each COPY is exact.
psql_ -c "insert into account (account_id, name, public_key) values
            ('bench-trig-seg', 'bench-trig-seg', 'BTSEG1'), ('bench-trig-none', 'bench-trig-none', 'BTNON1')" \
      -c "insert into segment (account_id, id, name, definition, is_active, created, updated)
          select 'bench-trig-seg', 'TRIG01', 'Trigger test', definition, true, now(), now() from segment where id = '$live'" \
      -c "create sequence bench_insert_seq"
[[ $(api DELETE "/api/segments/$live" | cut -d' ' -f1) == 204 ]] || die "DELETE /api/segments/$live failed"
"$PSQL" -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "set application_name = 'segments-bench-lock'" \
    -c "select pg_advisory_lock(hashtextextended('segments:' || 'bench-trig-seg', 0))" -c "select pg_sleep(86400)" >/dev/null 2>&1 &
lock_pid=$!
for _ in $(seq 50); do
    [[ $(psql_ -Atc "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and a.application_name = 'segments-bench-lock'") == 1 ]] && break
    sleep 0.2
done
copied=0
copy_file() {   # ACCOUNT FILE: a CSV of COPY_ROWS new profiles of ACCOUNT, with ids and emails of their own
    psql_ -c "\\copy (select '$1', '01BENCHC' || lpad(n::text, 18, '0'), 'copy-' || n || '@bench.example', 'Bench', 'Copy ' || n, jsonb_build_object('Country', 'DE', 'plan', 'free', 'seq', n), now(), now() from generate_series($(( copied + 1 )), $(( copied + COPY_ROWS ))) n) to '$2' csv"
    copied=$(( copied + COPY_ROWS ))
}
rounds() {   # N RUN: N rounds of RUN VARIANT ROUND over the three variants, in an order that rotates each round
    local round v order
    for round in $(seq "$1"); do
        case $(( round % 3 )) in 1) order="none seg off" ;; 2) order="seg off none" ;; 0) order="off none seg" ;; esac
        for v in $order; do "$2" "$v" "$round"; done
    done
}
variant_account() { [[ $1 == seg ]] && echo bench-trig-seg || echo bench-trig-none; }
triggers() { psql_ -c "alter table profile $1 trigger segment_pending_insert"; }
copy_run() {   # VARIANT ROUND: one COPY, timed by psql (\timing); ms to $work/copy-VARIANT.ms, PostgreSQL CPU to .cpu
    local p0 p1
    copy_file "$(variant_account "$1")" "$work/copy-$1-$2.csv"
    [[ $1 == off ]] && triggers disable
    psql_ -c "checkpoint"
    p0=$(pg_ticks)
    psql_ -c '\timing on' -c "\\copy profile (account_id, id, email, first_name, last_name, properties, created, updated) from '$work/copy-$1-$2.csv' csv" \
        | sed -n 's/^Time: \([0-9]*\).*/\1/p' >>"$work/copy-$1.ms"
    sleep 1; p1=$(pg_ticks)   # once the COPY's backend is reaped, its time is in the postmaster's
    echo $(( p1 - p0 )) >>"$work/copy-$1.cpu"
    [[ $1 == off ]] && triggers enable
    rm -f "$work/copy-$1-$2.csv"
    if [[ $1 == seg ]]; then
        pending=$(psql_ -Atc "with d as (delete from segment_pending where account_id = 'bench-trig-seg' returning 1) select count(*) from d")
        [[ $pending == "$COPY_ROWS" ]] || fail "the COPY into the account with a segment recorded $pending pending profiles, expected $COPY_ROWS"
    fi
}
log "trigger overhead: $COPY_ROUNDS rounds of COPY ($(fmt "$COPY_ROWS") profiles) without a segment, with one, without triggers"
wait_for_quiet
before=$(snapshot); rounds "$COPY_ROUNDS" copy_run; after=$(snapshot)
CPU_DECIMALS=1 copy_cpu=$(cpu_share "$before" "$after" $(( 3 * COPY_ROUNDS * COPY_ROWS )))
none_pending=$(psql_ -Atc "select count(*) from segment_pending where account_id = 'bench-trig-none'")
[[ $none_pending == 0 ]] || fail "the account without a segment has $none_pending pending profiles"
for v in none seg off; do
    printf -v "copy_${v}_ms" '%.0f' "$(median <"$work/copy-$v.ms")"
    printf -v "copy_${v}_cpu" '%s' "$(awk -v clk="$clk" -v n="$COPY_ROWS" '{ t += $1 } END { printf "%.1f", t * 1e6 / clk / n / NR }' "$work/copy-$v.cpu")"
done
log "COPY medians: none $copy_none_ms ms, seg $copy_seg_ms ms, off $copy_off_ms ms"

# Single-row inserts (as an API write makes them), one transaction each, synchronous_commit off so that the
# commit's WAL flush does not hide the CPU the trigger costs.
insert_run() {   # VARIANT ROUND: tps to $work/insert-VARIANT.tps, PostgreSQL's CPU per insert (µs) to .cpu
    local p0 p1 n
    [[ $1 == off ]] && triggers disable
    p0=$(pg_ticks)
    PGOPTIONS="$PGOPTIONS -c synchronous_commit=off" "$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared \
        -c "$INSERT_CLIENTS" -j "$INSERT_CLIENTS" -T "$INSERT_SECONDS" -f "$here/segments_insert.sql" \
        -D acct="$(variant_account "$1")" -D tag="i$1$2" postgres >"$work/insert.txt" 2>&1 \
        || { cat "$work/insert.txt" >&2; die "pgbench segments_insert.sql failed"; }
    sleep 1; p1=$(pg_ticks)
    grep -q '^number of failed transactions: 0' "$work/insert.txt" || { cat "$work/insert.txt" >&2; die "pgbench: failed inserts"; }
    [[ $1 == off ]] && triggers enable
    sed -n 's/^tps = \([0-9]*\).*/\1/p' "$work/insert.txt" | head -1 >>"$work/insert-$1.tps"
    n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/insert.txt")
    awk -v t=$(( p1 - p0 )) -v n="$n" -v clk="$clk" 'BEGIN { printf "%.1f\n", t * 1e6 / clk / n }' >>"$work/insert-$1.cpu"
}
log "trigger overhead: $INSERT_ROUNDS rounds of ${INSERT_SECONDS} s single-row inserts ($INSERT_CLIENTS clients) per variant"
wait_for_quiet
psql_ -c "checkpoint"
before=$(snapshot); rounds "$INSERT_ROUNDS" insert_run; after=$(snapshot)
total_inserts=$(psql_ -Atc "select count(*) from profile where id like '01BENCHI%'")
CPU_DECIMALS=0 insert_cpu=$(cpu_share "$before" "$after" "$total_inserts")
for v in none seg off; do
    printf -v "insert_${v}_tps" '%.0f' "$(median <"$work/insert-$v.tps")"
    printf -v "insert_${v}_cpu" '%.1f' "$(median <"$work/insert-$v.cpu")"
done
log "single-row inserts, PostgreSQL µs per insert: none $insert_none_cpu, seg $insert_seg_cpu, off $insert_off_cpu"

psql_ -Atc "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'segments-bench-lock'" >/dev/null
wait "$lock_pid" 2>/dev/null || true   # the lock's psql, terminated
pg_version=$(psql_ -Atc "show server_version")
pg_settings=$(psql_ -Atc "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
    where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'synchronous_commit', 'fsync')")
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 5. stop the server; its embedded PostgreSQL must go with it ---------------------------------------------------
stop_server

# --- results -------------------------------------------------------------------------------------------------------
ts=$(date -u +%Y%m%dT%H%M%SZ)
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)$(grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine')"
mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/segments-$ts.md
met() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "met" : "**missed**") }'; }
plan_top() {   # PLAN_FILE: the plan's lines with their actual times, indented as EXPLAIN prints them
    sed -n '/Planning/q; p' "$1" | grep -E 'actual time|Execution' | sed 's/  (cost=[^)]*)//; s/^/    /' | head -40
}
{
    echo "### Segments benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); $(uname -sr); load average $load_start at the start, $load_end at the end"
    echo "- server: jar $jar_id; $("$JAVA" -version 2>&1 | head -1)${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}"
    echo "- PostgreSQL $pg_version (embedded): $pg_settings"
    echo "- data (one account, loaded with SQL at $t0): $(fmt "$n_prof") profiles, $(fmt "$n_de") with Country DE ($(pct "$n_de" "$n_prof")), $(fmt "$n_sub") email SUBSCRIBED ($(pct "$n_sub" "$n_prof")), $(fmt "$n_unsub") UNSUBSCRIBED, $(fmt "$n_supp") with a suppression ($(pct "$n_supp" "$n_prof")); $(fmt "$n_events") events of one metric over the year, $(fmt "$n_recent") of them in the last 30 days, by $(fmt "$n_buyers") profiles ($(pct "$n_buyers" "$n_prof")); load: $load_times; $sizes"
    echo "- command: \`PROFILES=$PROFILES EVENTS=$EVENTS RUNS=$RUNS WARMUP=$WARMUP CYCLES=$CYCLES READS=$READS COPY_ROWS=$COPY_ROWS COPY_ROUNDS=$COPY_ROUNDS INSERT_SECONDS=$INSERT_SECONDS INSERT_ROUNDS=$INSERT_ROUNDS bench/segments.sh\`"
    echo
    echo "Segment: properties['Country'] equals DE, and email can_receive_marketing true and subscribed, and count of the metric ≥ 1 in the last 30 days: **$(fmt "$members") members**."
    echo
    echo "| 1. full evaluation from scratch ($WARMUP warm-up rounds, then $RUNS measured; the two sides alternate) | median | ratio to the hand-written SQL |"
    echo "|---|---|---|"
    echo "| \`POST /api/segments\` (curl time_total: evaluates and stores the members, in one transaction) | $(ms "$eval_med") ms | **$(ratio "$eval_med" "$sql_med")** |"
    echo "| hand-written SQL (pgbench -M extended, \`bench/segments_sql.sql\`): the same audience inserted into \`bench_membership\` | $(ms "$sql_med") ms | 1 |"
    echo
    echo "All runs: POST $(sort -n "$work/eval.lat" | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 / 1000 }') ms; SQL $(sort -n "$work/sql.lat" | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 / 1000 }') ms."
    echo "Members: every POSTed segment $(echo $eval_counts), the engine's statement $engine_count, the hand-written SQL $(echo $sql_counts)."
    echo
    echo "| 2. incremental ($CYCLES cycles into the segment and out: $(kv ALL_N "$c") samples) | p50 | p99 | max |"
    echo "|---|---|---|---|"
    echo "| PATCH /api/profiles/{id} + GET /api/profiles/{id}/relationships/segments showing the change | $(ms "$(kv ALL_P50 "$c")") ms | **$(ms "$(kv ALL_P99 "$c")") ms** | $(ms "$(kv ALL_MAX "$c")") ms |"
    echo "| of which the PATCH | $(ms "$(kv PATCH_P50 "$c")") ms | $(ms "$(kv PATCH_P99 "$c")") ms | $(ms "$(kv PATCH_MAX "$c")") ms |"
    echo "| of which the GET (re-evaluates the recorded profile first) | $(ms "$(kv GET_P50 "$c")") ms | $(ms "$(kv GET_P99 "$c")") ms | $(ms "$(kv GET_MAX "$c")") ms |"
    echo "| samples whose GET did not re-evaluate the segment in full ($(kv INCR_N "$c")) | $(ms "$(kv INCR_P50 "$c")") ms | $(ms "$(kv INCR_P99 "$c")") ms | $(ms "$(kv INCR_MAX "$c")") ms |"
    echo "| reads with nothing changed: GET /api/profiles/{id}/relationships/segments ($(kv OWN_N "$r")) | $(ms "$(kv OWN_P50 "$r")") ms | $(ms "$(kv OWN_P99 "$r")") ms | $(ms "$(kv OWN_MAX "$r")") ms |"
    echo "| reads with nothing changed: GET /api/segments/{id}/relationships/profiles, first page ($(kv PAGE_N "$r")) | $(ms "$(kv PAGE_P50 "$r")") ms | $(ms "$(kv PAGE_P99 "$r")") ms | $(ms "$(kv PAGE_MAX "$r")") ms |"
    echo "| the read a minute after the last full evaluation (the time-relative segment is re-evaluated in full; 3 forced) | $(ms "$periodic_med") ms | | $(sort -n "$work/periodic.lat" | tail -1 | awk '{ printf "%.1f", $1 / 1000 }') ms |"
    echo
    echo "Full re-evaluations met by the measured GETs: $(kv FULL_N "$c") of $(kv ALL_N "$c") incremental samples$( (( $(kv FULL_N "$c") > 0 )) && echo " (longest GET $(ms "$(kv FULL_GET_MAX "$c")") ms)"), $(kv FULL_N "$r") of $(( 2 * READS )) plain reads$( (( $(kv FULL_N "$r") > 0 )) && echo " (longest $(ms "$(kv FULL_GET_MAX "$r")") ms)")."
    echo
    echo "| 3. trigger overhead | no segment in the account | an active segment | triggers disabled | ratio active / none | ratio none / disabled |"
    echo "|---|---|---|---|---|---|"
    echo "| COPY of $(fmt "$COPY_ROWS") new profiles (median of $COPY_ROUNDS, ms) | $copy_none_ms | $copy_seg_ms | $copy_off_ms | **$(ratio "$copy_seg_ms" "$copy_none_ms")** | **$(ratio "$copy_none_ms" "$copy_off_ms")** |"
    echo "| PostgreSQL CPU per profile (µs) | $copy_none_cpu | $copy_seg_cpu | $copy_off_cpu | $(ratio "$copy_seg_cpu" "$copy_none_cpu") | $(ratio "$copy_none_cpu" "$copy_off_cpu") |"
    echo "| single-row inserts ($INSERT_CLIENTS pgbench client(s), synchronous_commit off, $INSERT_ROUNDS × ${INSERT_SECONDS} s): PostgreSQL CPU per insert (µs, median) | $insert_none_cpu | $insert_seg_cpu | $insert_off_cpu | **$(ratio "$insert_seg_cpu" "$insert_none_cpu")** | **$(ratio "$insert_none_cpu" "$insert_off_cpu")** |"
    echo "| the same runs: inserts per second (median) | $insert_none_tps | $insert_seg_tps | $insert_off_tps | $(ratio "$insert_none_tps" "$insert_seg_tps") (time) | $(ratio "$insert_off_tps" "$insert_none_tps") (time) |"
    echo
    echo "All COPY runs (ms): none $(paste -sd' ' "$work/copy-none.ms"); active segment $(paste -sd' ' "$work/copy-seg.ms"); disabled $(paste -sd' ' "$work/copy-off.ms"). Inserts (PostgreSQL µs per insert): none $(paste -sd' ' "$work/insert-none.cpu"); active $(paste -sd' ' "$work/insert-seg.cpu"); disabled $(paste -sd' ' "$work/insert-off.cpu"). Every COPY into the account with a segment recorded its $(fmt "$COPY_ROWS") profiles in segment_pending; the other account recorded none."
    echo
    echo "Targets: full evaluation ≤ 2 s: $(met "$eval_med" 2000000); within 1.5× of the hand-written SQL: $(met "$(ratio "$eval_med" "$sql_med")" 1.5); incremental p99 ≤ 50 ms: $(met "$(kv ALL_P99 "$c")" 50000) (p50: $(met "$(kv ALL_P50 "$c")" 50000))."
    echo
    echo "CPU from /proc over each measured part (µs per unit unless noted):"
    echo
    echo "| part (unit) | server JVM | of which JIT | PostgreSQL | clients (and this script's /proc reading) | irq | other | steal | machine busy |"
    echo "|---|---|---|---|---|---|---|---|---|"
    echo "| POST /api/segments (ms per evaluation) | $eval_cpu |"
    echo "| hand-written SQL (ms per evaluation) | $sql_cpu |"
    echo "| incremental (per sample: PATCH + GET; clients include a psql per GET) | $incr_cpu |"
    echo "| plain reads (per GET; clients include a psql per GET) | $reads_cpu |"
    echo "| COPY, all variants (per profile) | $copy_cpu |"
    echo "| single-row inserts, all variants (per insert) | $insert_cpu |"
    echo
    echo "The engine's statement (EXPLAIN ANALYZE, BUFFERS; $(plan_summary "$work/engine.plan")):"
    echo
    plan_top "$work/engine.plan"
    echo
    echo "The hand-written SQL ($(plan_summary "$work/sql.plan")):"
    echo
    plan_top "$work/sql.plan"
    echo
    echo "Server stop: SIGTERM, exit status $server_rc; embedded PostgreSQL gone."
    if (( ${#finish[@]} > 0 )); then
        echo
        echo "**FAILED**: ${finish[*]}"
    fi
} >"$out"
cp "$work/engine.sql" "$work/engine.plan" "$work/sql.plan" "$RESULTS_DIR/" 2>/dev/null \
    && for f in engine.sql engine.plan sql.plan; do mv "$RESULTS_DIR/$f" "$RESULTS_DIR/segments-$ts-$f"; done
cat "$out"
echo
echo "written to $out (plans and the engine's statement beside it)" >&2
(( ${#finish[@]} == 0 )) || exit 1
