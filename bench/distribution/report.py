"""Summarises bench/distribution runs: python report.py OUT -> Markdown on stdout."""
import json
import math
import statistics
import sys

out = sys.argv[1]
runs = [json.loads(line) for line in open(f"{out}/runs.jsonl")]
groups = sorted({(r["backend"], r["scale"]) for r in runs}, key=lambda g: (g[0] != "postgresql", g[1]))


def close(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return close(a.get("values"), b.get("values"))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)
    return a == b


print("| backend | transactions | tool | median wall (s) | runs (s) | statements | peak RSS (MB) |")
print("|---|---:|---|---:|---|---:|---:|")
for backend, scale in groups:
    for tool in ("assay", "gx"):
        rs = [r for r in runs if (r["backend"], r["scale"]) == (backend, scale) and r["tool"] == tool and r["run"] > 0]
        if not rs:
            continue
        times = [r["seconds"] for r in rs]
        statements = "—" if rs[0]["statements"] is None else max(r["statements"] for r in rs)
        print(f"| {backend} | {rs[0]['rows']:,} | {tool} | {statistics.median(times):.2f} | {', '.join(f'{t:.2f}' for t in times)} "
              f"| {statements} | {max(r['rss_kb'] for r in rs) / 1024:.0f} |")
print()
for backend, scale in groups:
    assay = json.load(open(f"{out}/assay-{backend}-{scale}.json"))["results"]
    gx = json.load(open(f"{out}/gx-{backend}-{scale}.json"))["results"]
    differ = []
    # GX reports in its own order: pair results by expectation type and column.
    by_key = {(g["type"], g.get("column")): g for g in gx}
    for a in assay:
        config = a["expectation_config"]
        name = config["type"]
        g = by_key[(name, config["kwargs"].get("column"))]
        observed = a["result"].get("observed_value")
        # GX 1.24 leaves observed_value empty for distinct_values_to_be_in_set: compare success only there.
        if a["success"] != g["success"] or (g["observed_value"] is not None and not close(observed, g["observed_value"])):
            differ.append(f"{name}: Assay {a['success']} {observed}, GX {g['success']} {g['observed_value']}")
    print(f"{backend}, scale {scale}: {len(assay)} expectations, answers that differ: " + ("none" if not differ else "; ".join(differ)))
