#!/usr/bin/env python3
"""Detection-latency benchmark of `assay monitor` (issue 11): bad row committed -> webhook received.

One table size per invocation (run.sh calls it for each size):

  latency.py --assay BIN --dsn postgres://... --rows 1000000 --out DIR [--cycles 60]

1. (re)creates `transactions` with --rows rows (generate_series), primary key, index on created_at, VACUUM ANALYZE;
2. starts a webhook receiver on 127.0.0.1 (a thread of this process) recording receive time, event id, body;
3. starts `assay monitor` (SQLite store in a temporary directory) on an incremental suite (poll 1 s, batch 10000),
   waits until the start-up full scan has finished and the table is being polled;
4. inserts 1,000 rows/s (100 rows every 100 ms, one transaction each) in cycles: a dirty phase of 1 s whose rows
   are 1/10 of the cycle's bad rows per transaction (the first bad row's commit time logged), then a clean phase of
   3.0-4.0 s (>= 2 polls of good rows, so the incident resolves); each cycle's bad rows are 1 % of its rows;
   the first bad transaction of a cycle is sent at a random offset so the bad rows fall uniformly on the poll grid;
5. correlates each received `opened` alert with its cycle (by first_bad_row_at = that row's created_at, else by time);
6. samples the monitor's CPU (/proc/PID/stat utime+stime) and RSS (/proc/PID/status VmRSS) every second, and its
   server backend's CPU; scrapes /metrics (per-poll time) at the start and end of the steady window;
7. writes DIR/result.json and prints a summary.
Python standard library + psycopg 3.
"""
import argparse
import http.server
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime, timezone

import psycopg

CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    v = sorted(values)
    k = max(1, int(-(-p * len(v) // 100)))  # ceil(p/100 * n)
    return v[min(k, len(v)) - 1]


def parse_instant(text):
    if not text:
        return None
    t = text.replace("Z", "+00:00")
    try:
        d = datetime.fromisoformat(t)
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.timestamp()


# --- the data -------------------------------------------------------------------------------------------------
def load_table(dsn, rows):
    t0 = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("DROP TABLE IF EXISTS transactions")
        c.execute("""CREATE TABLE transactions (
                       id bigint NOT NULL,
                       account_id integer NOT NULL,
                       amount numeric(15,2) NOT NULL,
                       created_at timestamp NOT NULL,
                       note text)""")
        # A year of history ending now (UTC, timestamp without time zone), every row good (amount > 0).
        c.execute("""INSERT INTO transactions (id, account_id, amount, created_at, note)
                     SELECT g, (g %% 200000)::int, (1 + (g * 7919) %% 500000 / 100.0)::numeric(15,2),
                            (now() AT TIME ZONE 'UTC') - interval '365 days' * ((%(n)s - g)::float8 / %(n)s) - interval '1 minute',
                            CASE WHEN g %% 10 = 0 THEN 'card' ELSE NULL END
                     FROM generate_series(1, %(n)s::bigint) g""", {"n": rows})
        c.execute("ALTER TABLE transactions ADD PRIMARY KEY (id)")
        c.execute("CREATE INDEX transactions_created_at ON transactions (created_at)")
        c.execute("VACUUM (ANALYZE) transactions")
        c.execute("CHECKPOINT")
        size = c.execute("SELECT pg_table_size('transactions'), pg_indexes_size('transactions'), count(*) FROM transactions").fetchone()
    return {"rows": size[2], "table_bytes": size[0], "index_bytes": size[1], "load_seconds": round(time.perf_counter() - t0, 1)}


# --- the webhook receiver -------------------------------------------------------------------------------------
class Receiver:
    def __init__(self):
        self.events = []
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received = time.time()
                try:
                    doc = json.loads(body)
                except ValueError:
                    doc = None
                with outer.lock:
                    outer.events.append({"received": received, "event_id": self.headers.get("X-Assay-Event-Id"),
                                         "body": doc})
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.port = free_port()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hook"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# --- the monitor process ----------------------------------------------------------------------------------------
SUITE = """name: latency
monitor: {{every: {every}}}
tables:
  transactions:
    incremental: {{column: created_at, poll: {poll}, batch: {batch}}}
    checks:
      - rule: {{violation: "amount <= 0"}}
        id: amount_positive
        severity: CRITICAL
"""


def proc_cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def proc_status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def scrape(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode()


def metric_values(text, name):
    """{labels-string: value} of a metric family's samples named exactly `name`."""
    out = {}
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            m = re.match(re.escape(name) + r"(\{[^}]*\})?\s+(\S+)", line)
            if m:
                out[m.group(1) or ""] = float(m.group(2))
    return out


def metric_sum(text, name):
    return sum(metric_values(text, name).values())


def job_stat(text, job, suffix):
    for labels, v in metric_values(text, "assay_monitor_check_duration_seconds" + suffix).items():
        if f'job="{job}"' in labels:
            return v
    return 0.0


def sched_stat(text, suffix):
    """The scheduled (full-run) job's statistic: the job whose name is not `poll ...`."""
    return sum(v for labels, v in metric_values(text, "assay_monitor_check_duration_seconds" + suffix).items()
               if 'job="' in labels and 'job="poll ' not in labels)


def poll_histogram(text, job="poll transactions"):
    buckets = {}
    for labels, v in metric_values(text, "assay_monitor_check_duration_seconds_bucket").items():
        if f'job="{job}"' in labels:
            m = re.search(r'le="([^"]+)"', labels)
            if m:
                buckets[m.group(1)] = v
    return buckets


# --- the inserter ---------------------------------------------------------------------------------------------
class Inserter:
    """100 rows every 100 ms on an absolute grid, one transaction each, in dirty/clean cycles."""

    TICK = 0.1
    PER_TICK = 100

    def __init__(self, dsn, first_id, cycles, warmup_s, seed=11):
        self.dsn = dsn
        self.next_id = first_id
        self.cycles = cycles
        self.warmup_ticks = int(round(warmup_s / self.TICK))
        self.rng = random.Random(seed)
        self.phases = []          # per cycle: first bad row's id, created_at, commit time; rows and bad rows
        self.rows = 0
        self.bad = 0
        self.late_ticks = 0       # transactions that started more than one tick late
        self.commit_seconds = []

    def plan(self):
        """The ticks: (cycle or None, bad rows in this tick, delay of the tick within its slot)."""
        ticks = [(None, 0, 0.0)] * self.warmup_ticks
        for cycle in range(self.cycles):
            clean = self.rng.randint(30, 40)           # 3.0-4.0 s of good rows (>= 2 polls at 1 s)
            dirty = 10                                 # 1 s of rows with the cycle's bad rows
            total_rows = (clean + dirty) * self.PER_TICK
            bad_total = round(total_rows / 100)        # 1 % of the cycle's rows
            per = [bad_total // dirty + (1 if i < bad_total % dirty else 0) for i in range(dirty)]
            offset = self.rng.uniform(0, self.TICK * 0.9)  # the first bad transaction at a random point of its slot
            ticks += [(cycle, per[i], offset if i == 0 else 0.0) for i in range(dirty)]
            ticks += [(cycle, 0, 0.0)] * clean
        ticks += [(None, 0, 0.0)] * 30                  # 3 s of good rows: the last incident resolves
        return ticks

    def run(self):
        ticks = self.plan()
        with psycopg.connect(self.dsn, autocommit=False, application_name="bench-inserter") as c:
            c.execute("SET synchronous_commit = on")
            c.commit()
            start = time.time() + 0.2
            self.started = start
            for i, (cycle, bad, delay) in enumerate(ticks):
                due = start + i * self.TICK + delay
                now = time.time()
                if now < due:
                    time.sleep(due - now)
                elif now - due > self.TICK:
                    self.late_ticks += 1
                ids = list(range(self.next_id, self.next_id + self.PER_TICK))
                self.next_id += self.PER_TICK
                bad_slots = set(self.rng.sample(range(1, self.PER_TICK), bad - 1)) | {0} if bad else set()
                amounts = [("-5.00" if j in bad_slots else f"{self.rng.randint(100, 99999) / 100:.2f}") for j in range(self.PER_TICK)]
                t_send = time.time()
                rows = c.execute(
                    """INSERT INTO transactions (id, account_id, amount, created_at)
                       SELECT i, (i %% 200000)::int, a, clock_timestamp() AT TIME ZONE 'UTC'
                       FROM unnest(%s::bigint[], %s::numeric[]) AS u(i, a) ORDER BY i
                       RETURNING id, created_at, amount""", (ids, amounts)).fetchall() if bad else None
                if not bad:
                    c.execute("""INSERT INTO transactions (id, account_id, amount, created_at)
                                 SELECT i, (i %% 200000)::int, a, clock_timestamp() AT TIME ZONE 'UTC'
                                 FROM unnest(%s::bigint[], %s::numeric[]) AS u(i, a) ORDER BY i""", (ids, amounts))
                c.commit()
                t_commit = time.time()
                self.commit_seconds.append(t_commit - t_send)
                self.rows += self.PER_TICK
                self.bad += bad
                if cycle is not None and (len(self.phases) <= cycle):
                    self.phases.append({"cycle": cycle, "rows": 0, "bad": 0})
                if cycle is not None:
                    p = self.phases[cycle]
                    p["rows"] += self.PER_TICK
                    p["bad"] += bad
                    if bad and "first_bad_commit" not in p:
                        first = min((r for r in rows if r[2] <= 0), key=lambda r: r[1])  # the cycle's first bad row
                        p.update(first_bad_id=first[0], first_bad_created_at=first[1].replace(tzinfo=timezone.utc).timestamp(),
                                 first_bad_sent=t_send, first_bad_commit=t_commit)
            self.finished = time.time()


# --- one size -------------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--assay", required=True)
    ap.add_argument("--dsn", required=True, help="postgres://user:pw@host:port/db")
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cycles", type=int, default=60)
    ap.add_argument("--warmup", type=float, default=10.0, help="seconds of good rows before the first cycle")
    ap.add_argument("--poll", default="1s")
    ap.add_argument("--batch", type=int, default=10000)
    ap.add_argument("--every", default="1h", help="the schedule of the suite's full run (the table's whole scan)")
    ap.add_argument("--reuse", action="store_true", help="keep the table if it already has --rows rows")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    result = {"rows": args.rows, "cycles": args.cycles, "poll": args.poll, "batch": args.batch, "every": args.every}

    with psycopg.connect(args.dsn, autocommit=True) as c:
        result["pg_version"] = c.execute("SELECT version()").fetchone()[0]
        have = c.execute("SELECT to_regclass('transactions') IS NOT NULL").fetchone()[0]
        n = c.execute("SELECT count(*) FROM transactions").fetchone()[0] if have else -1
    if args.reuse and n >= args.rows:
        log(f"reusing transactions ({n} rows)")
        result["load"] = {"reused": True}
    else:
        log(f"loading {args.rows:,} rows")
        result["load"] = load_table(args.dsn, args.rows)
        log(f"loaded: {result['load']}")
    with psycopg.connect(args.dsn, autocommit=True) as c:
        first_id = c.execute("SELECT coalesce(max(id), 0) + 1 FROM transactions").fetchone()[0]
        result["table_rows_before"] = c.execute("SELECT count(*) FROM transactions").fetchone()[0]
        c.execute("SELECT pg_stat_statements_reset()") if c.execute(
            "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'").fetchone()[0] else None

    work = tempfile.mkdtemp(prefix="assay-mlat-")
    suite = os.path.join(work, "latency.yml")
    with open(suite, "w") as f:
        f.write(SUITE.format(poll=args.poll, batch=args.batch, every=args.every))
    receiver = Receiver()
    listen = free_port()
    source = args.dsn + ("&" if "?" in args.dsn else "?") + "application_name=assay-mlat"
    plan_text = subprocess.run([args.assay, "plan", "-c", suite, "--source", source], capture_output=True, text=True)
    with open(os.path.join(args.out, "plan.txt"), "w") as f:
        f.write(plan_text.stdout + plan_text.stderr)
    cmd = [args.assay, "monitor", "--config", suite, "--source", source, "--store", "sqlite:" + os.path.join(work, "store.db"),
           "--listen", f"127.0.0.1:{listen}", "--webhook", receiver.url]
    result["command"] = " ".join(cmd).replace(args.dsn, "postgres://...")
    log(f"monitor: {result['command']}")
    mlog = open(os.path.join(args.out, "monitor.log"), "w")
    t_launch = time.time()
    monitor = subprocess.Popen(cmd, stdout=mlog, stderr=subprocess.STDOUT)
    metrics_url = f"http://127.0.0.1:{listen}/metrics"
    samples = []
    stop_sampling = threading.Event()
    backend = {"pid": None}

    def sampler():
        while not stop_sampling.is_set():
            try:
                s = {"t": time.time(), "cpu": proc_cpu_ticks(monitor.pid), "rss_kb": proc_status_kb(monitor.pid, "VmRSS"),
                     "anon_kb": proc_status_kb(monitor.pid, "RssAnon"), "file_kb": proc_status_kb(monitor.pid, "RssFile"),
                     "threads": proc_status_kb(monitor.pid, "Threads")}
                if backend["pid"]:
                    try:
                        s["backend_cpu"] = proc_cpu_ticks(backend["pid"])
                    except OSError:
                        pass
                samples.append(s)
            except (OSError, ValueError):
                pass
            stop_sampling.wait(1.0)

    threading.Thread(target=sampler, daemon=True).start()
    inserter = None
    try:
        # Wait for the start-up full scan (the hourly job's first run) and a few polls.
        deadline = time.time() + 600
        full_scan_done = None
        while True:
            if monitor.poll() is not None:
                raise SystemExit(f"the monitor exited with {monitor.returncode}; see {args.out}/monitor.log")
            if time.time() > deadline:
                raise SystemExit("the monitor did not start polling within 10 minutes")
            try:
                text = scrape(metrics_url)
            except OSError:
                time.sleep(0.2)
                continue
            if full_scan_done is None and sched_stat(text, "_count") >= 1:
                full_scan_done = time.time()
                result["startup_full_scan_seconds"] = sched_stat(text, "_sum")
                result["startup_to_full_scan_done_seconds"] = round(full_scan_done - t_launch, 2)
                polls_at_scan = job_stat(text, "poll transactions", "_count")
            if full_scan_done and job_stat(text, "poll transactions", "_count") >= polls_at_scan + 3:
                break
            time.sleep(0.2)
        log(f"polling (full scan {result['startup_full_scan_seconds']:.2f} s)")
        with psycopg.connect(args.dsn, autocommit=True) as c:
            row = c.execute("SELECT pid FROM pg_stat_activity WHERE application_name = 'assay-mlat' ORDER BY backend_start LIMIT 1").fetchone()
            backend["pid"] = row[0] if row else None
            result["monitor_backends"] = c.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'assay-mlat'").fetchone()[0]
        idle_start = (time.time(), proc_cpu_ticks(monitor.pid))
        time.sleep(5)
        idle_end = (time.time(), proc_cpu_ticks(monitor.pid))
        result["idle_cpu_percent"] = round(100 * (idle_end[1] - idle_start[1]) / CLK_TCK / (idle_end[0] - idle_start[0]), 2)

        inserter = Inserter(args.dsn, first_id, args.cycles, args.warmup)
        holder = {}
        thread = threading.Thread(target=_run, args=(inserter, holder), daemon=True)
        thread.start()
        # the steady window: from the end of the warm-up to the end of the inserter
        time.sleep(0.2 + args.warmup)
        m0_text = scrape(metrics_url)
        w0 = (time.time(), proc_cpu_ticks(monitor.pid))
        log(f"inserting: {args.cycles} cycles")
        while thread.is_alive():
            thread.join(5)
            if monitor.poll() is not None:
                raise SystemExit(f"the monitor exited with {monitor.returncode} during the run")
        if holder.get("error"):
            raise holder["error"]
        w1 = (time.time(), proc_cpu_ticks(monitor.pid))
        m1_text = scrape(metrics_url)
        time.sleep(3)  # last deliveries
    finally:
        stop_sampling.set()
        if monitor.poll() is None:
            monitor.send_signal(signal.SIGTERM)
            try:
                monitor.wait(30)
            except subprocess.TimeoutExpired:
                monitor.kill()
                monitor.wait()
        mlog.close()
        receiver.stop()

    # --- analysis -------------------------------------------------------------------------------------------------
    events = receiver.events
    with open(os.path.join(args.out, "alerts.jsonl"), "w") as f:
        for e in events:
            f.write(json.dumps(e) + "\n")
    phases = inserter.phases
    opened = []
    for e in events:
        for a in (e["body"] or {}).get("alerts", []):
            if a.get("kind") in ("opened", "reopened"):
                inc = a.get("incident", {})
                opened.append({"received": e["received"], "event_id": e["event_id"], "kind": a.get("kind"),
                               "first_bad_row_at": parse_instant(inc.get("firstBadRowAt") or inc.get("first_bad_row_at")),
                               "opened_at": parse_instant(inc.get("openedAt") or inc.get("opened_at")),
                               "incident": inc.get("id")})
    kinds = {}
    for e in events:
        for a in (e["body"] or {}).get("alerts", []):
            kinds[a.get("kind")] = kinds.get(a.get("kind"), 0) + 1
    latencies, matched, unmatched = [], set(), []
    for o in opened:
        phase = None
        if o["first_bad_row_at"] is not None:
            cands = [p for p in phases if "first_bad_created_at" in p and abs(p["first_bad_created_at"] - o["first_bad_row_at"]) < 0.002]
            phase = cands[0] if cands else None
        if phase is None:  # by time: the last cycle whose first bad row was committed before the alert
            cands = [p for p in phases if p.get("first_bad_commit", 1e99) <= o["received"]]
            phase = cands[-1] if cands else None
            o["matched_by"] = "time"
        else:
            o["matched_by"] = "first_bad_row_at"
        if phase is None or phase["cycle"] in matched:
            unmatched.append(o)
            continue
        matched.add(phase["cycle"])
        o["cycle"] = phase["cycle"]
        o["latency"] = o["received"] - phase["first_bad_commit"]
        o["latency_from_created_at"] = o["received"] - phase["first_bad_created_at"]
        o["opened_minus_commit"] = (o["opened_at"] - phase["first_bad_commit"]) if o["opened_at"] else None
        latencies.append(o["latency"])
    missed = [p["cycle"] for p in phases if p["cycle"] not in matched]

    steady = [s for s in samples if w0[0] <= s["t"] <= w1[0]]
    rss_all = [s["rss_kb"] for s in samples if s.get("rss_kb")]
    rss_steady = [s["rss_kb"] for s in steady if s.get("rss_kb")]
    backend_steady = [s for s in steady if "backend_cpu" in s]
    d_count = job_stat(m1_text, "poll transactions", "_count") - job_stat(m0_text, "poll transactions", "_count")
    d_sum = job_stat(m1_text, "poll transactions", "_sum") - job_stat(m0_text, "poll transactions", "_sum")
    h0, h1 = poll_histogram(m0_text), poll_histogram(m1_text)
    result.update({
        "inserter": {"rows": inserter.rows, "bad_rows": inserter.bad, "bad_percent": round(100 * inserter.bad / inserter.rows, 3),
                     "cycle_rows": sum(p["rows"] for p in phases), "cycle_bad_rows": sum(p["bad"] for p in phases),
                     "cycle_bad_percent": round(100 * sum(p["bad"] for p in phases) / max(1, sum(p["rows"] for p in phases)), 3),
                     "seconds": round(inserter.finished - inserter.started, 1),
                     "rows_per_second": round(inserter.rows / (inserter.finished - inserter.started), 1),
                     "late_ticks": inserter.late_ticks,
                     "commit_ms_p50": round(1000 * statistics.median(inserter.commit_seconds), 2),
                     "commit_ms_p95": round(1000 * percentile(inserter.commit_seconds, 95), 2)},
        "alerts_received": len(events), "alert_kinds": kinds,
        "samples": len(latencies), "cycles_without_alert": missed, "unmatched_alerts": len(unmatched),
        "latency_s": {"p50": round(percentile(latencies, 50), 3), "p95": round(percentile(latencies, 95), 3),
                      "max": round(max(latencies), 3), "min": round(min(latencies), 3),
                      "mean": round(statistics.mean(latencies), 3)} if latencies else None,
        "latency_from_created_at_s": {"p50": round(percentile([o["latency_from_created_at"] for o in opened if "latency" in o], 50), 3),
                                      "p95": round(percentile([o["latency_from_created_at"] for o in opened if "latency" in o], 95), 3)} if latencies else None,
        "commit_to_poll_start_s": _dist([o["opened_minus_commit"] for o in opened if o.get("opened_minus_commit") is not None]),
        "poll_start_to_received_s": _dist([o["received"] - o["opened_at"] for o in opened if "latency" in o and o["opened_at"]]),
        "steady_window_s": round(w1[0] - w0[0], 1),
        "cpu_percent_of_one_core": round(100 * (w1[1] - w0[1]) / CLK_TCK / (w1[0] - w0[0]), 2),
        "backend_cpu_percent_of_one_core": round(100 * (backend_steady[-1]["backend_cpu"] - backend_steady[0]["backend_cpu"]) / CLK_TCK
                                                 / (backend_steady[-1]["t"] - backend_steady[0]["t"]), 2) if len(backend_steady) > 1 else None,
        "rss_mb": {"max": round(max(rss_all) / 1024, 1), "steady_median": round(statistics.median(rss_steady) / 1024, 1),
                   "steady_max": round(max(rss_steady) / 1024, 1), "end": round(rss_steady[-1] / 1024, 1)} if rss_steady else None,
        "polls_in_window": d_count,
        "poll_seconds_mean": round(d_sum / d_count, 4) if d_count else None,
        "poll_histogram_window": {k: h1.get(k, 0) - h0.get(k, 0) for k in h1},
        "rows_per_poll_mean": round((metric_sum(m1_text, "assay_monitor_rows_checked_total") - metric_sum(m0_text, "assay_monitor_rows_checked_total"))
                                    / max(1, d_count), 1),
        "rss_steady_split_mb": {"anon": round(statistics.median([x["anon_kb"] for x in steady if x.get("anon_kb")]) / 1024, 1),
                                "file": round(statistics.median([x["file_kb"] for x in steady if x.get("file_kb")]) / 1024, 1),
                                "threads": max(x.get("threads") or 0 for x in steady)} if steady else None,
        "rss_series_mb": [[round(x["t"] - t_launch, 1), round(x["rss_kb"] / 1024, 1)] for x in samples if x.get("rss_kb")][::5],
        "detail": opened,
        "phases": phases,
    })
    with psycopg.connect(args.dsn, autocommit=True) as c:
        result["table_rows_after"] = c.execute("SELECT count(*) FROM transactions").fetchone()[0]
        if c.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'").fetchone()[0]:
            stm = c.execute("""SELECT left(regexp_replace(query, '\\$[0-9]+(, \\$[0-9]+)*', '$…', 'g'), 160) q, sum(calls)::bigint,
                                      round((sum(total_exec_time) / sum(calls))::numeric, 3), round(sum(total_exec_time)::numeric, 1),
                                      round(sum(shared_blks_hit + shared_blks_read) / greatest(sum(calls), 1))::bigint
                               FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
                               WHERE query NOT ILIKE '%pg_stat%' AND query NOT ILIKE 'INSERT INTO transactions%'
                               GROUP BY 1 ORDER BY 4 DESC LIMIT 12""").fetchall()
            result["server_statements"] = [{"query": q, "calls": n, "mean_ms": float(m), "total_ms": float(t), "blocks_per_call": b}
                                           for q, n, m, t, b in stm]
    with open(os.path.join(args.out, "result.json"), "w") as f:
        json.dump(result, f, indent=1, default=str)
    lat = result["latency_s"] or {}
    print(f"rows {args.rows:,}: {len(latencies)} samples, p50 {lat.get('p50')} s, p95 {lat.get('p95')} s, max {lat.get('max')} s; "
          f"cpu {result['cpu_percent_of_one_core']} % (backend {result['backend_cpu_percent_of_one_core']} %), "
          f"rss {result['rss_mb']}; poll mean {result['poll_seconds_mean']} s; bad {result['inserter']['bad_percent']} %; "
          f"missed cycles {missed}, unmatched alerts {len(unmatched)}", flush=True)


def _dist(values):
    if not values:
        return None
    return {"p50": round(percentile(values, 50), 3), "p95": round(percentile(values, 95), 3), "max": round(max(values), 3),
            "min": round(min(values), 3)}


def _run(inserter, holder):
    try:
        inserter.run()
    except BaseException as e:  # noqa: BLE001 - reported by the main thread
        holder["error"] = e


if __name__ == "__main__":
    main()
