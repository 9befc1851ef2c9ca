#!/usr/bin/env python3
"""Regenerates the bundled Glue service model subset from the botocore in the project's .venv.

    .venv/bin/python epoxy-glue-model/tools/subset_model.py

Keeps the operations in OPERATIONS and the transitive closure of the shapes they reference (input,
output, errors), drops every "documentation" member, and writes the result sorted, so that a diff
shows only what changed. Add an operation here when Epoxy starts serving it, then run this again.
"""
import gzip
import json
import pathlib
import sys

import botocore

# Sessions and tags (issues 1-6).
SESSIONS = [
    "CreateSession", "GetSession", "ListSessions", "StopSession", "DeleteSession",
    "RunStatement", "GetStatement", "ListStatements", "CancelStatement",
    "GetDashboardUrl", "GetSessionEndpoint",
    "TagResource", "GetTags", "UntagResource",
]
# The Data Catalog (issue 7).
CATALOG = [
    "CreateDatabase", "GetDatabase", "GetDatabases", "UpdateDatabase", "DeleteDatabase",
    "CreateTable", "GetTable", "GetTables", "UpdateTable", "DeleteTable", "BatchDeleteTable",
    "GetTableVersions", "GetTableVersion", "DeleteTableVersion", "BatchDeleteTableVersion",
    "CreatePartition", "BatchCreatePartition", "GetPartition", "GetPartitions", "BatchGetPartition",
    "UpdatePartition", "DeletePartition", "BatchDeletePartition", "BatchUpdatePartition",
]
CRAWLERS = [
    "CreateCrawler", "GetCrawler", "GetCrawlers", "ListCrawlers", "UpdateCrawler", "DeleteCrawler",
    "StartCrawler", "StopCrawler", "GetCrawlerMetrics", "BatchGetCrawlers",
]
# Jobs, job runs and bookmarks (issue 8); GetDashboardUrl (ResourceType JOB) is in SESSIONS.
JOBS = [
    "CreateJob", "GetJob", "GetJobs", "ListJobs", "UpdateJob", "DeleteJob", "BatchGetJobs",
    "StartJobRun", "GetJobRun", "GetJobRuns", "BatchStopJobRun", "GetJobBookmark", "ResetJobBookmark",
]
# Connections (issue 9).
CONNECTIONS = [
    "CreateConnection", "GetConnection", "GetConnections", "DeleteConnection",
    "UpdateConnection", "BatchDeleteConnection", "TestConnection",
]
OPERATIONS = SESSIONS + CATALOG + CRAWLERS + JOBS + CONNECTIONS

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = ROOT / "src/main/resources/dev/epoxy/glue/model/glue-2017-03-31.json"


def strip_documentation(node):
    if isinstance(node, dict):
        return {key: strip_documentation(value) for key, value in node.items() if key != "documentation"}
    if isinstance(node, list):
        return [strip_documentation(value) for value in node]
    return node


def referenced_shapes(shape):
    for key in ("member", "key", "value"):
        if key in shape:
            yield shape[key]["shape"]
    for member in shape.get("members", {}).values():
        yield member["shape"]


def main():
    source = pathlib.Path(botocore.__file__).parent / "data/glue/2017-03-31/service-2.json.gz"
    with gzip.open(source, "rt", encoding="utf-8") as file:
        full = json.load(file)
    missing = [name for name in OPERATIONS if name not in full["operations"]]
    if missing:
        sys.exit(f"not in botocore {botocore.__version__}'s Glue model: {missing}")
    operations = {name: full["operations"][name] for name in sorted(OPERATIONS)}
    pending = []
    for operation in operations.values():
        for key in ("input", "output"):
            if key in operation:
                pending.append(operation[key]["shape"])
        pending.extend(error["shape"] for error in operation.get("errors", []))
    shapes = {}
    while pending:
        name = pending.pop()
        if name in shapes:
            continue
        shapes[name] = full["shapes"][name]
        pending.extend(referenced_shapes(shapes[name]))
    subset = {
        "version": full.get("version", "2.0"),
        "metadata": full["metadata"],
        "operations": operations,
        "shapes": dict(sorted(shapes.items())),
    }
    TARGET.write_text(json.dumps(strip_documentation(subset), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT.parent)}: {len(operations)} operations, {len(shapes)} shapes from botocore {botocore.__version__}")


if __name__ == "__main__":
    main()
