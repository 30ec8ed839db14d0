"""Checks a query_metric_aggregates answer against the baseline's daily counts.

Usage: aggregates_check.py ANSWER.json BASELINE.tsv EVENTS
BASELINE.tsv: "YYYY-MM-DD<TAB>count" per day with events (psql -At output of the hand-written query).
Prints "ok DAYS TOTAL" or a reason and exits 1.
"""
import json
import sys

answer = json.load(open(sys.argv[1]))
baseline = {}
for line in open(sys.argv[2]):
    day, count = line.rstrip("\n").split("\t")
    baseline[day[:10]] = int(count)
events = int(sys.argv[3])
attrs = answer["data"]["attributes"]
dates = [d[:10] for d in attrs["dates"]]
rows = attrs["data"]
if len(rows) != 1:
    sys.exit(f"expected one row, got {len(rows)}")
counts = rows[0]["measurements"]["count"]
if len(counts) != len(dates):
    sys.exit(f"{len(dates)} dates but {len(counts)} counts")
got = {d: c for d, c in zip(dates, counts) if c}
if got != baseline:
    diff = sorted(set(got.items()) ^ set(baseline.items()))[:5]
    sys.exit(f"answer and baseline differ, e.g. {diff}")
if sum(counts) != events:
    sys.exit(f"total {sum(counts)} != {events}")
print("ok", len(dates), sum(counts))
