#!/usr/bin/env python3
"""Validate recorded HTTP responses (and requests) against a published OpenAPI file.

Input (a file argument or stdin): JSON lines, one record per response:
    {"spec": "<path to an OpenAPI 3.x JSON file>", "method": "GET", "path": "/api/orders?max=10",
     "status": 200, "body": <the decoded JSON body, a string for non-JSON bodies, or null>}
or per request a client sends, checked against the operation's JSON request body schema:
    {"kind": "request", "spec": "...", "method": "POST", "path": "/api/...", "body": <the JSON body>}
with `"part": "<name>"` for one JSON part of a multipart/form-data body (OR43's `thread_input`), or
`"form": true` for a whole multipart/form-data body given as an object of its parts (a file part as
its text, a JSON part decoded), checked against the form's schema (required parts, types, enums).
For each record the operation is found by method and path (the query string is ignored; literal
path segments win over templated ones), the response by status (falling back to "default"), and
the body validated with openapi-schema-validator (OpenAPI 3.1 / 3.0 dialect), every `$ref`
resolved inside the spec. A property whose own description says it is null in some cases
("Null before shipping…", "null if no discount…", "Null when…") also accepts null: the published
schemas state that nullability only in prose (e.g. OR11 `customer.shipping_address`). A status the operation does not declare fails. A JSON body whose
operation declares no JSON content fails; a string body is checked against a `string` schema;
a status with no content expects no body.
Prints one line per record ("PASS ..." / "FAIL ...: reason") and exits 1 when any failed
(2 on unusable input).
Requires: pip install openapi-schema-validator jsonschema (scripts/install-deps does it).
"""
import json
import re
import sys

from openapi_schema_validator import OAS30Validator, OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

_specs = {}
# "Null before shipping" (OR11), "sent as `null` for storefront simulations" (fulfillment simulation).
_NULL_IN_PROSE = re.compile(r"\bnull (before|if|when|until)\b|\bsent as `?null`?", re.IGNORECASE)


