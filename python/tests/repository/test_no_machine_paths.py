"""No file the build or the tests use names a path of one machine (a hand-made virtualenv, a home directory):
CI runs on a fresh clone, where such paths do not exist and tests would silently use something else."""
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
MACHINE_PATH = re.compile(r"(^|[^A-Za-z0-9_.])/(work|home|root|tmp)/[A-Za-z]")
CHECKED_SUFFIXES = {".java", ".py", ".sh", ".xml", ".toml", ".properties", ".cfg", ".ini", ".txt"}


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return [REPO / name for name in listed.decode().split("\0") if name]


def is_checked(path: Path) -> bool:
    relative = path.relative_to(REPO)
    if relative.parts[0] == "docs":
        return False  # prose may show example paths
    return path.suffix in CHECKED_SUFFIXES or relative.as_posix() == "epoxy" or relative.parts[0] == ".ci"


def machine_paths_in(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if MACHINE_PATH.search(line)]


def test_the_check_finds_a_machine_path():
    # The samples are assembled so that this file does not itself hold a machine path.
    venv_python = "/" + "work/venv/bin/python"
    h2_url = "jdbc:h2:file:/" + "home/epoxy/db"
    assert machine_paths_in(f'python = "{venv_python}"\nok = "relative/../home/s3"\n') == [f'python = "{venv_python}"']
    assert machine_paths_in(h2_url) == [h2_url]
    assert machine_paths_in("tempfile.mkdtemp()  # under $TMPDIR") == []


def test_no_tracked_file_names_a_path_of_one_machine():
    offenders = []
    for path in tracked_files():
        if path.is_file() and is_checked(path):
            offenders += [f"{path.relative_to(REPO)}: {line}" for line in machine_paths_in(path.read_text(errors="replace"))]
    assert offenders == [], "absolute paths of one machine in the tree:\n" + "\n".join(offenders)
