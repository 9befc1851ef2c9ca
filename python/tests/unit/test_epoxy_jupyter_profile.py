"""`./epoxy jupyter` edits the user's AWS files: its own sections only, the same result every time."""
import os
import stat

from epoxy_jupyter.aws_profile import Endpoints, replace_sections, write_profile

ENDPOINTS = Endpoints(glue="http://127.0.0.1:9911", s3="http://127.0.0.1:9912", region="us-east-1")
USER_CONFIG = """# my settings
[default]
region = eu-west-1

# the old epoxy profile
[profile   epoxy]
region = ap-south-1
glue_role_arn = stale

; work is next
[profile work]
region = us-west-2
sso_session = corp
[sso-session corp]
sso_start_url = https://corp.example/start
"""


def test_existing_section_is_replaced_in_place_and_the_rest_kept_line_for_line():
    text = replace_sections(USER_CONFIG, {"profile epoxy": ["region = us-east-1"]})
    assert text == USER_CONFIG.replace("[profile   epoxy]\nregion = ap-south-1\nglue_role_arn = stale\n",
                                       "[profile epoxy]\nregion = us-east-1\n")


def test_missing_sections_are_appended_after_a_blank_line():
    text = replace_sections("[default]\nregion = eu-west-1\n", {"profile epoxy": ["region = us-east-1"], "services epoxy": ["s3 ="]})
    assert text == "[default]\nregion = eu-west-1\n\n[profile epoxy]\nregion = us-east-1\n\n[services epoxy]\ns3 =\n"


def test_duplicate_copies_collapse_into_one():
    text = replace_sections("[epoxy]\na = 1\n[other]\nb = 2\n[epoxy]\nc = 3\n", {"epoxy": ["d = 4"]})
    assert text == "[epoxy]\nd = 4\n[other]\nb = 2\n"


def test_writing_twice_changes_nothing_and_keeps_the_user_profiles(tmp_path):
    config, credentials = tmp_path / "aws" / "config", tmp_path / "aws" / "credentials"
    config.parent.mkdir()
    config.write_text(USER_CONFIG)
    write_profile("epoxy", ENDPOINTS, config, credentials)
    first = (config.read_text(), credentials.read_text())
    write_profile("epoxy", ENDPOINTS, config, credentials)
    assert (config.read_text(), credentials.read_text()) == first
    assert first[0].startswith("# my settings\n[default]\nregion = eu-west-1\n")
    assert "; work is next\n[profile work]\nregion = us-west-2\nsso_session = corp\n[sso-session corp]\n" in first[0]
    assert "ap-south-1" not in first[0] and "stale" not in first[0]
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600


def test_the_profile_resolves_to_epoxy_in_botocore(tmp_path, monkeypatch):
    import boto3

    config, credentials = tmp_path / "config", tmp_path / "credentials"
    write_profile("epoxy", ENDPOINTS, config, credentials)
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    session = boto3.Session(profile_name="epoxy")
    assert session.region_name == "us-east-1"
    assert session.get_credentials().access_key == "epoxy"
    assert session.client("glue").meta.endpoint_url == "http://127.0.0.1:9911"
    assert session.client("sts").meta.endpoint_url == "http://127.0.0.1:9911"
    assert session.client("s3").meta.endpoint_url == "http://127.0.0.1:9912"
    assert session.client("iam").meta.endpoint_url == "http://127.0.0.1:9911"


def test_a_symlinked_config_stays_a_symlink(tmp_path):
    real = tmp_path / "dotfiles" / "aws-config"
    real.parent.mkdir()
    real.write_text("[default]\nregion = eu-west-1\n")
    link = tmp_path / "config"
    link.symlink_to(real)
    write_profile("epoxy", ENDPOINTS, link, tmp_path / "credentials")
    assert link.is_symlink() and "[profile epoxy]" in real.read_text()
