"""Records on their way through Python functions (``DynamicFrame.filter`` / ``map``).

Runs in Spark's Python workers: rows of the encoded dataset become plain dicts (choices collapse
to the value a record holds), and returned records go back to the JVM as JSON in which dates,
timestamps, decimals and bytes are tagged ``{"__epoxy_type__": <kind>, "value": ...}`` (decoded by
``dev.epoxy.glue.transforms.PythonRecords``).
"""

import base64
import copy
import datetime
import decimal
import json
import os
import tempfile
import threading
import zipfile

from awsglue import gluetypes

TAG = "__epoxy_type__"
_SHIPPED = set()
_SHIP_LOCK = threading.Lock()
NONE_RETURNED = "User-specified function returned None instead of DynamicRecord"


def to_record(value, glue_type):
    """The plain Python value of a Spark value of this Glue type (positional, like the encoding)."""
    if value is None:
        return None
    if isinstance(glue_type, gluetypes.ChoiceType):
        alternatives = sorted(glue_type.choices.values(), key=lambda alternative: alternative.typeName())
        for index, alternative in enumerate(alternatives):
            if value[index] is not None:
                return to_record(value[index], alternative)
        return None
    if isinstance(glue_type, gluetypes.StructType):
        return {field.name: to_record(value[index], field.dataType) for index, field in enumerate(glue_type.fields)}
    if isinstance(glue_type, (gluetypes.ArrayType, gluetypes.SetType)):
        return [to_record(item, glue_type.elementType) for item in value]
    if isinstance(glue_type, gluetypes.MapType):
        return {key: to_record(item, glue_type.valueType) for key, item in value.items()}
    return value


def to_wire(value):
    """A JSON-ready copy of a returned record."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(key): to_wire(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_wire(item) for item in value]
    if isinstance(value, datetime.datetime):
        from pyspark.sql.types import TimestampType
        return {TAG: "timestamp", "value": TimestampType().toInternal(value)}
    if isinstance(value, datetime.date):
        from pyspark.sql.types import DateType
        return {TAG: "date", "value": DateType().toInternal(value)}
    if isinstance(value, decimal.Decimal):
        return {TAG: "decimal", "value": str(value)}
    if isinstance(value, (bytes, bytearray)):
        return {TAG: "binary", "value": base64.b64encode(bytes(value)).decode("ascii")}
    return str(value)


def dumps(record):
    return json.dumps(to_wire(record))


def _dynamic_record(record):
    # As in Glue, the record and its top-level dict values get attribute access.
    return gluetypes.DynamicRecord({key: gluetypes.DynamicRecord(item) if isinstance(item, dict) else item
                                    for key, item in record.items()})


def _message(error):
    return str(error) or type(error).__name__


def filter_verdict(f, schema):
    """The UDF body of filter: row -> (keep, error message, record JSON)."""

    def verdict(row):
        record = to_record(row, schema)
        try:
            keep = f(_dynamic_record(copy.deepcopy(record)))
        except (KeyError, ValueError, TypeError):
            return (False, None, None)
        except Exception as e:  # noqa: BLE001 - any other failure makes an error record, as in Glue
            return (False, _message(e), dumps(record))
        return (bool(keep), None, None)

    return verdict


def map_result(f, schema):
    """The UDF body of map: row -> (returned record JSON, error message, input record JSON)."""

    def apply(row):
        record = to_record(row, schema)
        try:
            result = f(_dynamic_record(record))
        except Exception as e:  # noqa: BLE001 - any failure makes an error record, as in Glue
            return (None, _message(e), dumps(to_record(row, schema)))
        if not result:
            return (None, NONE_RETURNED, dumps(to_record(row, schema)))
        if not isinstance(result, dict):
            return (None, "User-specified function returned {} instead of DynamicRecord".format(type(result).__name__),
                    dumps(to_record(row, schema)))
        return (dumps(result), None, None)

    return apply


def partition_function(f, schema, with_index):
    """The body of mapPartitions(WithIndex): wire dicts in, wire dicts out, as (record, error, input) rows."""

    def run(index, rows):
        wire = ({"record": to_record(row, schema), "isError": False, "errorMessage": ""} for row in rows)
        results = f(index, wire) if with_index else f(wire)
        for result in results:
            if not isinstance(result, dict) or "record" not in result:
                yield (None, "mapPartitions function returned {} instead of a record dict".format(
                    type(result).__name__), None)
            elif result.get("isError"):
                yield (None, str(result.get("errorMessage") or "error"), dumps(result.get("record")))
            elif not isinstance(result["record"], dict):
                yield (None, NONE_RETURNED, None)
            else:
                yield (dumps(result["record"]), None, None)

    return run


def ship_awsglue(sc):
    """Makes ``awsglue`` importable in the Python workers of this SparkContext (once), so map and
    filter work even where nobody put awsglue on the workers' PYTHONPATH."""
    key = id(sc._jsc)
    with _SHIP_LOCK:
        if key in _SHIPPED:
            return
        package = os.path.dirname(os.path.abspath(__file__))
        root = os.path.dirname(package)
        archive = os.path.join(tempfile.mkdtemp(prefix="epoxy-awsglue-"), "awsglue.zip")
        with zipfile.ZipFile(archive, "w") as zipped:
            for directory, _, files in os.walk(package):
                for name in files:
                    if name.endswith(".py"):
                        path = os.path.join(directory, name)
                        zipped.write(path, os.path.relpath(path, root))
        sc.addPyFile(archive)
        _SHIPPED.add(key)