def allow_documented_nulls(node, null_schema):
    """Makes every property whose description documents a null value also accept null."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, prop in list(properties.items()):
                if isinstance(prop, dict) and _NULL_IN_PROSE.search(str(prop.get("description", ""))):
                    properties[name] = {"anyOf": [prop, null_schema]}
        for value in node.values():
            allow_documented_nulls(value, null_schema)
    elif isinstance(node, list):
        for value in node:
            allow_documented_nulls(value, null_schema)


def load_spec(path):
    """Loads a spec once and prepares its path matchers and $ref registry."""
    if path not in _specs:
        with open(path, encoding="utf-8") as handle:
            spec = json.load(handle)
        # OpenAPI 3.0 has no "null" type: null is a nullable schema whose only value is null.
        is_31 = str(spec.get("openapi", "3.1")).startswith("3.1")
        allow_documented_nulls(spec, {"type": "null"} if is_31 else {"nullable": True, "enum": [None]})
        uri = "urn:contract-spec:" + str(len(_specs))
        registry = Registry().with_resource(uri, Resource.from_contents(spec, default_specification=DRAFT202012))
        matchers = []
        for template in spec.get("paths", {}):
            pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
            literal_segments = sum(1 for seg in template.split("/") if seg and "{" not in seg)
            matchers.append((re.compile(pattern), -literal_segments, template))
        matchers.sort(key=lambda m: (m[1], m[2]))
        validator = OAS31Validator if str(spec.get("openapi", "3.1")).startswith("3.1") else OAS30Validator
        _specs[path] = (spec, uri, registry, matchers, validator)
    return _specs[path]


def pointer(*tokens):
    """A JSON pointer made of the given reference tokens."""
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def validate_at(validator_class, uri, registry, schema_pointer, body):
    """None when `body` matches the schema at `schema_pointer`, else the first error."""
    validator = validator_class({"$ref": uri + "#" + schema_pointer}, registry=registry)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(root)"
        return f"{len(errors)} schema error(s); first at {where}: {first.message[:300]}"
    return None


def check_request(spec, uri, registry, validator_class, template, method, body, part=None, form=False):
    """A request body checked against the operation's JSON request body schema (or, with `part`,
    against that part of its multipart/form-data schema)."""
    request_body = spec["paths"][template][method].get("requestBody")
    if request_body is None:
        return None if body in (None, "", {}) else "the operation declares no request body but one was sent"
    if "$ref" in request_body:
        name = request_body["$ref"].rsplit("/", 1)[-1]
        request_body = spec.get("components", {}).get("requestBodies", {}).get(name, {})
        base = ("components", "requestBodies", name)
    else:
        base = ("paths", template, method, "requestBody")
    if body is None:
        return "the operation requires a request body" if request_body.get("required") else None
    content = request_body.get("content") or {}
    if form:
        media = next((t for t in content if t.split(";")[0].strip() == "multipart/form-data"), None)
        if media is None:
            return f"a multipart form was sent but the operation takes only {', '.join(content)}"
        return validate_at(validator_class, uri, registry, pointer(*base, "content", media, "schema"), body)
    if part is not None:
        media = next((t for t in content if t.split(";")[0].strip() == "multipart/form-data"), None)
        if media is None:
            return f"a multipart part was sent but the operation takes only {', '.join(content)}"
        schema = content[media].get("schema", {})
        if part not in schema.get("properties", {}):
            return f"the multipart body declares no part {part}"
        return validate_at(validator_class, uri, registry, pointer(*base, "content", media, "schema", "properties", part), body)
    media = next((t for t in content if t.split(";")[0].strip() == "application/json"), None)
    if media is None:
        return f"a JSON body was sent but the operation takes only {', '.join(content)}"
    if "schema" not in content[media]:
        return None
    return validate_at(validator_class, uri, registry, pointer(*base, "content", media, "schema"), body)


def check(record):
    """Returns None when the record passes, else the failure reason."""
    spec, uri, registry, matchers, validator_class = load_spec(record["spec"])
    method = record["method"].lower()
    path = record["path"].split("?", 1)[0]
    body = record.get("body")
    template = next((t for rx, _, t in matchers if rx.match(path) and method in spec["paths"][t]), None)
    if template is None:
        return f"no operation {method.upper()} {path} in the spec"
    if record.get("kind") == "request":
        return check_request(spec, uri, registry, validator_class, template, method, body, record.get("part"),
                             bool(record.get("form")))
    status = str(record["status"])
    responses = spec["paths"][template][method].get("responses", {})
    key = status if status in responses else ("default" if "default" in responses else None)
    if key is None:
        return f"status {status} not declared (declared: {', '.join(sorted(responses))})"
    response = responses[key]
    if "$ref" in response:
        return f"response $ref not supported: {response['$ref']}"
    content = response.get("content") or {}
    if not content:
        if body not in (None, "", {}):
            return f"status {status} declares no content but a body was recorded"
        return None
    # Media-type parameters ("application/json; charset=utf-8", VTEX UpdateTrackingStatus) do not change the type.
    json_types = [t for t in content if t.split(";")[0].strip() in ("application/json",) or t.split(";")[0].strip().endswith("+json")]
    if isinstance(body, str) and not json_types:
        media = next(iter(content))
    elif json_types:
        media = json_types[0]
    else:
        return f"a JSON body was recorded but the response declares only {', '.join(content)}"
    if "schema" not in content[media]:
        return None
    return validate_at(validator_class, uri, registry,
                       pointer("paths", template, method, "responses", key, "content", media, "schema"), body)


def main():
    source = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    failures = 0
    total = 0
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        total += 1
        try:
            record = json.loads(line)
            status = "request" if record.get("kind") == "request" else record["status"]
            label = f"{record['method'].upper()} {record['path']} {status}"
            reason = check(record)
        except (KeyError, ValueError, OSError) as error:
            print(f"FAIL line {number}: unusable record: {error}")
            failures += 1
            continue
        if reason is None:
            print(f"PASS {label}")
        else:
            failures += 1
            print(f"FAIL {label}: {reason}")
    print(f"{total - failures} passed, {failures} failed")
    if total == 0:
        print("FAIL no record given")
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
