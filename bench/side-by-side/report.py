#!/usr/bin/env python3
"""Turn one run of bench/side-by-side/run.sh into $OUT/report.md (and $OUT/summary.json).

usage: report.py OUT_DIR POSTGRES_LOG

Statements are counted from the server's log (log_statement = 'all'): every `statement:` (simple query
protocol: psql, psycopg2) and every `execute ...:` (extended protocol: PostgresNIO) line, attributed to a
tool run by the application name in the line prefix (%a), within the byte window of the log that the run
wrote. If no line of the window carries the run's application name (a client that does not send one), the
run is credited with every statement of the window not sent by the benchmark itself (bench-admin), and the
report says so ("window").
"""
import json
import os
import re
import statistics
import sys
from collections import Counter, defaultdict

CHECKS = [
    "c_customer_id_not_null", "c_first_name_not_null", "c_last_name_not_null", "c_email_not_null",
    "c_dob_not_null", "c_ssn_not_null", "c_customer_id_unique", "c_email_unique", "c_ssn_unique",
    "c_email_valid", "c_ssn_valid", "c_phone_valid", "c_dob_range", "c_age_18", "c_created_not_future",
    "a_orphan", "a_savings_negative", "a_checking_over_1m", "a_closed_before_opened", "t_amount_range",
]
UNIQUE = {"c_customer_id_unique": "customer_id", "c_email_unique": "email", "c_ssn_unique": "ssn"}
NAMES = {"assay": "Assay", "assay_nosamples": "Assay --no-samples", "floor": "floor (psql)",
         "soda": "Soda Core", "gx": "Great Expectations"}
SHORT = {"assay": "Assay", "assay_nosamples": "Assay-ns", "floor": "floor", "soda": "Soda", "gx": "GX"}

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] app=(.*?) db=(\S*) "
                  r"(LOG|ERROR|WARNING|FATAL|PANIC|DETAIL|HINT|STATEMENT|CONTEXT|NOTICE):  (.*)$")


# --- the server log --------------------------------------------------------------------------------------------
def parse_window(log_bytes, start, end):
    """Entries of one byte window of the log: [pid, app, level, message] per prefixed line, with the lines
    that follow it unprefixed (the rest of a multi-line statement) appended to its message."""
    out = []
    for raw in log_bytes[start:end].decode("utf-8", "replace").split("\n"):
        m = LINE.match(raw)
        if m:
            out.append([int(m.group(1)), m.group(2), m.group(4), m.group(5)])
        elif out:
            out[-1][3] += "\n" + raw
    return out


AUTH_APP = re.compile(r"application_name=(\S+)")
DURATION = re.compile(r"duration: ([0-9.]+) ms(?:  (.*))?$", re.S)
COMMENT = re.compile(r"^\s*(--[^\n]*\n|/\*.*?\*/)", re.S)


def statement_of(level, msg):
    if level != "LOG":
        return None
    if msg.startswith("statement: "):
        return msg[len("statement: "):]
    if msg.startswith("execute ") and ": " in msg:
        return msg.split(": ", 1)[1]
    return None


def kind_of(sql):
    s = sql.strip()
    while True:
        m = COMMENT.match(s)
        if not m:
            break
        s = s[m.end():].strip()
    return (s.split(None, 1) or ["?"])[0].upper().rstrip(";(")


def count_statements(entries, app):
    """-> dict(statements, kinds, connections, errors, method)"""
    # the "connection authorized" line names the application in its message (the prefix's %a is not set yet)
    pid_app = {}
    for pid, a, level, msg in entries:
        if msg.startswith("connection authorized"):
            m = AUTH_APP.search(msg)
            pid_app[pid] = m.group(1) if m else ""

    def tally(pred):
        kinds, conns, errors, n = Counter(), set(), 0, 0
        server_ms, by_stmt, last = 0.0, Counter(), {}
        for pid, a, level, msg in entries:
            a = pid_app.get(pid, a) if a in ("", "[unknown]") else a
            if not pred(a):
                continue
            s = statement_of(level, msg)
            if s is not None:
                n += 1
                kinds[kind_of(s)] += 1
                last[pid] = " ".join(s.split())
            elif level == "LOG" and msg.startswith("duration: "):
                m = DURATION.match(msg)
                if m:
                    ms = float(m.group(1))
                    server_ms += ms
                    text = m.group(2)
                    key = " ".join(text.split(": ", 1)[-1].split()) if text else last.get(pid, "?")
                    by_stmt[key] += ms
            elif msg.startswith("connection authorized"):
                conns.add(pid)
            elif level in ("ERROR", "FATAL"):
                errors += 1
        return {"statements": n, "kinds": dict(kinds), "connections": len(conns), "errors": errors,
                "server_s": round(server_ms / 1000, 4) if server_ms else None,
                "slowest": [[k, round(v / 1000, 4)] for k, v in by_stmt.most_common(4)]}

    res = tally(lambda a: a == app)
    res["method"] = "application_name"
    if res["statements"] == 0:
        res = tally(lambda a: a != "bench-admin" and not a.startswith("bench-load"))
        res["method"] = "window"
    return res


