#!/usr/bin/env python3
"""Build heldout.jsonl: the cases of Great Expectations' own test definitions (tag 1.2.0) that are NOT in the
shared conformance file, converted by the rules of ../../../../shared/conformance/gx/README.md (the same record
format as cases.jsonl), for the expectations Assay maps.

Usage: python3 make_heldout.py <GX git dir> <shared cases.jsonl> <expectation names file> > heldout.jsonl

<GX git dir> is a clone of great-expectations/great_expectations (read with `git show`, no work tree needed);
<expectation names file> lists the expectation types to convert, one a line.
Running it on the shared file's own cases reproduces their fields (see README.md, "How it was made").
"""

import json
import subprocess
import sys

REF, COMMIT = "1.2.0", "84cfd3d6b25aa5b9998e27bcb87e31b2b123a72a"
BACKENDS = ["pandas", "spark", "sqlite", "postgresql", "mysql", "mssql", "bigquery", "snowflake", "trino", "redshift"]
SQL = BACKENDS[2:]
ALIASES = {"sqlalchemy": SQL, "pandas_v3_api": ["pandas"], "pandas>=024": ["pandas"], "bigquery_v3_api": ["bigquery"]}
MAP_CATEGORIES = {"column_map_expectations", "column_pair_map_expectations", "multicolumn_map_expectations"}
REMOVED_KWARGS = {"parse_strings_as_datetimes", "allow_cross_type_comparisons", "output_strftime_format"}

# great_expectations/self_check/util.py, candidate_test_is_on_temporary_notimplemented_list_v3_api (tag 1.2.0).
NOT_IMPLEMENTED_SQL = {
    "expect_column_values_to_be_increasing", "expect_column_values_to_be_decreasing",
    "expect_column_values_to_match_strftime_format", "expect_column_values_to_be_dateutil_parseable",
    "expect_column_values_to_be_json_parseable", "expect_column_values_to_match_json_schema",
    "expect_multicolumn_values_to_be_unique", "expect_column_pair_cramers_phi_value_to_be_less_than",
    "expect_column_bootstrapped_ks_test_p_value_to_be_greater_than",
    "expect_column_chisquare_test_p_value_to_be_greater_than",
    "expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than",
}
NOT_IMPLEMENTED_TRINO = NOT_IMPLEMENTED_SQL | {"expect_column_stdev_to_be_between"} | {
    "expect_column_distinct_values_to_contain_set", "expect_column_max_to_be_between", "expect_column_mean_to_be_between",
    "expect_column_median_to_be_between", "expect_column_min_to_be_between", "expect_column_most_common_value_to_be_in_set",
    "expect_column_quantile_values_to_be_between", "expect_column_sum_to_be_between", "expect_column_kl_divergence_to_be_less_than",
    "expect_column_value_lengths_to_be_between", "expect_column_values_to_be_between", "expect_column_values_to_be_in_set",
    "expect_column_values_to_be_in_type_list", "expect_column_values_to_be_null", "expect_column_values_to_be_of_type",
    "expect_column_values_to_be_unique", "expect_column_values_to_match_like_pattern",
    "expect_column_values_to_match_like_pattern_list", "expect_column_values_to_match_regex",
    "expect_column_values_to_match_regex_list", "expect_column_values_to_not_be_null",
    "expect_column_values_to_not_match_like_pattern", "expect_column_values_to_not_match_like_pattern_list",
    "expect_column_values_to_not_match_regex", "expect_column_values_to_not_match_regex_list",
    "expect_column_pair_values_a_to_be_greater_than_b", "expect_column_pair_values_to_be_equal",
    "expect_column_pair_values_to_be_in_set", "expect_compound_columns_to_be_unique",
    "expect_select_column_values_to_be_unique_within_record", "expect_table_column_count_to_be_between",
    "expect_table_column_count_to_equal", "expect_table_row_count_to_be_between", "expect_table_row_count_to_equal",
}
NOT_IMPLEMENTED = {
    "spark": {"expect_table_row_count_to_equal_other_table", "expect_column_values_to_be_in_set",
              "expect_column_values_to_not_be_in_set", "expect_column_values_to_not_match_regex_list",
              "expect_column_values_to_match_like_pattern", "expect_column_values_to_not_match_like_pattern",
              "expect_column_values_to_match_like_pattern_list", "expect_column_values_to_not_match_like_pattern_list",
              "expect_column_values_to_be_dateutil_parseable", "expect_multicolumn_values_to_be_unique",
              "expect_column_pair_cramers_phi_value_to_be_less_than",
              "expect_column_bootstrapped_ks_test_p_value_to_be_greater_than",
              "expect_column_chisquare_test_p_value_to_be_greater_than",
              "expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than"},
    "pandas": {"expect_table_row_count_to_equal_other_table", "expect_column_values_to_match_like_pattern",
               "expect_column_values_to_not_match_like_pattern", "expect_column_values_to_match_like_pattern_list",
               "expect_column_values_to_not_match_like_pattern_list", "expect_multicolumn_values_to_be_unique",
               "expect_column_pair_cramers_phi_value_to_be_less_than",
               "expect_column_bootstrapped_ks_test_p_value_to_be_greater_than",
               "expect_column_chisquare_test_p_value_to_be_greater_than",
               "expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than"},
    "trino": NOT_IMPLEMENTED_TRINO,
    "bigquery": NOT_IMPLEMENTED_SQL | {"expect_column_kl_divergence_to_be_less_than", "expect_column_quantile_values_to_be_between"},
}


