#!/usr/bin/env python3
"""Validates ED-318 files against the ED-318 JSON schemas (draft-07), resolving the schemas' cross-file $refs
and checking the RFC 3339 formats they name (`date-time`, and `time` for schedule times).

Usage: validate_ed318.py SCHEMA_DIR FILE...
Prints `FILE: valid` or one `FILE: PATH: MESSAGE` line per problem. Exit 0 when every file is valid, 1 when one
is not, 2 when the jsonschema module is missing (`pip install jsonschema`) or the arguments are wrong.
"""
import json
import pathlib
import re
import sys

try:
    import jsonschema
    from referencing import Registry, Resource
except ImportError as error:
    print(f"validate_ed318.py: python module '{error.name}' is missing: pip install jsonschema", file=sys.stderr)
    sys.exit(2)

TIME = r"(\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-](\d\d):(\d\d))"
DATE_TIME = r"(\d{4})-(\d\d)-(\d\d)[Tt]" + TIME


def time_in_range(match, first):
    """RFC 3339: hour 00-23, minute 00-59, second 00-60 (leap), offset hour 00-23 and minute 00-59."""
    hour, minute, second = (int(match.group(first + i)) for i in range(3))
    offset = match.group(first + 5), match.group(first + 6)
    offset_ok = offset[0] is None or (int(offset[0]) < 24 and int(offset[1]) < 60)
    return hour < 24 and minute < 60 and second <= 60 and offset_ok


checker = jsonschema.FormatChecker(formats=())


@checker.checks("time")
def is_time(value):
    if not isinstance(value, str):
        return True
    match = re.fullmatch(TIME, value)
    return bool(match) and time_in_range(match, 1)


@checker.checks("date-time")
def is_date_time(value):
    if not isinstance(value, str):
        return True
    match = re.fullmatch(DATE_TIME, value)
    return bool(match) and 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31 and time_in_range(match, 4)


def main(arguments):
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema_dir = pathlib.Path(arguments[0]).resolve()
    resources = []
    for path in sorted(schema_dir.glob("Schema_*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        # The schemas have no $id: give each its file's URI, so that "./Schema_X.json#/..." resolves.
        schema["$id"] = path.as_uri()
        resources.append((path.as_uri(), Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    root = registry.contents((schema_dir / "Schema_GeoZones.json").as_uri())
    validator = jsonschema.Draft7Validator(root, registry=registry, format_checker=checker)
    failed = False
    for name in arguments[1:]:
        document = json.loads(pathlib.Path(name).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            # A oneOf (feature properties may be null or a zone) hides the real cause: name the best match in it.
            cause = jsonschema.exceptions.best_match([error])
            where = "/".join(str(p) for p in cause.absolute_path) or "(root)"
            print(f"{name}: {where}: {cause.message[:300]}")
        if not errors:
            print(f"{name}: valid")
        failed = failed or bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
