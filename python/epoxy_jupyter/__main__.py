"""./epoxy jupyter [--port N] [--s3-port N] [--host H] [--region R] [--profile NAME] [--role ARN]"""
from __future__ import annotations

import argparse
import sys

import boto3
from botocore.config import Config

from . import aws_profile, kernelspec


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="./epoxy jupyter",
        description="Install the official Glue kernels as \"Glue PySpark (Epoxy)\" and \"Glue Spark (Epoxy)\" and write the "
                    "AWS profile they use, whose endpoints are Epoxy's. Ports are those of ./epoxy server.")
    parser.add_argument("--port", type=int, default=9911, help="port of the Glue/STS endpoint (./epoxy server --port); default 9911")
    parser.add_argument("--s3-port", type=int, default=9912, help="port of the S3 endpoint (epoxy.s3.port); default 9912")
    parser.add_argument("--host", default="127.0.0.1", help="host the server answers on; default 127.0.0.1")
    parser.add_argument("--region", default="us-east-1", help="region of the profile; default us-east-1")
    parser.add_argument("--profile", default="epoxy", help="name of the AWS profile to write; default epoxy")
    parser.add_argument("--role", default=kernelspec.DEFAULT_ROLE, help="role sessions get when a notebook sets no %%iam_role")
    args = parser.parse_args(argv)
    if not args.profile.replace("-", "").replace("_", "").isalnum():
        parser.error(f"--profile {args.profile!r}: use letters, digits, '-' and '_'")
    if args.profile == "default":
        parser.error("--profile default: Epoxy's profile must not be the one every AWS tool falls back to")
    return args


def answers(endpoints: aws_profile.Endpoints) -> str | None:
    """The account Epoxy's STS reports, or None when nothing answers there; asked with explicit settings only."""
    try:
        sts = boto3.client(
            "sts", endpoint_url=endpoints.glue, region_name=endpoints.region,
            aws_access_key_id=aws_profile.DUMMY_KEY, aws_secret_access_key=aws_profile.DUMMY_KEY,
            config=Config(connect_timeout=2, read_timeout=5, retries={"max_attempts": 1}))
        return sts.get_caller_identity()["Account"]
    except Exception:
        return None


def say(line: str):
    print(f"epoxy: {line}")


def main(argv: list[str]) -> int:
    args = parse(argv)
    host = f"[{args.host}]" if ":" in args.host else args.host
    endpoints = aws_profile.Endpoints(glue=f"http://{host}:{args.port}", s3=f"http://{host}:{args.s3_port}", region=args.region)
    config, credentials = aws_profile.config_file(), aws_profile.credentials_file()
    aws_profile.write_profile(args.profile, endpoints, config, credentials)
    say(f"wrote AWS profile '{args.profile}' to {config} and {credentials} "
        f"(Glue and STS at {endpoints.glue}, S3 at {endpoints.s3}; other profiles untouched)")
    for flavour in kernelspec.FLAVOURS:
        spec_dir = kernelspec.install(args.profile, endpoints, config, credentials, args.role, flavour)
        say(f"installed Jupyter kernel \"{kernelspec.display_name(args.profile, flavour)}\" in {spec_dir}")
    if answers(endpoints):
        say(f"Epoxy answers at {endpoints.glue}")
    else:
        say(f"nothing answers at {endpoints.glue} yet: start it with ./epoxy server --port {args.port}")
    print()
    names = " or ".join(f"\"{kernelspec.display_name(args.profile, flavour)}\"" for flavour in kernelspec.FLAVOURS)
    print(f"In JupyterLab, Jupyter Notebook or VS Code pick the kernel {names}; they use only the profile "
          f"'{args.profile}', whatever your shell or default profile say. No Jupyter yet? .venv/bin/jupyter lab")
    print(f"Scripts: boto3.Session(profile_name=\"{args.profile}\") reaches the same endpoints.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
