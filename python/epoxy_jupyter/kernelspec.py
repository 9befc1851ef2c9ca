"""The "Glue PySpark (Epoxy)" and "Glue Spark (Epoxy)" kernelspecs: the official kernels, their AWS settings pinned to Epoxy."""
from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

from .aws_profile import DUMMY_KEY, Endpoints

DEFAULT_ROLE = "arn:aws:iam::123456789012:role/GlueInteractiveSessionRole"


@dataclass(frozen=True)
class Flavour:
    """One of the two official kernels: glue_pyspark (Python statements) or glue_spark (Scala statements)."""
    package: str
    name: str
    title: str
    language: str

    @property
    def module(self) -> str:
        return f"aws_glue_interactive_sessions_kernel.{self.package}.GlueKernel"


PYSPARK = Flavour("glue_pyspark", "glue_pyspark_epoxy", "Glue PySpark", "python")
SPARK = Flavour("glue_spark", "glue_spark_epoxy", "Glue Spark", "scala")
FLAVOURS = (PYSPARK, SPARK)


def kernel_name(profile: str, flavour: Flavour = PYSPARK) -> str:
    return flavour.name if profile == "epoxy" else f"{flavour.name}_{profile}"


def display_name(profile: str, flavour: Flavour = PYSPARK) -> str:
    return f"{flavour.title} (Epoxy)" if profile == "epoxy" else f"{flavour.title} (Epoxy: {profile})"


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


def install(profile: str, endpoints: Endpoints, config: Path, credentials: Path, role: str = DEFAULT_ROLE,
            flavour: Flavour = PYSPARK) -> Path:
    """Installs the kernelspec for this user (jupyter_client's user kernel directory) and returns its directory.

    argv names this interpreter, the one aws-glue-sessions is installed in, so any Jupyter of the user
    (JupyterLab, Notebook, VS Code) runs the kernel from it; the package's own kernelspec says just
    "python", whichever that is on Jupyter's PATH.
    """
    source = Path(importlib.import_module(f"aws_glue_interactive_sessions_kernel.{flavour.package}").__file__).parent
    with tempfile.TemporaryDirectory() as staging:
        spec_dir = Path(staging) / kernel_name(profile, flavour)
        spec_dir.mkdir()
        for logo in source.glob("logo-*.png"):
            shutil.copy(logo, spec_dir / logo.name)
        spec = {
            "argv": [os.path.abspath(sys.executable), "-m", flavour.module, "-f", "{connection_file}"],
            "display_name": display_name(profile, flavour),
            "language": flavour.language,
            "env": kernel_environment(profile, endpoints, config, credentials, role),
            "metadata": {"epoxy": {"profile": profile, "endpoint": endpoints.glue, "s3_endpoint": endpoints.s3}},
        }
        (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")
        return Path(KernelSpecManager().install_kernel_spec(str(spec_dir), kernel_name(profile, flavour), user=True, replace=True))
