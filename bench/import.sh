#!/usr/bin/env bash
# Bulk import benchmark (issue 4), end to end: 1,000,000 new profiles, then 1,000,000 updates, through
# POST /api/profile-bulk-import-jobs (100 jobs of 10,000), beside a COPY of the same rows into a plain
# table on the same embedded PostgreSQL in the same run. See bench/README.md. Prints a markdown results
# block and writes it to bench/results/. Server start/stop, CPU accounting and quiet-machine checks are
# copied from bench/profiles.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

JOBS=${JOBS:-100}                          # jobs per measured phase
PER_JOB=${PER_JOB:-10000}                  # profiles per job (the API's maximum)
PARALLEL=${PARALLEL:-4}                    # jobs submitted and not yet complete at any time (2 server workers)
POLL=${POLL:-0.2}                          # seconds between GETs of a job's status
UPDATE_CHANGE=${UPDATE_CHANGE:-1}          # 1: the update bodies change properties.round (1 -> 2), so every
                                           # profile is written; 0: the very same bodies (unchanged profiles)
WARM_JOBS=${WARM_JOBS:-2}                  # jobs per warm-up round
WARMUP_MIN=${WARMUP_MIN:-20}               # warm-up before the new profiles: rounds (new emails each) for at
WARMUP_MAX=${WARMUP_MAX:-60}               # least this many seconds, until the JIT compiler is idle (or this many)
UPD_WARMUP_MIN=${UPD_WARMUP_MIN:-0}        # the same before the updates (the JIT is mostly warm by then):
UPD_WARMUP_MAX=${UPD_WARMUP_MAX:-30}       # rounds that change the first warm-up round's profiles again
COPY_RUNS=${COPY_RUNS:-2}                  # COPY baseline runs (the rate reported is their mean)
COPY_INDEXED=${COPY_INDEXED:-1}            # 1: also COPY once into a table like profile, with all its indexes
JOB_TIMEOUT=${JOB_TIMEOUT:-600}            # longest a job may take from its 202 to "complete", seconds
JSTACK_EVERY=${JSTACK_EVERY:-15}           # seconds between jstack samples of the job workers during the
                                           # new-profile phase; 0: no samples
BENCH_WAIT=${BENCH_WAIT:-1800}             # longest wait for another bench/*.sh to finish, seconds
QUIET_WAIT=${QUIET_WAIT:-300}              # longest wait for a quiet machine before each phase, seconds
PORT=${PORT:-}                             # default: a free port
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JSTACK=${JSTACK:-$(dirname "$JAVA")/jstack}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PYTHON=${PYTHON:-python3}
KEEP=${KEEP:-0}                            # 1: keep the work directory (server log, job lists, jstack samples)
RESULTS_DIR=${RESULTS_DIR:-$here/results}

