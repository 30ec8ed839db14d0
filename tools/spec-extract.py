#!/usr/bin/env python3
"""Extract the operation catalogue and the component schemas from Klaviyo's OpenAPI spec.

Writes, relative to the repository root:
  server/src/main/resources/spec/operations.json  what the server reads at startup
  server/src/test/resources/spec/schemas.json     what tests validate responses against
  server/src/main/resources/spec/request-schemas.json
                                                  the request body schemas the server holds bodies against
                                                  (REQUEST_SCHEMA_ROOTS, every operation's body schema, and every
                                                  schema they reference)

Usage: tools/spec-extract.py [SPEC_PATH]
SPEC_PATH defaults to ../shared/spec/klaviyo-openapi-2026-07-15.json (relative to the repo root).

The script fails loudly on spec constructs it does not know, so that a newer spec cannot
silently drop information from the catalogue. Output is deterministic (sorted keys).
Standard library only.
"""
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = REPO_ROOT.parent / "shared" / "spec" / "klaviyo-openapi-2026-07-15.json"
OPERATIONS_OUT = REPO_ROOT / "server/src/main/resources/spec/operations.json"
SCHEMAS_OUT = REPO_ROOT / "server/src/test/resources/spec/schemas.json"
REQUEST_SCHEMAS_OUT = REPO_ROOT / "server/src/main/resources/spec/request-schemas.json"
# Request bodies the server checks against the spec's own schema, beyond what its hand-written input checks read
# (jsonapi.RequestSchemas): the flow definitions of create_flow and update_flow_action, form definitions, and the
# custom object definitions' bodies (whole documents: their shapes are the spec's, their pointers exact).
REQUEST_SCHEMA_ROOTS = ("FlowCreateQuery", "FlowActionUpdateQuery", "FormCreateQuery",
                        # custom object definitions (issue 17)
                        "ObjectTypeCreateQuery", "ObjectSchemaCreateQuery", "ObjectSchemaPartialUpdateQuery",
                        "SourceMappingPartialUpdateQuery", "ObjectSchemaRelationshipCreateQuery",
                        "ObjectSchemaRelationshipPartialUpdateQuery", "ObjectSchemaRelationshipDeleteQuery",
                        "ProfileObjectSchemaRelationshipCreateQuery", "ProfileObjectSchemaRelationshipPartialUpdateQuery",
                        "ProfileObjectSchemaRelationshipDeleteQuery")

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_REF_PREFIX = "#/components/schemas/"
RESPONSE_REF_PREFIX = "#/components/responses/"

# Keywords whose value is one sub-schema, a list of sub-schemas, or a map of name -> sub-schema.
SUBSCHEMA_KEYWORDS = {"items", "additionalProperties", "not"}
SUBSCHEMA_LIST_KEYWORDS = {"oneOf", "anyOf", "allOf"}
SUBSCHEMA_MAP_KEYWORDS = {"properties"}
# Keywords kept verbatim: their values are data (enum members, defaults), never schemas.
VERBATIM_KEYWORDS = {
    "type", "$ref", "nullable", "required", "enum", "default", "format", "readOnly", "writeOnly",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems",
    "minProperties", "maxProperties", "title", "deprecated", "discriminator",
}
# Documentation-only keywords dropped from the test schemas to keep them small.
PROSE_KEYWORDS = {"description", "example", "externalDocs", "xml"}

RATE_LIMIT_UNITS = {"burst": "s", "steady": "m", "daily": "d"}
FILTER_OPERATOR_GROUPS = ("single", "list", "none")
FILTER_VALUE_KEYS = {"type", "format", "enum"}


def fail(message):
    sys.exit(f"spec-extract: {message}")


# ---------------------------------------------------------------- schemas.json

