#!/usr/bin/env python3
"""Where a campaign send spends its time (bench/campaign-send.sh).

    campaign_send_profile.py jfr JFR_JSON THREAD_PREFIX   # `jfr print --json --events jdk.ExecutionSample` of the send
    campaign_send_profile.py wait JFR_JSON THREAD_PREFIX  # `jfr print --json --events jdk.SocketRead` of the send
    campaign_send_profile.py pg ACTIVITY                  # samples: a "--sample--" line, then the active queries

jfr: the CPU samples of the job worker threads (JFR samples only threads running Java code, so time waiting for
PostgreSQL is not in them): by top frame (self time) and by the innermost dev.openprofile frame (what our code
was doing, including the libraries it called). wait: the job worker threads' socket reads that JFR recorded
(those of 10 ms or more with settings=profile: waiting for PostgreSQL's answer), summed by the innermost
dev.openprofile frame that is not a lambda or the transaction wrapper (the statement's call site). pg: what the server's PostgreSQL backends were running when
sampled, by statement (its first words). Both print markdown tables.
"""
import collections
import json
import re
import sys


def short(frame):
    m = frame["method"]
    cls = m["type"]["name"].replace("/", ".")
    return cls, f"{cls.split('.')[-1]}.{m['name']}"


def jfr(path, prefix):
    events = json.load(open(path))["recording"]["events"]
    top, app, n = collections.Counter(), collections.Counter(), 0
    for e in events:
        v = e["values"]
        if not (v.get("sampledThread") or {}).get("javaName", "").startswith(prefix):
            continue
        frames = [short(f) for f in (v.get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        n += 1
        top[frames[0][1]] += 1
        app[next((s for c, s in frames if c.startswith("dev.openprofile")), "(no dev.openprofile frame)")] += 1
    print(f"{n} CPU samples of the `{prefix}*` threads")
    print()
    print("| innermost dev.openprofile frame (inclusive) | samples | share |  | top frame (self) | samples | share |")
    print("|---|---|---|---|---|---|---|")
    rows_a, rows_t = app.most_common(12), top.most_common(12)
    for i in range(max(len(rows_a), len(rows_t))):
        a = rows_a[i] if i < len(rows_a) else ("", 0)
        t = rows_t[i] if i < len(rows_t) else ("", 0)
        cell = lambda k, c: f"`{k}` | {c} | {100 * c / max(n, 1):.0f}%" if k else " | | "
        print(f"| {cell(*a)} |  | {cell(*t)} |")


def seconds(iso):
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", iso)
    return (int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0)) if m else 0.0


def wait(path, prefix):
    events = json.load(open(path))["recording"]["events"]
    total, count = collections.Counter(), collections.Counter()
    for e in events:
        v = e["values"]
        if not (v.get("eventThread") or {}).get("javaName", "").startswith(prefix):
            continue
        frames = [(f["method"]["type"]["name"].replace("/", "."), f["method"]["name"], f.get("lineNumber"))
                  for f in (v.get("stackTrace") or {}).get("frames", [])]
        site = next((f"{c.split('.')[-1]}.{m}:{line}" for c, m, line in frames
                     if c.startswith("dev.openprofile") and "$$Lambda" not in c and c != "dev.openprofile.store.Jdbc"), "(other)")
        total[site] += seconds(v["duration"])
        count[site] += 1
    s = sum(total.values())
    print(f"{sum(count.values())} socket reads of 10 ms or more by the `{prefix}*` threads, {s:.1f} s in all")
    print()
    print("| call site (innermost dev.openprofile frame) | reads | seconds | share |")
    print("|---|---|---|---|")
    for k, t in total.most_common(10):
        print(f"| `{k}` | {count[k]} | {t:.2f} | {100 * t / max(s, 1e-9):.0f}% |")


def pg(path):
    stmts = collections.Counter()
    samples = 0
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if line.startswith("--sample--"):
            samples += 1
            continue
        if not line:
            continue
        words = re.sub(r"\s+", " ", line).strip()
        # The statement's kind and table, e.g. "insert into event", "select p.id ... from campaign_send_recipient"
        m = re.match(r"(?i)(insert into \w+|update \w+|delete from \w+|select .*? from \w+|commit|begin|\w+)", words)
        stmts[m.group(1)[:80] if m else words[:80]] += 1
    busy = sum(stmts.values())
    print(f"{samples} samples of pg_stat_activity (state active, the server's connections); {busy} active backends seen,"
          f" {100 * busy / max(samples, 1):.0f}% of samples")
    print()
    print("| statement (first words) | times seen | share of samples |")
    print("|---|---|---|")
    for k, c in stmts.most_common(12):
        print(f"| `{k}` | {c} | {100 * c / max(samples, 1):.0f}% |")


if __name__ == "__main__":
    if sys.argv[1] == "jfr":
        jfr(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "wait":
        wait(sys.argv[2], sys.argv[3])
    else:
        pg(sys.argv[2])
