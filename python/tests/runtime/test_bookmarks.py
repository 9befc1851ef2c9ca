"""Job bookmarks in the awsglue runtime: Job.init, bookmarked S3 reads and job.commit, run after run.

Each "run" is what a job script does: ``Job.init`` with the settings the job-run launcher puts in the Spark
conf, a ``from_options`` read with a ``transformation_ctx``, a count, ``job.commit()``. The commit file a
run writes becomes the next run's state file, as the server hands it back. Old files are proven never to
be opened: after they were read once, their content is replaced by many more records (their modification
time put back with os.utime), so a run that opened one would count too many."""

import json
import pathlib
import os
import re
import shutil

import pytest

from awsglue.job import Job

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

OPTION = "spark.epoxy.job.bookmark-option"
STATE_FILE = "spark.epoxy.job.bookmark-state-file"
TO_STATE_FILE = "spark.epoxy.job.bookmark-to-state-file"
COMMIT_FILE = "spark.epoxy.job.bookmark-commit-file"
RUN_ID = "spark.epoxy.job.run-id"
SETTINGS = (OPTION, STATE_FILE, TO_STATE_FILE, COMMIT_FILE, RUN_ID)

EXTENSIONS = {"json": "json", "csv": "csv", "parquet": "parquet", "orc": "orc", "avro": "avro"}


@pytest.fixture(autouse=True)
def _no_job_settings_left(spark, glue_context):
    yield
    for key in SETTINGS:
        spark.conf.unset(key)
    # Back to a session's state: a job without settings has bookmarks disabled.
    Job(glue_context).init("none", {})


class Files(object):
    """Writes input files of one format under one prefix and remembers how many records each holds."""

    def __init__(self, spark, root, fmt):
        self.spark = spark
        self.fmt = fmt
        self.prefix = root / "in"
        self.prefix.mkdir()
        self.staging = root / "staging"
        self.records = {}

    def add(self, name, count):
        path = self.prefix / "{}.{}".format(name, EXTENSIONS[self.fmt])
        self._write(path, name, count)
        self.records[str(path)] = count
        return str(path)

    def overwrite_keeping_mtime(self, path, count):
        """Replaces a file's records with ``count`` others, its modification time unchanged."""
        stat = os.stat(path)
        self._write(path, "rewritten", count)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    def total(self, paths):
        return sum(self.records[path] for path in paths)

    def _write(self, path, name, count):
        path = pathlib.Path(path)
        if self.fmt == "json":
            path.write_text("".join('{"file": "%s", "n": %d}\n' % (name, i) for i in range(count)))
        elif self.fmt == "csv":
            path.write_text("file,n\n" + "".join("%s,%d\n" % (name, i) for i in range(count)))
        else:
            shutil.rmtree(self.staging, ignore_errors=True)
            frame = self.spark.range(count).selectExpr("'{}' as file".format(name), "id as n").coalesce(1)
            frame.write.format(self.fmt).save(str(self.staging))
            parts = [f for f in os.listdir(self.staging) if f.startswith("part-")]
            assert len(parts) == 1, parts
            shutil.copyfile(self.staging / parts[0], path)


def _format_options(fmt):
    return {"withHeader": True} if fmt == "csv" else {}


def _run(spark, glue_context, tmp_path, option, state=None, to_state=None, commit="commit.json", ctx="orders", fmt="json",
         do_commit=True):
    """One job run: init with the launcher's settings, one bookmarked read, its count, commit. Returns the count."""
    spark.conf.set(OPTION, option)
    spark.conf.set(RUN_ID, "jr_" + os.path.splitext(commit)[0])
    for key, name in ((STATE_FILE, state), (TO_STATE_FILE, to_state)):
        if name is None:
            spark.conf.unset(key)
        else:
            spark.conf.set(key, str(tmp_path / name))
    spark.conf.set(COMMIT_FILE, str(tmp_path / commit))
    job = Job(glue_context)
    job.init("orders", {"JOB_NAME": "orders"})
    frame = glue_context.create_dynamic_frame.from_options(
        connection_type="s3", connection_options={"paths": [str(tmp_path / "in")]}, format=fmt,
        format_options=_format_options(fmt), transformation_ctx=ctx)
    count = frame.count()
    if do_commit:
        job.commit()
    return count


def _handed_back(tmp_path, commit, state):
    """What the server does between runs: the committed JSON becomes the next run's state file."""
    (tmp_path / state).write_text((tmp_path / commit).read_text())


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet", "orc", "avro"])
def test_three_runs_each_read_exactly_the_new_files_and_never_open_old_ones(spark, glue_context, tmp_path, fmt):
    files = Files(spark, tmp_path, fmt)
    first = [files.add("a", 3), files.add("b", 2)]
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", commit="commit-1.json", fmt=fmt) == files.total(first)

    for path in first:
        files.overwrite_keeping_mtime(path, 1000)
    second = [files.add("c", 4)]
    _handed_back(tmp_path, "commit-1.json", "state-2.json")
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", state="state-2.json", commit="commit-2.json",
                fmt=fmt) == files.total(second)

    for path in second:
        files.overwrite_keeping_mtime(path, 1000)
    third = [files.add("d", 1), files.add("e", 5)]
    _handed_back(tmp_path, "commit-2.json", "state-3.json")
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", state="state-3.json", commit="commit-3.json",
                fmt=fmt) == files.total(third)

    state = json.loads((tmp_path / "commit-3.json").read_text())
    assert state["version"] == 1 and state["job"] == "orders" and state["run_id"] == "jr_commit-3"
    source = state["sources"]["orders"]
    assert source["kind"] == "s3"
    latest = max(os.stat(path).st_mtime_ns // 1_000_000 for path in third)
    assert source["high_water_mtime"] == latest
    at_mark = sorted(path for path in third if os.stat(path).st_mtime_ns // 1_000_000 == latest)
    assert sorted(path.split(":", 1)[1] for path in source["files_at_high_water"]) == at_mark


def test_run_without_commit_changes_nothing(spark, glue_context, tmp_path):
    files = Files(spark, tmp_path, "json")
    first = [files.add("a", 2)]
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", commit="commit-1.json") == files.total(first)
    second = [files.add("b", 3)]
    _handed_back(tmp_path, "commit-1.json", "state-2.json")
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", state="state-2.json", commit="commit-2.json",
                do_commit=False) == files.total(second)
    assert not (tmp_path / "commit-2.json").exists()
    # The failed (uncommitted) run left the state where it was: the next run reads its files again.
    third = [files.add("c", 4)]
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", state="state-2.json",
                commit="commit-3.json") == files.total(second + third)


