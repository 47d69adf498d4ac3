#!/usr/bin/env python3
"""The figures of one `scripts/bench` run: each section appends JSON lines
to $BENCH_OUT (target/bench/results.jsonl); `render` writes bench.md and
bench.json beside it and prints the Markdown.

  bench_report.py wrk SECTION NAME [KEY=VALUE…] < wrk-output   one wrk run
  bench_report.py add SECTION NAME KEY=VALUE…                  any figures
  bench_report.py render
"""
import json
import os
import re
import sys
import platform

OUT = os.environ.get("BENCH_OUT") or "target/bench/results.jsonl"


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        return None
    value, unit = float(m.group(1)), m.group(2)
    return round(value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


def parse_wrk(text):
    row = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    row["rps"] = round(float(m.group(1))) if m else 0
    for p in ("50", "99"):
        m = re.search(rf"^\s+{p}%\s+(\S+)", text, re.M)
        row[f"p{p}_ms"] = ms(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in", text)
    row["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    row["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", text)
    row["socket_errors"] = m.group(1).strip() if m else ""
    return row


def extras(args):
    row = {}
    for kv in args:
        k, _, v = kv.partition("=")
        try:
            row[k] = json.loads(v)
        except ValueError:
            row[k] = v
    return row


def append(row):
    os.makedirs(os.path.dirname(OUT) or ".", exist_ok=True)
    with open(OUT, "a") as f:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        mem = f"{int(open('/proc/meminfo').readline().split()[1]) // 1024 // 1024} GB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} {platform.release()}"


def cell(v):
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:,.1f}" if abs(v) < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def render():
    rows = [json.loads(line) for line in open(OUT) if line.strip()]
    # A page's rate as a share of the bare route measured in the same section run.
    # (A row's group names the server run it was measured on.)
    baseline = {}
    for r in rows:
        if r.get("baseline"):
            baseline[r.get("group")] = r["rps"]
    for r in rows:
        base = baseline.get(r.get("group"))
        if "rps" in r and base and not r.get("baseline"):
            r["share_pct"] = round(100 * r["rps"] / base, 1)
    sections = []
    for r in rows:
        if r["section"] not in sections:
            sections.append(r["section"])
    md = [f"# Bench\n\nMachine: {machine()}.\n"]
    for s in sections:
        these = [r for r in rows if r["section"] == s]
        keys = []
        for r in these:
            for k in r:
                if k not in ("section", "name", "baseline", "group") and k not in keys:
                    keys.append(k)
        md.append(f"\n## {s}\n\n| {' | '.join(['name'] + keys)} |\n|{'---|' * (len(keys) + 1)}")
        for r in these:
            md.append(f"| {r['name']} | " + " | ".join(cell(r.get(k)) for k in keys) + " |")
    text = "\n".join(md) + "\n"
    base = os.path.dirname(OUT) or "."
    open(os.path.join(base, "bench.md"), "w").write(text)
    json.dump({"machine": machine(), "rows": rows}, open(os.path.join(base, "bench.json"), "w"),
              ensure_ascii=False, indent=1)
    print(text)


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "wrk":
        row = {"section": sys.argv[2], "name": sys.argv[3]}
        row.update(parse_wrk(sys.stdin.read()))
        row.update(extras(sys.argv[4:]))
        append(row)
    elif cmd == "add":
        row = {"section": sys.argv[2], "name": sys.argv[3]}
        row.update(extras(sys.argv[4:]))
        append(row)
    elif cmd == "render":
        render()
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
