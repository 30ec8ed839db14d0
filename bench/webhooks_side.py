#!/usr/bin/env python3
"""The two side processes of bench/webhooks.sh.

  webhooks_side.py receive PORT LOG       a webhook receiver on 127.0.0.1:PORT: answers 200, appends one line per
                                          event to LOG: "<arrival ns> <profile id> <external id>"
  webhooks_side.py subscribe URL KEY RATE SECONDS TAG LOG
                                          bulk_subscribe_profiles of one new profile each, RATE a second for SECONDS,
                                          appends "<send ns> <email>" per accepted request to LOG

The subscriptions are the consent workload both phases of the benchmark run, so that only the webhook's presence
differs between them: POST /api/events records no Klaviyo system event, so it cannot itself make a delivery.
"""
import http.client
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def receive(port, log_path):
    lock = threading.Lock()
    log = open(log_path, "a", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            now = time.time_ns()
            lines = []
            for e in json.loads(raw)["data"]:
                lines.append(f"{now} {e['payload']['data']['relationships']['profile']['data']['id']} {e['external_id']}\n")
            with lock:
                log.writelines(lines)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def subscribe(url, key, rate, seconds, tag, log_path):
    host, port = url.replace("http://", "").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"Authorization": "Klaviyo-API-Key " + key, "revision": "2026-07-15",
               "Content-Type": "application/vnd.api+json", "Accept": "application/vnd.api+json"}
    log = open(log_path, "a", buffering=1)
    start = time.monotonic()
    n = 0
    while True:
        due = start + n / rate
        now = time.monotonic()
        if now - start >= seconds:
            break
        if due > now:
            time.sleep(due - now)
        email = f"hook-{tag}-{n}@bench.example"
        body = json.dumps({"data": {"type": "profile-subscription-bulk-create-job", "attributes": {"profiles": {"data": [
            {"type": "profile", "attributes": {"email": email, "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}}}}}]}}}})
        sent = time.time_ns()
        conn.request("POST", "/api/profile-subscription-bulk-create-jobs", body, headers)
        r = conn.getresponse()
        r.read()
        if r.status != 202:
            sys.exit(f"subscribe answered {r.status}")
        log.write(f"{sent} {email}\n")
        n += 1


if __name__ == "__main__":
    if sys.argv[1] == "receive":
        receive(int(sys.argv[2]), sys.argv[3])
    else:
        subscribe(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), sys.argv[6], sys.argv[7])
