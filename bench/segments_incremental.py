#!/usr/bin/env python3
"""Incremental segment membership, measured over one keep-alive connection, one request at a time.

    python3 bench/segments_incremental.py cycles PORT API_KEY SEGMENT_ID PROFILES_FILE CYCLES WARMUP OUT
    python3 bench/segments_incremental.py reads  PORT API_KEY SEGMENT_ID PROFILE_ID READS WARMUP OUT

cycles: PROFILES_FILE has lines "profile_id country" (profiles that meet every condition of the segment but the
Country one). Each cycle takes the next profile and makes two samples: "enter" (PATCH /api/profiles/{id} with
properties.Country = DE, then GET /api/profiles/{id}/relationships/segments, which must list the segment) and
"leave" (PATCH back to its own country, then the GET must not list it). A sample's latency is the PATCH's plus
the GET's: from sending the update to having read the answer that shows it. After each GET, $SEG_PSQL (a psql
command line) reads the segment's refreshed_at: when it moved, that GET re-evaluated the time-relative segment
in full (SegmentMaintenance, once a minute) and the sample is marked. WARMUP cycles first, unmeasured.

reads: nothing changes; READS GETs of /api/profiles/{PROFILE_ID}/relationships/segments (which must list the
segment) and READS GETs of the segment's first page of member ids (/api/segments/{id}/relationships/profiles),
after WARMUP of each. The GETs that re-evaluated the segment in full (refreshed_at moved) are counted apart.

Writes OUT (one line per sample: kind, total µs, first request µs, second request µs, full re-evaluation 0/1) and
prints KEY=value lines for bench/segments.sh. Any unexpected answer stops the run with FAILURE=... and exit 1.
"""
import http.client
import json
import os
import subprocess
import sys
import time

mode, port, key, segment = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
headers = {"Authorization": "Klaviyo-API-Key " + key, "revision": "2026-07-15",
           "Accept": "application/vnd.api+json", "Content-Type": "application/vnd.api+json"}
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)


def fail(message):
    print("FAILURE=" + message.replace("\n", " ")[:600])
    sys.exit(1)


def call(method, path, body=None):
    """(status, body, µs) from sending the request to having read the whole answer."""
    t = time.perf_counter()
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, data, (time.perf_counter() - t) * 1e6


def segments_of(profile):
    status, data, us = call("GET", f"/api/profiles/{profile}/relationships/segments")
    if status != 200:
        fail(f"GET segments of {profile}: {status} {data[:300]!r}")
    return [d["id"] for d in json.loads(data)["data"]], us


def refreshed_at():
    q = f"select extract(epoch from refreshed_at) from segment where id = '{segment}'"
    return subprocess.run(os.environ["SEG_PSQL"].split() + ["-Atc", q], check=True, capture_output=True,
                          text=True).stdout.strip()


def pct(values, p):
    v = sorted(values)
    return v[max(0, min(len(v) - 1, -(-len(v) * p // 100) - 1))] if v else 0


def summary(name, samples):
    print(f"{name}_N={len(samples)}")
    print(f"{name}_P50={pct(samples, 50):.0f}")
    print(f"{name}_P99={pct(samples, 99):.0f}")
    print(f"{name}_MAX={max(samples) if samples else 0:.0f}")


if mode == "cycles":
    profiles = [line.split() for line in open(sys.argv[5]) if line.strip()]
    cycles, warmup, out = int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
    samples = []  # (kind, total, patch, get, full)
    last = refreshed_at()
    for i in range(warmup + cycles):
        profile, country = profiles[i % len(profiles)]
        for kind, value in (("enter", "DE"), ("leave", country)):
            body = json.dumps({"data": {"type": "profile", "id": profile,
                                        "attributes": {"properties": {"Country": value}}}})
            status, data, patch_us = call("PATCH", f"/api/profiles/{profile}", body)
            if status != 200:
                fail(f"PATCH {profile}: {status} {data[:300]!r}")
            ids, get_us = segments_of(profile)
            if (segment in ids) != (kind == "enter"):
                fail(f"{kind}: profile {profile} (Country {value}) shows segments {ids} right after its update")
            now = refreshed_at()
            if i >= warmup:
                samples.append((kind, patch_us + get_us, patch_us, get_us, int(now != last)))
            last = now
    with open(out, "w") as f:
        for s in samples:
            f.write(f"{s[0]} {s[1]:.0f} {s[2]:.0f} {s[3]:.0f} {s[4]}\n")
    summary("ALL", [s[1] for s in samples])
    summary("PATCH", [s[2] for s in samples])
    summary("GET", [s[3] for s in samples])
    summary("INCR", [s[1] for s in samples if not s[4]])
    full = [s[3] for s in samples if s[4]]
    print(f"FULL_N={len(full)}")
    print(f"FULL_GET_MAX={max(full) if full else 0:.0f}")
elif mode == "reads":
    profile, reads, warmup, out = sys.argv[5], int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
    page_path = f"/api/segments/{segment}/relationships/profiles?page%5Bsize%5D=100"
    samples = []  # (kind, µs, full)
    last = refreshed_at()
    for i in range(warmup + reads):
        ids, own_us = segments_of(profile)
        if segment not in ids:
            fail(f"profile {profile} does not show segment {segment}: {ids}")
        now = refreshed_at()
        own_full, last = int(now != last), now
        status, data, page_us = call("GET", page_path)
        if status != 200 or not json.loads(data)["data"]:
            fail(f"GET {page_path}: {status} {data[:300]!r}")
        now = refreshed_at()
        page_full, last = int(now != last), now
        if i >= warmup:
            samples += [("own", own_us, own_full), ("page", page_us, page_full)]
    with open(out, "w") as f:
        for s in samples:
            f.write(f"{s[0]} {s[1]:.0f} {s[1]:.0f} 0 {s[2]}\n")
    summary("OWN", [s[1] for s in samples if s[0] == "own" and not s[2]])
    summary("PAGE", [s[1] for s in samples if s[0] == "page" and not s[2]])
    full = [s[1] for s in samples if s[2]]
    print(f"FULL_N={len(full)}")
    print(f"FULL_GET_MAX={max(full) if full else 0:.0f}")
else:
    fail("unknown mode " + mode)
