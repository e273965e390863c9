# Low-rate latency prober: one keep-alive connection, a new URL every INTERVAL s; prints "epoch latency_ms status".
import http.client, sys, time
port, prefix, interval, out = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), open(sys.argv[4], "w", buffering=1)
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
n = 0
while True:
    n += 1
    t0 = time.time()
    try:
        conn.request("GET", f"/m/{prefix}-{n}")
        r = conn.getresponse(); r.read(); status = r.status
    except Exception as e:
        status = 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    t1 = time.time()
    out.write(f"{t0:.3f} {(t1 - t0) * 1000:.2f} {status}\n")
    rest = interval - (time.time() - t0)
    if rest > 0: time.sleep(rest)
