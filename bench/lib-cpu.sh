# Sourced by the bench scripts (which set server_pid, pg_pid and clk before calling these).
# CPU accounting shared by the bench scripts: ticks of the server JVM, of PostgreSQL (postmaster, live
# backends, and the reaped ones through the postmaster's cutime/cstime) and of the whole machine.
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
    local t
    t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pg_pid/stat")
    for c in $(pgrep -P "$pg_pid" || true); do t=$(( t + $(proc_ticks "$c") )); done
    echo "$t"
}
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }   # busy, not idle/iowait
# the load generators (wrk, pgbench, psql, drivers) run as (grand)children of the calling shell: once
# reaped, their time is in its cutime/cstime.
loadgen_ticks() { awk '{print $16 + $17}' "/proc/$$/stat"; }
jit_ticks() {   # the server's JIT compiler threads (comm "C2 CompilerThre", "C1 CompilerThre")
    cat /proc/"$server_pid"/task/*/stat 2>/dev/null | awk '/\(C[12] CompilerThre/ { t += $15 + $16 } END { print t + 0 }'
}
irq_steal_ticks() { awk '/^cpu /{print $7 + $8, $9; exit}' /proc/stat; }   # irq + softirq, steal (hypervisor)
snapshot() { echo "$(proc_ticks "$server_pid") $(pg_ticks) $(loadgen_ticks) $(machine_ticks) $(date +%s%N) $(jit_ticks) $(irq_steal_ticks)"; }
# When pgbench ends, its backends exit: one that is reaped between reading the postmaster's cutime
# and listing its children would be missed. Read PostgreSQL's ticks again once they are gone.
settle_pg() { local -a a=($1); sleep 1.5; a[1]=$(pg_ticks); echo "${a[*]}"; }
# cpu_share BEFORE AFTER UNITS -> "server JVM | of which JIT | postgres | load generator | irq | other (%) |
# steal % | machine busy %": CPU µs per unit (request, profile, page) except the percentages, with
# CPU_DECIMALS decimals (default 0)
cpu_share() {
    local -a b=($1) a=($2)
    awk -v j=$(( a[0] - b[0] )) -v p=$(( a[1] - b[1] )) -v l=$(( a[2] - b[2] )) -v m=$(( a[3] - b[3] )) \
        -v ns=$(( a[4] - b[4] )) -v c=$(( a[5] - b[5] )) -v q=$(( a[6] - b[6] )) -v st=$(( a[7] - b[7] )) \
        -v n="$3" -v clk="$clk" -v cores="$(nproc)" -v d="${CPU_DECIMALS:-0}" 'BEGIN {
        us = 1e6 / clk / n; mach = clk * (ns / 1e9) * cores
        o = m - j - p - l - q - st; if (o < 0) o = 0
        f = "%." d "f"
        printf f " | " f " | " f " | " f " | " f " | " f " (%.0f%% of the machine) | %.0f%% | %.0f%%", j * us, c * us, p * us, l * us,
            q * us, o * us, 100 * o / mach, 100 * st / mach, 100 * m / mach }'
}
# other_share BEFORE AFTER -> percent of the machine used by other processes (or stolen by the hypervisor)
other_share() {
    local -a b=($1) a=($2)
    awk -v j=$(( a[0] - b[0] )) -v p=$(( a[1] - b[1] )) -v l=$(( a[2] - b[2] )) -v m=$(( a[3] - b[3] )) \
        -v ns=$(( a[4] - b[4] )) -v q=$(( a[6] - b[6] )) -v clk="$clk" -v cores="$(nproc)" \
        'BEGIN { o = m - j - p - l - q; if (o < 0) o = 0; printf "%.0f", 100 * o / clk / (ns / 1e9) / cores }'
}
# wait_for_quiet: until the machine is < 15% busy over 2 s (call it while the server and PostgreSQL are idle), at
# most QUIET_WAIT seconds; then measure anyway (the CPU tables show how much other processes took).
wait_for_quiet() {
    local waited=0 t0 t1
    while :; do
        t0=$(machine_ticks); sleep 2; t1=$(machine_ticks)
        (( (t1 - t0) * 100 < 15 * 2 * clk * $(nproc) )) && return 0
        (( waited == 0 )) && log "the machine is busy ($(( (t1 - t0) * 100 / (2 * clk * $(nproc)) ))%): waiting up to ${QUIET_WAIT}s for it to calm down"
        waited=$(( waited + 2 ))
        (( waited >= QUIET_WAIT )) && { log "still busy after ${QUIET_WAIT}s: measuring anyway (see 'other' below)"; return 0; }
    done
}
# PostgreSQL's own counters (through the caller's psql_): transactions, rows inserted, WAL bytes so far. The statistics
# of the server's pooled connections reach pg_stat_database within about a second (settle_pg waits that long).
pg_counters() {
    psql_ -Atc "select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()),
        (select tup_inserted from pg_stat_database where datname = current_database()),
        pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint" | tr '|' ' '
}
# pg_counters_per BEFORE AFTER UNITS -> "transactions | rows inserted | WAL bytes" per unit
pg_counters_per() {
    local -a b=($1) a=($2)
    awk -v x=$(( a[0] - b[0] )) -v i=$(( a[1] - b[1] )) -v w=$(( a[2] - b[2] )) -v n="$3" \
        'BEGIN { printf "%.3f | %.2f | %.0f", x / n, i / n, w / n }'
}
