#!/usr/bin/env python3
"""Inputs and log figures for bench/run's batch-import rows.

    importdata.py gen DIR N           DIR/rN.csv: N valid records; DIR/json-N/: the same, one JSON file each
    importdata.py gen-csv DIR N       only the CSV
    importdata.py window LOG          the most migration POSTs that arrived in any one-second window
                                      (a sliding window, as the sandbox counts), and their average
                                      rate from the first arrival to the last
"""
import datetime
import json
import os
import sys


def record(i):
    return {
        "admin": "ops@acme.example",
        "email": "bench%d@example.com" % i,
        "fullName": "Bench Person %d" % i,
        "birthDate": "1990-01-02",
        "kycStatus": "approved",
        "idType": "passport",
        "issuingCountry": "KOR",
        "userid": "B-%07d" % i,
    }


def gen(out, n, with_json):
    keys = list(record(1).keys())
    with open(os.path.join(out, "r%d.csv" % n), "w") as f:
        f.write(",".join(keys) + "\n")
        for i in range(1, n + 1):
            r = record(i)
            f.write(",".join(r[k] for k in keys) + "\n")
    if with_json:
        d = os.path.join(out, "json-%d" % n)
        os.makedirs(d, exist_ok=True)
        for i in range(1, n + 1):
            with open(os.path.join(d, "%07d.json" % i), "w") as f:
                json.dump(record(i), f)


def parse_time(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def window(log):
    times = []
    with open(log) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            e = json.loads(line)
            if e["method"] == "POST" and e["path"] == "/v3/submission/migration":
                times.append(parse_time(e["time"]))
    times.sort()
    most, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] >= 1.0:  # the window (t-1s, t]
            lo += 1
        most = max(most, hi - lo + 1)
    avg = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0
    print("%d %.2f %d" % (most, avg, len(times)))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(sys.argv[2], int(sys.argv[3]), True)
    elif cmd == "gen-csv":
        gen(sys.argv[2], int(sys.argv[3]), False)
    elif cmd == "window":
        window(sys.argv[2])
    else:
        sys.exit(__doc__)