# --- per-check counts of each tool ----------------------------------------------------------------------------------
def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def counts_floor(d):
    out = {}
    try:
        with open(os.path.join(d, "floor_raw.jsonl")) as f:
            for line in f:
                line = line.strip()
                if line:
                    obj = json.loads(line)
                    out.update({k: v for k, v in obj.items() if k not in ("table", "row_count")})
    except (OSError, ValueError):
        return None
    return out


def counts_assay(d):
    doc = load_json(os.path.join(d, "assay.json"))
    if not doc:
        return None
    out = {}
    for r in doc.get("results", []):
        out[r["check"]] = r["violations"] if r.get("status") != "ERROR" else "ERROR: " + str(r.get("message"))[:80]
    return out


def counts_soda(d):
    doc = load_json(os.path.join(d, "soda_scan.json"))
    if not doc:
        return None
    return {c.get("name"): (c.get("diagnostics") or {}).get("value") for c in doc.get("checks", [])}


def counts_gx(d):
    doc = load_json(os.path.join(d, "gx_result.json"))
    if not doc:
        return None
    return {k: v.get("count") for k, v in doc.get("checks", {}).items()}


COUNTERS = {"assay": counts_assay, "assay_nosamples": counts_assay, "floor": counts_floor,
            "soda": counts_soda, "gx": counts_gx}


# --- formatting -------------------------------------------------------------------------------------------------------
def fmt_s(x):
    return "—" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.2f}")


def fmt_mb(kb):
    return "—" if not kb else f"{kb / 1024:.0f}"


def ratio(a, b):
    return "—" if not a or not b else f"{a / b:.2f}×"


def read_env(path):
    env = {}
    try:
        with open(path) as f:
            for line in f:
                k, sep, v = line.rstrip("\n").partition("=")
                if sep:
                    env[k] = v
    except OSError:
        pass
    return env


def read_tsv(path):
    try:
        with open(path) as f:
            return [line.rstrip("\n").split("\t") for line in f if line.strip()]
    except OSError:
        return []


