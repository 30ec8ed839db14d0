#!/usr/bin/env bash
# Web console benchmark (issue 18): the profiles table of an account with PROFILES (1,000,000) profiles, as an
# operator's console session sees it, beside the keyset SQL that page needs, on the same embedded PostgreSQL in
# the same run. Three pages: the first (no filter), one deep in the cursor walk (the cursor of the profile half way
# through), and a filtered one (equals(email,...)). Each is requested REQUESTS times one after the other on one
# keep-alive connection (curl, time to the first byte: the server's time plus loopback), after WARMUP unmeasured
# requests of each; the baseline is pgbench (-M prepared, one client) running that page's SELECT for as long.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -q -B -DskipTests package   # once
#   bench/console-profiles.sh
#
# Needs psql and pgbench (postgresql-client), curl, python3, and a JDK >= 21 at $JAVA. About 3 minutes and 2 GB in
# $TMPDIR. Prints a markdown results block and writes it to bench/results/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

PROFILES=${PROFILES:-1000000}      # profiles loaded with SQL (bench/seed.sql) into the default account
REQUESTS=${REQUESTS:-300}          # measured requests of each page
WARMUP=${WARMUP:-1500}             # unmeasured requests of each page before (the JIT compiles the page's path)
PG_SECONDS=${PG_SECONDS:-10}       # seconds of pgbench per page's SQL (after as many unmeasured)
PAGE_SIZE=50                       # the console's page (ProfilesSection.PAGE_SIZE)
PORT=${PORT:-}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PSQL=${PSQL:-psql}
PGBENCH=${PGBENCH:-pgbench}
KEEP=${KEEP:-0}                    # 1: keep the work directory (server log, pages, pgbench logs)
RESULTS_DIR=${RESULTS_DIR:-$here/results}
BENCH_WAIT=${BENCH_WAIT:-1800}
QUIET_WAIT=${QUIET_WAIT:-300}
WAIT=${WAIT:-1}                    # 0: do not wait for other benchmarks and builds (a shared machine)

die() { echo "console-profiles.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

source "$here/lib-server.sh"   # check_setup, start_server, stop_server, kill_server, wait_for_benchmarks
check_setup "$PSQL" "$PGBENCH" curl python3 awk sort
(( WAIT == 0 )) || wait_for_benchmarks 'bench/(profiles|lists|import|events|segments|aggregates)\.sh|maven|(^|/)wrk |(^|/)pgbench '

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-console.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
clk=$(getconf CLK_TCK)
cleanup() {
    local rc=$?
    kill_server
    if [[ $KEEP == 1 || $rc != 0 ]]; then echo "console-profiles.sh: work directory kept: $work" >&2; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
source "$here/lib-cpu.sh"      # wait_for_quiet, machine_ticks

psql_() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = (b > 0 ? a / b : 0); printf (r >= 1 ? "%.1f" : "%.2f"), r }'; }
# percentile P of the numbers on stdin (nearest rank)
pct() { sort -g | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print 0; exit } i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; print v[i] }'; }
ms() { awk '{ printf "%.2f\n", $1 * 1000 }'; }   # seconds -> ms, one a line

# --- the server, with the console on for the operator ----------------------------------------------------------
admin_key="bench-admin-$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 || true)"
export OPENPROFILE_ADMIN_KEY=$admin_key OPENPROFILE_CONSOLE=admin
start_server
base="http://127.0.0.1:$PORT"

log "bulk-loading $PROFILES profiles"
t0=$(date +%s)
psql_ -v acct="$acct" -v lo=1 -v hi="$PROFILES" -f "$here/seed.sql"
psql_ -c "vacuum analyze profile" -c "checkpoint"
log "loaded in $(( $(date +%s) - t0 )) s"

# The operator's console session: the login form (its cookie and token: the form is CSRF-protected) posted with
# the admin key, the session's cookie kept in a jar.
jar=$work/cookies
curl -s -c "$jar" -o "$work/login.html" "$base/console/login"
login_token=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "csrf=$login_token" \
    --data-urlencode "key=$admin_key" "$base/console/login")
[[ $code == 303 ]] || die "the console login answered $code (is the console in this jar?)"

