"""The "Glue PySpark (Epoxy)" kernelspec: the official glue_pyspark kernel, its AWS settings pinned to Epoxy."""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

from .aws_profile import DUMMY_KEY, Endpoints

KERNEL_MODULE = "aws_glue_interactive_sessions_kernel.glue_pyspark.GlueKernel"
DEFAULT_ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveSessionRole"


def kernel_name(profile: str) -> str:
    return "glue_pyspark_epoxy" if profile == "epoxy" else f"glue_pyspark_epoxy_{profile}"


def display_name(profile: str) -> str:
    return "Glue PySpark (Epoxy)" if profile == "epoxy" else f"Glue PySpark (Epoxy: {profile})"


def kernel_environment(profile: str, endpoints: Endpoints, config: Path, credentials: Path, role: str) -> dict[str, str]:
    """What the kernel process gets on top of the environment Jupyter was started in.

    The kernel (aws-glue-sessions 1.0.9) builds its clients with boto3.Session(profile_name=glue_profile) and
    no endpoint_url, so botocore's endpoint settings decide where every call goes. Each of them is pinned
    here, because the shell that starts Jupyter may carry its own: AWS_ENDPOINT_URL_* beat the profile's
    services section, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true would drop both, AWS_CONFIG_FILE could hide
    the profile. Keys in the environment would sign with a user's real credentials (only the kernel's
    no-profile paths read them); they are replaced by Epoxy's dummy ones.
    """
    return {
        "glue_profile": profile,
        "AWS_PROFILE": profile,
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
        "AWS_ACCESS_KEY_ID": DUMMY_KEY,
        "AWS_SECRET_ACCESS_KEY": DUMMY_KEY,
        "AWS_SESSION_TOKEN": "",
        "AWS_REGION": endpoints.region,
        "AWS_DEFAULT_REGION": endpoints.region,
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false",
        "AWS_ENDPOINT_URL": endpoints.glue,
        "AWS_ENDPOINT_URL_GLUE": endpoints.glue,
        "AWS_ENDPOINT_URL_STS": endpoints.glue,
        "AWS_ENDPOINT_URL_S3": endpoints.s3,
        "glue_role_arn": role,
    }


def install(profile: str, endpoints: Endpoints, config: Path, credentials: Path, role: str = DEFAULT_ROLE) -> Path:
    """Installs the kernelspec for this user (jupyter_client's user kernel directory) and returns its directory.

    argv names this interpreter, the one aws-glue-sessions is installed in, so any Jupyter of the user
    (JupyterLab, Notebook, VS Code) runs the kernel from it; the package's own kernelspec says just
    "python", whichever that is on Jupyter's PATH.
    """
    import aws_glue_interactive_sessions_kernel.glue_pyspark as package

    source = Path(package.__file__).parent
    with tempfile.TemporaryDirectory() as staging:
        spec_dir = Path(staging) / kernel_name(profile)
        spec_dir.mkdir()
        for logo in source.glob("logo-*.png"):
            shutil.copy(logo, spec_dir / logo.name)
        spec = {
            "argv": [os.path.abspath(sys.executable), "-m", KERNEL_MODULE, "-f", "{connection_file}"],
            "display_name": display_name(profile),
            "language": "python",
            "env": kernel_environment(profile, endpoints, config, credentials, role),
            "metadata": {"epoxy": {"profile": profile, "endpoint": endpoints.glue, "s3_endpoint": endpoints.s3}},
        }
        (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")
        return Path(KernelSpecManager().install_kernel_spec(str(spec_dir), kernel_name(profile), user=True, replace=True))
