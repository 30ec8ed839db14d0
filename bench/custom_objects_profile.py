#!/usr/bin/env python3
"""Where a custom objects ingestion spends its time (bench/custom-objects.sh).

    custom_objects_profile.py jfr JFR_JSON THREAD_PREFIX    # CPU samples: campaign_send_profile.py jfr
    custom_objects_profile.py wait JFR_TEXT THREAD_PREFIX   # `jfr print --events jdk.SocketRead` (text) of the phase
    custom_objects_profile.py pg ACTIVITY                   # pg_stat_activity samples: campaign_send_profile.py pg

wait: what campaign_send_profile.py wait reports (the socket reads JFR recorded, summed by call site: the innermost
dev.openprofile frame that is not a lambda, Jdbc or Statements, so that a statement is charged to the code that
issued it rather than to the shared helper), read from jfr's text output line by line: a million records make
tens of thousands of reads, whose JSON runs to gigabytes.
"""
import collections
import re
import sys

import campaign_send_profile as base

SHARED = ("dev.openprofile.store.Jdbc.", "dev.openprofile.store.Statements.")
UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0}


def events(path):
    """(thread, seconds, [frames]) of each event of jfr's text output; a frame is 'pkg.Class.method(args) line: N'."""
    thread, seconds, frames, in_stack = "", 0.0, [], False
    for line in open(path, errors="replace"):
        line = line.strip()
        if in_stack:
            if line == "]":
                in_stack = False
            elif line != "...":
                frames.append(line)
        elif line.startswith("duration = "):
            value, unit = line[len("duration = "):].split()[:2]
            seconds = float(value.replace(",", "")) * UNITS.get(unit, 0)
        elif line.startswith("eventThread = "):
            thread = line.split('"')[1]
        elif line == "stackTrace = [":
            in_stack = True
        elif line == "}":
            yield thread, seconds, frames
            thread, seconds, frames = "", 0.0, []


def site(frames):
    for f in frames:
        m = re.match(r"([\w.$/]+)\.([\w$<>]+)\(.*\)(?: line: (\d+))?", f)
        if m and m.group(1).startswith("dev.openprofile") and "$$Lambda" not in m.group(1) \
                and not any(f.startswith(s) for s in SHARED):
            return f"{m.group(1).split('.')[-1]}.{m.group(2)}:{m.group(3)}"
    return "(other)"


def wait(path, prefix):
    total, count = collections.Counter(), collections.Counter()
    for thread, seconds, frames in events(path):
        if thread.startswith(prefix):
            k = site(frames)
            total[k] += seconds
            count[k] += 1
    s = sum(total.values())
    who = f"the `{prefix}*` threads" if prefix else "the job workers and the request threads"
    print(f"{sum(count.values())} socket reads by {who} (JFR settings=profile records those of 10 ms or more), {s:.1f} s in all")
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
