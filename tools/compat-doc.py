#!/usr/bin/env python3
"""Regenerate the operations section of docs/compatibility.md from the spec.

Usage: tools/compat-doc.py [SPEC_PATH] [STATUS_TSV]
  SPEC_PATH   defaults to ../shared/spec/klaviyo-openapi-2026-07-15.json (relative to the repo root)
  STATUS_TSV  defaults to docs/operation-status.tsv: "operationId<TAB>status" per line, where
              status is `implemented` or `partial: <note>`; unlisted operations are `not yet`.

Only the text between the markers below is rewritten, so the rest of the document stays
hand-written. The file is created with a heading and the markers if it does not exist.
Standard library only.
"""
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "spec" / "klaviyo-openapi-2026-07-15.json"
DEFAULT_STATUS = REPO_ROOT / "docs" / "operation-status.tsv"
DOC = REPO_ROOT / "docs" / "compatibility.md"
BEGIN = "<!-- operations:begin -->"
END = "<!-- operations:end -->"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
NOT_YET = "not yet"


def fail(message):
    sys.exit(f"compat-doc: {message}")


def read_statuses(path, known_ids):
    """operationId -> status word, validated so typos in the TSV do not go unnoticed."""
    statuses = {}
    if not path.exists():
        return statuses
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            fail(f"{path}:{number}: expected two tab-separated columns")
        op_id, status = parts[0].strip(), parts[1].strip()
        if op_id not in known_ids:
            fail(f"{path}:{number}: unknown operationId {op_id!r}")
        if status != "implemented" and not status.startswith("partial:"):
            fail(f"{path}:{number}: status must be 'implemented' or 'partial: <note>', got {status!r}")
        statuses[op_id] = status
    return statuses


def operations_by_tag(spec):
    """Tag -> operations, tags in the order of the spec's `tags` list (then first use)."""
    groups = {tag["name"]: [] for tag in spec.get("tags", [])}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                tag = (operation.get("tags") or ["Untagged"])[0]
                groups.setdefault(tag, []).append((operation["operationId"], method.upper(), path))
    return {tag: ops for tag, ops in groups.items() if ops}


def cell(text):
    return text.replace("|", "\\|")


def tag_section(tag, operations, statuses):
    implemented = sum(1 for op_id, _, _ in operations if statuses.get(op_id) == "implemented")
    lines = [f"### {tag} ({implemented} implemented of {len(operations)})", "",
             "| operationId | method | path | status |", "|---|---|---|---|"]
    for op_id, method, path in operations:
        lines.append(f"| `{op_id}` | {method} | `{path}` | {cell(statuses.get(op_id, NOT_YET))} |")
    return lines


def summary(groups, statuses, revision):
    total = sum(len(ops) for ops in groups.values())
    implemented = sum(1 for s in statuses.values() if s == "implemented")
    partial = sum(1 for s in statuses.values() if s.startswith("partial:"))
    return (f"{implemented} of {total} operations implemented, {partial} partially, "
            f"{total - implemented - partial} not yet (revision {revision}).")


def render(spec, statuses):
    groups = operations_by_tag(spec)
    lines = [summary(groups, statuses, spec["info"]["version"]), ""]
    for tag, operations in groups.items():
        lines += tag_section(tag, operations, statuses) + [""]
    return "\n".join(lines)


def replace_section(document, generated):
    if BEGIN not in document or END not in document:
        fail(f"{DOC} lacks the {BEGIN} / {END} markers")
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{generated}{END}{tail}"


def main(argv):
    spec_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SPEC
    status_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_STATUS
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    known_ids = {op["operationId"] for item in spec["paths"].values()
                 for method, op in item.items() if method in HTTP_METHODS}
    statuses = read_statuses(status_path, known_ids)
    if not DOC.exists():
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(f"# Compatibility\n\n## Operations\n\n{BEGIN}\n{END}\n", encoding="utf-8")
    DOC.write_text(replace_section(DOC.read_text(encoding="utf-8"), render(spec, statuses)), encoding="utf-8")
    print(f"wrote {DOC.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main(sys.argv)
