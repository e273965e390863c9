#!/usr/bin/env python3
"""The purge client of bench/cluster.sh: sends purges of each Cloudflare kind through one node's admin listener
with `Lacquer-Purge-Wait: all`, one at a time on one persistent connection, and times each from the call to the
answer. Every 200 purges it reads that node's /api/purges (the audit ring holds the last 1,000) and keeps, per
purge, each node's apply latency (`cluster.appliedMs`: append to acknowledgement, by Redis's clock). Prints
p50/p99/max per kind as a Markdown table.

  cluster_purge.py ADMIN_PORT ZONE_ID TOKEN COUNT NODES   (NODES: comma-separated node ids)
"""
import http.client
import json
import math
import sys
import time

KINDS = [  # (label, body of purge number i, prefix of the audit selector that marks this kind)
    ("files (URL)", lambda i: {"files": [f"http://localhost/p/{i}/x"]}, "url:"),
    ("tags", lambda i: {"tags": [f"bench-t{i}"]}, "tag:"),
    ("prefixes", lambda i: {"prefixes": [f"localhost/p/{i}/"]}, "prefix:"),
    ("hosts", lambda i: {"hosts": ["127.0.0.1"]}, "host:"),
    ("purge_everything", lambda i: {"purge_everything": True}, "everything"),
]
AUDIT_EVERY = 200
WARMUP = 100


def pct(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]  # nearest rank


def main():
    port, zone, token, count, nodes = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5].split(",")
    conn = http.client.HTTPConnection("127.0.0.1", port)
    path = f"/client/v4/zones/{zone}/purge_cache"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Lacquer-Purge-Wait": "all"}
    applied = {}  # sequence -> (selector, {node: ms})

    def purge(body):
        data = json.dumps(body)
        began = time.perf_counter()
        conn.request("POST", path, data, headers)
        response = conn.getresponse()
        text = response.read()
        elapsed = (time.perf_counter() - began) * 1000
        if response.status != 200 or not json.loads(text).get("success"):
            raise SystemExit(f"purge {data} answered {response.status}: {text[:300]!r}")
        return elapsed

    def read_audit():
        conn.request("GET", "/api/purges", headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        records = json.loads(response.read())["purges"]
        for record in records:
            cluster = record.get("cluster")
            if cluster and record["selectors"]:
                applied[cluster["sequence"]] = (record["selectors"][0], cluster["appliedMs"])

    for i in range(WARMUP):  # JIT and connections; tags outside the measured names
        purge({"tags": [f"warm-{i}"]})
    client = {}
    for label, body, _ in KINDS:
        times = []
        for i in range(count):
            times.append(purge(body(i)))
            if (i + 1) % AUDIT_EVERY == 0 or i + 1 == count:
                time.sleep(0.05)  # the last acknowledgements of the batch reach this node
                read_audit()
        client[label] = times

    print(f"| kind | purges | client p50 ms | client p99 ms | client max ms | "
          + " | ".join(f"{n} apply p50 / p99 ms" for n in nodes) + f" | apply figures missing ({'/'.join(nodes)}) |")
    print("| --- | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in nodes) + " | ---: |")
    for label, _, marker in KINDS:
        rows = [acks for selector, acks in applied.values()
                if selector.startswith(marker) and not selector.startswith("tag:warm-")]
        cells, missing = [], []
        for node in nodes:
            values = [acks[node] for acks in rows if node in acks]
            missing.append(str(count - len(values)))  # no record at all, or no figure from this node in it
            cells.append(f"{pct(values, 50):.2f} / {pct(values, 99):.2f}")
        times = client[label]
        print(f"| {label} | {len(times)} | {pct(times, 50):.2f} | {pct(times, 99):.2f} | {max(times):.2f} | "
              + " | ".join(cells) + f" | {'/'.join(missing)} |")


if __name__ == "__main__":
    main()
