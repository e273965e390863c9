#!/usr/bin/env python3
"""Merges the nodes' cluster:timeline files of one bench/cluster.sh run (docs/cluster.md) into one timeline per
purge and prints where the time went, p50/p99 over every purge that a node took and waited for:

  cluster_timeline.py [--runs RUNS_FILE] FILE...   (each line: "<µs> <node> <step> <sequence> [<other node>]", monotonic clock)

With --runs (cluster_purge.py's "<sequence> <label>" lines) each run of a kind gets its own column, p50 / p99 ms;
purges it does not name (the warm-up) are left out.

Steps (on the node that took the purge): share -> appended (the append's round trip), members (each read of the
member set), ack-seen <node> (an acknowledgement reached the wait), done (the wait answered); (on every node)
received (the wake-up arrived), applied, acked (the acknowledgement's round trip ended).
"""
import collections
import math
import sys


def pct(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main():
    paths, labels = sys.argv[1:], None
    if paths[:1] == ["--runs"]:
        labels = {}  # seq -> label of its run
        with open(paths[1]) as lines:
            for line in lines:
                seq, label = line.rstrip("\n").split(" ", 1)
                labels[int(seq)] = label
        paths = paths[2:]
    steps = collections.defaultdict(lambda: collections.defaultdict(list))  # seq -> (node, step[, other]) -> [µs]
    taker = {}
    for path in paths:
        with open(path) as lines:
            for line in lines:
                parts = line.split()
                if len(parts) < 4:
                    continue
                micros, node, step, seq = float(parts[0]), parts[1], parts[2], int(parts[3])
                key = (node, step, parts[4]) if len(parts) > 4 else (node, step)
                steps[seq][key].append(micros)
                if step == "share":
                    taker[seq] = node
    runs = collections.defaultdict(lambda: collections.defaultdict(list))  # label -> step -> [µs]
    for seq, node in taker.items():
        if labels is not None and seq not in labels:
            continue
        rows = runs[labels[seq] if labels is not None else "all"]
        s = steps[seq]
        share = s[(node, "share")][0]
        if (node, "done") not in s:
            continue
        done = s[(node, "done")][0]
        rows["total: share -> done"].append(done - share)
        rows["append round trip (share -> appended)"].append(s[(node, "appended")][0] - share)
        rows["member-set reads per purge (count)"].append(len(s.get((node, "members"), [])))
        seen = []
        for other in sorted({k[0] for k in s if k[1] == "received"}):
            received = s.get((other, "received"), [None])[0]
            applied = s.get((other, "applied"), [None])[0]
            acked = s.get((other, "acked"), [None])[0]
            ack_seen = s.get((node, "ack-seen", other), [None])[0]
            who = "taker" if other == node else "other"
            if received is not None:
                rows[f"{who}: share -> received"].append(received - share)
            if received is not None and applied is not None:
                rows[f"{who}: received -> applied"].append(applied - received)
            if applied is not None and acked is not None:
                rows[f"{who}: applied -> acked (ack round trip)"].append(acked - applied)
            if acked is not None and ack_seen is not None:
                rows[f"{who}: acked -> ack-seen by the taker"].append(ack_seen - acked)
            if ack_seen is not None:
                rows[f"{who}: share -> ack-seen"].append(ack_seen - share)
                seen.append(ack_seen)
        before = [t for t in seen if t <= done]
        if before:
            rows["last ack-seen before done -> done"].append(done - max(before))
    if labels is None:
        rows = runs["all"]
        print(f"{len(rows['total: share -> done'])} purges")
        print()
        print("| step | p50 ms | p99 ms | max ms |")
        print("| --- | ---: | ---: | ---: |")
        for name, values in rows.items():
            if "(count)" in name:
                print(f"| {name} | {pct(values, 50)} | {pct(values, 99)} | {max(values)} |")
            else:
                print(f"| {name} | {pct(values, 50) / 1000:.2f} | {pct(values, 99) / 1000:.2f} | {max(values) / 1000:.2f} |")
        return
    order = list(dict.fromkeys(labels.values()))
    names = list(dict.fromkeys(name for label in order for name in runs[label]))
    print("p50 / p99 ms per run, in the order run; purges per run: "
          + ", ".join(f"{label} {len(runs[label]['total: share -> done'])}" for label in order))
    print()
    print("| step | " + " | ".join(order) + " |")
    print("| --- | " + " | ".join("---:" for _ in order) + " |")
    for name in names:
        cells = []
        for label in order:
            values = runs[label].get(name)
            if not values:
                cells.append("")
            elif "(count)" in name:
                cells.append(f"{pct(values, 50)} / {pct(values, 99)}")
            else:
                cells.append(f"{pct(values, 50) / 1000:.2f} / {pct(values, 99) / 1000:.2f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
