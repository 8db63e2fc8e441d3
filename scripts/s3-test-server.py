#!/usr/bin/env python3
"""Local S3-compatible servers for the test suite (moto's standalone server).

    python3 scripts/s3-test-server.py start --state DIR   # install moto if missing, start, load
    python3 scripts/s3-test-server.py stop  --state DIR   # stop what `start` started

`start` runs two servers on free loopback ports and writes `DIR/env`, a file of
`export NAME=value` lines, and prints it:

- FLOWLOG_TEST_S3_ENDPOINT: every bucket of testdata/s3/ uploaded with its exact keys;
  any credentials are accepted.
- FLOWLOG_TEST_S3_AUTH_ENDPOINT: IAM enforced. Bucket flowlog-sample-daily; user
  `analyst` (FLOWLOG_TEST_S3_AUTH_KEY_ID / _SECRET) may do everything except GetObject
  under FLOWLOG_TEST_S3_AUTH_DENIED_PREFIX; role FLOWLOG_TEST_S3_AUTH_ROLE_ARN may read
  everything, and FLOWLOG_TEST_S3_AUTH_ROLE_KEY_ID / _SECRET / _TOKEN are credentials
  of one session of it.

Only 127.0.0.1 is ever contacted.

moto 5 recomputes SigV4 signatures from a decoded query string, so every ListObjectsV2
with a `prefix` containing `/` fails its check (boto3's requests too). The IAM server
therefore skips the signature comparison for S3 requests only: unknown access keys are
still rejected (InvalidAccessKeyId) and IAM policies still decide what is allowed.
"""

import argparse
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "testdata" / "s3"
REGION = "us-east-1"
DENIED_PREFIX = "AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/20/"


def ensure_moto():
    try:
        import boto3  # noqa: F401
        import flask  # noqa: F401
        import moto  # noqa: F401
    except ImportError:
        print("installing moto[server]==5.2.1 from PyPI (the version the tests were written against)", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "moto[server]==5.2.1"],
            check=True,
        )


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port, lenient_s3_signatures):
    """Run moto's server in this process (see the module doc for the signature patch)."""
    if lenient_s3_signatures:
        from moto.iam import access_control

        access_control.S3IAMRequest.check_signature = lambda self: None
    from moto.server import main as moto_main

    moto_main(["-H", "127.0.0.1", "-p", str(port)])


def start_server(state, name, lenient=False):
    port = free_port()
    log = open(state / f"{name}.log", "w")
    env = dict(os.environ, AWS_EC2_METADATA_DISABLED="true")
    command = [sys.executable, str(Path(__file__).resolve()), "serve", "--port", str(port)]
    if lenient:
        command.append("--lenient-s3-signatures")
    proc = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        env=env,
    )
    (state / f"{name}.pid").write_text(str(proc.pid))
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2):
                break
        except Exception:
            if proc.poll() is not None:
                sys.exit(f"moto server {name} exited; see {state / (name + '.log')}")
            if time.time() > deadline:
                sys.exit(f"moto server {name} did not answer on {endpoint} within 60 s")
            time.sleep(0.2)
    return endpoint


def client(endpoint, service, key="test", secret="test"):
    import boto3
    from botocore.config import Config

    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(s3={"addressing_style": "path"}),
    )


def upload_bucket(s3, bucket, public=False):
    s3.create_bucket(Bucket=bucket)
    base = TESTDATA / bucket
    count = 0
    for path in sorted(base.rglob("*")):
        if path.is_file():
            s3.upload_file(
                str(path),
                bucket,
                path.relative_to(base).as_posix(),
                ExtraArgs={"ACL": "public-read"} if public else None,
            )
            count += 1
    return count


def load_main(endpoint):
    s3 = client(endpoint, "s3")
    for bucket in sorted(p.name for p in TESTDATA.iterdir() if p.is_dir()):
        n = upload_bucket(s3, bucket, public=True)
        print(f"{endpoint}: s3://{bucket} ({n} objects)", file=sys.stderr)


def load_auth(endpoint):
    n = upload_bucket(client(endpoint, "s3"), "flowlog-sample-daily")
    iam = client(endpoint, "iam")
    iam.create_user(UserName="analyst")
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {
                "Effect": "Deny",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::flowlog-sample-daily/{DENIED_PREFIX}*",
            },
        ],
    }
    iam.put_user_policy(
        UserName="analyst", PolicyName="read", PolicyDocument=json.dumps(policy)
    )
    key = iam.create_access_key(UserName="analyst")["AccessKey"]
    account = "123456789012"
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    role = iam.create_role(RoleName="reader", AssumeRolePolicyDocument=json.dumps(trust))
    iam.put_role_policy(
        RoleName="reader",
        PolicyName="read",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
            }
        ),
    )
    # Role credentials as STS issues them (taken now, before IAM is enforced): the CLI's
    # assume-role test hands them out from its stand-in STS.
    session = client(endpoint, "sts", key["AccessKeyId"], key["SecretAccessKey"]).assume_role(
        RoleArn=role["Role"]["Arn"], RoleSessionName="flowlog-test", DurationSeconds=43200
    )["Credentials"]
    # From now on every request must be signed by a known key and allowed by IAM.
    req = urllib.request.Request(
        f"{endpoint}/moto-api/reset-auth",
        data=b"0",
        method="POST",
        headers={"Content-Type": "text/plain"},
    )
    urllib.request.urlopen(req, timeout=10).close()
    print(f"{endpoint}: s3://flowlog-sample-daily ({n} objects), IAM enforced", file=sys.stderr)
    return {
        "FLOWLOG_TEST_S3_AUTH_ENDPOINT": endpoint,
        "FLOWLOG_TEST_S3_AUTH_KEY_ID": key["AccessKeyId"],
        "FLOWLOG_TEST_S3_AUTH_SECRET": key["SecretAccessKey"],
        "FLOWLOG_TEST_S3_AUTH_ROLE_ARN": role["Role"]["Arn"],
        "FLOWLOG_TEST_S3_AUTH_ROLE_KEY_ID": session["AccessKeyId"],
        "FLOWLOG_TEST_S3_AUTH_ROLE_SECRET": session["SecretAccessKey"],
        "FLOWLOG_TEST_S3_AUTH_ROLE_TOKEN": session["SessionToken"],
        "FLOWLOG_TEST_S3_AUTH_DENIED_PREFIX": DENIED_PREFIX,
    }


def start(state):
    state.mkdir(parents=True, exist_ok=True)
    ensure_moto()
    main = start_server(state, "main")
    load_main(main)
    auth = start_server(state, "auth", lenient=True)
    env = {"FLOWLOG_TEST_S3_ENDPOINT": main, **load_auth(auth)}
    text = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items())
    (state / "env").write_text(text)
    sys.stdout.write(text)


def stop(state):
    for pid_file in state.glob("*.pid"):
        try:
            pid = int(pid_file.read_text())
            os.killpg(pid, signal.SIGTERM)
        except (ValueError, ProcessLookupError, PermissionError):
            pass
        pid_file.unlink(missing_ok=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop", "serve"])
    parser.add_argument("--state", type=Path, help="directory for pids, logs and env")
    parser.add_argument("--port", type=int, help="serve: the port")
    parser.add_argument("--lenient-s3-signatures", action="store_true")
    args = parser.parse_args()
    if args.command == "serve":
        serve(args.port, args.lenient_s3_signatures)
    elif args.state is None:
        parser.error("--state DIR is required")
    elif args.command == "start":
        start(args.state)
    else:
        stop(args.state)


if __name__ == "__main__":
    main()
