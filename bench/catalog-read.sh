#!/usr/bin/env bash
# Catalog read benchmark (issue 14): the first page of get_catalog_items filtered by category
# (filter=equals(category.id,"..."), page[size]=100) with ITEMS items in the account, half of them in the
# category, beside the same SQL run by pgbench on the same embedded PostgreSQL in the same run. Two categories
# of ITEMS/2 items each: "spread" holds every other item (its members are interleaved with the others in
# created order), "newest" holds the newer half. Latency only: one request at a time over one keep-alive
# connection (curl), a bounded number of them, loopback only. Prints a markdown results block and writes it to
# bench/results/. See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

ITEMS=${ITEMS:-100000}              # catalog items in the account
PAGE_SIZE=${PAGE_SIZE:-100}         # page[size] (the API's maximum)
REQUESTS=${REQUESTS:-1000}          # measured requests (and pgbench transactions), category "spread"
WARMUP=${WARMUP:-1000}              # requests per warm-up round before them, category "spread": rounds go on until
WARMUP_MIN=${WARMUP_MIN:-20}        # the JIT compiler uses < 3% of a core, at least WARMUP_MIN and at most WARMUP_MAX s
WARMUP_MAX=${WARMUP_MAX:-120}
PG_WARMUP=${PG_WARMUP:-200}         # unmeasured pgbench transactions before them, category "spread"
# "newest" costs the SQL a scan past the older half of the items per request (see docs/benchmarks.md): fewer
# requests, and a short warm-up (the code path is the same, warm from "spread").
NEWEST_REQUESTS=${NEWEST_REQUESTS:-200}
NEWEST_WARMUP=${NEWEST_WARMUP:-20}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$root/server/target/openprofile.jar}
JAVA_OPTS=${JAVA_OPTS:-}
PGBENCH=${PGBENCH:-pgbench}
PORT=${PORT:-}
KEEP=${KEEP:-0}
RESULTS_DIR=${RESULTS_DIR:-$here/results}
BENCH_WAIT=${BENCH_WAIT:-1800}
QUIET_WAIT=${QUIET_WAIT:-300}

die() { echo "catalog-read.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
# shellcheck source=lib-server.sh
. "$here/lib-server.sh"
# shellcheck source=lib-cpu.sh
. "$here/lib-cpu.sh"
clk=$(getconf CLK_TCK)

check_setup psql "$PGBENCH" curl python3
(( ITEMS % 2 == 0 && ITEMS / 2 >= PAGE_SIZE )) || die "ITEMS must be even and at least 2 x PAGE_SIZE"
wait_for_benchmarks 'bench/(lists|profiles|import|aggregates|events|segments|operator-overhead)\.sh|(^|/)(wrk|pgbench) |maven'

work=$(mktemp -d "${TMPDIR:-/tmp}/openprofile-catalog-read.XXXXXX")
data=$work/data
server_pid=""
pg_pid=""
cleanup() {
    local rc=$?
    kill_server
    if [[ $rc == 0 && $KEEP != 1 ]]; then rm -rf "$work"; else echo "catalog-read.sh: work directory kept: $work" >&2; fi
    exit "$rc"
}
trap cleanup EXIT

start_server
base="http://127.0.0.1:$PORT"
auth=(-H "Authorization: Klaviyo-API-Key $key" -H "revision: 2026-07-15")
api() {   # METHOD PATH [BODY] -> the body; fails unless 2xx
    curl -sf -g -X "$1" "${auth[@]}" -H 'Content-Type: application/vnd.api+json' ${3:+--data "$3"} "$base$2" \
        || die "$1 $2 failed"
}
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; print v[i] + 0 }'; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
id_of() { echo "\$custom:::\$default:::$1"; }

# --- 1. the account: two categories and an item through the API, then ITEMS items by SQL ------------------
log "creating the categories through the API"
for c in SPREAD NEWEST; do
    api POST /api/catalog-categories "{\"data\":{\"type\":\"catalog-category\",\"attributes\":{\"external_id\":\"BENCH-$c\",\"name\":\"Bench $c\"}}}" >/dev/null