def main():
    out_dir, log_path = sys.argv[1], sys.argv[2]
    with open(log_path, "rb") as f:
        log_bytes = f.read()
    runs = [json.loads(l) for l in open(os.path.join(out_dir, "runs.jsonl")) if l.strip()]
    env = read_env(os.path.join(out_dir, "machine.env"))
    tools = env.get("tools", "assay floor soda gx").split()
    scales = [int(s) for s in env.get("scales", "").split()] or sorted({r["scale"] for r in runs})

    for r in runs:
        r.update(count_statements(parse_window(log_bytes, r["log_start"], r["log_end"]), r["app"]))
        r["counts"] = COUNTERS[r["tool"]](r["dir"])

    # ---- aggregate per tool and scale
    agg = {}
    for scale in scales:
        for tool in tools:
            measured = [r for r in runs if r["scale"] == scale and r["tool"] == tool and r["run"] >= 1]
            ok = [r for r in measured if r.get("wall_s") is not None and r.get("exit") is not None
                  and r["exit"] <= (2 if tool.startswith("assay") else 0)]
            walls = [r["wall_s"] for r in ok]
            stm = sorted({r["statements"] for r in ok})
            agg[(tool, scale)] = {
                "runs": len(measured), "ok": len(ok), "walls": walls,
                "median": statistics.median(walls) if walls else None,
                "statements": stm, "methods": sorted({r["method"] for r in ok}),
                "connections": sorted({r["connections"] for r in ok}),
                "kinds": ok[-1]["kinds"] if ok else {},
                "maxrss_kb": max((r.get("maxrss_kb") or 0 for r in ok), default=0),
                "tree_kb": max((r.get("tree_peak_kb") or 0 for r in ok), default=0),
                "server_s": statistics.median([r["server_s"] for r in ok if r.get("server_s") is not None] or [0]) or None,
                "slowest": ok[-1]["slowest"] if ok else [],
                "user_s": statistics.median([r["user_s"] for r in ok]) if ok else None,
                "sys_s": statistics.median([r["sys_s"] for r in ok]) if ok else None,
                "failed": [r for r in measured if r not in ok],
            }

    L = []
    w = L.append
    w("# Side-by-side benchmark: Assay, hand-written floor, Soda Core, Great Expectations")
    w("")
    w(f"Generated by `bench/side-by-side/run.sh` on {env.get('date_utc', '?')} UTC. The same 20-check FinanceFlow "
      "suite (`bench/side-by-side/financeflow-20.yml` for Assay, `../shared/peers` for the others) on the same "
      "PostgreSQL data; tools alternate run by run "
      f"({' → '.join(SHORT.get(t, t) for t in tools)}, repeated), {env.get('warmup', '1')} warm-up run per tool "
      f"and scale, then {env.get('runs', '?')} measured whole-process runs.")
    w("")
    w("## Machine and software")
    w("")
    mem_gib = int(env.get("mem_kb", "0") or 0) / 1024 / 1024
    w(f"- machine: {env.get('nproc', '?')} CPUs ({env.get('cpu', '?')}), {mem_gib:.1f} GiB memory, "
      f"{env.get('os', '?')}, kernel {env.get('kernel', '?')}")
    w(f"- PostgreSQL: {env.get('pg_version', '?')}")
    w(f"- Assay: `{env.get('assay_bin', '?')}` (commit {env.get('assay_commit', '?')})"
      + (f", extra arguments `{env['assay_args']}`" if env.get("assay_args") else ""))
    w(f"- Soda Core: {env.get('soda', '?')}; Great Expectations: {env.get('gx', '?')}; {env.get('python', '')}; "
      f"{env.get('psql', '')}")
    w(f"- data loaded with: {env.get('loader', '?')}")
    w("")
    w("PostgreSQL settings (defaults except logging; the settings not at their default, and a few that matter):")
    w("")
    w("| setting | value | source |")
    w("|---|---|---|")
    for row in read_tsv(os.path.join(out_dir, "pg_settings.tsv")):
        name, setting, unit, source = (row + ["", "", "", ""])[:4]
        if name in ("data_directory", "hba_file", "ident_file", "config_file", "unix_socket_directories"):
            continue
        w(f"| {name} | `{setting}{(' ' + unit) if unit else ''}` | {source} |")
    w("")
    w("## Data")
    w("")
    w("| scale | table | rows | table MB | index MB | load (s) |")
    w("|---|---|---:|---:|---:|---:|")
    for scale in scales:
        try:
            load_s = open(os.path.join(out_dir, f"s{scale}", "load_seconds")).read().strip()
        except OSError:
            load_s = "reused"
        for i, row in enumerate(read_tsv(os.path.join(out_dir, f"s{scale}", "sizes.tsv"))):
            name, tuples, tsize, isize = row
            w(f"| {scale} | {name} | {int(tuples):,} | {int(tsize) / 2**20:.1f} | {int(isize) / 2**20:.1f} | "
              f"{load_s if i == 0 else ''} |")
    cols = read_tsv(os.path.join(out_dir, f"s{scales[0]}", "columns.tsv")) if scales else []
    if cols:
        by_table = defaultdict(list)
        for t, c, ty in cols:
            by_table[t].append(f"{c} {ty}")
        w("")
        w("Column types as benchmarked: "
          + "; ".join(f"{t}({', '.join(v)})" for t, v in sorted(by_table.items())) + ".")
    for scale in scales:
        try:
            conv = [l.strip() for l in open(os.path.join(out_dir, f"s{scale}", "types_converted.txt")) if l.strip()]
        except OSError:
            continue
        if conv:
            w("")
            w(f"Scale {scale}: the loader created other column types than the benchmark's; converted with "
              f"`ALTER TABLE ... TYPE` before any run: {'; '.join(conv)}.")
    w("")
    w("## Results")
    w("")
    w("Median wall time of the measured runs; statements as counted in the server log; peak RSS is "
      "`/usr/bin/time -v` \"Maximum resident set size\" (largest single process of the tool's process tree, "
      "maximum over the measured runs). Ratio: Assay/floor on the Assay row, Soda/Assay and GX/Assay on theirs.")
    w("")
    w("| tool | scale | median s | runs | statements | peak RSS MB | ratio |")
    w("|---|---:|---:|---|---:|---:|---:|")
    for scale in scales:
        base_a = agg.get(("assay", scale), {}).get("median")
        base_f = agg.get(("floor", scale), {}).get("median")
        for tool in tools:
            a = agg[(tool, scale)]
            runs_txt = f"{a['ok']}/{a['runs']}" + (": " + ", ".join(fmt_s(x) for x in a["walls"]) if a["walls"] else "")
            stm = "–".join(str(x) for x in a["statements"]) if a["statements"] else "—"
            if "window" in a["methods"]:
                stm += " (window)"
            if tool.startswith("assay"):
                rt = f"{ratio(a['median'], base_f)} of floor"
            elif tool == "floor":
                rt = "1 (base)"
            else:
                rt = f"{ratio(a['median'], base_a)} of Assay"
            w(f"| {NAMES.get(tool, tool)} | {scale} | {fmt_s(a['median'])} | {runs_txt} | {stm} | "
              f"{fmt_mb(a['maxrss_kb'])} | {rt} |")
    w("")
    w("Ratios on all three measures (time = medians, statements, peak RSS):")
    w("")
    w("| scale | pair | time | statements | peak RSS |")
    w("|---:|---|---:|---:|---:|")
    for scale in scales:
        for num, den in (("assay", "floor"), ("soda", "assay"), ("gx", "assay")):
            if (num, scale) not in agg or (den, scale) not in agg:
                continue
            x, y = agg[(num, scale)], agg[(den, scale)]
            sx = x["statements"][-1] if x["statements"] else None
            sy = y["statements"][-1] if y["statements"] else None
            w(f"| {scale} | {SHORT[num]}/{SHORT[den]} | {ratio(x['median'], y['median'])} | {ratio(sx, sy)} | "
              f"{ratio(x['maxrss_kb'], y['maxrss_kb'])} |")
    w("")
    w("Details: server time (sum of the durations PostgreSQL logged for the run's statements, "
      "`log_min_duration_statement = 0`; statements on parallel connections overlap, so it can exceed the wall "
      "time), CPU time of the client process tree (user + sys; `time -v`), the summed RSS of all live processes "
      "of the tree (sampled every 50 ms), connections opened, and the statements by first keyword. Medians over "
      "the measured runs.")
    w("")
    w("| tool | scale | server s | client CPU s | tree RSS MB | connections | statements by kind |")
    w("|---|---:|---:|---:|---:|---:|---|")
    for scale in scales:
        for tool in tools:
            a = agg[(tool, scale)]
            cpu = (a["user_s"] or 0) + (a["sys_s"] or 0) if a["user_s"] is not None else None
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(a["kinds"].items(), key=lambda kv: -kv[1]))
            conns = "–".join(str(c) for c in a["connections"]) or "—"
            w(f"| {NAMES.get(tool, tool)} | {scale} | {fmt_s(a['server_s'])} | {fmt_s(cpu)} | {fmt_mb(a['tree_kb'])} | "
              f"{conns} | {kinds} |")
    if any(a["slowest"] for a in agg.values()):
        big = max(scales)
        w("")
        w(f"Where the server time goes at scale {big} (last measured run; the slowest statements of each tool):")
        w("")
        w("| tool | server s | statement |")
        w("|---|---:|---|")
        for tool in tools:
            for text, secs in agg[(tool, big)]["slowest"]:
                t = (text if len(text) <= 160 else text[:157] + "...").replace("|", "\\|")
                w(f"| {NAMES.get(tool, tool)} | {secs:.3f} | `{t}` |")
    loads = [r["loadavg_before"] for r in runs if r.get("loadavg_before") is not None]
    if loads:
        w("")
        w(f"1-minute load average just before each run (2 = both cores busy): median {statistics.median(loads):.2f}, "
          f"max {max(loads):.2f}. The benchmark itself (client, server, parallel workers) keeps it around 2–3; "
          "much higher means other work on the machine competed with the runs.")
    failed = [r for a in agg.values() for r in a["failed"]]
    if failed:
        w("")
        w("**Runs that failed** (not in the medians):")
        w("")
        for r in failed:
            w(f"- {r['tool']} scale {r['scale']} run {r['run']}: exit {r.get('exit')} — see `{r['dir']}/stderr.txt`")

    # ---- per-check counts
    w("")
    w("## Per-check counts")
    w("")
    w("Violating rows per check, from the last measured run of each tool (floor_raw.jsonl, Assay's `--format json`, "
      "soda_scan.json, gx_result.json). `=` means equal to the floor. Uniqueness is defined differently by each "
      "tool (floor and Assay: non-null rows minus distinct values; Soda `duplicate_count`: values that occur more "
      "than once; GX `expect_column_values_to_be_unique`: rows whose value occurs more than once); those cells "
      "are checked against the data's own duplicate statistics and marked *by definition* when they match them.")
    problems = []
    for scale in scales:
        dups = {row[0]: {"values": int(row[1]), "rows_in_groups": int(row[2]), "extra_rows": int(row[3])}
                for row in read_tsv(os.path.join(out_dir, f"s{scale}", "duplicates.tsv"))}
        last = {}
        consistent = {}
        for tool in tools:
            rs = [r for r in runs if r["scale"] == scale and r["tool"] == tool and r["counts"]]
            if rs:
                last[tool] = rs[-1]["counts"]
                consistent[tool] = all(r["counts"] == rs[-1]["counts"] for r in rs)
        floor = last.get("floor", {})
        w("")
        w(f"### Scale {scale}")
        w("")
        others = [t for t in tools if t != "floor"]
        w("| check | floor | " + " | ".join(SHORT.get(t, t) for t in others) + " |")
        w("|---|---:|" + "---:|" * len(others))
        for cid in CHECKS:
            f = floor.get(cid)
            cells = []
            for t in others:
                v = last.get(t, {}).get(cid) if t in last else None
                if t not in last:
                    cells.append("no output")
                    continue
                if v == f and v is not None:
                    cells.append("=")
                    continue
                note = ""
                col = UNIQUE.get(cid)
                if col and col in dups and isinstance(v, int):
                    if t == "soda" and v == dups[col]["values"]:
                        note = " *by definition*"
                    elif t == "gx" and v == dups[col]["rows_in_groups"]:
                        note = " *by definition*"
                if not note:
                    note = " **differs**"
                    problems.append(f"scale {scale}, {cid}: {SHORT.get(t, t)} {v} vs floor {f}")
                cells.append(f"{v}{note}")
            w(f"| {cid} | {f if f is not None else '—'} | " + " | ".join(cells) + " |")
        if dups:
            w("")
            w("Duplicate statistics of the data: " + "; ".join(
                f"{c}: {d['values']} duplicated values, {d['rows_in_groups']} rows in duplicated groups, "
                f"{d['extra_rows']} extra rows" for c, d in sorted(dups.items())) + ".")
            pairs = [c for c, d in sorted(dups.items()) if d["values"] and d["values"] == d["extra_rows"]]
            if pairs:
                w(f"Every duplicated {' and '.join(pairs)} value occurs exactly twice, so Soda's count of duplicated "
                  "values coincides with the floor's extra rows here; with triplicates they would differ.")
        inc = [SHORT.get(t, t) for t, ok in consistent.items() if not ok]
        if inc:
            w("")
            w(f"Counts changed between runs for: {', '.join(inc)} (see runs.jsonl).")
            problems.append(f"scale {scale}: counts not stable across runs for {', '.join(inc)}")
    w("")
    if problems:
        w("**Count differences not explained by the uniqueness definitions:**")
        w("")
        for p in problems:
            w(f"- {p}")
    else:
        w("Every count equals the floor's, apart from the uniqueness definitions above.")
    w("")
    w("## How it was measured")
    w("")
    w("- Wall time: from process start to exit, whole process (interpreter start-up, imports, connection, "
      "queries, result files), measured by `measure.py` around `/usr/bin/time -v`.")
    w("- Statements: PostgreSQL's own log with `log_statement = 'all'`; every `statement:` and `execute` line of "
      "the tool run's application name (`PGAPPNAME` for psql/psycopg2, `?application_name=` in Assay's URL). "
      "\"(window)\" marks runs whose client sent no application name: they are credited with every statement "
      "logged between their start and end (nothing else runs meanwhile).")
    w("- Peak RSS: `/usr/bin/time -v` reports the kernel's ru_maxrss for the command and its reaped "
      "descendants, i.e. the largest single process: psql for the floor (`run_floor.sh` execs it), the Python "
      "process for Soda (bash waits for `soda`) and GX (`run_gx.sh` execs python), the binary for Assay. The "
      "tree RSS column sums all live processes of the tree, sampled.")
    w("- Each tool writes its own result file in its run's folder (`s<scale>/<tool>/r<n>/`), with stdout, stderr, "
      "`time-v.txt` and `measure.json`; `runs.jsonl` has every run and `postgres.log` the server log.")
    with open(os.path.join(out_dir, "report.md"), "w") as f:
        f.write("\n".join(L) + "\n")
    summary = {f"{t}@{s}": {k: v for k, v in a.items() if k != "failed"} for (t, s), a in agg.items()}
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump({"summary": summary, "problems": problems}, f, indent=1, default=str)
    print("\n".join(L))
    return 0


if __name__ == "__main__":
    sys.exit(main())
