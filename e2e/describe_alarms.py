"""Prints the CloudWatch metric alarms of one emulated account as JSON (the e2e tier's read-back of alarms).

    python e2e/describe_alarms.py <endpoint-url> <role-arn> [<alarm-name-prefix>]

Why Python: the JavaScript SDK's CloudWatch client speaks the JSON 1.0 protocol, which moto 5.2.5 does not
parse for CloudWatch (`Unsupported protocol [json] for service cloudwatch`); boto3 speaks the query protocol,
which moto serves. Both are AWS SDKs reading the same API (DescribeAlarms).
"""

import json
import sys

import boto3


def main() -> None:
    endpoint, role_arn = sys.argv[1:3]
    prefix = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
    base = {"endpoint_url": endpoint, "region_name": "ap-northeast-1"}
    sts = boto3.client("sts", aws_access_key_id="testing", aws_secret_access_key="testing", **base)
    credentials = sts.assume_role(RoleArn=role_arn, RoleSessionName="privapi-e2e")["Credentials"]
    cloudwatch = boto3.client(
        "cloudwatch",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        **base,
    )
    alarms = cloudwatch.describe_alarms(**({"AlarmNamePrefix": prefix} if prefix else {}))["MetricAlarms"]
    print(json.dumps(alarms, default=str))


if __name__ == "__main__":
    main()
