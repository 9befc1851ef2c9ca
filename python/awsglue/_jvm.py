"""The one place where the Python facade meets the JVM: option conversion, call sites, and the
translation of Java exceptions into clean Python exceptions (never a py4j stack dump)."""

import functools
import json
import traceback
from typing import Any, Dict, Optional

from py4j.protocol import Py4JError, Py4JJavaError

_RUNTIME_EXCEPTION = "dev.epoxy.glue.GlueRuntimeException"
# Thrown by the catalog relations when Spark lists a table's files (e.g. a partition location that is gone).
_CATALOG_EXCEPTION = "dev.epoxy.spark.catalog.CatalogException"


class GlueThresholdError(RuntimeError):
    """Error records exceeded a stageThreshold or totalThreshold."""


class GlueRuntimeError(RuntimeError):
    """Reading or writing data failed in the JVM."""


_KIND_TO_EXCEPTION = {
    "INVALID_INPUT": ValueError,
    "INVALID_TYPE": TypeError,
    "NOT_FOUND": FileNotFoundError,
    "NOT_SUPPORTED": NotImplementedError,
    "ERROR_THRESHOLD_EXCEEDED": GlueThresholdError,
    "IO": GlueRuntimeError,
    "CATALOG_ERROR": GlueRuntimeError,
}


def runtime(sc) -> Any:
    """The JVM package ``dev.epoxy.glue``."""
    return sc._jvm.dev.epoxy.glue


def options_json(options: Optional[Dict[str, Any]], parameter: str) -> str:
    """Options cross the boundary as a JSON object string."""
    if options is None:
        return "{}"
    if not isinstance(options, dict):
        raise TypeError("{} must be a dict, got {}".format(parameter, type(options).__name__))
    try:
        return json.dumps(options, default=str)
    except (TypeError, ValueError) as e:
        raise ValueError("{} cannot be converted to JSON: {}".format(parameter, e)) from None


def call_site(sc, info: str = "") -> Any:
    """The JVM CallSite of the user code that called into awsglue."""
    site = ""
    for frame in reversed(traceback.extract_stack()[:-1]):
        if "/awsglue/" not in frame.filename.replace("\\", "/"):
            site = "{}:{}".format(frame.filename, frame.lineno)
            break
    return runtime(sc).CallSite.of(site, info or "")


def check_type(value: Any, expected, parameter: str) -> None:
    if not isinstance(value, expected):
        names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
        raise TypeError("{} must be {}, got {}".format(parameter, names, type(value).__name__))


def check_threshold(value: Any, parameter: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("{} must be int, got {}".format(parameter, type(value).__name__))
    if value < 0:
        raise ValueError("{} must not be negative: {}".format(parameter, value))
    return value


def translate(error: Py4JJavaError) -> Exception:
    """The Python exception for a Java exception, keeping its message and dropping the Java stack."""
    java_exception = error.java_exception
    cause = java_exception
    seen = 0
    while cause is not None and seen < 20:
        if cause.getClass().getName() in (_RUNTIME_EXCEPTION, _CATALOG_EXCEPTION):
            exception_type = _KIND_TO_EXCEPTION.get(cause.kindName(), GlueRuntimeError)
            return exception_type(cause.getMessage())
        cause = cause.getCause()
        seen += 1
    message = java_exception.getMessage() or java_exception.getClass().getName()
    return GlueRuntimeError("{}: {}".format(java_exception.getClass().getSimpleName(), message))


def jvm_errors(function):
    """Decorator: Java exceptions raised by ``function`` surface as Python exceptions."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Py4JJavaError as e:
            raise translate(e) from None
        except Py4JError as e:
            raise GlueRuntimeError(str(e)) from None

    return wrapper
