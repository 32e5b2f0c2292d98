"""Runs a GX expectation suite JSON against one table with Great Expectations 1.x and writes the results:
python gx_run.py SUITE.json TABLE OUT.json. PostgreSQL from the PG* environment variables, or the SQLite file
named by GX_SQLITE_PATH.
The expectation objects are built from the file's `type` and `kwargs`, exactly as written."""
import json
import os
import sys
import time
from urllib.parse import quote

import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.data_context.types.base import ProgressBarsConfig


def conn_string() -> str:
    e = os.environ
    return "postgresql+psycopg2://{u}:{p}@{h}:{port}/{db}".format(
        u=quote(e["PGUSER"]), p=quote(e.get("PGPASSWORD", "")), h=e.get("PGHOST", "127.0.0.1"),
        port=e.get("PGPORT", "5432"), db=e["PGDATABASE"])


def plain(value):
    """numpy scalars and decimals (GX returns them for observed values) as Python numbers."""
    if hasattr(value, "item"):
        return value.item()
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def expectation(entry: dict):
    name = "".join(part.capitalize() for part in entry["type"].split("_"))
    return getattr(gxe, name)(**entry["kwargs"])


def main() -> int:
    suite_path, table, out_path = sys.argv[1:4]
    spec = json.load(open(suite_path))
    t0 = time.perf_counter()
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    sqlite = os.environ.get("GX_SQLITE_PATH")
    ds = (ctx.data_sources.add_sqlite(name="bench", connection_string=f"sqlite:///{sqlite}") if sqlite
          else ctx.data_sources.add_postgres(name="bench", connection_string=conn_string()))
    batch = ds.add_table_asset(name=table, table_name=table).add_batch_definition_whole_table(name="all")
    suite = ctx.suites.add(gx.ExpectationSuite(name=spec["name"]))
    for entry in spec["expectations"]:
        suite.add_expectation(expectation(entry))
    t1 = time.perf_counter()
    # Batch.validate: ValidationDefinition.run() fails storing results that hold numpy booleans (GX 1.24.1).
    result = batch.get_batch().validate(suite)
    t2 = time.perf_counter()
    results = [{"type": r.expectation_config.type, "column": r.expectation_config.kwargs.get("column"),
                "success": bool(r.success),
                "observed_value": (r.result or {}).get("observed_value"),
                "exception": (r.exception_info or {}).get("exception_message") if isinstance(r.exception_info, dict) else None}
               for r in result.results]
    json.dump({"tool": "gx", "version": gx.__version__, "setup_s": round(t1 - t0, 3), "run_s": round(t2 - t1, 3),
               "success": bool(result.success), "results": results}, open(out_path, "w"), indent=1, default=plain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
