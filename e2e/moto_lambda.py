"""Emulator patch for Lambda: Invoke runs a Python function's handler, without Docker.

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.
Each patch names what moto does, what AWS does, and the provider code path that depends on it.

  1. Lambda Invoke of a `.zip` function with a `python3.*` runtime: the handler runs for real, in a child process
     of the venv's Python (boto3 is there, as it is in Lambda's Python runtimes), with the function's environment,
     the endpoint of this emulator and the credentials of the function's execution role in the function's account;
     its answer, or a FunctionError, comes back as Lambda's.

What it does not emulate: the runtime's own Python version (the venv's is used), memory limits, and IAM evaluation
of the role's policies (moto evaluates no identity policy: the function can do whatever its role's account can;
the unit tier asserts the role's policy instead).
"""

import base64
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from typing import Any

# Runs inside the child process: imports the handler's module from the unzipped code (LAMBDA_TASK_ROOT), calls the
# handler with the event and a context, and writes {"result": …} or {"error": …} to the file named by argv[2].
_RUNNER = r'''
import importlib, json, os, sys, time, traceback

event_file, answer_file, deadline_ms = sys.argv[1], sys.argv[2], int(sys.argv[3])


class Context:
    function_name = os.environ["AWS_LAMBDA_FUNCTION_NAME"]
    function_version = os.environ["AWS_LAMBDA_FUNCTION_VERSION"]
    invoked_function_arn = os.environ["_PRIVAPI_FUNCTION_ARN"]
    memory_limit_in_mb = os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]
    aws_request_id = os.environ["_PRIVAPI_REQUEST_ID"]
    log_group_name = os.environ["AWS_LAMBDA_LOG_GROUP_NAME"]
    log_stream_name = os.environ["AWS_LAMBDA_LOG_STREAM_NAME"]

    @staticmethod
    def get_remaining_time_in_millis():
        return max(0, deadline_ms - int(time.time() * 1000))


def answer(value):
    with open(answer_file, "w") as out:
        json.dump(value, out)


def error(error_type, message, trace=None):
    answer({"error": {"errorMessage": message, "errorType": error_type, "requestId": Context.aws_request_id,
                      "stackTrace": trace or []}})


module_name, _, function_name = os.environ["_HANDLER"].rpartition(".")
sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
try:
    module = importlib.import_module(module_name.replace("/", "."))
except Exception as e:
    error("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {e}")
    sys.exit(0)
handler = getattr(module, function_name, None)
if handler is None:
    error("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")
    sys.exit(0)
with open(event_file) as f:
    event = json.load(f)
try:
    result = handler(event, Context())
except Exception as e:
    error(type(e).__name__, str(e), traceback.format_list(traceback.extract_tb(e.__traceback__)[1:]))
    sys.exit(0)
try:
    answer({"result": json.loads(json.dumps(result))})
except TypeError as e:
    error("Runtime.MarshalError", f"Unable to marshal response: {e}")
'''


def _assume_execution_role(fn) -> dict[str, str]:
    """Credentials of the execution role, in the role's account, as Lambda hands them to the runtime.

    AWS: Lambda assumes the execution role, whose trust policy must let `lambda.amazonaws.com` call
    sts:AssumeRole, else "The role defined for the function cannot be assumed by Lambda"
    (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html); the runtime gets the temporary
    credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
    (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    moto's STS AssumeRole maps the new keys to the account in the role's ARN.
    """
    from moto.awslambda.exceptions import InvalidParameterValueException
    from moto.iam.models import iam_backends
    from moto.sts.models import sts_backends
    from moto.utilities.utils import get_partition

    refused = InvalidParameterValueException("The role defined for the function cannot be assumed by Lambda.")
    account_id = fn.role.split(":")[4]
    partition = get_partition(fn.region)
    try:
        role = iam_backends[account_id][partition].get_role_by_arn(fn.role)
    except Exception:
        raise refused
    trust = json.loads(role.assume_role_policy_document) if isinstance(role.assume_role_policy_document, str) else role.assume_role_policy_document
    statements = trust.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]

    def admits_lambda(statement: dict) -> bool:
        services = (statement.get("Principal") or {}).get("Service", []) if isinstance(statement.get("Principal"), dict) else []
        actions = statement.get("Action", [])
        return (
            statement.get("Effect") == "Allow"
            and "lambda.amazonaws.com" in ([services] if isinstance(services, str) else services)
            and "sts:AssumeRole" in ([actions] if isinstance(actions, str) else actions)
        )

    if not any(admits_lambda(s) for s in statements):
        raise refused
    assumed = sts_backends[account_id][partition].assume_role(
        region_name=fn.region, role_session_name=fn.function_name, role_arn=fn.role,
        policy=None, duration=3600, external_id=None,
    )
    return {
        "AWS_ACCESS_KEY_ID": assumed.access_key_id,
        "AWS_SECRET_ACCESS_KEY": assumed.secret_access_key,
        "AWS_SESSION_TOKEN": assumed.session_token,
    }


