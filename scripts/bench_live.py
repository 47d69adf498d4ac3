#!/usr/bin/env python3
"""Live fan-out load generator for scripts/bench (section `live`).

N subscribers hold `/live/petitions/<code>` open, as the petition page's
island does, spread over several load-generator processes, several
127.0.0.x source addresses (so ports do not run out) and every server given.
Once all are subscribed, an officer moves the petition along the workflow
(one status change a round, through the real endpoint); each subscriber notes
when the `status` event reaches it. Prints one JSON line: the time from the
change to the subscribers (p50/p99/max over every subscriber and round), how
many were reached, and the servers' RSS before, with everyone subscribed,
and after everyone left.

  bench_live.py --servers PID:PORT[,PID:PORT…] --code QT-… --cookie session=…
                --subscribers N [--procs 4] [--addresses 16] [--name NAME]
"""
import argparse
import os
import asyncio
import json
import multiprocessing as mp
import resource
import sys
import time
import urllib.parse
import urllib.request

# The workflow the rounds walk, from a submitted petition.
ROUNDS = [("accepted", ""), ("assigned", ""), ("in_progress", ""),
          ("answered", "Trả lời chính thức của cơ quan (đo hiệu năng).")]


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def worker(index, count, ports, addresses, code, conn):
    """Holds `count` streams open; per round, reports when each heard it."""
    raise_nofile()

    async def main():
        heard = [[] for _ in range(count)]  # monotonic times of status events
        ready = asyncio.Event()
        opened = 0
        failures = 0

        async def subscribe(i):
            nonlocal opened, failures
            port = ports[(index + i) % len(ports)]
            source = f"127.0.0.{2 + (index * 7 + i) % addresses}"
            try:
                r, w = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
                w.write(f"GET /live/petitions/{code} HTTP/1.1\r\nHost: bench\r\n"
                        "Accept: text/event-stream\r\n\r\n".encode())
                await w.drain()
                head = await r.readuntil(b"\r\n\r\n")
                if b" 200 " not in head.split(b"\r\n", 1)[0]:
                    raise OSError(head.split(b"\r\n", 1)[0].decode(errors="replace"))
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as e:
                failures += 1
                if failures <= 3:
                    print(f"worker {index}: subscribe failed: {e}", file=sys.stderr)
                opened += 1
                if opened == count:
                    ready.set()
                return None
            opened += 1
            if opened == count:
                ready.set()
            tail = b""
            try:
                while True:
                    data = await r.read(65536)
                    if not data:
                        break
                    now = time.monotonic()
                    text = tail + data
                    heard[i].extend([now] * text.count(b"event: status"))
                    # Shorter than the name: a match is never counted twice.
                    tail = text[-(len(b"event: status") - 1):]
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                w.close()

        # Connect in batches: a burst of thousands of SYNs overflows the backlog.
        tasks = []
        for start in range(0, count, 200):
            for i in range(start, min(count, start + 200)):
                tasks.append(asyncio.ensure_future(subscribe(i)))
            await asyncio.sleep(0.05)
        await ready.wait()
        conn.send(("ready", count - failures))
        loop = asyncio.get_running_loop()
        for round_no in range(len(ROUNDS)):
            msg = await loop.run_in_executor(None, conn.recv)
            if msg == "stop":
                break
            deadline = time.monotonic() + 10
            # Wait until every open stream heard this round (or 10 s).
            while time.monotonic() < deadline:
                if all(len(heard[i]) > round_no for i in range(count) if not tasks[i].done()):
                    break
                await asyncio.sleep(0.01)
            times = [h[round_no] for h in heard if len(h) > round_no]
            conn.send(("heard", times))
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        conn.send(("closed", None))
        conn.recv()

    asyncio.run(main())


def rss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def open_files(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def change(port, code, cookie, status, note):
    body = urllib.parse.urlencode({"code": code, "status": status, "note": note}).encode()
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/petitions/change_status", data=body, method="POST",
        headers={"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}",
                 "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=10) as res:
        return res.status


def percentile(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--servers", required=True)
    ap.add_argument("--code", required=True)
    ap.add_argument("--cookie", required=True)
    ap.add_argument("--subscribers", type=int, required=True)
    ap.add_argument("--procs", type=int, default=4)
    ap.add_argument("--addresses", type=int, default=16)
    ap.add_argument("--name", default=None)
    a = ap.parse_args()
    servers = [(int(p), int(port)) for p, port in (s.split(":") for s in a.servers.split(","))]
    ports = [port for _, port in servers]
    pids = [pid for pid, _ in servers]
    rss = lambda: sum(rss_kb(p) for p in pids)
    before = rss()
    files_before = sum(open_files(p) for p in pids)
    procs = min(a.procs, max(1, a.subscribers // 100))
    shares = [a.subscribers // procs + (1 if i < a.subscribers % procs else 0) for i in range(procs)]
    pipes, workers = [], []
    ctx = mp.get_context("fork")
    started = time.monotonic()
    for i, n in enumerate(shares):
        parent, child = ctx.Pipe()
        p = ctx.Process(target=worker, args=(i, n, ports, a.addresses, a.code, child))
        p.start()
        pipes.append(parent)
        workers.append(p)
    subscribed = sum(pipe.recv()[1] for pipe in pipes)
    subscribe_secs = time.monotonic() - started
    time.sleep(1)
    during = rss()
    latencies, reached = [], []
    for status, note in ROUNDS:
        t0 = time.monotonic()
        change(ports[0], a.code, a.cookie, status, note)
        for pipe in pipes:
            pipe.send("go")
        times = []
        for pipe in pipes:
            times.extend(pipe.recv()[1])
        reached.append(len(times))
        latencies.extend(t - t0 for t in times)
    for pipe in pipes:
        pipe.recv()  # closed
    # A server notices a stream's reader has gone when it next writes to it
    # (an event, or the keep-alive comment every 15 s): wait for that.
    left = time.monotonic()
    while time.monotonic() - left < 40 and sum(open_files(p) for p in pids) > files_before + 20:
        time.sleep(0.5)
    released_s = time.monotonic() - left
    time.sleep(2)
    after = rss()
    for pipe in pipes:
        pipe.send("exit")
    for p in workers:
        p.join()
    ms = lambda s: None if s is None else round(s * 1000, 1)
    n = a.subscribers
    print(json.dumps({
        "section": "live",
        "name": a.name or f"{n} subscribers on {len(servers)} instance(s)",
        "subscribers": n,
        "subscribed": subscribed,
        "instances": len(servers),
        "subscribe_s": round(subscribe_secs, 1),
        "rounds": len(ROUNDS),
        "reached_min": min(reached) if reached else 0,
        "p50_ms": ms(percentile(latencies, 50)),
        "p99_ms": ms(percentile(latencies, 99)),
        "max_ms": ms(max(latencies) if latencies else None),
        "rss_before_mb": round(before / 1024, 1),
        "rss_during_mb": round(during / 1024, 1),
        "rss_after_mb": round(after / 1024, 1),
        "streams_closed_s": round(released_s, 1),
        "kb_per_subscriber": round((during - before) / max(1, subscribed), 2),
    }))


if __name__ == "__main__":
    main()
