"""Bounded capture of what a statement writes to sys.stdout and sys.stderr."""

import io

_LIMIT_SETTING = "epoxy.session.max-output-bytes"


class BoundedOutput(io.TextIOBase):
    """A text stream that keeps at most ``max_bytes`` bytes (UTF-8) and counts the rest.

    Memory stays bounded however much a statement prints: text past the limit is only counted.
    """

    def __init__(self, max_bytes):
        super().__init__()
        self._max_bytes = max_bytes
        self._parts = []
        self._kept = 0
        self._dropped = 0

    def writable(self):
        return True

    @property
    def encoding(self):
        return "utf-8"

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        if self._dropped:
            self._dropped += _utf8_length(text)
            return len(text)
        data = text.encode("utf-8", "replace")
        room = self._max_bytes - self._kept
        if len(data) <= room:
            self._parts.append(text)
            self._kept += len(data)
        else:
            head = data[:room].decode("utf-8", "ignore")
            self._parts.append(head)
            kept = len(head.encode("utf-8"))
            self._kept += kept
            self._dropped += len(data) - kept
        return len(text)

    def flush(self):
        pass

    @property
    def dropped_bytes(self):
        return self._dropped

    def text(self):
        """What was kept, plus a note when something was dropped."""
        kept = "".join(self._parts)
        if not self._dropped:
            return kept
        if kept and not kept.endswith("\n"):
            kept += "\n"
        return kept + (
            "[Output truncated: %d more bytes were dropped after the first %d bytes. "
            "Raise the limit with %s.]" % (self._dropped, self._kept, _LIMIT_SETTING)
        )


def _utf8_length(text):
    # Counting without encoding the whole string keeps huge writes cheap: ASCII is one byte each.
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "replace"))
