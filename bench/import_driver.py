#!/usr/bin/env python3
"""Submits bulk import jobs to a running server and waits for them (bench/import.sh).

    import_driver.py PORT KEY PARALLEL POLL_SECONDS JOB_TIMEOUT OUT_TSV BODY...

PARALLEL threads each take the next body, POST it to /api/profile-bulk-import-jobs (202 expected),
poll GET /api/profile-bulk-import-jobs/{id} every POLL_SECONDS until its status is "complete", then
take the next body: at most PARALLEL jobs are submitted and not yet complete at any time.
Writes one line per job to OUT_TSV and, on stdout, KEY=value lines:
FIRST_SUBMIT, LAST_COMPLETE (epoch seconds), ELAPSED, JOBS, PROFILES (submitted), COMPLETED,
FAILED (sums of the jobs' counters), BAD_JOBS (jobs not complete with completed == total and
failed == 0), ERRORS (HTTP errors, timeouts), SUBMIT_MAX (slowest POST, s), LATE_MAX (longest
time a job stayed queued before a worker started it, s, from its started_at and the 202).
Exit status 1 if any job or request went wrong.
"""
import http.client
import json
import sys
import threading
import time

port, key, parallel, poll, job_timeout, out = (int(sys.argv[1]), sys.argv[2], int(sys.argv[3]),
                                               float(sys.argv[4]), float(sys.argv[5]), sys.argv[6])
bodies = sys.argv[7:]
headers = {"Authorization": f"Klaviyo-API-Key {key}", "revision": "2026-07-15",
           "Content-Type": "application/vnd.api+json", "Accept": "application/vnd.api+json"}
PATH = "/api/profile-bulk-import-jobs"

lock = threading.Lock()
queue = list(enumerate(bodies))
results = []
errors = []


def request(conn, method, path, body=None):
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    return resp.status, resp.read()


def run_one(conn, index, path):
    with open(path, "rb") as f:
        body = f.read()
    total = body.count(b'"type":"profile"')
    t0 = time.time()
    status, data = request(conn, "POST", PATH, body)
    t1 = time.time()
    if status != 202:
        raise RuntimeError(f"{path}: POST answered {status}: {data[:500]!r}")
    job_id = json.loads(data)["data"]["id"]
    while True:
        status, data = request(conn, "GET", f"{PATH}/{job_id}")
        if status != 200:
            raise RuntimeError(f"{path}: GET job {job_id} answered {status}: {data[:500]!r}")
        attrs = json.loads(data)["data"]["attributes"]
        if attrs["status"] == "complete":
            t2 = time.time()
            break
        if attrs["status"] not in ("queued", "processing"):
            raise RuntimeError(f"{path}: job {job_id} ended {attrs['status']}: {attrs}")
        if time.time() - t1 > job_timeout:
            raise RuntimeError(f"{path}: job {job_id} not complete after {job_timeout:.0f} s: {attrs}")
        time.sleep(poll)
    return dict(index=index, file=path, id=job_id, total=total, submit=t0, accepted=t1, complete=t2,
                status=attrs["status"], total_count=attrs["total_count"], completed=attrs["completed_count"],
                failed=attrs["failed_count"], started_at=attrs.get("started_at"), completed_at=attrs.get("completed_at"))


def worker():
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while True:
        with lock:
            if not queue or errors:
                return
            index, path = queue.pop(0)
        try:
            r = run_one(conn, index, path)
            with lock:
                results.append(r)
        except Exception as e:  # noqa: BLE001 - reported, fails the run
            with lock:
                errors.append(f"{type(e).__name__}: {e}")
            return


def epoch(rfc3339):
    if not rfc3339:
        return None
    from datetime import datetime
    return datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).timestamp()


threads = [threading.Thread(target=worker) for _ in range(parallel)]
for t in threads:
    t.start()
for t in threads:
    t.join()

results.sort(key=lambda r: r["index"])
bad = [r for r in results if r["status"] != "complete" or r["completed"] != r["total"]
       or r["failed"] != 0 or r["total_count"] != r["total"]]
with open(out, "w") as f:
    f.write("index\tfile\tjob\tprofiles\tsubmit\taccepted\tcomplete\tstatus\ttotal_count\tcompleted\tfailed\tstarted_at\tcompleted_at\n")
    for r in results:
        f.write("\t".join(str(r[k]) for k in ("index", "file", "id", "total", "submit", "accepted", "complete", "status",
                                               "total_count", "completed", "failed", "started_at", "completed_at")) + "\n")
first = min((r["submit"] for r in results), default=0)
last = max((r["complete"] for r in results), default=0)
late = [epoch(r["started_at"]) - r["accepted"] for r in results if r["started_at"]]
print(f"FIRST_SUBMIT={first:.3f}")
print(f"LAST_COMPLETE={last:.3f}")
print(f"ELAPSED={last - first:.3f}")
print(f"JOBS={len(results)}")
print(f"PROFILES={sum(r['total'] for r in results)}")
print(f"COMPLETED={sum(r['completed'] for r in results)}")
print(f"FAILED={sum(r['failed'] for r in results)}")
print(f"BAD_JOBS={len(bad) + (len(bodies) - len(results))}")
print(f"ERRORS={len(errors)}")
print(f"SUBMIT_MAX={max((r['accepted'] - r['submit'] for r in results), default=0):.2f}")
print(f"SUBMIT_MEAN={sum(r['accepted'] - r['submit'] for r in results) / max(len(results), 1):.2f}")
print(f"LATE_MAX={max(late, default=0):.1f}")
for e in errors[:5]:
    print(f"ERROR={e}", file=sys.stderr)
for r in bad[:5]:
    print(f"BAD_JOB={r}", file=sys.stderr)
sys.exit(1 if errors or bad or len(results) != len(bodies) else 0)