die() { echo "import.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

for tool in "$PSQL" "$PYTHON" curl awk sort; do
    command -v "$tool" >/dev/null || die "$tool not found (psql: postgresql-client)"
done
[[ -x $JAVA ]] || die "no java at $JAVA (set JAVA=/path/to/bin/java, JDK >= 21)"
[[ -f $JAR ]] || die "no jar at $JAR: build it with ./mvnw -q -B -DskipTests package (or set JAR=...)"
(( JSTACK_EVERY == 0 )) || [[ -x $JSTACK ]] || die "no jstack at $JSTACK (set JSTACK=..., or JSTACK_EVERY=0)"
(( PER_JOB >= 1 && PER_JOB <= 10000 )) || die "PER_JOB must be 1..10000 (the API's limit)"
(( JOBS >= 1 && PARALLEL >= 1 && WARM_JOBS >= 1 )) || die "JOBS, PARALLEL and WARM_JOBS must be >= 1"
port_busy() { ss -Htln "sport = :$1" 2>/dev/null | grep -q . || curl -s -o /dev/null "http://127.0.0.1:$1/"; }
if [[ -z $PORT ]]; then
    for _ in $(seq 50); do PORT=$(( 20000 + RANDOM % 20000 )); port_busy "$PORT" || break; done
fi
if port_busy "$PORT"; then die "port $PORT is in use (set PORT=...)"; fi

# Another benchmark, load generator or build on the same 2 cores would skew both: wait for it to end.
busy_pattern='bench/(lists|profiles)\.sh|(^|/)(wrk|pgbench) |maven'
waited=0
while pgrep -f "$busy_pattern" >/dev/null; do
    (( waited == 0 )) && log "another benchmark or build is running ($(pgrep -fa "$busy_pattern" | head -1 | cut -c1-80)): waiting up to ${BENCH_WAIT}s"
    (( waited >= BENCH_WAIT )) && die "another benchmark is still running after ${BENCH_WAIT}s"
    sleep 10; waited=$(( waited + 10 ))
done

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-bench.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
driver_pid=""
sampler_pid=""
clk=$(getconf CLK_TCK)
N=$(( JOBS * PER_JOB ))

cleanup() {
    local rc=$?
    for p in $driver_pid $sampler_pid; do kill "$p" 2>/dev/null || true; done
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
        echo "import.sh: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CPU_DECIMALS=1
source "$here/lib-cpu.sh"
secs() { local -a b=($1) a=($2); echo $(( (a[4] - b[4]) / 1000000000 + 1 )); }   # BEFORE AFTER -> seconds between

all_ticks() {   # pid comm ticks (own, not reaped children: a parent's cutime jumps when it reaps) of every process
    for f in /proc/[0-9]*/stat; do
        awk '{ c = $2; for (i = 3; i <= NF && substr(c, length(c)) != ")"; i++) c = c " " $i
               print $1, c, $(i + 11) + $(i + 12) }' "$f" 2>/dev/null || true
    done
}
# foreign BEFORE_FILE AFTER_FILE SECONDS -> up to 3 processes other than ours with > 1% of the machine
# (processes that started during the phase count from zero; ones that ended during it are missed)
foreign() {
    local mine="$$ $server_pid $pg_pid $(pgrep -P "$pg_pid" | tr '\n' ' ')"
    awk -v mine=" $mine " -v clk="$clk" -v d="$3" -v cores="$(nproc)" '
        NR == FNR { t[$1] = $NF; next }
        index(mine, " " $1 " ") == 0 {
            dt = $NF - (($1 in t) ? t[$1] : 0); share = 100 * dt / clk / d / cores
            if (share > 1) { name = $2; for (i = 3; i < NF; i++) name = name " " $i; printf "%s %.0f%%\n", name, share } }' \
        "$1" "$2" | sort -t' ' -k2 -nr | head -3 | tr '\n' ',' | sed 's/,$//; s/,/, /g'
}
psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
kv() { sed -n "s/^$1=//p" "$2" | tail -1; }          # KEY=value lines from import_driver.py
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
fmt() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }; print s r }'; }
# PostgreSQL's own counters: transactions, rows inserted / updated / deleted, WAL bytes, checkpoints.
# (The statistics of the server's pooled connections reach pg_stat_database within about a second.)
pgstat() {
    psql_ -Atc "select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()),
        (select tup_inserted from pg_stat_database where datname = current_database()),
        (select tup_updated from pg_stat_database where datname = current_database()),
        (select tup_deleted from pg_stat_database where datname = current_database()),
        pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint,
        (select num_timed + num_requested from pg_stat_checkpointer)" | tr '|' ' '
}
# pg_work BEFORE AFTER UNITS -> "transactions | rows inserted | updated | deleted | WAL bytes" per unit, "| checkpoints"
pg_work() {
    local -a b=($1) a=($2)
    awk -v x=$(( a[0] - b[0] )) -v i=$(( a[1] - b[1] )) -v u=$(( a[2] - b[2] )) -v d=$(( a[3] - b[3] )) \
        -v w=$(( a[4] - b[4] )) -v k=$(( a[5] - b[5] )) -v n="$3" 'BEGIN {
        printf "%.3f | %.2f | %.2f | %.2f | %.0f | %d", x / n, i / n, u / n, d / n, w / n, k }'
}
failures=()
fail() { failures+=("$1"); echo "import.sh: FAILURE: $1" >&2; }

# --- 0. the server ------------------------------------------------------------------------------------
source "$here/lib-server.sh"
start_server

