"""``awsglue.utils``: ``getResolvedOptions`` and ``GlueArgumentError``."""

import argparse
from typing import Dict, List

__all__ = ["getResolvedOptions", "GlueArgumentError"]

_global_args: Dict[str, str] = {}


class GlueArgumentError(Exception):
    """A job argument is missing or invalid."""


class _GlueArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        raise GlueArgumentError(message)


_BOOKMARK_OPTIONS = ["job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable"]
_CONTINUATION_OPTIONS = ["continuation-enabled", "continuation-readonly", "continuation-ignore"]
_RESERVED = ["job-bookmark-option", "continuation-option", "job-bookmark-from", "job-bookmark-to"]
_ID_PARAMS = ["--JOB_ID", "--JOB_RUN_ID", "--SECURITY_CONFIGURATION", "--encryption-type", "--enable-data-lineage"]


def getResolvedOptions(args: List[str], options: List[str]) -> Dict[str, str]:
    """Parses ``--NAME value`` / ``--NAME=value`` job arguments from ``args`` (``sys.argv``).

    Every name in ``options`` is required; unknown arguments are ignored. Keys of the result use
    underscores for dashes. Raises GlueArgumentError naming a missing argument.
    """
    if not isinstance(args, (list, tuple)):
        raise TypeError("args must be a list of strings, got {}".format(type(args).__name__))
    if not isinstance(options, (list, tuple)):
        raise TypeError("options must be a list of strings, got {}".format(type(options).__name__))
    parser = _GlueArgumentParser(prog=args[0] if args else "glue-job", add_help=False)
    parser.add_argument("--job-bookmark-option", choices=_BOOKMARK_OPTIONS, required=False)
    parser.add_argument("--continuation-option", choices=_CONTINUATION_OPTIONS, required=False)
    parser.add_argument("--job-bookmark-from", required=False)
    parser.add_argument("--job-bookmark-to", required=False)
    for name in _ID_PARAMS:
        if name == "--encryption-type":
            parser.add_argument(name, choices=["sse-s3"], required=False)
        else:
            parser.add_argument(name, required=False)
    parser.add_argument("--RedshiftTempDir", required=False)
    parser.add_argument("--TempDir", required=False)

    for option in options:
        if option in _RESERVED:
            raise RuntimeError("Using reserved arguments " + option)
        if option in ("TempDir", "RedshiftTempDir"):
            # Registered as optional above, and stays so: each is filled from the other below.
            continue
        if "--" + option in _ID_PARAMS:
            # Already registered as optional; listing it makes it required.
            for action in parser._actions:
                if "--" + option in action.option_strings:
                    action.required = True
            continue
        parser.add_argument("--" + option, required=True)

    parsed, _ = parser.parse_known_args(list(args[1:]))
    parsed_dict = vars(parsed)

    if parsed_dict.get("TempDir") is not None:
        parsed_dict["RedshiftTempDir"] = parsed_dict["TempDir"]
    elif parsed_dict.get("RedshiftTempDir") is not None:
        parsed_dict["TempDir"] = parsed_dict["RedshiftTempDir"]

    bookmark = parsed_dict.get("job_bookmark_option")
    continuation = parsed_dict.get("continuation_option")
    if bookmark is None:
        if continuation is not None:
            bookmark = _BOOKMARK_OPTIONS[_CONTINUATION_OPTIONS.index(continuation)]
        else:
            bookmark = "job-bookmark-disable"
    parsed_dict["job_bookmark_option"] = bookmark
    parsed_dict.pop("continuation_option", None)

    bookmark_from = parsed_dict.get("job_bookmark_from")
    bookmark_to = parsed_dict.get("job_bookmark_to")
    if bookmark == "job-bookmark-pause":
        if bookmark_from is not None and bookmark_to is None:
            raise RuntimeError("Missing option or value for --job-bookmark-to")
        if bookmark_to is not None and bookmark_from is None:
            raise RuntimeError("Missing option or value for --job-bookmark-from")
    elif bookmark_from is not None or bookmark_to is not None:
        raise RuntimeError("Invalid option(s)--job-bookmark-from --job-bookmark-to")

    _global_args.update(parsed_dict)
    return parsed_dict