def strip_schema(node, where):
    """Return a copy of a schema object without prose keywords.

    Only keyword positions are stripped: a property *named* "description" inside a
    `properties` map is a schema, not a keyword, so it survives.
    """
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        fail(f"schema expected at {where}, got {type(node).__name__}")
    out = {}
    for key, value in node.items():
        path = f"{where}/{key}"
        if key in PROSE_KEYWORDS or key.startswith("x-"):
            continue
        if key in SUBSCHEMA_KEYWORDS:
            out[key] = value if isinstance(value, bool) else strip_schema(value, path)
        elif key in SUBSCHEMA_LIST_KEYWORDS:
            out[key] = [strip_schema(v, f"{path}/{i}") for i, v in enumerate(value)]
        elif key in SUBSCHEMA_MAP_KEYWORDS:
            out[key] = {name: strip_schema(v, f"{path}/{name}") for name, v in value.items()}
        elif key in VERBATIM_KEYWORDS:
            out[key] = value
        else:
            fail(f"unknown schema keyword {key!r} at {where}")
    return out


def error_response_schemas(spec):
    """The shared 4XX/5XX bodies live in components/responses, not components/schemas."""
    out = {}
    for name, response in spec["components"].get("responses", {}).items():
        content = response.get("content") or {}
        if len(content) != 1:
            fail(f"components/responses/{name}: expected exactly one media type")
        (media,) = content.values()
        out[name] = strip_schema(media["schema"], f"#/components/responses/{name}")
    return out


# Where Klaviyo's real responses depart from its own schema and we follow the responses, the schema is
# corrected here, each with its reason (listed in docs/compatibility.md, "Deviations from the schema").
def apply_known_deviations(schemas):
    # Klaviyo sends "prev": null and "next": null on collections (semantics §9, the overview example),
    # and SDK users index links["next"]; the schema types them as plain strings.
    for member in ("prev", "next"):
        schemas["CollectionLinks"]["properties"][member]["nullable"] = True


def build_schemas_document(spec):
    schemas = {name: strip_schema(schema, SCHEMA_REF_PREFIX + name)
               for name, schema in spec["components"]["schemas"].items()}
    apply_known_deviations(schemas)
    return {"components": {"schemas": schemas, "responses": error_response_schemas(spec)}}