def _run_python(fn, event: Any, endpoint_url: str) -> tuple[bytes, bool, str]:
    """Runs the handler once; returns (payload, function error?, logs)."""
    request_id = str(uuid.uuid4())
    now = time.gmtime()
    log_stream = f"{now.tm_year}/{now.tm_mon:02d}/{now.tm_mday:02d}/[{fn.version}]{uuid.uuid4().hex}"
    timeout = float(fn.timeout)
    with tempfile.TemporaryDirectory(prefix="moto-lambda-") as work:
        task_root = os.path.join(work, "task")
        with zipfile.ZipFile(io.BytesIO(fn.code_bytes)) as code:
            code.extractall(task_root)
        event_file, answer_file = os.path.join(work, "event.json"), os.path.join(work, "answer.json")
        with open(event_file, "w") as f:
            json.dump(event, f)
        env = {
            # Nothing of the emulator's own environment but PATH: the code sees what Lambda would give it.
            "PATH": os.environ.get("PATH", os.defpath),
            "LANG": "en_US.UTF-8",
            "TZ": ":UTC",
            **{k: str(v) for k, v in (fn.environment_vars or {}).items()},
            "_HANDLER": fn.handler,
            "LAMBDA_TASK_ROOT": task_root,
            "AWS_EXECUTION_ENV": f"AWS_Lambda_{fn.run_time}",
            "AWS_LAMBDA_FUNCTION_NAME": fn.function_name,
            "AWS_LAMBDA_FUNCTION_VERSION": str(fn.version),
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(fn.memory_size),
            "AWS_LAMBDA_LOG_GROUP_NAME": fn.logs_group_name,
            "AWS_LAMBDA_LOG_STREAM_NAME": log_stream,
            "AWS_REGION": fn.region,
            "AWS_DEFAULT_REGION": fn.region,
            **_assume_execution_role(fn),
            # The emulator in place of AWS's regional endpoints; no local AWS configuration or instance metadata.
            "AWS_ENDPOINT_URL": endpoint_url,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
            "_PRIVAPI_FUNCTION_ARN": fn.function_arn,
            "_PRIVAPI_REQUEST_ID": request_id,
        }
        deadline_ms = int((time.time() + timeout) * 1000)
        started = time.time()
        try:
            run = subprocess.run(
                [sys.executable, "-c", _RUNNER, event_file, answer_file, str(deadline_ms)],
                cwd=task_root, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
            )
            output = run.stdout + run.stderr
            answer = json.load(open(answer_file)) if os.path.exists(answer_file) else None
        except subprocess.TimeoutExpired as expired:
            output = "".join(part.decode() if isinstance(part, bytes) else part for part in (expired.stdout or "", expired.stderr or ""))
            answer = {"error": {"errorType": "Sandbox.Timedout",
                                "errorMessage": f"RequestId: {request_id} Error: Task timed out after {timeout:.2f} seconds"}}
        if answer is None:
            answer = {"error": {"errorType": "Runtime.ExitError",
                                "errorMessage": f"RequestId: {request_id} Error: Runtime exited with error: exit status {run.returncode}"}}
    billed = int((time.time() - started) * 1000)
    logs = f"START RequestId: {request_id} Version: {fn.version}\n{output}END RequestId: {request_id}\n" \
           f"REPORT RequestId: {request_id}\tDuration: {billed} ms\tMemory Size: {fn.memory_size} MB\n"
    # Lambda logs into the group if it exists or the role may create it; moto's save_logs would create it for any role.
    if fn.logs_group_name in fn.logs_backend.groups:
        fn.save_logs(logs)
    if "error" in answer:
        return json.dumps(answer["error"]).encode(), True, logs
    return json.dumps(answer["result"]).encode(), False, logs


def patch_invoke_runs_python_handler() -> None:
    """Lambda Invoke (`POST /2015-03-31/functions/<name>/invocations`) of a Python `.zip` function.

    moto (awslambda/models.py `LambdaFunction.invoke` -> `_invoke_lambda`) runs the code only in a Docker
    container; without a Docker engine it answers `error running docker: …` as a Handled function error, so nothing
    the function does happens. AWS runs the handler in the function's runtime with the function's environment and
    its execution role's credentials, within its timeout (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html):
    RequestResponse returns the handler's JSON answer; an exception the handler raises, a timeout or a module that does
    not import return 200 with `X-Amz-Function-Error: Unhandled` and `{"errorMessage", "errorType", …}` as the payload
    (https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html); `X-Amz-Log-Type: Tail` returns the last
    4 KB of the log, base64, in `X-Amz-Log-Result`; `Event` answers 202 at once and runs the function afterwards;
    `DryRun` runs nothing. The log goes to the function's log group (`/aws/lambda/<name>`).
    The provider's `aws_lambda_invocation` (lambda/invocation.go `invoke`) sends RequestResponse and fails the apply
    with the payload when FunctionError is set: the emulator must run the code for that apply to mean anything.
    The child process reaches this emulator at the address the caller used (the request's Host), so the function's
    own calls land in the same accounts. Functions whose runtime is not Python, or container images, keep moto's
    behaviour.
    """
    from moto.awslambda.models import LambdaFunction

    original = LambdaFunction.invoke

    def invoke(self: LambdaFunction, body: str, request_headers: Any, response_headers: Any) -> str | bytes:
        host = request_headers.get("Host") if request_headers else None
        if self.package_type != "Zip" or not str(self.run_time or "").startswith("python") or not host:
            return original(self, body, request_headers, response_headers)
        event = json.loads(body) if body else {}
        endpoint_url = f"http://{host}"
        invocation_type = request_headers.get("X-Amz-Invocation-Type", "RequestResponse")
        if invocation_type == "DryRun":
            return b""
        if invocation_type == "Event":
            threading.Thread(target=_run_python, args=(self, event, endpoint_url), daemon=True).start()
            return b""
        payload, failed, logs = _run_python(self, event, endpoint_url)
        if failed:
            response_headers["x-amz-function-error"] = "Unhandled"
        response_headers["x-amz-executed-version"] = str(self.version)
        # The provider's invocation.go reads Payload and FunctionError; the tail is what `--log-type Tail` shows.
        response_headers["x-amz-log-result"] = base64.b64encode(logs.encode()[-4096:]).decode()
        return payload

    LambdaFunction.invoke = invoke

