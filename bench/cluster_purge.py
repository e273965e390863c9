#!/usr/bin/env python3
"""The purge client of bench/cluster.sh: sends purges of each Cloudflare kind through one node's admin listener
with `Lacquer-Purge-Wait: all`, one at a time on one persistent connection, and times each from the call to the
answer. Every 200 purges it reads that node's /api/purges (the audit ring holds the last 1,000) and keeps, per
purge id, each node's apply latency (`cluster.appliedMs`: append to acknowledgement, by Redis's clock). Prints
p50/p99/max per run of a kind as a Markdown table.

  cluster_purge.py ADMIN_PORT ZONE_ID TOKEN COUNT NODES [KINDS [RUNS_FILE]]
    NODES: comma-separated node ids
    KINDS: comma-separated runs, in order, of files, tags, prefixes, hosts, everything (a kind may repeat;
           default files,tags,prefixes,hosts,everything)
    RUNS_FILE: written with one "<sequence> <label>" line per measured purge, for cluster_timeline.py --runs
  cluster_purge.py --warm-up ADMIN_PORT ZONE_ID TOKEN COUNT
    COUNT unmeasured purges of each kind, round-robin, with names no measured purge uses (the hosts and
    everything purges empty the caches: bench/cluster.sh fills them again before it measures)

Every measured run also begins with WARMUP unmeasured tag purges: the new connection, and Redis's.
"""
import http.client
import json
import math
import sys
import time

KINDS = {  # name -> (label, body of purge number i)
    "files": ("files (URL)", lambda i: {"files": [f"http://localhost/p/{i}/x"]}),
    "tags": ("tags", lambda i: {"tags": [f"bench-t{i}"]}),
    "prefixes": ("prefixes", lambda i: {"prefixes": [f"localhost/p/{i}/"]}),
    "hosts": ("hosts", lambda i: {"hosts": ["127.0.0.1"]}),
    "everything": ("purge_everything", lambda i: {"purge_everything": True}),
}
DEFAULT_KINDS = "files,tags,prefixes,hosts,everything"
AUDIT_EVERY = 200
WARMUP = 20


def pct(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]  # nearest rank


WARM_UP_KINDS = [  # the same purges as KINDS, under names of their own
    lambda i: {"files": [f"http://localhost/warm/{i}/x"]},
    lambda i: {"tags": [f"warm-t{i}"]},
    lambda i: {"prefixes": [f"localhost/warm/{i}/"]},
    lambda i: {"hosts": ["127.0.0.1"]},
    lambda i: {"purge_everything": True},
]


def connect(port, zone, token):
    """A function that sends one purge and returns (client ms, purge id), and the connection it uses."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    path = f"/client/v4/zones/{zone}/purge_cache"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Lacquer-Purge-Wait": "all"}

    def purge(body):
        data = json.dumps(body)
        began = time.perf_counter()
        conn.request("POST", path, data, headers)
        response = conn.getresponse()
        text = response.read()
        elapsed = (time.perf_counter() - began) * 1000
        answer = json.loads(text) if response.status == 200 else {}
        if not answer.get("success"):
            raise SystemExit(f"purge {data} answered {response.status}: {text[:300]!r}")
        return elapsed, answer["result"]["id"]

    return purge, conn


def warm_up(port, zone, token, count):
    purge, _ = connect(port, zone, token)
    for i in range(count):
        for body in WARM_UP_KINDS:
            purge(body(i))


def main():
    if sys.argv[1] == "--warm-up":
        warm_up(int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    port, zone, token, count, nodes = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5].split(",")
    runs = (sys.argv[6] if len(sys.argv) > 6 else DEFAULT_KINDS).split(",")
    unknown = [kind for kind in runs if kind not in KINDS]
    if unknown:
        raise SystemExit(f"unknown kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
    purge, conn = connect(port, zone, token)
    applied = {}  # purge id -> {node: ms}
    sequences = {}  # purge id -> its sequence number in the log

    def read_audit():
        conn.request("GET", "/api/purges", headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        for record in json.loads(response.read())["purges"]:
            if record.get("cluster"):
                applied[record["id"]] = record["cluster"]["appliedMs"]
                sequences[record["id"]] = record["cluster"]["sequence"]

    for i in range(WARMUP):  # the connections; tags outside the measured names
        purge({"tags": [f"warm-{i}"]})
    results = []  # (label, [client ms], [purge id])
    for number, kind in enumerate(runs):
        label, body = KINDS[kind]
        if runs.count(kind) > 1:
            label += f" #{runs[:number + 1].count(kind)}"
        times, ids = [], []
        for i in range(count):
            elapsed, purge_id = purge(body(number * count + i))  # every run purges names of its own
            times.append(elapsed)
            ids.append(purge_id)
            if (i + 1) % AUDIT_EVERY == 0 or i + 1 == count:
                time.sleep(0.05)  # the last acknowledgements of the batch reach this node
                read_audit()
        results.append((label, times, ids))
    if len(sys.argv) > 7:
        with open(sys.argv[7], "w") as out:
            for label, _, ids in results:
                out.writelines(f"{sequences[i]} {label}\n" for i in ids if i in sequences)

    print(f"| kind (in the order run) | purges | client p50 ms | client p99 ms | client max ms | "
          + " | ".join(f"{n} apply p50 / p99 ms" for n in nodes) + f" | apply figures missing ({'/'.join(nodes)}) |")
    print("| --- | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in nodes) + " | ---: |")
    for label, times, ids in results:
        cells, missing = [], []
        for node in nodes:
            values = [applied[i][node] for i in ids if i in applied and node in applied[i]]
            missing.append(str(len(ids) - len(values)))  # no record at all, or no figure from this node in it
            cells.append(f"{pct(values, 50):.2f} / {pct(values, 99):.2f}")
        print(f"| {label} | {len(times)} | {pct(times, 50):.2f} | {pct(times, 99):.2f} | {max(times):.2f} | "
              + " | ".join(cells) + f" | {'/'.join(missing)} |")


if __name__ == "__main__":
    main()
