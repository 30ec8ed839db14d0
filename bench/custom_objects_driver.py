#!/usr/bin/env python3
"""Custom object records through bulk_create_data_source_records (bench/custom-objects.sh).

    custom_objects_driver.py PORT KEY SOURCE_ID PREFIX RECORDS PER_REQUEST CLIENTS

Sends RECORDS data source records (ids PREFIX-0000000 ..) to the data source SOURCE_ID, PER_REQUEST a request
(POST /api/data-source-record-bulk-create-jobs, the API's maximum is 500), from CLIENTS threads, each with its own
connection, taking the next body from a shared queue. Every body is built before the clock starts. The API answers
204 with no job to poll: the caller waits for the server's jobs to finish (custom-objects.sh reads the job table).

On stdout, KEY=value lines: FIRST_SUBMIT, LAST_ANSWER (epoch s), REQUESTS, RECORDS, ERRORS, SUBMIT_MEAN, SUBMIT_MAX
(POST latency, s), BODY_BYTES (largest body). Exit status 1 if any request failed.
"""
import http.client
import json
import sys
import threading
import time

port, key, source_id, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
records, per_request, clients = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
headers = {"Authorization": f"Klaviyo-API-Key {key}", "revision": "2026-07-15",
           "Content-Type": "application/vnd.api+json", "Accept": "application/vnd.api+json"}
PATH = "/api/data-source-record-bulk-create-jobs"


def record(n):
    """An order line as a shop exports it: every property type of a schema, and a member no property maps."""
    return {"id": f"{prefix}-{n:07d}", "sku": f"SKU-{n % 5000:05d}", "qty": 1 + n % 9, "price": round(2.5 + (n % 997) * 0.25, 2),
            "gift": n % 7 == 0, "ordered_at": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00Z",
            "store": f"store-{n % 40}", "internal": {"batch": n // 500}}


def body(ns):
    return json.dumps({"data": {"type": "data-source-record-bulk-create-job",
                                "attributes": {"data-source-records": {"data": [
                                    {"type": "data-source-record", "attributes": {"record": record(n)}} for n in ns]}},
                                "relationships": {"data-source": {"data": {"type": "data-source", "id": source_id}}}}},
                      separators=(",", ":")).encode()


bodies = [(len(range(i, min(records, i + per_request))), body(range(i, min(records, i + per_request))))
          for i in range(0, records, per_request)]
body_bytes = max(len(b) for _, b in bodies)
lock = threading.Lock()
next_body = 0
latencies = []
errors = []
sent = 0


def worker():
    global next_body, sent
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    while True:
        with lock:
            if errors or next_body >= len(bodies):
                return
            count, data = bodies[next_body]
            next_body += 1
        t0 = time.time()
        try:
            conn.request("POST", PATH, body=data, headers=headers)
            resp = conn.getresponse()
            answer = resp.read()
        except Exception as e:  # noqa: BLE001 - reported, fails the run
            with lock:
                errors.append(f"{type(e).__name__}: {e}")
            return
        t1 = time.time()
        with lock:
            if resp.status != 204:
                errors.append(f"POST answered {resp.status}: {answer[:500]!r}")
                return
            latencies.append((t0, t1))
            sent += count


threads = [threading.Thread(target=worker) for _ in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print(f"FIRST_SUBMIT={min((a for a, _ in latencies), default=0):.3f}")
print(f"LAST_ANSWER={max((b for _, b in latencies), default=0):.3f}")
print(f"REQUESTS={len(latencies)}")
print(f"RECORDS={sent}")
print(f"ERRORS={len(errors)}")
print(f"SUBMIT_MEAN={sum(b - a for a, b in latencies) / max(len(latencies), 1):.3f}")
print(f"SUBMIT_MAX={max((b - a for a, b in latencies), default=0):.3f}")
print(f"BODY_BYTES={body_bytes}")
for e in errors[:5]:
    print(f"ERROR={e}", file=sys.stderr)
sys.exit(1 if errors or sent != records else 0)