def git(gx, *args):
    return subprocess.run(["git", "--git-dir", gx, *args], check=True, capture_output=True, text=True).stdout


def as_list(v):
    return None if v is None else (v if isinstance(v, list) else [v])


def backends_named(names):
    out = set()
    for n in names:
        out.update(ALIASES.get(n, [n] if n in BACKENDS else []))
    return out


def applies_to(test, dataset):
    allowed = set(BACKENDS)
    t_only, t_supp = as_list(test.get("only_for")), as_list(test.get("suppress_test_for"))
    d_only, d_supp = as_list(dataset.get("only_for")), as_list(dataset.get("suppress_test_for"))
    if t_only is not None:
        allowed &= backends_named(t_only)
    if d_only:
        allowed &= backends_named(d_only)
    allowed -= backends_named(t_supp or []) | backends_named(d_supp or [])
    return [b for b in BACKENDS if b in allowed]


def kind(v):
    return "bool" if isinstance(v, bool) else "number" if isinstance(v, (int, float)) else "string" if isinstance(v, str) else "other"


def has_parameter(v):
    if isinstance(v, dict):
        return "$PARAMETER" in v or any(has_parameter(x) for x in v.values())
    return isinstance(v, list) and any(has_parameter(x) for x in v)


def convert(expectation, stem, path, blob, category, di, dataset, ti, test, k):
    data = dataset["data"]
    columns = list(data.keys())
    n = max((len(v) for v in data.values()), default=0)
    rows = [[data[c][i] if i < len(data[c]) else None for c in columns] for i in range(n)]
    mixed = [c for c in columns if len({kind(v) for v in data[c] if v is not None}) > 1]
    kwargs = test["in"]
    out = test.get("out") or {}
    result = out.get("result") if isinstance(out.get("result"), dict) else {}
    expected = {}
    error = test.get("error")
    if "traceback_substring" in out or error:
        expected["raises"] = True
        expected["error_substring"] = out.get("traceback_substring") or (error or {}).get("traceback_substring", "")
    elif "success" in out:
        expected["success"] = out["success"]
    ul = out.get("unexpected_list", result.get("unexpected_list"))
    il = out.get("unexpected_index_list", result.get("unexpected_index_list"))
    if "unexpected_count" in result:
        expected["unexpected_count"], expected["unexpected_count_from"] = result["unexpected_count"], "result.unexpected_count"
    elif ul is not None:
        expected["unexpected_count"], expected["unexpected_count_from"] = len(ul), "len(unexpected_list)"
    elif il is not None:
        expected["unexpected_count"], expected["unexpected_count_from"] = len(il), "len(unexpected_index_list)"
    if ul is not None:
        expected["unexpected_list"] = ul
    if il is not None:
        expected["unexpected_index_list"] = [i["pk_index"] if isinstance(i, dict) else i for i in il]
        expected["unexpected_index_list_raw"] = il
    if "observed_value" in out or "observed_value" in result:
        expected["observed_value"] = out.get("observed_value", result.get("observed_value"))
    if "observed_value_list" in out:
        expected["observed_value_one_of"] = out["observed_value_list"]
    expected["gx_out"] = out
    gx = {"exact_match_out": bool(test.get("exact_match_out"))}
    if "tolerance" in test:
        gx["tolerance_rtol"] = test["tolerance"]
    if "include_in_gallery" in test:
        gx["test_include_in_gallery"] = test["include_in_gallery"]
    if "result_format" in test:
        gx["test_result_format"] = test["result_format"]
    if "kwargs" in test:
        gx["test_kwargs"] = test["kwargs"]
    applies = applies_to(test, dataset)
    not_impl = [b for b in BACKENDS if expectation in NOT_IMPLEMENTED.get(b, NOT_IMPLEMENTED_SQL if b in SQL else set())]
    referenced = [kwargs.get(x) for x in ("column", "column_A", "column_B")] + list(kwargs.get("column_list") or [])
    flags = [name for name, on in [
        ("raises_error", expected.get("raises", False)),
        ("exact_match_out", gx["exact_match_out"]),
        ("tolerance", "tolerance" in test),
        ("mostly", "mostly" in kwargs),
        ("row_condition", "row_condition" in kwargs),
        ("suite_parameter", has_parameter(kwargs)),
        ("result_format_in_kwargs", "result_format" in kwargs),
        ("kwarg_removed_in_gx_1x", bool(REMOVED_KWARGS & set(kwargs))),
        ("backend_specific", "only_for" in test),
        ("applies_to_no_backend", not applies),
        ("typed_data", dataset.get("schemas") is not None),
        ("mixed_type_column", any(c in mixed for c in referenced if isinstance(c, str))),
    ] if on]
    notes = []
    for holder in (test, dataset):
        for key in ("_note", "_notes", "_comment"):
            v = holder.get(key)
            notes += [x for x in as_list(v) if isinstance(x, str)] if v is not None else []
    return {
        "id": f"{expectation}:{stem}:{k}", "expectation": expectation, "title": test["title"], "kwargs": kwargs,
        "data": {"columns": columns, "rows": rows, "types": dataset.get("schemas"), "mixed_type_columns": mixed,
                 "gx_runner_adds_pk_index": category in MAP_CATEGORIES},
        "expected": expected, "gx": gx,
        "backends": {"applies_to": applies, "gx_runs_on": [b for b in applies if b not in not_impl],
                     "gx_not_implemented": not_impl, "only_for": as_list(test.get("only_for")),
                     "suppress_test_for": as_list(test.get("suppress_test_for")),
                     "dataset_only_for": as_list(dataset.get("only_for")),
                     "dataset_suppress_test_for": as_list(dataset.get("suppress_test_for"))},
        "flags": flags, "notes": notes, "legacy": False,
        "source": {"repo": "great-expectations/great_expectations", "ref": REF, "commit": COMMIT, "path": path,
                   "blob": blob, "category": category, "expectation_type_raw": expectation, "dataset_index": di,
                   "dataset_name": dataset.get("dataset_name"), "test_index": ti},
    }


