#!/usr/bin/env python3
"""Where a custom objects ingestion spends its time (bench/custom-objects.sh): campaign_send_profile.py's summaries,
with the waits attributed past store.Statements to the call site that issued the statement (every ingestion write
goes through Statements.update, which would otherwise take them all).

    custom_objects_profile.py jfr JFR_JSON THREAD_PREFIX    # CPU samples (as campaign_send_profile.py jfr)
    custom_objects_profile.py wait JFR_JSON THREAD_PREFIX   # socket reads of 10 ms or more, by call site ("": all threads)
    custom_objects_profile.py pg ACTIVITY                   # pg_stat_activity samples (as campaign_send_profile.py pg)
"""
import json
import sys
import tempfile

import campaign_send_profile as base

SHARED = "dev/openprofile/store/Statements"


def wait(path, prefix):
    """base.wait on the recording with the Statements frames taken out of every stack."""
    doc = json.load(open(path))
    for e in doc["recording"]["events"]:
        trace = e["values"].get("stackTrace") or {}
        trace["frames"] = [f for f in trace.get("frames", []) if f["method"]["type"]["name"] != SHARED]
    with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
        json.dump(doc, f)
        f.flush()
        base.wait(f.name, prefix)


if __name__ == "__main__":
    if sys.argv[1] == "jfr":
        base.jfr(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "wait":
        wait(sys.argv[2], sys.argv[3])
    else:
        base.pg(sys.argv[2])
