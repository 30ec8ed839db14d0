# Sourced by the bench scripts: start_server starts the server under test from a copy of $JAR on a fresh data
# directory ($data) and port ($PORT) with a random key, and sets jar_id, key, server_pid, pg_pid, pg_port and
# acct. The caller defines log, die, psql_ and the variables JAR, JAVA, JAVA_OPTS, root and work.

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
        if (( newest_src > jar_time || $(git -C "$root" log -1 --format=%ct) > jar_time )); then
            jar_id="$jar_id; **older than the sources at HEAD $head_commit: rebuild the jar**"
            log "warning: $JAR is older than the sources; the results will say so"
        else
            jar_id="$jar_id from HEAD $head_commit$(git -C "$root" status --porcelain -- server pom.xml | grep -q . && echo ' (the tree has uncommitted changes, which the jar may or may not contain)' || true)"
        fi
    fi
    key="pk_$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 34 || true)"   # tr ends on SIGPIPE
    log "starting the server on port $PORT (data dir $data)"
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
