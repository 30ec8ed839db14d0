#!/usr/bin/env python3
"""Where a campaign send spends its time (bench/campaign-send.sh).

    campaign_send_profile.py jfr JFR_JSON THREAD_PREFIX   # `jfr print --json --events jdk.ExecutionSample` of the send
    campaign_send_profile.py pg ACTIVITY                  # samples: a "--sample--" line, then the active queries

jfr: the CPU samples of the job worker threads (JFR samples only threads running Java code, so time waiting for
PostgreSQL is not in them): by top frame (self time) and by the innermost dev.openprofile frame (what our code
was doing, including the libraries it called). pg: what the server's PostgreSQL backends were running when
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
    else:
        pg(sys.argv[2])