# The deep page: the API's own cursor (read off a first page's next link), moved to the profile half way through.
mid=$(( PROFILES / 2 ))
mid_id=$(printf '01BENCH%019d' "$mid")
next=$(curl -s -H "Authorization: Klaviyo-API-Key $key" -H "revision: 2026-07-15" "$base/api/profiles?page%5Bsize%5D=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["links"]["next"])')
deep_cursor=$(python3 - "$next" "$mid_id" <<'PY'
import base64, sys, urllib.parse
cursor = urllib.parse.parse_qs(urllib.parse.urlparse(sys.argv[1]).query)["page[cursor]"][0]
raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
parts = raw.split("\x1f")                          # version, sort field, direction, sort key, id
if parts[3] == parts[4]: parts[3] = sys.argv[2]    # sorted by id: the key is the id
parts[4] = sys.argv[2]
print(base64.urlsafe_b64encode("\x1f".join(parts).encode()).decode().rstrip("="))
PY
)
email="bench-$(( PROFILES * 7 / 9 ))@bench.example"   # one profile, found by its email
profiles="$base/console/accounts/$acct/profiles"
declare -A URL=([first]="$profiles" [deep]="$profiles?cursor=$deep_cursor"
                [api]="$base/api/profiles?page%5Bsize%5D=$PAGE_SIZE&fields%5Bprofile%5D=email,phone_number,external_id,first_name,last_name,created,updated"
                [filtered]="$profiles?filter=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "equals(email,\"$email\")")")
declare -A LABEL=([first]="first page (no filter, sort id)" [deep]="a page deep in the walk (cursor at profile $mid)"
                  [filtered]="filtered: equals(email,\"$email\")"
                  [api]="for comparison: the API's get_profiles, same first page and columns, as JSON (no session, no HTML)")
# The SQL each page needs: the next page's rows by keyset (one more than the page, to know there is a next).
cols="id, email, phone_number, external_id, first_name, last_name, created, updated"
echo "select $cols from profile where account_id = :acct order by id limit $(( PAGE_SIZE + 1 ));" >"$work/first.sql"
echo "select $cols from profile where account_id = :acct and id > '$mid_id' order by id limit $(( PAGE_SIZE + 1 ));" >"$work/deep.sql"
# emails match case-insensitively (docs/compatibility.md): the unique index is on lower(email), as the server's query is
echo "select $cols from profile where account_id = :acct and email_key = lower('$email') order by id limit $(( PAGE_SIZE + 1 ));" >"$work/filtered.sql"
cp "$work/first.sql" "$work/api.sql"
declare -A ROWS=([first]=$PAGE_SIZE [deep]=$PAGE_SIZE [filtered]=1)
pages=(first deep filtered api)
# The API answers to its key, the console to the session's cookie.
declare -A AUTH=([first]="X-Bench: console" [deep]="X-Bench: console" [filtered]="X-Bench: console"
                 [api]="Authorization: Klaviyo-API-Key $key")

# Each page answers 200 with its rows (a wrong page measured fast would prove nothing).
for p in first deep filtered; do
    code=$(curl -s -b "$jar" -o "$work/$p.html" -w '%{http_code}' "${URL[$p]}")
    [[ $code == 200 ]] || { head -c 2000 "$work/$p.html" >&2; die "$p: the console answered $code"; }
    n=$(grep -c '<a href="/console/accounts/[^"]*/profiles/01BENCH' "$work/$p.html" || true)
    [[ $n == "${ROWS[$p]}" ]] || die "$p: $n rows on the page, expected ${ROWS[$p]}"
done
grep -q "01BENCH$(printf '%019d' $(( mid + 1 )))" "$work/deep.html" || die "deep: the page does not start after profile $mid"
grep -q 'rel="next"' "$work/first.html" || die "first: no next link"
code=$(curl -s -o "$work/api.json" -w '%{http_code}' -H "${AUTH[api]}" -H "revision: 2026-07-15" "${URL[api]}")
[[ $code == 200 && $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["data"]))' "$work/api.json") == "$PAGE_SIZE" ]] \
    || die "api: answered $code without $PAGE_SIZE profiles"

# fetch_times PAGE N OUT: N requests of the page on one keep-alive connection, time to first byte (s) one a line
fetch_times() {
    local args=() i
    for (( i = 0; i < $2; i++ )); do args+=(-o /dev/null "${URL[$1]}"); done
    curl -s -b "$jar" -H "${AUTH[$1]}" -H "revision: 2026-07-15" -w '%{http_code} %{time_starttransfer}\n' "${args[@]}" >"$3"
    awk '$1 != 200 { bad++ } END { exit bad > 0 }' "$3" || die "$1: a request did not answer 200"
}
log "warming up: $WARMUP requests of each page"
for p in "${pages[@]}"; do fetch_times "$p" "$WARMUP" "$work/$p-warmup.txt"; done
declare -A P50 P99 PG50 PG99 CPU
for p in "${pages[@]}"; do
    wait_for_quiet
    jvm0=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
    fetch_times "$p" "$REQUESTS" "$work/$p.txt"
    jvm1=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
    P50[$p]=$(awk '{ print $2 }' "$work/$p.txt" | ms | pct 50)
    P99[$p]=$(awk '{ print $2 }' "$work/$p.txt" | ms | pct 99)
    CPU[$p]=$(awk -v t=$(( jvm1 - jvm0 )) -v clk="$clk" -v n="$REQUESTS" 'BEGIN { printf "%.2f", t / clk * 1000 / n }')
    log "$p: p50 ${P50[$p]} ms, p99 ${P99[$p]} ms, server JVM CPU ${CPU[$p]} ms a page"
    # The baseline: the same page's SQL, one client, prepared, every latency logged.
    (cd "$work" && "$PGBENCH" -n -M prepared -c1 -j1 -T "$PG_SECONDS" -D acct="$acct" -f "$p.sql" \
        -h 127.0.0.1 -p "$pg_port" -U postgres postgres >/dev/null 2>&1) || die "$p: pgbench warm-up failed"
    rm -f "$work"/pgbench_log.*
    (cd "$work" && "$PGBENCH" -n -M prepared -c1 -j1 -T "$PG_SECONDS" -D acct="$acct" -f "$p.sql" -l \
        -h 127.0.0.1 -p "$pg_port" -U postgres postgres >"$work/$p-pgbench.txt" 2>&1) || { cat "$work/$p-pgbench.txt" >&2; die "$p: pgbench failed"; }
    PG50[$p]=$(cat "$work"/pgbench_log.* | awk '{ printf "%.6f\n", $3 / 1e6 }' | ms | pct 50)
    PG99[$p]=$(cat "$work"/pgbench_log.* | awk '{ printf "%.6f\n", $3 / 1e6 }' | ms | pct 99)
    log "$p baseline: p50 ${PG50[$p]} ms, p99 ${PG99[$p]} ms"
done
stop_server

ts=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/console-profiles-$ts.md
{
    echo "### Web console: profiles table ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)$( (( WAIT )) || echo '; not waited for other work (WAIT=0)')"
    echo "- server: jar ${jar_id:-$JAR}; $("$JAVA" -version 2>&1 | head -1); embedded PostgreSQL"
    echo "- data: $PROFILES profiles in one account (bench/seed.sql); the operator's console session (admin key)"
    echo "- figure: \`GET /console/accounts/{id}/profiles\`, $PAGE_SIZE rows a page, $REQUESTS requests one after the other on one keep-alive connection after $WARMUP unmeasured, time to the first byte (curl); server JVM CPU a page from /proc"
    echo "- baseline: the page's keyset SELECT (\`... where account_id = \$1 [and id > \$2 | and email_key = lower(\$2)] order by id limit $(( PAGE_SIZE + 1 ))\`), \`pgbench -M prepared -c1\` for ${PG_SECONDS}s after ${PG_SECONDS}s unmeasured, every latency logged"
    echo
    echo "| page | console p50 | console p99 | server CPU a page | SQL p50 | SQL p99 | ratio p50 | ratio p99 |"
    echo "|---|---|---|---|---|---|---|---|"
    for p in "${pages[@]}"; do
        echo "| ${LABEL[$p]} | ${P50[$p]} ms | **${P99[$p]} ms** | ${CPU[$p]} ms | ${PG50[$p]} ms | ${PG99[$p]} ms | $(ratio "${P50[$p]}" "${PG50[$p]}") | $(ratio "${P99[$p]}" "${PG99[$p]}") |"
    done
    echo
    echo "Issue 18 asks for under 300 ms server time on this table. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$out"
cat "$out"
echo
echo "written to $out" >&2