# --- 1. inputs, generated before any timing -------------------------------------------------------------
# new/imp-NNN.json: JOBS bodies, emails imp-1..imp-N@bench.example, properties.round 1; upd/: the same
# profiles with properties.round 2 (or the same files, UPDATE_CHANGE=0); copy.csv: the same N rows for COPY.
upd_round=$(( UPDATE_CHANGE == 1 ? 2 : 1 ))
log "generating $JOBS request bodies of $PER_JOB profiles (twice) and a CSV of $(fmt "$N") rows"
t0=$(date +%s)
"$PYTHON" "$here/import_gen.py" bodies "$work/new" imp "$JOBS" "$PER_JOB" 1 >"$work/gen-new.txt" & g1=$!
if (( UPDATE_CHANGE == 1 )); then
    "$PYTHON" "$here/import_gen.py" bodies "$work/upd" imp "$JOBS" "$PER_JOB" 2 >"$work/gen-upd.txt" & g2=$!
else
    g2=""
fi
"$PYTHON" "$here/import_gen.py" csv "$work/copy.csv" "$acct" imp "$JOBS" "$PER_JOB" 1 & g3=$!
for g in $g1 $g2 $g3; do wait "$g" || die "input generation failed"; done
(( UPDATE_CHANGE == 1 )) || ln -s "$work/new" "$work/upd"
body_bytes=$(cat "$work/gen-new.txt")
[[ $(wc -l <"$work/copy.csv") == "$N" ]] || die "copy.csv has the wrong number of rows"
log "generated in $(( $(date +%s) - t0 )) s (largest body $(fmt "$body_bytes") bytes)"
new_bodies=("$work"/new/imp-*.json)
upd_bodies=("$work"/upd/imp-*.json)

# run_jobs OUT BODY...: the driver, PARALLEL jobs in flight; its KEY=value summary goes to OUT.txt
run_jobs() {
    local out=$1; shift
    "$PYTHON" "$here/import_driver.py" "$PORT" "$key" "$PARALLEL" "$POLL" "$JOB_TIMEOUT" "$out.tsv" "$@" >"$out.txt" 2>"$out.err" &
    driver_pid=$!
    local rc=0
    wait "$driver_pid" || rc=$?
    driver_pid=""
    return $rc
}
check_jobs() {   # OUT EXPECTED_JOBS: every job complete with all its profiles and no failures
    local out=$1 jobs=$2
    if [[ $(kv ERRORS "$out.txt") != 0 || $(kv BAD_JOBS "$out.txt") != 0 || $(kv JOBS "$out.txt") != "$jobs" ]]; then
        cat "$out.txt" "$out.err" >&2
        fail "$(basename "$out"): $(kv JOBS "$out.txt") of $jobs jobs done, $(kv BAD_JOBS "$out.txt") not complete with" \
             "completed_count = total and failed_count = 0, $(kv ERRORS "$out.txt") request errors ($(head -1 "$out.err"))"
        return 1
    fi
}

