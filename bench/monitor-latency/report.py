#!/usr/bin/env python3
"""Summarises a run of bench/monitor-latency: report.py OUT_DIR  (reads OUT_DIR/machine.env, OUT_DIR/rows-*/result.json;
writes OUT_DIR/summary.json and prints a markdown report)."""
import glob
import json
import os
import sys

out = sys.argv[1]
machine = {}
if os.path.exists(os.path.join(out, "machine.env")):
    for line in open(os.path.join(out, "machine.env")):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            machine[k] = v
results = []
for path in glob.glob(os.path.join(out, "rows-*", "result.json")):
    results.append(json.load(open(path)))
results.sort(key=lambda r: r["rows"])

TARGETS = {"p50": 1.5, "p95": 3.0, "cpu": 10.0, "rss": 60.0}


def met(ok):
    return "met" if ok else "**missed**"


print(f"# Monitor detection latency — {machine.get('date_utc', '?')} UTC\n")
print(f"{machine.get('nproc')} cores, {machine.get('cpu')}, {int(machine.get('mem_kb', 0)) // 1024} MiB; {machine.get('os')}; "
      f"{machine.get('pg', '').split(' on ')[0]}; assay {machine.get('commit')}; load average {machine.get('loadavg_start')} → "
      f"{machine.get('loadavg_end')}\n")
print("| table rows | samples | p50 (s) | p95 (s) | max (s) | monitor CPU (% of a core) | its server backend CPU | RSS steady / max (MB) "
      "| poll mean (ms) | rows / poll | bad rows | start-up full scan (s) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
summary = []
for r in results:
    lat = r.get("latency_s") or {}
    rss = r.get("rss_mb") or {}
    ins = r["inserter"]
    print(f"| {r['rows']:,} | {r['samples']} | {lat.get('p50')} | {lat.get('p95')} | {lat.get('max')} | {r['cpu_percent_of_one_core']} "
          f"| {r.get('backend_cpu_percent_of_one_core')} | {rss.get('steady_median')} / {rss.get('max')} "
          f"| {round(1000 * r['poll_seconds_mean'], 1) if r.get('poll_seconds_mean') else None} | {r['rows_per_poll_mean']} "
          f"| {ins['bad_rows']:,} of {ins['rows']:,} ({ins['bad_percent']} %; cycles {ins.get('cycle_bad_percent')} %) | {round(r.get('startup_full_scan_seconds', 0), 2)} |")
    checks = {
        "p50 <= 1.5 s": bool(lat) and lat["p50"] <= TARGETS["p50"],
        "p95 <= 3 s": bool(lat) and lat["p95"] <= TARGETS["p95"],
        "CPU <= 10 % of one core": r["cpu_percent_of_one_core"] <= TARGETS["cpu"],
        "RSS <= 60 MB": bool(rss) and rss["max"] <= TARGETS["rss"],
        ">= 50 samples": r["samples"] >= 50,
    }
    summary.append({"rows": r["rows"], "latency_s": lat, "cpu_percent": r["cpu_percent_of_one_core"], "rss_mb": rss,
                    "targets": checks, "cycles_without_alert": r["cycles_without_alert"], "unmatched_alerts": r["unmatched_alerts"]})
print()
for s in summary:
    print(f"- {s['rows']:,} rows: " + "; ".join(f"{k} {met(v)}" for k, v in s["targets"].items())
          + f"; cycles without an alert {s['cycles_without_alert'] or 'none'}; alerts not matched {s['unmatched_alerts']}")
print()
for r in results:
    print(f"Server statements at {r['rows']:,} rows (pg_stat_statements, whole run incl. start-up; mean ms, calls):")
    for s in r.get("server_statements", [])[:8]:
        print(f"  - {s['mean_ms']} ms × {s['calls']} ({s['blocks_per_call']} blocks/call): {s['query'][:130]}")
json.dump({"machine": machine, "sizes": summary}, open(os.path.join(out, "summary.json"), "w"), indent=1)
