#!/usr/bin/env python3
"""Summarizes jstack samples of the server's job-worker threads (bench/import.sh, PROFILE_JOBS).

    import_stacks.py JSTACK_FILE...

For each "job-worker-N" thread in each sample: whether it waits for PostgreSQL (reading its socket)
or runs in the JVM, the pgjdbc call it is in (the first pgjdbc frame below the application), and the
innermost dev.openprofile frame. Prints markdown tables: by state, by application frame, by call site.
"""
import collections
import re
import sys

frame_re = re.compile(r"^\s+at ([\w$./]+)\.([\w$<>]+)\(([^)]*)\)")
samples = 0
threads = collections.Counter()
by_state = collections.Counter()
by_app = collections.Counter()
by_site = collections.Counter()


def short(cls, method, where):
    line = where.split(":")[-1] if ":" in where else ""
    return f"{cls.split('.')[-1]}.{method}" + (f":{line}" if line.isdigit() else "")


def classify(frames):
    if not frames:
        return "other", "-", "-"
    if frames[0][1] in ("wait0", "wait", "park", "parkNanos", "sleep", "sleep0") and \
            not any(c.startswith("org.postgresql") for c, _, _ in frames):
        return "idle (no job)", "-", "-"
    app = next((short(c, m, w) for c, m, w in frames if c.startswith("dev.openprofile")), "-")
    top_cls = [c for c, _, _ in frames[:10]]
    waiting = any(c.endswith(("SocketDispatcher", "NioSocketImpl")) or c == "sun.nio.ch.Net" for c in top_cls)
    pg_entry = "-"
    for i, (c, m, w) in enumerate(frames):
        if c.startswith("org.postgresql") and i + 1 < len(frames) and not frames[i + 1][0].startswith("org.postgresql"):
            pg_entry = short(c, m, "")
            break
    if waiting:
        return "waiting for PostgreSQL (socket read)", app, pg_entry
    if pg_entry != "-":
        return "in pgjdbc (JVM CPU)", app, pg_entry
    top = next((short(c, m, w) for c, m, w in frames if not c.startswith(("java.", "jdk.", "sun."))), short(*frames[0]))
    return "in the JVM", app, top


for path in sys.argv[1:]:
    samples += 1
    text = open(path, errors="replace").read()
    for block in text.split("\n\n"):
        head = block.lstrip().split("\n", 1)[0]
        m = re.match(r'^"(job-worker-\d+)"', head)
        if not m:
            continue
        frames = [fm.groups() for fm in (frame_re.match(l) for l in block.split("\n")) if fm]
        state, app, site = classify(frames)
        threads[m.group(1)] += 1
        by_state[state] += 1
        if state.startswith("idle"):
            continue
        by_app[(state, app)] += 1
        by_site[(state, app, site)] += 1

n = sum(by_state.values())
print(f"{samples} jstack samples, {n} job-worker thread stacks ({', '.join(f'{t}: {c}' for t, c in sorted(threads.items()))})")
print()
print("| state | stacks | share |")
print("|---|---|---|")
for k, v in by_state.most_common():
    print(f"| {k} | {v} | {100 * v / max(n, 1):.0f}% |")
print()
print("| state | innermost dev.openprofile frame | pgjdbc call / top frame | stacks | share |")
print("|---|---|---|---|---|")
for (state, app, site), v in by_site.most_common(15):
    print(f"| {state} | `{app}` | `{site}` | {v} | {100 * v / max(n, 1):.0f}% |")