# warm_up NAME MAKE MIN MAX: rounds of WARM_JOBS jobs (MAKE ROUND DIR writes that round's bodies into DIR) for
# at least MIN and at most MAX seconds, until a round in which the JIT compiler used < 3% of a core.
warm_up() {
    local name=$1 make=$2 min=$3 max=$4 i=0 j0 j1 t0 t1 elapsed=0 dt
    while :; do
        i=$(( i + 1 ))
        "$make" "$i" "$work/warm-$name-$i" >/dev/null
        j0=$(jit_ticks); t0=$(date +%s%N)
        run_jobs "$work/warm-$name-$i" "$work/warm-$name-$i"/*.json || true
        check_jobs "$work/warm-$name-$i" "$WARM_JOBS" || die "warm-up $name round $i failed (see above)"
        j1=$(jit_ticks); t1=$(date +%s%N)
        dt=$(( (t1 - t0) / 1000000 ))   # ms
        elapsed=$(( elapsed + dt ))
        log "  warm-up $name round $i: $(( WARM_JOBS * PER_JOB )) profiles in $(awk -v d="$dt" 'BEGIN { printf "%.1f s", d / 1000 }')," \
            "JIT $(( (j1 - j0) * 100000 / clk / (dt > 0 ? dt : 1) ))% of a core"
        (( elapsed >= min * 1000 && (j1 - j0) * 100000 < 3 * clk * dt )) && break
        (( elapsed >= max * 1000 )) && { log "  warm-up $name: the JIT compiler is still busy after ${max}s"; break; }
    done
    warmed=$(( elapsed / 1000 ))
    warm_rounds=$i
}
# new profiles: round R has its own emails (warmR-...); updates: round R changes warm1-... again (round R + 1)
make_warm_new() { "$PYTHON" "$here/import_gen.py" bodies "$2" "warm$1" "$WARM_JOBS" "$PER_JOB" 1; }
make_warm_upd() { "$PYTHON" "$here/import_gen.py" bodies "$2" warm1 "$WARM_JOBS" "$PER_JOB" $(( UPDATE_CHANGE == 1 ? $1 + 1 : 1 )); }
profiles_count() { psql_ -Atc "select count(*) from profile where account_id = '$acct'"; }

# jstack samples of the server during a phase, every JSTACK_EVERY seconds while the driver runs
sampler() {
    local i=0 s=0
    mkdir -p "$work/jstack"
    while kill -0 "$1" 2>/dev/null; do
        sleep 1; s=$(( s + 1 ))
        kill -0 "$1" 2>/dev/null || break
        (( s % JSTACK_EVERY == 0 )) || continue
        i=$(( i + 1 ))
        "$JSTACK" "$server_pid" >"$work/jstack/sample-$i.txt" 2>/dev/null || rm -f "$work/jstack/sample-$i.txt"
    done
    awk '{print $16 + $17}' "/proc/$BASHPID/stat" >"$work/jstack/ticks"   # the jstack processes' CPU
}

# --- 2. new profiles --------------------------------------------------------------------------------------
log "new profiles: warm-up (rounds of $WARM_JOBS jobs with their own emails)"
warm_up new make_warm_new "$WARMUP_MIN" "$WARMUP_MAX"; new_warm=$warmed; new_warm_rounds=$warm_rounds
psql_ -c "vacuum analyze" -c "checkpoint"
count0=$(profiles_count)
wait_for_quiet
log "new profiles: $JOBS jobs of $PER_JOB, $PARALLEL in flight"
w0=$(pgstat); all_ticks >"$work/procs-before"; before=$(snapshot)
"$PYTHON" "$here/import_driver.py" "$PORT" "$key" "$PARALLEL" "$POLL" "$JOB_TIMEOUT" "$work/new-jobs.tsv" "${new_bodies[@]}" \
    >"$work/new-jobs.txt" 2>"$work/new-jobs.err" &
driver_pid=$!
if (( JSTACK_EVERY > 0 )); then sampler "$driver_pid" & sampler_pid=$!; fi
new_rc=0; wait "$driver_pid" || new_rc=$?; driver_pid=""
if [[ -n $sampler_pid ]]; then wait "$sampler_pid" || true; sampler_pid=""; fi
after=$(snapshot); after=$(settle_pg "$after"); w1=$(pgstat); all_ticks >"$work/procs-after"
new_foreign=$(foreign "$work/procs-before" "$work/procs-after" "$(secs "$before" "$after")")
check_jobs "$work/new-jobs" "$JOBS" || true
new_s=$(kv ELAPSED "$work/new-jobs.txt")
new_rate=$(awk -v s="$new_s" -v n="$N" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
new_cpu=$(cpu_share "$before" "$after" "$N"); new_other=$(other_share "$before" "$after")
new_pg=$(pg_work "$w0" "$w1" "$N")
count1=$(profiles_count)
(( count1 - count0 == N )) || fail "the profile table grew by $(( count1 - count0 )) rows in the new-profile phase, expected $N"
jstack_samples=$(find "$work" -path '*/jstack/sample-*.txt' | wc -l)
jstack_us=$(awk -v t="$(cat "$work/jstack/ticks" 2>/dev/null || echo 0)" -v clk="$clk" -v n="$N" 'BEGIN { printf "%.1f", t * 1e6 / clk / n }')
log "new profiles: $(fmt "$N") in ${new_s}s = $(fmt "$new_rate") profiles/s; profile table $count0 -> $count1"

# --- 3. updates: the same emails again ----------------------------------------------------------------------
log "updates: warm-up (the first warm-up round's $WARM_JOBS jobs again)"
warm_up upd make_warm_upd "$UPD_WARMUP_MIN" "$UPD_WARMUP_MAX"; upd_warm=$warmed; upd_warm_rounds=$warm_rounds
psql_ -c "vacuum analyze" -c "checkpoint"
count2=$(profiles_count)
wait_for_quiet
log "updates: $JOBS jobs of $PER_JOB existing emails, $PARALLEL in flight"
w0=$(pgstat); all_ticks >"$work/procs-before"; before=$(snapshot)
run_jobs "$work/upd-jobs" "${upd_bodies[@]}" || true
after=$(snapshot); after=$(settle_pg "$after"); w1=$(pgstat); all_ticks >"$work/procs-after"
upd_foreign=$(foreign "$work/procs-before" "$work/procs-after" "$(secs "$before" "$after")")
check_jobs "$work/upd-jobs" "$JOBS" || true
upd_s=$(kv ELAPSED "$work/upd-jobs.txt")
upd_rate=$(awk -v s="$upd_s" -v n="$N" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
upd_cpu=$(cpu_share "$before" "$after" "$N"); upd_other=$(other_share "$before" "$after")
upd_pg=$(pg_work "$w0" "$w1" "$N")
count3=$(profiles_count)
(( count3 == count2 )) || fail "the profile table changed from $count2 to $count3 rows in the update phase, expected no new rows"
upd_seen=$(psql_ -Atc "select count(*) from profile where account_id = '$acct' and email like 'imp-%@bench.example'
    and properties->>'round' = '$upd_round'")
(( upd_seen == N )) || fail "$upd_seen imported profiles have properties.round = $upd_round after the updates, expected $N"
log "updates: $(fmt "$N") in ${upd_s}s = $(fmt "$upd_rate") profiles/s; $upd_seen profiles with round $upd_round"

# --- 4. baseline: COPY of the same rows into a plain table -------------------------------------------------
psql_ -c "create table bench_copy (account_id text not null, id text not null, email text, first_name text,
    last_name text, properties jsonb not null, created timestamptz not null, updated timestamptz not null,
    primary key (account_id, id))"
copy_rates=()
copy_times=()
for (( r = 1; r <= COPY_RUNS; r++ )); do
    psql_ -c "truncate bench_copy" -c "checkpoint"
    wait_for_quiet
    log "COPY baseline run $r: \\copy bench_copy from copy.csv ($(fmt "$N") rows)"
    w0=$(pgstat); all_ticks >"$work/procs-before"; before=$(snapshot)
    t0=$(date +%s%N)
    psql_ -c "\\copy bench_copy from '$work/copy.csv' with (format csv)"
    t1=$(date +%s%N)
    after=$(snapshot); after=$(settle_pg "$after"); w1=$(pgstat); all_ticks >"$work/procs-after"
    copy_s=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.2f", ns / 1e9 }')
    copy_times+=("$copy_s")
    copy_rates+=("$(awk -v s="$copy_s" -v n="$N" 'BEGIN { printf "%.0f", n / s }')")
    if (( r == 1 )); then copy_cpu=$(cpu_share "$before" "$after" "$N"); copy_other=$(other_share "$before" "$after"); copy_pg=$(pg_work "$w0" "$w1" "$N")
                copy_foreign=$(foreign "$work/procs-before" "$work/procs-after" "$(secs "$before" "$after")"); fi
    copied=$(psql_ -Atc "select count(*) from bench_copy")
    (( copied == N )) || fail "COPY run $r stored $copied rows, expected $N"
    log "COPY run $r: ${copy_s}s = $(fmt "${copy_rates[-1]}") rows/s"
done
copy_rate=$(printf '%s\n' "${copy_rates[@]}" | awk '{ s += $1 } END { printf "%.0f", s / NR }')

# For information: the same COPY into a table shaped like profile, with its generated email_key and
# all its indexes (primary key, 3 unique, 5 more), i.e. the index work any import into profile must do.
if (( COPY_INDEXED == 1 )); then
    psql_ -c "create table bench_copy_indexed (like profile including defaults including generated including indexes)" \
          -c "checkpoint"
    n_idx=$(psql_ -Atc "select count(*) from pg_indexes where tablename = 'bench_copy_indexed'")
    wait_for_quiet
    log "COPY into bench_copy_indexed (like profile, $n_idx indexes)"
    w0=$(pgstat); before=$(snapshot)
    t0=$(date +%s%N)
    psql_ -c "\\copy bench_copy_indexed (account_id, id, email, first_name, last_name, properties, created, updated) from '$work/copy.csv' with (format csv)"
    t1=$(date +%s%N)
    after=$(snapshot); after=$(settle_pg "$after"); w1=$(pgstat)
    copyi_s=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.2f", ns / 1e9 }')
    copyi_rate=$(awk -v s="$copyi_s" -v n="$N" 'BEGIN { printf "%.0f", n / s }')
    copyi_cpu=$(cpu_share "$before" "$after" "$N"); copyi_pg=$(pg_work "$w0" "$w1" "$N")
    copied_i=$(psql_ -Atc "select count(*) from bench_copy_indexed")
    (( copied_i == N )) || fail "COPY into bench_copy_indexed stored $copied_i rows, expected $N"
    log "COPY with profile's indexes: ${copyi_s}s = $(fmt "$copyi_rate") rows/s"
fi

pg_version=$(psql_ -Atc "show server_version")
pg_settings=$(psql_ -Atc "select string_agg(name || '=' || current_setting(name), ', ' order by name) from pg_settings
    where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'max_wal_size', 'wal_level', 'max_connections')")
sizes=$(psql_ -Atc "select 'profile ' || pg_size_pretty(pg_total_relation_size('profile')) || ', bench_copy '
    || pg_size_pretty(pg_total_relation_size('bench_copy'))")

# --- 5. stop the server; its embedded PostgreSQL must go with it ----------------------------------------
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
new_ratio=$(ratio "$new_rate" "$copy_rate")
upd_ratio=$(ratio "$upd_rate" "$copy_rate")
target=$(awk -v r="$new_ratio" 'BEGIN { print (r >= 0.30 ? "met" : "**missed**") }')
upd_what=$([[ $UPDATE_CHANGE == 1 ]] && echo "same emails and names, properties.round 1 -> 2 (every profile written)" \
           || echo "the very same bodies (no profile changes)")

mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/import-$ts.md
{
    echo "### Bulk import benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $cpu_model, $mem; $(uname -sr)"
    echo "- server: jar $jar_id; $java_version${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}"
    echo "- PostgreSQL $pg_version (embedded, shared by the server and the baseline): $pg_settings"
    echo "- load: import_driver.py (python3 $("$PYTHON" -c 'import sys; print(sys.version.split()[0])')), $PARALLEL jobs in flight, status polled every ${POLL}s;" \
         "bodies of $(fmt "$PER_JOB") profiles (largest $(fmt "$body_bytes") bytes); warm-up until the JIT compiler is idle:" \
         "new ${new_warm}s ($new_warm_rounds rounds of $WARM_JOBS jobs), updates ${upd_warm}s ($upd_warm_rounds rounds); baseline psql \`\\copy\`, $COPY_RUNS runs"
    echo "- command: \`JOBS=$JOBS PER_JOB=$PER_JOB PARALLEL=$PARALLEL UPDATE_CHANGE=$UPDATE_CHANGE COPY_RUNS=$COPY_RUNS COPY_INDEXED=$COPY_INDEXED JSTACK_EVERY=$JSTACK_EVERY bench/import.sh\`"
    echo
    echo "| benchmark | OpenProfile | baseline (COPY into \`bench_copy\`, same PostgreSQL) | ratio |"
    echo "|---|---|---|---|"
    echo "| new profiles: $JOBS jobs x $(fmt "$PER_JOB"), $(fmt "$N") distinct emails, first submit to last completion | $(fmt "$new_rate") profiles/s (${new_s} s) | $(fmt "$copy_rate") rows/s (${copy_times[*]} s) | **$new_ratio** |"
    echo "| updates: the same $(fmt "$N") emails again, $upd_what | $(fmt "$upd_rate") profiles/s (${upd_s} s) | $(fmt "$copy_rate") rows/s | $upd_ratio |"
    if (( COPY_INDEXED == 1 )); then
        echo "| for information: new profiles against COPY into \`bench_copy_indexed\` (like profile: generated email_key, all $n_idx indexes) | $(fmt "$new_rate") profiles/s | $(fmt "$copyi_rate") rows/s (${copyi_s} s) | $(ratio "$new_rate" "$copyi_rate") |"
    fi
    echo
    echo "Target (issue 4): new-profile import at least 30% of COPY's rate: $target ($new_ratio)."
    echo
    echo "Checks: new profiles: $(kv JOBS "$work/new-jobs.txt") of $JOBS jobs complete, completed_count $(fmt "$(kv COMPLETED "$work/new-jobs.txt")")," \
         "failed_count $(kv FAILED "$work/new-jobs.txt"), $(kv BAD_JOBS "$work/new-jobs.txt") jobs off, $(kv ERRORS "$work/new-jobs.txt") request errors;" \
         "profile table $(fmt "$count0") -> $(fmt "$count1") (+$(fmt $(( count1 - count0 ))))." \
         "Updates: $(kv JOBS "$work/upd-jobs.txt") of $JOBS jobs complete, completed_count $(fmt "$(kv COMPLETED "$work/upd-jobs.txt")")," \
         "failed_count $(kv FAILED "$work/upd-jobs.txt"), $(kv BAD_JOBS "$work/upd-jobs.txt") jobs off, $(kv ERRORS "$work/upd-jobs.txt") request errors;" \
         "profile table $(fmt "$count2") -> $(fmt "$count3"); $(fmt "$upd_seen") imported profiles have properties.round = $upd_round." \
         "COPY: $(fmt "$copied") rows in the last run. POST (202) latency mean / max: new $(kv SUBMIT_MEAN "$work/new-jobs.txt") / $(kv SUBMIT_MAX "$work/new-jobs.txt") s," \
         "updates $(kv SUBMIT_MEAN "$work/upd-jobs.txt") / $(kv SUBMIT_MAX "$work/upd-jobs.txt") s. Sizes at the end: $sizes."
    echo
    echo "CPU time per profile (per row for COPY), µs, from /proc over each measured phase (driver: import_driver.py / psql;" \
         "in the new-profile phase also $jstack_samples jstack samples, $jstack_us µs per profile):"
    echo
    echo "| phase | server JVM | of which JIT compiler | PostgreSQL | driver | kernel irq | other | hypervisor steal | machine busy | other processes seen |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    echo "| new profiles | $new_cpu | ${new_foreign:--} |"
    echo "| updates | $upd_cpu | ${upd_foreign:--} |"
    echo "| COPY (run 1) | - | - | ${copy_cpu#* | * | } | ${copy_foreign:--} |"
    (( COPY_INDEXED == 1 )) && echo "| COPY with profile's indexes | - | - | ${copyi_cpu#* | * | } | |"
    echo
    echo "PostgreSQL's work per profile (per row for COPY), from pg_stat_database and the WAL position:"
    echo
    echo "| phase | transactions | rows inserted | rows updated | rows deleted | WAL bytes | checkpoints during the phase |"
    echo "|---|---|---|---|---|---|---|"
    echo "| new profiles | $new_pg |"
    echo "| updates | $upd_pg |"
    echo "| COPY (run 1) | $copy_pg |"
    (( COPY_INDEXED == 1 )) && echo "| COPY with profile's indexes | $copyi_pg |"
    for s in "$new_other" "$upd_other" "$copy_other"; do
        if (( s > 5 )); then
            echo
            echo "**Warning**: other work used more than 5% of the machine during a measured phase (column 'other');" \
                 "those figures are lower than an undisturbed machine would give. Run again on a quiet machine."
            break
        fi
    done
    if (( jstack_samples > 0 )); then
        echo
        echo "Job-worker threads in jstack samples taken every ${JSTACK_EVERY}s during the new-profile phase:"
        echo
        "$PYTHON" "$here/import_stacks.py" "$work"/jstack/sample-*.txt
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
