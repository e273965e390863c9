# analyze.py DIR — per-second table (prober latency, GC, thread pool, sockets) and per-phase summary of a probe.sh run.
import csv, sys, collections, datetime, re
d = sys.argv[1]
marks = [(float(l.split()[0]), l.split(None, 1)[1].strip()) for l in open(f"{d}/marks.txt")]
def phase(t):
    name = "start"
    for mt, m in marks:
        if t >= mt: name = m.split(" start")[0].split(" end")[0]
    return name
probe = collections.defaultdict(list)
for l in open(f"{d}/prober.txt"):
    t, ms, st = l.split(); probe[int(float(t))].append(float(ms))
sec = collections.defaultdict(dict)
rows = list(csv.reader(open(f"{d}/counters.csv")))
hdr = rows[0]
for r in rows[1:]:
    try:
        ts = datetime.datetime.strptime(r[0][:19], "%m/%d/%Y %H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    except ValueError:
        continue
    key = r[2]; val = float(r[4]) if r[4] else 0.0
    s = int(ts)
    sec[s][key] = sec[s].get(key, 0) + val if "collections" in key or "pause" in key or "contention" in key else val
sock = {}
for l in open(f"{d}/sockets.txt"):
    p = l.split(); 
    try: sock[int(float(p[0]))] = (p[2], p[3], p[-1])
    except: pass
keys = sorted(set(k for v in sec.values() for k in v))
def pick(s, pat):
    return sum(v for k, v in sec.get(s, {}).items() if re.search(pat, k))
print("sec phase n p50 p99 max | pause_ms gen0 gen1 gen2 | tpq tpthreads lockcont | heapMB | tw est threads")
t0 = int(marks[0][0]) - 2; t1 = int(marks[-1][0]) + 1
for s in range(t0, t1):
    lat = sorted(probe.get(s, []))
    if not lat: continue
    n = len(lat); p = lambda q: lat[min(n - 1, int(q * n))]
    print(f"{s % 10000} {phase(s + 0.5)[:14]:14} {n:3} {p(.5):6.1f} {p(.99):7.1f} {lat[-1]:7.1f} | "
          f"{pick(s, r'pause') * 1000:6.1f} {pick(s, r'collections.*gen0'):3.0f} {pick(s, r'collections.*gen1'):3.0f} {pick(s, r'collections.*gen2'):3.0f} | "
          f"{pick(s, r'queue.length'):5.0f} {pick(s, r'thread_pool.thread.count'):3.0f} {pick(s, r'lock_contentions|contention'):4.0f} | "
          f"{pick(s, r'last_collection.heap.size') / 1048576:6.0f} | {' '.join(sock.get(s, ('', '', '')))}")
