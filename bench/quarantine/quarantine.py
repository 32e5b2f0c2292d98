#!/usr/bin/env python3
"""One quarantine benchmark run: build the table, then REPS times move its bad rows with `assay remediate --apply`
while a second client inserts 1,000 rows/s and updates rows, verify the counts exactly, and restore them."""
import argparse, json, os, platform, shutil, subprocess, tempfile, threading, time
import psycopg

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--assay", required=True); p.add_argument("--url", required=True)
    p.add_argument("--rows", type=int, default=10_000_000); p.add_argument("--reps", type=int, default=10)
    p.add_argument("--rate", type=int, default=1000, help="rows inserted per second by the other client")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    url = a.url + ("&" if "?" in a.url else "?") + "sslmode=disable"
    os.makedirs(a.out, exist_ok=True)
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("DROP TABLE IF EXISTS bench_tx, quarantined_bench_tx")
        t0 = time.time()
        c.execute("""CREATE TABLE bench_tx (id bigint PRIMARY KEY, account_id bigint NOT NULL, amount numeric(14,2),
                     memo text, created_date timestamptz NOT NULL DEFAULT now())""")
        c.execute(f"""INSERT INTO bench_tx SELECT g, g % 20000, CASE WHEN g % 100 = 0 THEN -(g % 5000) - 1 ELSE (g % 50000) + 0.01 END,
                      'memo ' || g, now() - (g % 86400) * interval '1 second' FROM generate_series(1, {a.rows}) g""")
        c.execute("VACUUM ANALYZE bench_tx")
        load_seconds = time.time() - t0
    # The suite and the store hold the server's URL (with its password): kept beside the results, not in them.
    work = tempfile.mkdtemp(prefix="assay-quarantine-bench-")
    suite = os.path.join(work, "suite.yml")
    with open(suite, "w") as f:
        f.write(f"""name: quarantine-bench
source: "{url}"
remediation: {{writer: "{url}"}}
tables:
  bench_tx:
    checks:
      - between: {{column: amount, min: 0, max: 1000000, strict_min: true}}
        id: amount_range
        remediation: quarantine
""")
    store = "sqlite:" + os.path.join(work, "assay.db")
    reps, next_id = [], [a.rows + 1]
    for rep in range(1, a.reps + 1):
        with psycopg.connect(url, autocommit=True) as c:
            before = c.execute("SELECT COUNT(*) FROM bench_tx").fetchone()[0]
        stop, inserted, updated, failed = threading.Event(), [0], [0], []
        def load():
          try:
            with psycopg.connect(url, autocommit=True) as w:
                batch, tick, began = max(1, a.rate // 100), 0, time.time()
                while not stop.is_set():
                    first = next_id[0]; next_id[0] += batch
                    w.execute("INSERT INTO bench_tx (id, account_id, amount, memo) SELECT g, g %% 20000, CASE WHEN g %% 100 = 0 THEN -1 ELSE 1 END, 'new' FROM generate_series(%s, %s) g",
                              (first, first + batch - 1))
                    inserted[0] += batch
                    tick += 1
                    flip = (tick * 7919 + rep) % a.rows + 1
                    updated[0] += w.execute("UPDATE bench_tx SET amount = -amount WHERE id = %s", (flip,)).rowcount
                    time.sleep(max(0.0, began + tick * batch / a.rate - time.time()))
          except Exception as e:
            failed.append(e)
        t = threading.Thread(target=load); t.start()
        load_started = time.time()
        time.sleep(1.0)
        started = time.time()
        run = subprocess.run([a.assay, "remediate", "-c", suite, "--store", store, "--apply", "--format", "json"], capture_output=True, text=True)
        command_seconds = time.time() - started
        time.sleep(1.0)
        stop.set(); t.join()
        if failed: raise SystemExit(f"the inserting client failed: {failed[0]}")
        rate = inserted[0] / (time.time() - load_started)
        if run.returncode != 0:
            raise SystemExit(f"assay remediate failed ({run.returncode}): {run.stderr}\n{run.stdout}")
        outcome = json.loads(run.stdout)["outcomes"][0]
        with psycopg.connect(url, autocommit=True) as c:
            after = c.execute("SELECT COUNT(*) FROM bench_tx").fetchone()[0]
            moved = c.execute("SELECT COUNT(*) FROM quarantined_bench_tx WHERE quarantine_id = %s", (outcome["moveID"],)).fetchone()[0]
            both = c.execute("SELECT COUNT(*) FROM quarantined_bench_tx q JOIN bench_tx t USING (id)").fetchone()[0]
        exact = before + inserted[0] == after + moved and moved == outcome["rows"] and both == 0
        started = time.time()
        restore = subprocess.run([a.assay, "quarantine", "restore", outcome["moveID"], "--store", store, "--writer", url], capture_output=True, text=True)
        restore_seconds = time.time() - started
        if restore.returncode != 0:
            raise SystemExit(f"restore failed: {restore.stderr}")
        with psycopg.connect(url, autocommit=True) as c:
            restored = c.execute("SELECT COUNT(*) FROM bench_tx").fetchone()[0]
        r = dict(rep=rep, before=before, inserted=inserted[0], insert_rate=round(rate), updated=updated[0], after=after, quarantined=moved, keys_in_both=both,
                 exact=exact, move_seconds=outcome["seconds"], command_seconds=command_seconds, restore_command_seconds=restore_seconds,
                 rows_after_restore=restored, restore_exact=restored == after + moved)
        reps.append(r)
        print(json.dumps(r), flush=True)
    with psycopg.connect(url, autocommit=True) as c:
        server = c.execute("SHOW server_version").fetchone()[0]
        c.execute("DROP TABLE IF EXISTS bench_tx, quarantined_bench_tx")
    moves = sorted(r["move_seconds"] for r in reps)
    summary = dict(date=time.strftime("%Y-%m-%d", time.gmtime()), machine=f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
                   postgres=server, rows=a.rows, reps=a.reps, rate=a.rate, load_seconds=round(load_seconds, 1),
                   all_exact=all(r["exact"] and r["restore_exact"] for r in reps), move_seconds_median=moves[len(moves) // 2],
                   move_seconds_max=moves[-1], reps_detail=reps)
    with open(os.path.join(a.out, "summary.json"), "w") as f: json.dump(summary, f, indent=2)
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({k: v for k, v in summary.items() if k != "reps_detail"}, indent=2))

if __name__ == "__main__":
    main()
