#!/usr/bin/env python3
"""A catalog sync through the bulk jobs (bench/catalog-sync.sh).

    catalog_sync_driver.py PORT KEY PREFIX ITEMS PER_JOB PARALLEL POLL JOB_TIMEOUT OUT_TSV

Creates ITEMS catalog items with external ids PREFIX-0 .. PREFIX-(ITEMS-1), PER_JOB a job
(POST /api/catalog-item-bulk-create-jobs), and 2 variants of each (PREFIX-N-a, PREFIX-N-b), PER_JOB a job
(POST /api/catalog-variant-bulk-create-jobs). A variant names its item, so a variant job is submitted only
once the item job that creates its items is complete; PARALLEL threads keep at most PARALLEL jobs submitted
and not yet complete, variant jobs first when both are ready. Each job is polled (GET) every POLL seconds until
"complete". Every body is built before the clock starts.

On stdout, KEY=value lines: FIRST_SUBMIT, LAST_COMPLETE (epoch s), ELAPSED, JOBS, RECORDS, COMPLETED, FAILED
(sums of the jobs' counters), BAD_JOBS (jobs not complete with completed == total and failed == 0), ERRORS,
SUBMIT_MEAN, SUBMIT_MAX (POST latency, s), BODY_BYTES (largest body). Exit status 1 if anything went wrong.
"""
import http.client
import json
import sys
import threading
import time

port, key, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
items, per_job, parallel = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
poll, job_timeout, out = float(sys.argv[7]), float(sys.argv[8]), sys.argv[9]
headers = {"Authorization": f"Klaviyo-API-Key {key}", "revision": "2026-07-15",
           "Content-Type": "application/vnd.api+json", "Accept": "application/vnd.api+json"}
ITEM_JOBS = "/api/catalog-item-bulk-create-jobs"
VARIANT_JOBS = "/api/catalog-variant-bulk-create-jobs"
ITEM_ID = "$custom:::$default:::"


def item(n):
    """A realistic item: every column and a few document attributes, images and flat custom metadata."""
    return {"type": "catalog-item", "attributes": {
        "external_id": f"{prefix}-{n}", "title": f"Item {n}", "description": f"Description of item {n}, a sturdy thing.",
        "price": round(5 + (n % 997) * 0.25, 2), "url": f"https://shop.example/items/{n}",
        "image_full_url": f"https://cdn.example/items/{n}.jpg", "image_thumbnail_url": f"https://cdn.example/items/{n}-t.jpg",
        "images": [f"https://cdn.example/items/{n}-1.jpg", f"https://cdn.example/items/{n}-2.jpg"],
        "custom_metadata": {"brand": f"brand-{n % 50}", "color": ["red", "green", "blue"][n % 3], "rank": n % 100},
        "published": n % 10 != 0}}


def variant(n, v):
    return {"type": "catalog-variant", "attributes": {
        "external_id": f"{prefix}-{n}-{v}", "title": f"Item {n} ({v})", "description": f"Variant {v} of item {n}.",
        "sku": f"SKU-{prefix}-{n}-{v}", "inventory_policy": 1, "inventory_quantity": (n * 7 + ord(v)) % 500,
        "price": round(5 + (n % 997) * 0.25, 2), "url": f"https://shop.example/items/{n}?v={v}",
        "image_full_url": f"https://cdn.example/items/{n}-{v}.jpg", "images": [f"https://cdn.example/items/{n}-{v}-1.jpg"],
        "custom_metadata": {"size": ["S", "M", "L"][n % 3], "weight_g": 100 + n % 900}, "published": True},
        "relationships": {"item": {"data": {"type": "catalog-item", "id": f"{ITEM_ID}{prefix}-{n}"}}}}


def body(job_type, member, records):
    return json.dumps({"data": {"type": job_type, "attributes": {member: {"data": records}}}},
                      separators=(",", ":")).encode()


# item job i creates items [i*per_job, (i+1)*per_job); its variants are 2*per_job records: the variant jobs
# of item job i are those whose items all lie in it (per_job variants each: per_job / 2 items).
item_jobs = []
variant_jobs_of = []
for i in range(0, items, per_job):
    ns = range(i, min(items, i + per_job))
    item_jobs.append(("item", ITEM_JOBS, body("catalog-item-bulk-create-job", "items", [item(n) for n in ns]), len(ns)))
    records = [variant(n, v) for n in ns for v in ("a", "b")]
    variant_jobs_of.append([("variant", VARIANT_JOBS, body("catalog-variant-bulk-create-job", "variants", records[j:j + per_job]),
                             len(records[j:j + per_job])) for j in range(0, len(records), per_job)])
