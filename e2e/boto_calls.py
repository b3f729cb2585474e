"""Runs AWS API calls in one emulated account and prints their answers as JSON (the e2e tier's read-backs of AWS RAM).

    python e2e/boto_calls.py <endpoint-url> <role-arn> <region> <service>   < [["get_resource_shares", {...}], ...]

Why Python: the project pins every JavaScript SDK client to one release, and the npm registry has no AWS RAM client
of that release (mixing releases mixes their shared runtime packages); boto3, already in the emulator's venv, reads
the same API. One process runs a batch of calls, so a read-back pays Python's start-up once. An error answers
`{"error": "<code>", "message": "..."}` in its place instead of stopping the batch.
"""

import json
import sys

import boto3
from botocore.exceptions import ClientError


def main() -> None:
    endpoint, role_arn, region, service = sys.argv[1:5]
    base = {"endpoint_url": endpoint, "region_name": region}
    sts = boto3.client("sts", aws_access_key_id="testing", aws_secret_access_key="testing", **base)
    credentials = sts.assume_role(RoleArn=role_arn, RoleSessionName="privapi-e2e")["Credentials"]
    client = boto3.client(
        service,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        **base,
    )
    answers = []
    for operation, params in json.load(sys.stdin):
        try:
            answer = getattr(client, operation)(**params)
            answer.pop("ResponseMetadata", None)
            answers.append(answer)
        except ClientError as error:
            answers.append({"error": error.response["Error"]["Code"], "message": error.response["Error"].get("Message", "")})
    print(json.dumps(answers, default=str))


if __name__ == "__main__":
    main()