def schema_references(node, found):
    """Adds to found the component names that node references, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(component_name(value, SCHEMA_REF_PREFIX, "request schema"))
            else:
                schema_references(value, found)
    elif isinstance(node, list):
        for value in node:
            schema_references(value, found)


def build_request_schemas_document(schemas_document, operations_document):
    """
    The request schemas of REQUEST_SCHEMA_ROOTS and of every operation's body (what a request must hold: issue 21's
    "required" errors), with everything they reference, in the shape of schemas.json.
    """
    schemas = schemas_document["components"]["schemas"]
    bodies = [op["requestSchema"] for op in operations_document["operations"].values() if op.get("requestSchema")]
    wanted, pending = set(), list(REQUEST_SCHEMA_ROOTS) + bodies
    while pending:
        name = pending.pop()
        if name in wanted:
            continue
        if name not in schemas:
            fail(f"request schema {name} is not in the spec")
        wanted.add(name)
        found = set()
        schema_references(schemas[name], found)
        pending.extend(found - wanted)
    return {"components": {"schemas": {name: schemas[name] for name in sorted(wanted)}}}


# ---------------------------------------------------------------- operations.json

def iter_operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                fail(f"unexpected key {method!r} under path {path}")
            yield path, method, operation


def parse_rate(value, unit, where):
    match = re.fullmatch(r"(\d+)/([smd])", value)
    if not match or match.group(2) != unit:
        fail(f"{where}: cannot parse rate limit {value!r} (want N/{unit})")
    return int(match.group(1))


# The description's own statement of the limits: "*Rate limits*:<br>Burst: `3/s`<br>Steady: `60/m`[<br>Daily: `100/d`]".
DESCRIPTION_RATE = re.compile(r"\*Rate limits\*:<br>Burst: `([^`]+)`<br>Steady: `([^`]+)`(?:<br>Daily: `([^`]+)`)?")
# A stricter bucket for one query parameter value (semantics §3), stated only in the description:
# "Rate limits when using the `additional-fields[profile]=predictive_analytics` parameter in your API request:<br>Burst: ...".
QUERY_RATE = re.compile(r"Rate limits when using the `([^`=]+)=([^`]+)` parameter in your API request:"
                        r"<br>Burst: `([^`]+)`<br>Steady: `([^`]+)`")


def rate_limit(operation, where):
    """x-klaviyo-ratelimit, or the description's "*Rate limits*" where the extension is absent; plus the
    stricter query-parameter buckets that only the description names."""
    raw = operation.get("x-klaviyo-ratelimit")
    description = operation.get("description") or ""
    if raw is None:
        m = DESCRIPTION_RATE.search(description)
        if m is None:
            fail(f"{where}: neither x-klaviyo-ratelimit nor a *Rate limits* description")
        raw = {name: value for name, value in zip(("burst", "steady", "daily"), m.groups()) if value is not None}
    unknown = set(raw) - set(RATE_LIMIT_UNITS)
    if unknown or "burst" not in raw or "steady" not in raw:
        fail(f"{where}: unexpected x-klaviyo-ratelimit {raw}")
    limits = {name: (parse_rate(raw[name], unit, where) if raw.get(name) is not None else None)
              for name, unit in RATE_LIMIT_UNITS.items()}
    limits["queryBuckets"] = query_buckets(operation, description, where)
    return limits


def query_buckets(operation, description, where):
    found = QUERY_RATE.findall(description)
    if description.count("Rate limits when using") != len(found):
        fail(f"{where}: a 'Rate limits when using' statement that does not parse")
    declared = {p["name"]: p.get("schema") or {} for p in operation.get("parameters", []) if p.get("in") == "query"}
    buckets = []
    for parameter, value, burst, steady in found:
        schema = declared.get(parameter) or {}
        allowed = (schema.get("items") or schema).get("enum") or []
        # get_profile says include=list where the value sent is "lists": the rule names the value the client sends.
        if value not in allowed and value + "s" in allowed:
            value += "s"
        # get_profile_ids_for_list names a bucket for a parameter it does not take: the bucket is global (one per
        # account, whichever operation draws from it), so its numbers are kept all the same.
        buckets.append({"parameter": parameter, "value": value, "burst": parse_rate(burst, "s", where),
                        "steady": parse_rate(steady, "m", where)})
    return buckets


def component_name(ref, prefix, where):
    if not ref.startswith(prefix):
        fail(f"{where}: expected a {prefix} reference, got {ref}")
    return ref[len(prefix):]


def single_media_schema(content, where):
    """The one schema of a body, as a component name (all bodies in the spec are references)."""
    if len(content) != 1:
        fail(f"{where}: expected exactly one media type, got {sorted(content)}")
    (media_type, media), = content.items()
    schema = media.get("schema") or {}
    if "$ref" not in schema:
        fail(f"{where}: inline body schemas are not supported")
    return media_type, component_name(schema["$ref"], SCHEMA_REF_PREFIX, where)


def request_body(operation, where):
    body = operation.get("requestBody")
    if not body:
        return None, None
    media_type, schema = single_media_schema(body["content"], where + " requestBody")
    return schema, media_type


def responses(operation, where):
    """Split responses into 2xx statuses (with their body schema) and error responses."""
    success, errors = {}, {}
    for status, response in operation["responses"].items():
        if status.isdigit() and status.startswith("2"):
            content = response.get("content")
            success[status] = single_media_schema(content, f"{where} {status}")[1] if content else None
        elif "$ref" in response:
            errors[status] = component_name(response["$ref"], RESPONSE_REF_PREFIX, where)
        else:
            fail(f"{where}: non-2xx response {status} is not a components/responses reference")
    return success, errors


def query_parameter(parameter, where):
    schema = parameter.get("schema") or {}
    kind = schema.get("type")
    if kind == "array":
        enum = (schema.get("items") or {}).get("enum")
    elif kind in ("string", "integer"):
        enum = schema.get("enum")
    else:
        fail(f"{where}: unsupported query parameter type {kind!r}")
    entry = {"required": bool(parameter.get("required", False)), "type": kind, "enum": enum}
    if kind == "integer":
        entry.update({k: schema[k] for k in ("default", "minimum", "maximum") if k in schema})
    return entry


def query_parameters(operation, where):
    query = {}
    for parameter in operation.get("parameters", []):
        if "$ref" in parameter:
            fail(f"{where}: parameter references are not supported")
        if parameter["in"] == "query":
            name = parameter["name"]
            query[name] = query_parameter(parameter, f"{where} ?{name}")
    return query


def filter_entry(field, spec_filter, where):
    """One x-klaviyo-filters entry: operators grouped by arity, plus the value's type."""
    unknown = set(spec_filter) - {"operators", "value"}
    operators = spec_filter.get("operators") or {}
    value = spec_filter.get("value") or {}
    unknown |= set(operators) - set(FILTER_OPERATOR_GROUPS)
    unknown |= set(value) - FILTER_VALUE_KEYS
    if unknown:
        fail(f"{where} filter {field!r}: unknown keys {sorted(unknown)}")
    # Kept in the spec's own shape, which FieldRule.fromSpec reads: {"operators": {...}, "value": {...}}.
    entry = {"operators": {group: list(operators[group]) for group in FILTER_OPERATOR_GROUPS if group in operators}}
    if "value" in spec_filter:
        entry["value"] = {key: value[key] for key in sorted(value)}
    return entry