def test_pause_reads_after_the_from_state_up_to_the_to_state_and_writes_nothing(spark, glue_context, tmp_path):
    files = Files(spark, tmp_path, "json")
    files.add("a", 2)
    _run(spark, glue_context, tmp_path, "job-bookmark-enable", commit="commit-1.json")
    second = [files.add("b", 3), files.add("c", 1)]
    _handed_back(tmp_path, "commit-1.json", "state-2.json")
    _run(spark, glue_context, tmp_path, "job-bookmark-enable", state="state-2.json", commit="commit-2.json")
    third = [files.add("d", 7)]

    # --job-bookmark-from <run 1> --job-bookmark-to <run 2>: exactly what run 2 read.
    assert _run(spark, glue_context, tmp_path, "job-bookmark-pause", state="commit-1.json", to_state="commit-2.json",
                commit="commit-pause.json") == files.total(second)
    assert not (tmp_path / "commit-pause.json").exists()
    # Pause without a range: what came after the latest state, still without writing.
    assert _run(spark, glue_context, tmp_path, "job-bookmark-pause", state="commit-2.json",
                commit="commit-pause.json") == files.total(third)
    assert not (tmp_path / "commit-pause.json").exists()


def test_disable_reads_everything_and_writes_nothing(spark, glue_context, tmp_path):
    files = Files(spark, tmp_path, "json")
    written = [files.add("a", 2)]
    _run(spark, glue_context, tmp_path, "job-bookmark-enable", commit="commit-1.json")
    written.append(files.add("b", 3))
    assert _run(spark, glue_context, tmp_path, "job-bookmark-disable", state="commit-1.json",
                commit="commit-2.json") == files.total(written)
    assert not (tmp_path / "commit-2.json").exists()


def test_reset_without_state_file_reads_everything(spark, glue_context, tmp_path):
    files = Files(spark, tmp_path, "json")
    written = [files.add("a", 2)]
    _run(spark, glue_context, tmp_path, "job-bookmark-enable", commit="commit-1.json")
    written.append(files.add("b", 3))
    # ResetJobBookmark: the launcher names no state file (or one that does not exist).
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", commit="commit-2.json") == files.total(written)
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", state="missing.json",
                commit="commit-3.json") == files.total(written)


def test_source_without_transformation_ctx_is_not_bookmarked(spark, glue_context, tmp_path):
    files = Files(spark, tmp_path, "json")
    written = [files.add("a", 2)]
    _run(spark, glue_context, tmp_path, "job-bookmark-enable", commit="commit-1.json")
    assert json.loads((tmp_path / "commit-1.json").read_text())["sources"].keys() == {"orders"}
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", state="commit-1.json", commit="commit-2.json",
                ctx="") == files.total(written)
    assert json.loads((tmp_path / "commit-2.json").read_text())["sources"] == \
        json.loads((tmp_path / "commit-1.json").read_text())["sources"]


def test_no_new_files_gives_an_empty_frame(spark, glue_context, tmp_path):
    files = Files(spark, tmp_path, "json")
    files.add("a", 2)
    _run(spark, glue_context, tmp_path, "job-bookmark-enable", commit="commit-1.json")
    assert _run(spark, glue_context, tmp_path, "job-bookmark-enable", state="commit-1.json", commit="commit-2.json") == 0
    assert json.loads((tmp_path / "commit-2.json").read_text())["sources"] == \
        json.loads((tmp_path / "commit-1.json").read_text())["sources"]


def test_malformed_state_is_an_error_naming_the_file(spark, glue_context, tmp_path):
    (tmp_path / "state.json").write_text('{"version": 7}')
    spark.conf.set(OPTION, "job-bookmark-enable")
    spark.conf.set(STATE_FILE, str(tmp_path / "state.json"))
    with pytest.raises(ValueError, match=re.escape("Invalid job bookmark state in {}: version 7 is not 1".format(
            tmp_path / "state.json"))):
        Job(glue_context).init("orders", {})
    spark.conf.set(OPTION, "job-bookmark-always")
    with pytest.raises(ValueError, match="Invalid --job-bookmark-option: job-bookmark-always"):
        Job(glue_context).init("orders", {})


def test_runtime_settings_are_the_launchers_strings():
    """The runtime keeps its own copy of the launcher's Spark setting names: they must not drift apart."""
    def constants(path):
        with open(os.path.join(ROOT, path)) as source:
            return dict(re.findall(r'public static final String (\w+) = "([^"]+)";', source.read()))

    launcher = constants("epoxy-core/src/main/java/dev/epoxy/core/job/JobRunConf.java")
    runtime = constants("epoxy-runtime/src/main/java/dev/epoxy/glue/job/JobRunSettings.java")
    assert launcher and launcher == runtime
    assert set(SETTINGS) <= set(runtime.values())
