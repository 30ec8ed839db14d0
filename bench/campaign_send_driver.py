#!/usr/bin/env python3
"""One campaign send through the API, timed (bench/campaign-send.sh).

    campaign_send_driver.py PORT KEY CAMPAIGN_ID POLL TIMEOUT

POSTs send_campaign (must answer 202), then GETs get_campaign_send_job every POLL seconds over the same
keep-alive connection until its status is "complete" (or TIMEOUT seconds passed). One process for the whole
send, so the polling costs little CPU and sees the completion within POLL.

On stdout, KEY=value lines: ACCEPTED_AT (epoch ns of the 202), ELAPSED_NS (202 -> complete seen), STATUS (the
last status read), POLLS. Exit status 1 if the send was not accepted or did not complete.
"""
import http.client
import json
import sys
import time

port, key, campaign = int(sys.argv[1]), sys.argv[2], sys.argv[3]
poll, timeout = float(sys.argv[4]), float(sys.argv[5])
headers = {"Authorization": f"Klaviyo-API-Key {key}", "revision": "2026-07-15",
           "Content-Type": "application/vnd.api+json", "Accept": "application/vnd.api+json"}
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)


def call(method, path, body=None):
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    return r.status, r.read()


status, text = call("POST", "/api/campaign-send-jobs",
                    json.dumps({"data": {"type": "campaign-send-job", "id": campaign}}).encode())
t0 = time.time_ns()
if status != 202:
    print(f"send_campaign answered {status}: {text[:300]!r}", file=sys.stderr)
    sys.exit(1)
job, polls, now = "queued", 0, t0
while job != "complete" and now - t0 < timeout * 1e9:
    time.sleep(poll)
    status, text = call("GET", f"/api/campaign-send-jobs/{campaign}")
    now = time.time_ns()
    polls += 1
    if status != 200:
        print(f"get_campaign_send_job answered {status}: {text[:300]!r}", file=sys.stderr)
        sys.exit(1)
    job = json.loads(text)["data"]["attributes"]["status"]
print(f"ACCEPTED_AT={t0}\nELAPSED_NS={now - t0}\nSTATUS={job}\nPOLLS={polls}")
sys.exit(0 if job == "complete" else 1)
