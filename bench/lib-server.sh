# Sourced by the bench scripts: start_server starts the server under test from a copy of $JAR on a fresh data
# directory ($data) and port ($PORT) with a random key, and sets jar_id, key, server_pid, pg_pid, pg_port and
# acct. The caller defines log, die, psql_ and the variables JAR, JAVA, JAVA_OPTS, root and work. stop_server and
# kill_server stop it (at the end of a run, and in an EXIT trap); wait_for_benchmarks waits for other benchmarks;
# check_setup checks the tools, the JDK and the jar, and picks PORT.

# The server keeps its tables in the schema openprofile (OPENPROFILE_DATABASE_SCHEMA); psql and pgbench name
# them unqualified, so every session of the scripts looks there first.
export PGOPTIONS="-c search_path=openprofile,public"
start_server() {
    cp "$JAR" "$work/openprofile.jar"   # a concurrent rebuild of the jar cannot disturb the run
    # What was measured: the jar carries no commit, so name the jar and say whether the sources it was
    # built from can be the repository's HEAD (no source file or commit newer than the jar).
    local jar_time newest_src head_commit
    jar_time=$(stat -c %Y "$JAR")
    jar_id="$(sha256sum "$work/openprofile.jar" | cut -c1-12), built $(date -u -d "@$jar_time" '+%Y-%m-%d %H:%M UTC')"
    if git -C "$root" rev-parse HEAD >/dev/null 2>&1; then
        head_commit=$(git -C "$root" rev-parse --short HEAD)
        # tracked files only: files another session is creating in the tree are not part of HEAD
        newest_src=$(git -C "$root" ls-files -z -- server/src/main server/pom.xml pom.xml | (cd "$root" && xargs -0 stat -c '%Y') | sort -n | tail -1)
        newest_src=${newest_src%.*}
        if (( newest_src > jar_time || $(git -C "$root" log -1 --format=%ct -- server/src/main server/pom.xml pom.xml) > jar_time )); then
            jar_id="$jar_id; **older than the sources at HEAD $head_commit: rebuild the jar**"
            log "warning: $JAR is older than the sources; the results will say so"
        else
            jar_id="$jar_id from HEAD $head_commit$(git -C "$root" status --porcelain -- server pom.xml | grep -q . && echo ' (the tree has uncommitted changes, which the jar may or may not contain)' || true)"
        fi
    fi
    key="pk_$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 34 || true)"   # tr ends on SIGPIPE
    log "starting the server on port $PORT (data dir $data)"
    # Klaviyo's rate limits would throttle the load itself: off unless the caller sets OPENPROFILE_RATE_LIMITS.
    OPENPROFILE_RATE_LIMITS=${OPENPROFILE_RATE_LIMITS:-off} \
    OPENPROFILE_PORT=$PORT OPENPROFILE_DATA_DIR=$data OPENPROFILE_API_KEY=$key \
        "$JAVA" $JAVA_OPTS -jar "$work/openprofile.jar" serve >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 240); do
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server exited during startup"; }
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz") == 200 ]] && break
        sleep 0.5
    done
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz") == 200 ]] \
        || { cat "$work/server.log" >&2; die "the server did not become healthy in 120 s"; }
    pg_pid=$(sed -n 1p "$data/postgres/postmaster.pid")
    pg_port=$(sed -n 4p "$data/postgres/postmaster.pid")
    acct=$(psql_ -Atc "select account_id from account where name = 'default'")
    [[ -n $acct ]] || die "no default account"
    log "server pid $server_pid, PostgreSQL pid $pg_pid port $pg_port, account $acct"
}

# wait_for_benchmarks PATTERN: while a process matches PATTERN (other benchmarks, wrk, pgbench, a build), wait up to
# BENCH_WAIT seconds: they would share the cores with the run.
wait_for_benchmarks() {
    local waited=0
    while pgrep -f "$1" >/dev/null; do
        (( waited == 0 )) && log "another benchmark, wrk, pgbench or a build is running: waiting up to ${BENCH_WAIT}s"
        (( waited >= BENCH_WAIT )) && die "still running after ${BENCH_WAIT}s: $(pgrep -fa "$1" | cut -c1-80 | head -3)"
        sleep 10; waited=$(( waited + 10 ))
    done
}
# stop_server: SIGTERM; the server must exit within 60 s and its embedded PostgreSQL with it, leaving no
# postmaster.pid. Sets server_rc (the server's exit status) and clears server_pid and pg_pid.
stop_server() {
    log "stopping the server (SIGTERM)"
    kill -TERM "$server_pid"
    for _ in $(seq 120); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    ! kill -0 "$server_pid" 2>/dev/null || die "the server did not exit within 60 s of SIGTERM"
    wait "$server_pid" 2>/dev/null && server_rc=0 || server_rc=$?
    for _ in $(seq 60); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.5; done
    ! kill -0 "$pg_pid" 2>/dev/null || die "the embedded PostgreSQL (pid $pg_pid) is still running after the server exited"
    [[ ! -e $data/postgres/postmaster.pid ]] || die "postmaster.pid left behind in $data/postgres"
    server_pid=""
    pg_pid=""
    log "server exited (status $server_rc); embedded PostgreSQL gone"
}
# kill_server: for the EXIT trap: whatever still runs of the server and its embedded PostgreSQL is stopped.
kill_server() {
    if [[ -n ${server_pid:-} ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    if [[ -n ${pg_pid:-} ]] && kill -0 "$pg_pid" 2>/dev/null; then
        kill -INT "$pg_pid" 2>/dev/null || true   # fast shutdown of the embedded PostgreSQL
        for _ in $(seq 60); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.5; done
    fi
}
# check_setup TOOLS...: the tools are on PATH, a JDK at $JAVA, the jar at $JAR; PORT, when unset, becomes a free port.
check_setup() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool not found (pgbench/psql: apt-get install -y postgresql-client)"
    done
    [[ -x $JAVA ]] || die "no java at $JAVA (set JAVA=/path/to/bin/java, JDK >= 21)"
    [[ -f $JAR ]] || die "no jar at $JAR: build it with ./mvnw -q -B -DskipTests package (or set JAR=...)"
    if [[ -z $PORT ]]; then
        for _ in $(seq 50); do PORT=$(( 20000 + RANDOM % 20000 )); port_busy "$PORT" || break; done
    fi
    if port_busy "$PORT"; then die "port $PORT is in use (set PORT=...)"; fi
}
port_busy() { ss -Htln "sport = :$1" 2>/dev/null | grep -q . || curl -s -o /dev/null "http://127.0.0.1:$1/"; }