def main():
    gx, shared_path, names_path = sys.argv[1:4]
    shared = {json.loads(line)["id"] for line in open(shared_path) if line.strip()}
    wanted = {line.strip() for line in open(names_path) if line.strip()}
    listing = git(gx, "ls-tree", "-r", COMMIT, "tests/test_definitions").splitlines()
    for entry in sorted(listing):
        meta, path = entry.split("\t")
        if not path.endswith(".json"):
            continue
        blob = meta.split()[2]
        definition = json.loads(git(gx, "show", f"{COMMIT}:{path}"))
        expectation = definition["expectation_type"].lower()
        if expectation not in wanted:
            continue
        category, stem = path.split("/")[-2], path.split("/")[-1][: -len(".json")]
        k = 0
        for di, dataset in enumerate(definition["datasets"]):
            if not isinstance(dataset["data"], dict):
                k += len(dataset["tests"])
                continue
            for ti, test in enumerate(dataset["tests"]):
                if not isinstance(test["in"], dict):  # positional arguments (GX 0.x style): not a kwargs case
                    print(f"skipped {path} test {ti}: 'in' is not a mapping", file=sys.stderr)
                    k += 1
                    continue
                case = convert(expectation, stem, path, blob, category, di, dataset, ti, test, k)
                k += 1
                if case["id"] not in shared or "--all" in sys.argv:
                    print(json.dumps(case))


if __name__ == "__main__":
    main()