total_jobs = len(item_jobs) + sum(len(v) for v in variant_jobs_of)
body_bytes = max(len(j[2]) for j in item_jobs + [v for vs in variant_jobs_of for v in vs])

lock = threading.Condition()
ready_items = list(enumerate(item_jobs))
ready_variants = []
in_flight = 0
results = []
errors = []


def request(conn, method, path, data=None):
    conn.request(method, path, body=data, headers=headers)
    resp = conn.getresponse()
    return resp.status, resp.read()


def run_one(conn, job):
    kind, path, data, total = job
    t0 = time.time()
    status, answer = request(conn, "POST", path, data)
    t1 = time.time()
    if status != 202:
        raise RuntimeError(f"{kind} job: POST answered {status}: {answer[:500]!r}")
    job_id = json.loads(answer)["data"]["id"]
    while True:
        time.sleep(poll)
        status, answer = request(conn, "GET", f"{path}/{job_id}")
        if status != 200:
            raise RuntimeError(f"{kind} job {job_id}: GET answered {status}: {answer[:500]!r}")
        attrs = json.loads(answer)["data"]["attributes"]
        if attrs["status"] == "complete":
            break
        if attrs["status"] not in ("queued", "processing"):
            raise RuntimeError(f"{kind} job {job_id} ended {attrs['status']}: {attrs}")
        if time.time() - t1 > job_timeout:
            raise RuntimeError(f"{kind} job {job_id} not complete after {job_timeout:.0f} s: {attrs}")
    return dict(kind=kind, id=job_id, total=total, submit=t0, accepted=t1, complete=time.time(),
                total_count=attrs["total_count"], completed=attrs["completed_count"], failed=attrs["failed_count"],
                errors=attrs["errors"][:1])


def worker():
    global in_flight
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while True:
        with lock:
            while not ready_variants and not ready_items and in_flight > 0 and not errors:
                lock.wait()   # what remains waits for an item job in flight
            if errors or (not ready_variants and not ready_items):
                lock.notify_all()
                return
            if ready_variants:
                index, job = None, ready_variants.pop(0)
            else:
                index, job = ready_items.pop(0)
            in_flight += 1
        try:
            r = run_one(conn, job)
        except Exception as e:  # noqa: BLE001 - reported, fails the run
            with lock:
                errors.append(f"{type(e).__name__}: {e}")
                in_flight -= 1
                lock.notify_all()
            return
        with lock:
            results.append(r)
            if index is not None and r["failed"] == 0:
                ready_variants.extend(variant_jobs_of[index])
            in_flight -= 1
            lock.notify_all()


threads = [threading.Thread(target=worker) for _ in range(parallel)]
for t in threads:
    t.start()
for t in threads:
    t.join()

bad = [r for r in results if r["completed"] != r["total"] or r["failed"] != 0 or r["total_count"] != r["total"]]
with open(out, "w") as f:
    f.write("kind\tjob\trecords\tsubmit\taccepted\tcomplete\ttotal_count\tcompleted\tfailed\n")
    for r in results:
        f.write("\t".join(str(r[k]) for k in ("kind", "id", "total", "submit", "accepted", "complete", "total_count",
                                               "completed", "failed")) + "\n")
first = min((r["submit"] for r in results), default=0)
last = max((r["complete"] for r in results), default=0)
print(f"FIRST_SUBMIT={first:.3f}")
print(f"LAST_COMPLETE={last:.3f}")
print(f"ELAPSED={last - first:.3f}")
print(f"JOBS={len(results)}")
print(f"RECORDS={sum(r['total'] for r in results)}")
print(f"COMPLETED={sum(r['completed'] for r in results)}")
print(f"FAILED={sum(r['failed'] for r in results)}")
print(f"BAD_JOBS={len(bad) + (total_jobs - len(results))}")
print(f"ERRORS={len(errors)}")
print(f"SUBMIT_MAX={max((r['accepted'] - r['submit'] for r in results), default=0):.3f}")
print(f"SUBMIT_MEAN={sum(r['accepted'] - r['submit'] for r in results) / max(len(results), 1):.3f}")
print(f"BODY_BYTES={body_bytes}")
for e in errors[:5]:
    print(f"ERROR={e}", file=sys.stderr)
for r in bad[:5]:
    print(f"BAD_JOB={r}", file=sys.stderr)
sys.exit(1 if errors or bad or len(results) != total_jobs else 0)
