"""Writes Epoxy's named profile into the shared AWS config and credentials files, leaving every other section as it was."""
from __future__ import annotations

import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

MARKER = "# Written by ./epoxy jupyter: these endpoints are Epoxy's, not AWS's. Re-run it to change them."
CREDENTIALS_MARKER = "# Written by ./epoxy jupyter: dummy keys; Epoxy does not check them."
DUMMY_KEY = "epoxy"
_HEADER = re.compile(r"^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$")


@dataclass(frozen=True)
class Endpoints:
    """Where one Epoxy server answers: the Glue API and STS share a port, S3 has its own."""

    glue: str
    s3: str
    region: str


def config_file() -> Path:
    """The shared config file botocore reads: AWS_CONFIG_FILE, else ~/.aws/config."""
    return Path(os.path.expanduser(os.environ.get("AWS_CONFIG_FILE") or "~/.aws/config")).absolute()


def credentials_file() -> Path:
    """The shared credentials file botocore reads: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials."""
    return Path(os.path.expanduser(os.environ.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials")).absolute()


def _section_key(name: str) -> str:
    return " ".join(name.split())


def replace_sections(text: str, sections: dict[str, list[str]]) -> str:
    """Puts each named section (header name -> body lines) in place of its old copies, or appends it.

    Everything else, comments included, is kept line for line. Comment and blank lines just before the
    next header stay with that next section.
    """
    wanted = {_section_key(name): (name, body) for name, body in sections.items()}
    lines = text.splitlines()
    out: list[str] = []
    placed: set[str] = set()
    index = 0
    while index < len(lines):
        match = _HEADER.match(lines[index])
        key = _section_key(match.group(1)) if match else None
        if key not in wanted:
            out.append(lines[index])
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not _HEADER.match(lines[end]):
            end += 1
        keep_from = end
        while keep_from > index + 1 and (not lines[keep_from - 1].strip() or lines[keep_from - 1].lstrip()[:1] in "#;"):
            keep_from -= 1
        if key not in placed:
            name, body = wanted[key]
            out += [f"[{name}]", *body]
            placed.add(key)
        out += lines[keep_from:end]
        index = end
    for key, (name, body) in wanted.items():
        if key not in placed:
            if out and out[-1].strip():
                out.append("")
            out += [f"[{name}]", *body]
    return "\n".join(out) + "\n"


def _write_atomically(path: Path, text: str, private: bool):
    target = Path(os.path.realpath(path))
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o600
    if private:
        mode &= 0o700
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def write_profile(profile: str, endpoints: Endpoints, config: Path, credentials: Path):
    """Writes [profile <name>] and [services <name>] into config and [<name>] into credentials."""
    config_sections = {
        f"profile {profile}": [
            MARKER,
            f"region = {endpoints.region}",
            f"endpoint_url = {endpoints.glue}",
            f"services = {profile}",
        ],
        f"services {profile}": [
            MARKER,
            "glue =",
            f"  endpoint_url = {endpoints.glue}",
            "sts =",
            f"  endpoint_url = {endpoints.glue}",
            "s3 =",
            f"  endpoint_url = {endpoints.s3}",
        ],
    }
    credential_sections = {
        profile: [CREDENTIALS_MARKER, f"aws_access_key_id = {DUMMY_KEY}", f"aws_secret_access_key = {DUMMY_KEY}"],
    }
    for path, sections, private in ((config, config_sections, False), (credentials, credential_sections, True)):
        old = path.read_text() if path.exists() else ""
        new = replace_sections(old, sections)
        if new != old:
            _write_atomically(path, new, private)
