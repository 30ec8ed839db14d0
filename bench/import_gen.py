#!/usr/bin/env python3
"""Pre-generates the inputs of bench/import.sh (run before any timing).

    import_gen.py bodies OUTDIR PREFIX JOBS PER_JOB ROUND
        OUTDIR/PREFIX-NNN.json: JOBS request bodies of POST /api/profile-bulk-import-jobs, PER_JOB
        profiles each, emails PREFIX-<n>@bench.example with n = 1 .. JOBS * PER_JOB (all distinct).
        ROUND goes into properties.round: the same PREFIX with another ROUND changes every profile.
    import_gen.py csv FILE ACCOUNT_ID PREFIX JOBS PER_JOB ROUND
        the same JOBS * PER_JOB profiles as CSV rows for COPY into bench_copy
        (account_id, id, email, first_name, last_name, properties, created, updated).

Each profile is about 200 bytes: email, first_name, last_name and three properties.
"""
import json
import os
import sys


def profile(prefix, n, rnd):
    return {
        "email": f"{prefix}-{n}@bench.example",
        "first_name": f"First{n}",
        "last_name": f"Last {n}",
        "properties": {"plan": "pro" if n % 3 == 0 else "free", "seq": n, "round": rnd},
    }


def bodies(outdir, prefix, jobs, per_job, rnd):
    os.makedirs(outdir, exist_ok=True)
    biggest = 0
    for j in range(jobs):
        items = []
        for i in range(per_job):
            n = j * per_job + i + 1
            items.append({"type": "profile", "attributes": profile(prefix, n, rnd)})
        body = {"data": {"type": "profile-bulk-import-job", "attributes": {"profiles": {"data": items}}}}
        data = json.dumps(body, separators=(",", ":")).encode()
        biggest = max(biggest, len(data))
        with open(os.path.join(outdir, f"{prefix}-{j:03d}.json"), "wb") as f:
            f.write(data)
    if biggest >= 5 * 1024 * 1024:
        sys.exit(f"import_gen.py: a body is {biggest} bytes, over the 5 MB limit: lower PER_JOB")
    print(biggest)


def csv(path, account, prefix, jobs, per_job, rnd):
    ts = "2026-01-01 00:00:00+00"
    with open(path, "w") as f:
        for n in range(1, jobs * per_job + 1):
            p = profile(prefix, n, rnd)
            props = json.dumps(p["properties"], separators=(",", ":")).replace('"', '""')
            # ids are 26 characters like the server's ULIDs
            f.write(f'{account},01COPY{n:020d},{p["email"]},{p["first_name"]},{p["last_name"]},"{props}",{ts},{ts}\n')


if __name__ == "__main__":
    a = sys.argv
    if a[1] == "bodies":
        bodies(a[2], a[3], int(a[4]), int(a[5]), int(a[6]))
    elif a[1] == "csv":
        csv(a[2], a[3], a[4], int(a[5]), int(a[6]), int(a[7]))
    else:
        sys.exit(__doc__)
