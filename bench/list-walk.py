#!/usr/bin/env python3
"""Cursor walk over a list's members, one request at a time over one keep-alive connection.

    python3 bench/list-walk.py PORT API_KEY START_PATH OUT MAX_PAGES

GETs START_PATH (e.g. /api/lists/ID/profiles?page%5Bsize%5D=100, or .../relationships/profiles) on
127.0.0.1:PORT, then the links.next of each answer, until an answer has no links.next. Writes OUT.ids
(every profile id received, one a line, in order), OUT.pages (one line per page: page number, latency
in µs, ids on the page) and OUT.last (the path of the last page), and prints OP_...=... lines for
bench/lists.sh. Every answer must be 200; the walk gives up (and fails) after MAX_PAGES pages.

Latency is from sending the request to having read the whole body. Why not wrk: a page of 100 members
is about 150 KB, and wrk (4.1) spent 2.5-3.3 ms of CPU per page receiving it and handing it to Lua,
where this script spends under 1 ms; in a sequential walk the client's time adds to every page.
"""
import http.client
import re
import sys
import time

port, key, path, out, max_pages = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
headers = {"Authorization": "Klaviyo-API-Key " + key, "revision": "2026-07-15",
           "Accept": "application/vnd.api+json"}
id_re = re.compile(rb'\{"type":"profile","id":"([^"]+)"')
next_re = re.compile(rb'"next":"([^"]+)"')
host_re = re.compile(rb"^https?://[^/]+")

conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
pages = members = non200 = errors = finished = 0
failure = ""
t_first = time.perf_counter()
t_last = t_first
with open(out + ".ids", "wb") as ids_file, open(out + ".pages", "w") as pages_file:
    while True:
        t = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        except Exception as e:  # socket error or timeout: fail, do not retry
            errors += 1
            failure = f"{type(e).__name__}: {e} on {path}"
            break
        t_last = time.perf_counter()
        pages += 1
        if response.status != 200:
            non200 += 1
            failure = f"{response.status} {body[:600].decode(errors='replace')} on {path}"
            break
        found = id_re.findall(body)
        members += len(found)
        if found:
            ids_file.write(b"\n".join(found) + b"\n")
        pages_file.write(f"{pages} {(t_last - t) * 1e6:.0f} {len(found)}\n")
        # the document's own links come after data: look for next from the last "links"
        m = next_re.search(body, body.rfind(b'"links":'))
        if m is None:
            finished = 1
            break
        if pages >= max_pages:
            failure = f"still a links.next after {pages} pages"
            break
        path = host_re.sub(b"", m.group(1)).decode()
with open(out + ".last", "w") as f:
    f.write(path + "\n")

elapsed = (t_last - t_first) * 1e6
print(f"OP_PAGES={pages}\nOP_MEMBERS={members}\nOP_NON2XX={non200}\nOP_FINISHED={finished}")
print(f"OP_ELAPSED_US={elapsed:.0f}\nOP_RPS={pages / (elapsed / 1e6) if elapsed > 0 else 0:.2f}")
print(f"OP_SOCKET_ERRORS={errors}\nOP_TIMEOUTS=0")
if failure:
    print("OP_FAILED: " + failure)
