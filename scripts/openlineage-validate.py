#!/usr/bin/env python3
"""Validates OpenLineage events, one JSON object per line, against the specification's JSON Schemas.

Every event is validated against OpenLineage.json (formats checked: uri, date-time, uuid), and every facet it
carries against its own facet schema (facets/*.json), which must also be the one its `_schemaURL` names. The
schemas' `$ref`s resolve in a local registry built from the folder: nothing is fetched. A facet with no schema in
the folder is a problem, except `errorMessage`, whose required fields are checked here.

Prints `N events valid` per file; each problem as `FILE:LINE: problem`; exits 1 on any problem.
"""
import argparse
import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

# Facet key -> schema file and the $defs entry its _schemaURL points at.
FACETS = {
    "test": ("TestRunFacet.json", "TestRunFacet"),
    "schema": ("SchemaDatasetFacet.json", "SchemaDatasetFacet"),
    "dataQualityMetrics": ("DataQualityMetricsInputDatasetFacet.json", "DataQualityMetricsInputDatasetFacet"),
    "dataQualityAssertions": ("DataQualityAssertionsDatasetFacet.json", "DataQualityAssertionsDatasetFacet"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemas", required=True, help="folder with OpenLineage.json and facets/")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    folder = pathlib.Path(args.schemas)
    resources = []
    for path in [folder / "OpenLineage.json", *sorted((folder / "facets").glob("*.json"))]:
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    checker = Draft202012Validator.FORMAT_CHECKER
    missing = {"uri", "date-time", "uuid"} - set(checker.checkers)
    if missing:
        print(f"cannot check the formats {sorted(missing)}: a format package is missing", file=sys.stderr)
        return 2
    core = json.loads((folder / "OpenLineage.json").read_text())
    validators = {"core": Draft202012Validator(core, registry=registry, format_checker=checker)}
    ids = {}
    for key, (file, definition) in FACETS.items():
        schema = json.loads((folder / "facets" / file).read_text())
        validators[key] = Draft202012Validator(schema, registry=registry, format_checker=checker)
        ids[key] = schema["$id"] + "#/$defs/" + definition
    failed = False
    for name in args.files:
        count = 0
        for number, line in enumerate(pathlib.Path(name).read_text().splitlines(), 1):
            problems = check(line, validators, ids)
            count += 1
            for problem in problems:
                failed = True
                print(f"{name}:{number}: {problem}")
        print(f"{name}: {count} events {'checked' if failed else 'valid'}")
    return 1 if failed else 0


def check(line, validators, ids):
    try:
        event = json.loads(line)
    except json.JSONDecodeError as error:
        return [f"not JSON: {error}"]
    problems = [f"{'/'.join(map(str, e.absolute_path)) or 'event'}: {e.message}"
                for e in validators["core"].iter_errors(event)]
    if not isinstance(event, dict) or "run" not in event or "job" not in event:
        return problems + ["not a RunEvent (no run or job)"]
    facets = [("run.facets", event["run"].get("facets", {}))]
    for i, dataset in enumerate(event.get("inputs", [])):
        facets.append((f"inputs/{i}/facets", dataset.get("facets", {})))
        facets.append((f"inputs/{i}/inputFacets", dataset.get("inputFacets", {})))
    for where, group in facets:
        for key, facet in group.items():
            if key == "errorMessage":
                for field in ("message", "programmingLanguage"):
                    if not isinstance(facet.get(field), str):
                        problems.append(f"{where}/errorMessage: {field} is required and a string")
                if not str(facet.get("_schemaURL", "")).startswith("https://openlineage.io/spec/facets/"):
                    problems.append(f"{where}/errorMessage: _schemaURL is not an OpenLineage facet schema")
                continue
            if key not in validators:
                problems.append(f"{where}/{key}: no schema for this facet")
                continue
            problems += [f"{where}/{key}/{'/'.join(map(str, e.absolute_path[1:]))}: {e.message}"
                         for e in validators[key].iter_errors({key: facet})]
            if facet.get("_schemaURL") != ids[key]:
                problems.append(f"{where}/{key}: _schemaURL {facet.get('_schemaURL')!r} is not {ids[key]!r}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
