#!/usr/bin/env python3
"""Run one tool invocation and measure it: wall time, peak RSS, exit code.

usage: measure.py RESULT_JSON TIME_V_FILE -- COMMAND [ARG...]

- wall time: time.perf_counter() around the whole process (start to reaped), in seconds;
- peak RSS, two ways:
  * `/usr/bin/time -v` "Maximum resident set size": the kernel's ru_maxrss of the command as reaped by
    `time`, which on Linux is the maximum over the process and every descendant it waited for - the
    LARGEST SINGLE process of the tree (for `run_soda.sh`, the soda Python process, not bash + python);
  * the tree sum: every RSS_SAMPLE_S seconds (default 0.05) the VmRSS of every live descendant of `time`
    is summed, and the largest sum is kept. It can miss a peak shorter than the interval, but counts
    processes that live side by side (a shell waiting for its child).
The result is one JSON object written to RESULT_JSON (stdout and stderr of the command pass through).
"""
import json
import os
import subprocess
import sys
import time


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(x) for x in f.read().split())
    except OSError:
        pass
    return out


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_rss_kb(root):
    """Summed VmRSS of the descendants of root (root itself, /usr/bin/time, excluded)."""
    total, stack, seen = 0, children(root), set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss_kb(pid)
        stack.extend(children(pid))
    return total, len(seen)


def parse_time_v(path):
    fields = {}
    try:
        with open(path) as f:
            for line in f:
                key, sep, value = line.strip().rpartition(": ")
                if sep:
                    fields[key.strip()] = value.strip()
    except OSError:
        pass
    return fields


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        print(__doc__, file=sys.stderr)
        return 64
    result_path, time_path, cmd = sys.argv[1], sys.argv[2], sys.argv[4:]
    interval = float(os.environ.get("RSS_SAMPLE_S", "0.05"))
    t0 = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", time_path] + cmd)
    peak_tree, peak_procs, samples = 0, 0, 0
    while proc.poll() is None:
        total, n = tree_rss_kb(proc.pid)
        samples += 1
        if total > peak_tree:
            peak_tree, peak_procs = total, n
        try:
            proc.wait(timeout=interval)
        except subprocess.TimeoutExpired:
            pass
    wall = time.perf_counter() - t0
    tv = parse_time_v(time_path)
    # /usr/bin/time reports "Command exited with non-zero status N" and the exit status line.
    exit_code = proc.returncode
    try:
        exit_code = int(tv.get("Exit status", exit_code))
    except ValueError:
        pass
    res = {
        "wall_s": round(wall, 4),
        "exit": exit_code,
        "maxrss_kb": int(tv["Maximum resident set size (kbytes)"]) if "Maximum resident set size (kbytes)" in tv else None,
        "tree_peak_kb": peak_tree,
        "tree_peak_procs": peak_procs,
        "rss_samples": samples,
        "user_s": float(tv.get("User time (seconds)", "nan")),
        "sys_s": float(tv.get("System time (seconds)", "nan")),
        "cpu_percent": tv.get("Percent of CPU this job got"),
    }
    with open(result_path, "w") as f:
        json.dump(res, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
