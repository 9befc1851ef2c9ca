import pytest

from awsglue.utils import GlueArgumentError, getResolvedOptions


def test_required_arguments_are_returned_with_underscores():
    args = getResolvedOptions(["script.py", "--JOB_NAME", "j1", "--output-path=s3://b/o", "--unknown", "x"],
                              ["JOB_NAME", "output-path"])
    assert args["JOB_NAME"] == "j1"
    assert args["output_path"] == "s3://b/o"
    assert args["job_bookmark_option"] == "job-bookmark-disable"
    assert "unknown" not in args and "continuation_option" not in args


def test_missing_argument_raises_glue_argument_error_naming_it():
    with pytest.raises(GlueArgumentError, match="--output_path"):
        getResolvedOptions(["script.py", "--JOB_NAME", "j1"], ["JOB_NAME", "output_path"])


def test_temp_dir_is_mirrored_and_continuation_option_translated():
    args = getResolvedOptions(["s", "--TempDir", "s3://t/", "--continuation-option", "continuation-readonly"], [])
    assert args["RedshiftTempDir"] == "s3://t/"
    assert args["job_bookmark_option"] == "job-bookmark-pause"


def test_reserved_names_and_bookmark_ranges_are_checked():
    with pytest.raises(RuntimeError, match="Using reserved arguments job-bookmark-option"):
        getResolvedOptions(["s"], ["job-bookmark-option"])
    with pytest.raises(RuntimeError, match="Missing option or value for --job-bookmark-to"):
        getResolvedOptions(["s", "--job-bookmark-option", "job-bookmark-pause", "--job-bookmark-from", "r1"], [])
    with pytest.raises(RuntimeError, match=r"Invalid option\(s\)--job-bookmark-from --job-bookmark-to"):
        getResolvedOptions(["s", "--job-bookmark-from", "r1", "--job-bookmark-to", "r2"], [])


def test_abbreviations_are_accepted_as_in_glue_5():
    assert getResolvedOptions(["s", "--out", "v"], ["output"])["output"] == "v"