done
spread=$(id_of BENCH-SPREAD)
newest=$(id_of BENCH-NEWEST)
# The seed writes the doc the API writes: compare its keys with those of an item made through the API.
api POST /api/catalog-items '{"data":{"type":"catalog-item","attributes":{"external_id":"BENCH-API","title":"t","description":"d","url":"https://shop.example/x","price":1}}}' >/dev/null
api_doc_keys=$(psql_ -Atc "select string_agg(k, ',' order by k) from catalog_item, jsonb_object_keys(doc) k where account_id = '$acct' and id = '$(id_of BENCH-API)'")
api DELETE "/api/catalog-items/$(urlencode "$(id_of BENCH-API)")" >/dev/null
log "seeding $ITEMS items, half in each category"
t0=$(date +%s%N)
psql_ -v acct="$acct" -v n="$ITEMS" -v spread="$spread" -v newest="$newest" -f "$here/catalog-read-seed.sql"
psql_ -c "vacuum analyze catalog_item" -c "vacuum analyze catalog_item_category"
seed_s=$(awk -v ns=$(( $(date +%s%N) - t0 )) 'BEGIN { printf "%.1f", ns / 1e9 }')
seed_doc_keys=$(psql_ -Atc "select string_agg(k, ',' order by k) from catalog_item, jsonb_object_keys(doc) k where account_id = '$acct' and id = '$(id_of BENCH-1)'")
[[ $seed_doc_keys == "$api_doc_keys" ]] || die "seeded doc keys ($seed_doc_keys) differ from the API's ($api_doc_keys)"
counts=$(psql_ -Atc "select (select count(*) from catalog_item where account_id = '$acct') || ' items, ' ||
    (select count(*) from catalog_item_category where account_id = '$acct' and category_id = '$spread') || ' in spread, ' ||
    (select count(*) from catalog_item_category where account_id = '$acct' and category_id = '$newest') || ' in newest'")
log "seeded in ${seed_s}s: $counts"

path_of() { echo "/api/catalog-items?filter=$(urlencode "equals(category.id,\"$1\")")&page%5Bsize%5D=$PAGE_SIZE"; }
sql_text=$(grep -v '^--' "$here/catalog-read.sql")
bind_sql() { echo "$1" | sed -e "s/:acct/'$acct'/" -e "s/:cat/'$2'/" -e "s/:lim/$3/"; }   # TEXT CATEGORY LIMIT -> plain SQL

# --- 2. the answer is right: the first page is the SQL's first PAGE_SIZE rows -------------------------------
for cat in "$spread" "$newest"; do
    api GET "$(path_of "$cat")" >"$work/page.json"
    psql_ -At -c "$(bind_sql "$sql_text" "$cat" "$PAGE_SIZE")" | cut -d'|' -f1 >"$work/expected.ids"
    python3 - "$work/page.json" "$work/expected.ids" "$PAGE_SIZE" <<'EOF' || die "the first page for $cat is not the SQL's first $PAGE_SIZE rows"
import json, sys
page = json.load(open(sys.argv[1]))
expected = open(sys.argv[2]).read().split()
ids = [r["id"] for r in page["data"]]
assert len(ids) == int(sys.argv[3]), len(ids)
assert ids == expected, (ids[:3], expected[:3])
assert page["links"]["next"], "no links.next"
EOF
done
log "first pages checked: each is the SQL's first $PAGE_SIZE rows, with a links.next"

# --- 3. the statement the server runs is bench/catalog-read.sql ----------------------------------------------
# pg_stat_activity shows an active statement's text ($1.. placeholders); poll it while requests run.
log "capturing the server's statement from pg_stat_activity"
urls=$work/urls
line="url = \"$base$(path_of "$spread")\""
for (( i = 0; i < 500; i++ )); do echo "$line"; done >"$urls"
curl -s -g "${auth[@]}" -K "$urls" >/dev/null &
curl_pid=$!
psql_ -c "do \$\$ declare q text; deadline timestamptz := clock_timestamp() + interval '30 s'; begin
    loop
        perform pg_stat_clear_snapshot();
        select query into q from pg_stat_activity where state = 'active' and pid <> pg_backend_pid()
            and query like '%from catalog_item t where%' limit 1;
        exit when q is not null or clock_timestamp() > deadline;
    end loop;
    raise notice 'CAPTURED:%', q;
end \$\$" 2>"$work/captured.txt"
wait "$curl_pid" || true
norm() { tr -s ' \n\t' '   ' | sed -e 's/ *;* *$//' -e 's/^ *//'; }
captured=$(sed -n 's/.*CAPTURED://p' "$work/captured.txt" | norm)
ours=$(echo "$sql_text" | sed -e 's/:acct/$1/' -e 's/:cat/$2/' -e 's/:lim/$3/' | norm)
[[ -n $captured ]] || die "no statement captured (see $work/captured.txt)"
[[ $captured == "$ours" ]] || die "the server's statement differs from bench/catalog-read.sql:
  server: $captured
  ours:   $ours"
log "the server runs bench/catalog-read.sql verbatim"

# --- 4. HTTP latency: one curl, one keep-alive connection, one request at a time -------------------------------
time_http() {   # CATEGORY COUNT OUT: every answer must be 200; OUT gets one latency (µs) per line
    local i line="url = \"$base$(path_of "$1")\""
    for (( i = 0; i < $2; i++ )); do echo "$line"; done >"$urls"
    curl -s -g -w '%{stderr}%{http_code} %{time_total}\n' "${auth[@]}" -K "$urls" >/dev/null 2>"$3.raw"
    [[ $(awk '$1 == 200' "$3.raw" | wc -l) == "$2" ]] || { head "$3.raw" >&2; die "not every answer was 200"; }
    awk '{ printf "%.0f\n", $2 * 1e6 }' "$3.raw" >"$3"
}
time_sql() {   # CATEGORY COUNT OUT [SCRIPT]: pgbench -M prepared, one client; OUT gets one latency (µs) per line
    rm -rf "$work/pglog"; mkdir -p "$work/pglog"
    "$PGBENCH" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c 1 -t "$2" -f "$here/${4:-catalog-read.sql}" \
        -D acct="$acct" -D cat="$1" -D lim=$(( PAGE_SIZE + 1 )) --log --log-prefix="$work/pglog/log" postgres \
        >"$3.out" 2>&1 || { cat "$3.out" >&2; die "pgbench failed"; }
    ! grep -q '^number of failed transactions: [1-9]' "$3.out" || { cat "$3.out" >&2; die "pgbench: failed transactions"; }
    awk '{ print $3 }' "$work"/pglog/log* >"$3"
    [[ $(wc -l <"$3") == "$2" ]] || die "pgbench logged $(wc -l <"$3") transactions, expected $2"
}
plan_of() {   # SQL OUT -> "node > node ...; buffers ...; T ms" from EXPLAIN (ANALYZE, BUFFERS), kept in OUT
    psql_ -c "explain (analyze, buffers) $1" >"$2"
    awk 'NR > 2 && /->/ { s = $0; sub(/^ *-> */, "", s); sub(/  \(cost.*/, "", s); nodes = nodes (nodes ? " > " : "") s }
        /Buffers:/ && !buf { buf = $0; sub(/^ *Buffers: */, "", buf) }
        /Execution Time:/ { t = $3 }
        END { printf "%s; buffers %s; %s ms", nodes, buf, t }' "$2"
}
declare -A http_p50 http_p99 sql_p50 sql_p99 cpu plan
warm_until_idle() {   # CATEGORY: rounds of WARMUP requests until the JIT compiler is idle; sets warmups[spread]
    local round=0 j0 j1 t0 t1 dt elapsed=0
    while :; do
        round=$(( round + 1 ))
        j0=$(jit_ticks); t0=$(date +%s%N)
        time_http "$1" "$WARMUP" "$work/warm-spread"
        j1=$(jit_ticks); t1=$(date +%s%N)
        dt=$(( (t1 - t0) / 1000000 )); elapsed=$(( elapsed + dt ))   # ms
        log "spread: warm-up round $round ($WARMUP requests, $(( dt / 1000 )) s), JIT $(( (j1 - j0) * 100000 / clk / (dt > 0 ? dt : 1) ))% of a core"
        (( elapsed >= WARMUP_MIN * 1000 && (j1 - j0) * 100000 < 3 * clk * dt )) && break
        (( elapsed >= WARMUP_MAX * 1000 )) && { log "spread: the JIT compiler is still busy after ${WARMUP_MAX}s of warm-up"; break; }
    done
    warmups[spread]=$(( round * WARMUP ))
}
declare -A requests=([spread]=$REQUESTS [newest]=$NEWEST_REQUESTS) warmups=([spread]=$WARMUP [newest]=$NEWEST_WARMUP) \
    pg_warmups=([spread]=$PG_WARMUP [newest]=$NEWEST_WARMUP)
for name in spread newest; do
    cat=${!name}
    n=${requests[$name]}
    if [[ $name == spread ]]; then
        warm_until_idle "$cat"
    else
        log "$name: HTTP warm-up (${warmups[$name]} requests)"
        time_http "$cat" "${warmups[$name]}" "$work/warm-$name"
    fi
    wait_for_quiet
    log "$name: HTTP, $n requests"
    s0=$(snapshot)
    time_http "$cat" "$n" "$work/http-$name"
    s1=$(settle_pg "$(snapshot)")
    cpu[$name]=$(cpu_share "$s0" "$s1" "$n")
    http_p50[$name]=$(percentile 50 <"$work/http-$name"); http_p99[$name]=$(percentile 99 <"$work/http-$name")
    log "$name: pgbench, ${pg_warmups[$name]} + $n transactions"
    time_sql "$cat" "${pg_warmups[$name]}" "$work/pgwarm-$name"
    time_sql "$cat" "$n" "$work/sql-$name"
    sql_p50[$name]=$(percentile 50 <"$work/sql-$name"); sql_p99[$name]=$(percentile 99 <"$work/sql-$name")
    plan[$name]=$(plan_of "$(bind_sql "$sql_text" "$cat" "$(( PAGE_SIZE + 1 ))")" "$work/plan-$name.txt")
    log "$name: HTTP p50 $(ms "${http_p50[$name]}") ms p99 $(ms "${http_p99[$name]}") ms; SQL p50 $(ms "${sql_p50[$name]}") ms p99 $(ms "${sql_p99[$name]}") ms"
done
# --- 5. the experiment: the link table carrying its item's created (not what the server does) -----------------
# No index on the server's tables can serve "newest": its filter is on the link table and its order on the item.
# With the sort key copied into the link table, one index serves both (bench/catalog-read-linked.sql).
log "experiment: item_created in the link table, indexed with the category"
psql_ -c "alter table catalog_item_category add column item_created timestamptz" \
    -c "update catalog_item_category l set item_created = t.created from catalog_item t where t.account_id = l.account_id and t.id = l.item_id" \
    -c "create index catalog_item_category_by_category_created on catalog_item_category (account_id, category_id, item_created, item_id)" \
    -c "vacuum analyze catalog_item_category"
linked_text=$(grep -v '^--' "$here/catalog-read-linked.sql")
declare -A linked_p50 linked_p99 linked_plan
for name in spread newest; do
    cat=${!name}
    linked_sql=$(bind_sql "$linked_text" "$cat" "$PAGE_SIZE")
    psql_ -At -c "$linked_sql" | cut -d'|' -f1 >"$work/linked.ids"
    psql_ -At -c "$(bind_sql "$sql_text" "$cat" "$PAGE_SIZE")" | cut -d'|' -f1 >"$work/expected.ids"
    cmp -s "$work/linked.ids" "$work/expected.ids" || die "the experiment's first page for $name differs from the server's"
    time_sql "$cat" "${pg_warmups[$name]}" "$work/linkedwarm-$name" catalog-read-linked.sql
    time_sql "$cat" "${requests[$name]}" "$work/linked-$name" catalog-read-linked.sql
    linked_p50[$name]=$(percentile 50 <"$work/linked-$name"); linked_p99[$name]=$(percentile 99 <"$work/linked-$name")
    linked_plan[$name]=$(plan_of "$(bind_sql "$linked_text" "$cat" "$(( PAGE_SIZE + 1 ))")" "$work/linked-plan-$name.txt")
    log "$name, experiment: SQL p50 $(ms "${linked_p50[$name]}") ms p99 $(ms "${linked_p99[$name]}") ms"
done

pg_version=$(psql_ -Atc "show server_version")
stop_server

# --- results --------------------------------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
out=$RESULTS_DIR/catalog-read-$(date -u +%Y%m%dT%H%M%SZ).md
{
    echo "### Catalog read benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- server: jar $jar_id; PostgreSQL $pg_version (embedded, shared by the server and pgbench)"
    echo "- data: $counts (seeded by SQL in ${seed_s} s, \`bench/catalog-read-seed.sql\`)"
    echo "- command: \`ITEMS=$ITEMS PAGE_SIZE=$PAGE_SIZE REQUESTS=$REQUESTS WARMUP=$WARMUP WARMUP_MIN=$WARMUP_MIN WARMUP_MAX=$WARMUP_MAX NEWEST_REQUESTS=$NEWEST_REQUESTS NEWEST_WARMUP=$NEWEST_WARMUP bench/catalog-read.sh\`"
    echo
    echo "\`GET /api/catalog-items?filter=equals(category.id,\"…\")&page[size]=$PAGE_SIZE\` (the first page), one request at a" \
         "time over one keep-alive connection (curl), after unmeasured ones; beside it the same statement (\`bench/catalog-read.sql\`," \
         "checked against the server's own from \`pg_stat_activity\`) run as many times by \`pgbench -M prepared -c 1\`."
    echo
    echo "| category | requests (warm-up) | HTTP p50 / p99 | SQL p50 / p99 | ratio p50 / p99 |"
    echo "|---|---|---|---|---|"
    for name in spread newest; do
        what=$([[ $name == spread ]] && echo "every other item (members interleaved in created order)" || echo "the newer half of the items")
        echo "| $name: $what | ${requests[$name]} (${warmups[$name]}) | $(ms "${http_p50[$name]}") / $(ms "${http_p99[$name]}") ms | $(ms "${sql_p50[$name]}") / $(ms "${sql_p99[$name]}") ms |" \
             "$(ratio "${http_p50[$name]}" "${sql_p50[$name]}") / $(ratio "${http_p99[$name]}" "${sql_p99[$name]}") |"
    done
    echo
    for name in spread newest; do
        echo "Plan ($name, EXPLAIN ANALYZE, limit $(( PAGE_SIZE + 1 ))): ${plan[$name]}."
        echo
    done
    echo "Experiment (not what the server does): the link table carrying its item's \`created\`, indexed as (account_id, category_id," \
         "item_created, item_id), and the page read through it (\`bench/catalog-read-linked.sql\`; same rows checked):"
    echo
    echo "| category | SQL p50 / p99, as the server runs it | SQL p50 / p99, through the link table's index | plan |"
    echo "|---|---|---|---|"
    for name in spread newest; do
        echo "| $name | $(ms "${sql_p50[$name]}") / $(ms "${sql_p99[$name]}") ms | $(ms "${linked_p50[$name]}") / $(ms "${linked_p99[$name]}") ms | ${linked_plan[$name]} |"
    done
    echo
    echo "CPU per HTTP request, µs (from /proc over the measured requests):"
    echo
    echo "| category | server JVM | of which JIT | PostgreSQL | curl | irq | other | steal | machine busy |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for name in spread newest; do echo "| $name | ${cpu[$name]} |"; done
    echo
    echo "Checks: each first page is the SQL's first $PAGE_SIZE rows with a links.next; every answer 200; no failed pgbench transaction;" \
         "server stopped by SIGTERM (exit status $server_rc), embedded PostgreSQL gone."
} >"$out"
cat "$out"
log "written to $out"
