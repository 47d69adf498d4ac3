#!/usr/bin/env python3
"""Time from process start to `/readyz` answering 200, polled every 2 ms.

  bench_start.py BIN NAME DB DATABASE_URL…

One round per database URL given. Appends one JSON line to $BENCH_OUT: the
median and the worst of the rounds.
"""
import http.client, json, os, socket, subprocess, sys, time

bin_, name, db, urls = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rounds = len(urls)
times = []
for url in urls:
    env = dict(os.environ)
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    env["BIND_ADDR"] = f"127.0.0.1:{port}"
    env["DATABASE_URL"] = url
    t0 = time.monotonic()
    p = subprocess.Popen([bin_, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ready = None
    while time.monotonic() - t0 < 30 and p.poll() is None:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/readyz")
            if c.getresponse().status == 200:
                ready = time.monotonic() - t0
                break
        except OSError:
            pass
        time.sleep(0.002)
    p.terminate(); p.wait()
    if ready is None:
        sys.exit(f"{name}: the server never answered /readyz")
    times.append(ready * 1000)
times.sort()
row = {"section": "start", "name": name, "db": db, "rounds": rounds,
       "median_ms": round(times[len(times) // 2], 1), "max_ms": round(times[-1], 1)}
print(json.dumps(row))
open(os.environ["BENCH_OUT"], "a").write(json.dumps(row) + "\n")
