#!/usr/bin/env python3
"""Where a custom objects ingestion spends its time (bench/custom-objects.sh): campaign_send_profile.py's summaries,
with the waits attributed past the shared statement helpers (store.Statements, store.Jdbc) to the call site that
issued the statement, since every ingestion write goes through Statements.update.

    custom_objects_profile.py jfr JFR_JSON THREAD_PREFIX    # CPU samples (as campaign_send_profile.py jfr)
    custom_objects_profile.py wait JFR_JSON THREAD_PREFIX   # socket reads of 10 ms or more, by call site
    custom_objects_profile.py pg ACTIVITY                   # pg_stat_activity samples (as campaign_send_profile.py pg)
"""
import collections
import json
import sys

import campaign_send_profile as base

SHARED = ("dev.openprofile.store.Jdbc", "dev.openprofile.store.Statements")


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
                     if c.startswith("dev.openprofile") and "$$Lambda" not in c and c not in SHARED), "(other)")
        total[site] += base.seconds(v["duration"])
        count[site] += 1
    s = sum(total.values())
    print(f"{sum(count.values())} socket reads of 10 ms or more by {f'the `{prefix}*` threads' if prefix else 'all threads'}, {s:.1f} s in all")
    print()
    print("| call site (innermost dev.openprofile frame past Jdbc and Statements) | reads | seconds | share |")
    print("|---|---|---|---|")
    for k, t in total.most_common(10):
        print(f"| `{k}` | {count[k]} | {t:.2f} | {100 * t / max(s, 1e-9):.0f}% |")


if __name__ == "__main__":
    if sys.argv[1] == "jfr":
        base.jfr(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "wait":
        wait(sys.argv[2], sys.argv[3])
    else:
        base.pg(sys.argv[2])