def filters(operation, where):
    spec_filters = operation.get("x-klaviyo-filters") or {}
    return {field: filter_entry(field, f, where) for field, f in spec_filters.items()}


def operation_entry(path, method, operation, default_security):
    where = operation["operationId"]
    success, errors = responses(operation, where)
    request_schema, request_content_type = request_body(operation, where)
    security = operation.get("security", default_security)
    return {
        "method": method.upper(),
        "path": path,
        "tag": operation["tags"][0],
        "scopes": list(operation.get("x-klaviyo-scopes") or []),
        # security: [] marks the client (public key) endpoints that take no API key.
        "apiKey": bool(security),
        "rateLimit": rate_limit(operation, where),
        "successStatuses": sorted(int(s) for s in success),
        "requestSchema": request_schema,
        "requestContentType": request_content_type,
        "responseSchemas": success,
        "errorResponses": errors,
        "query": query_parameters(operation, where),
        "filters": filters(operation, where),
        "aliases": list(operation.get("x-klaviyo-operation-aliases") or []),
    }


def build_operations_document(spec):
    revision = spec["info"]["version"]
    default_security = spec.get("security", [])
    operations = {}
    for path, method, operation in iter_operations(spec):
        op_id = operation["operationId"]
        if op_id in operations:
            fail(f"duplicate operationId {op_id}")
        operations[op_id] = operation_entry(path, method, operation, default_security)
    return {"revision": revision, "operations": operations}


# ---------------------------------------------------------------- main

def write_json(path, document, indent):
    path.parent.mkdir(parents=True, exist_ok=True)
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(document, sort_keys=True, indent=indent, separators=separators, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO_ROOT)} ({len(text) // 1024} KiB)")


def main(argv):
    spec_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SPEC
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    if not spec.get("openapi", "").startswith("3.0"):
        fail(f"{spec_path}: expected an OpenAPI 3.0 document")
    operations = build_operations_document(spec)
    # indent=1 keeps the catalogue reviewable in diffs; the schemas are only machine-read.
    write_json(OPERATIONS_OUT, operations, indent=1)
    schemas = build_schemas_document(spec)
    write_json(SCHEMAS_OUT, schemas, indent=None)
    write_json(REQUEST_SCHEMAS_OUT, build_request_schemas_document(schemas, operations), indent=None)
    print(f"{len(operations['operations'])} operations, revision {operations['revision']}")


if __name__ == "__main__":
    main(sys.argv)
