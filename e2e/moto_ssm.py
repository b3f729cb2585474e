"""Emulator patches for SSM (managed nodes and Run Command, which `npm run verify` uses).

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.

  1. DescribeInstanceInformation: running instances with an instance profile are managed nodes.
  2. SendCommand: only the instances named (moto adds all of them), and only managed nodes.
  3. ListCommandInvocations: not in moto; one invocation per instance of each command.
"""

from typing import Any


def patch_ssm_describe_instance_information() -> None:
    """SSM DescribeInstanceInformation.

    AWS lists the managed nodes of the account and region: EC2 instances whose SSM agent registered, i.e.
    running instances with an instance profile whose role allows SSM (AmazonSSMManagedInstanceCore), with
    PingStatus Online, ResourceType EC2Instance, PlatformType Linux, IPAddress the private address; filters
    `InstanceIds`, `PingStatus`, `ResourceType`, `PlatformTypes`, `tag:<key>`, `tag-key`, and the older
    InstanceInformationFilterList (`instanceIds`, `pingStatus`, ...). moto 5.2.5 has no
    DescribeInstanceInformation at all (ssm/responses.py), so a tool that waits for the test instance to be
    managed before SendCommand never sees it. Instances without a profile are not listed (their agent
    could not register); stopped or terminated ones neither (AWS shows them ConnectionLost for a while).
    """
    from moto.core.responses import ActionResult
    from moto.ec2.models import ec2_backends
    from moto.ssm.responses import SimpleSystemManagerResponse

    def describe_instance_information(self: SimpleSystemManagerResponse) -> ActionResult:
        filters: dict[str, list[str]] = {}
        for f in self._get_param("InstanceInformationFilterList") or []:
            filters[{"instanceIds": "InstanceIds", "pingStatus": "PingStatus", "resourceType": "ResourceType",
                     "platformTypes": "PlatformTypes"}.get(f.get("key"), f.get("key"))] = f.get("valueSet") or []
        for f in self._get_param("Filters") or []:
            filters[f.get("Key")] = f.get("Values") or []
        ec2 = ec2_backends[self.current_account][self.region]
        nodes = []
        for reservation in ec2.all_reservations():
            for instance in reservation.instances:
                if instance.state != "running" or not instance.iam_instance_profile:
                    continue
                tags = dict(ec2.tags.get(instance.id, {}))
                node = {
                    "InstanceId": instance.id,
                    "PingStatus": "Online",
                    "LastPingDateTime": instance.launch_time,
                    "AgentVersion": "3.3.987.0",
                    "IsLatestVersion": True,
                    "PlatformType": "Linux",
                    "PlatformName": "Amazon Linux",
                    "PlatformVersion": "2023",
                    "ResourceType": "EC2Instance",
                    "IPAddress": instance.private_ip,
                    "ComputerName": f"ip-{(instance.private_ip or '').replace('.', '-')}.{self.region}.compute.internal",
                    "SourceId": instance.id,
                    "SourceType": "AWS::EC2::Instance",
                }
                wanted = True
                for key, values in filters.items():
                    if key == "InstanceIds":
                        wanted &= instance.id in values
                    elif key in ("PingStatus", "ResourceType", "PlatformTypes"):
                        wanted &= node["PlatformType" if key == "PlatformTypes" else key] in values
                    elif key == "tag-key":
                        wanted &= any(k in tags for k in values)
                    elif key.startswith("tag:"):
                        wanted &= tags.get(key[4:]) in values
                nodes.append(node) if wanted else None
        nodes.sort(key=lambda n: n["InstanceId"])
        start = int(self._get_param("NextToken") or 0)
        size = int(self._get_param("MaxResults") or 50)
        result: dict[str, Any] = {"InstanceInformationList": nodes[start:start + size]}
        if start + size < len(nodes):
            result["NextToken"] = str(start + size)
        return ActionResult(result)

    SimpleSystemManagerResponse.describe_instance_information = describe_instance_information


def _managed_instance_ids(account_id: str, region: str) -> set[str]:
    from moto.ec2.models import ec2_backends

    return {
        instance.id
        for reservation in ec2_backends[account_id][region].all_reservations()
        for instance in reservation.instances
        if instance.state == "running" and instance.iam_instance_profile
    }


def patch_ssm_send_command_instance_ids() -> None:
    """SSM SendCommand with `InstanceIds` (no `Targets`).

    AWS runs the command on exactly the instances named, and rejects the call with InvalidInstanceId
    ("Instances [[i-...]] not in a valid state for account ...") when one of them is not a managed node.
    moto 5.2.5 (ssm/models.py `Command._get_instance_ids_from_targets`) turns empty `Targets` into an EC2
    filter that matches nothing out, so every instance of the account is added to the command (an instance
    that was never named shows up in ListCommands `InstanceIds` and gets an invocation), and it accepts any
    id. A verification tool that reads back which instance got which command lines needs the AWS behaviour.
    """
    from moto.core.exceptions import JsonRESTError
    from moto.ssm.models import Command, SimpleSystemManagerBackend

    original_targets = Command._get_instance_ids_from_targets

    def _get_instance_ids_from_targets(self: Command) -> list[str]:
        return original_targets(self) if self.targets else []

    Command._get_instance_ids_from_targets = _get_instance_ids_from_targets

    original_send = SimpleSystemManagerBackend.send_command

    def send_command(self: SimpleSystemManagerBackend, *args, **kwargs):
        named = kwargs.get("instance_ids") or []
        invalid = sorted(set(named) - _managed_instance_ids(self.account_id, self.region_name))
        if invalid:
            raise JsonRESTError(
                "InvalidInstanceId", f"Instances [[{', '.join(invalid)}]] not in a valid state for account {self.account_id}"
            )
        return original_send(self, *args, **kwargs)

    SimpleSystemManagerBackend.send_command = send_command


def patch_ssm_list_command_invocations() -> None:
    """SSM ListCommandInvocations.

    AWS returns one CommandInvocation per target instance of each command (filtered by CommandId and/or
    InstanceId), with Status, RequestedDateTime, DocumentName and, when Details=true, CommandPlugins[]
    (Name aws:runShellScript, Status, ResponseCode, Output). moto 5.2.5 has no ListCommandInvocations
    (ssm/responses.py), only ListCommands and GetCommandInvocation. moto runs nothing: every invocation is
    `Success`, ResponseCode 0, with an empty StandardOutputContent / Output; the commands sent stay readable in
    ListCommands `Parameters.commands`.
    """
    from moto.core.responses import ActionResult
    from moto.ssm.responses import SimpleSystemManagerResponse

    def list_command_invocations(self: SimpleSystemManagerResponse) -> ActionResult:
        command_id = self._get_param("CommandId")
        instance_id = self._get_param("InstanceId")
        details = bool(self._get_param("Details"))
        invocations = []
        for command in self.ssm_backend.list_commands(command_id, None):
            for invocation in command.invocations:
                if instance_id and invocation["InstanceId"] != instance_id:
                    continue
                entry = {
                    "CommandId": command.command_id,
                    "InstanceId": invocation["InstanceId"],
                    "InstanceName": "",
                    "Comment": command.comment,
                    "DocumentName": command.document_name,
                    "DocumentVersion": "$DEFAULT",
                    "RequestedDateTime": command.requested_date_time,
                    "Status": invocation["Status"],
                    "StatusDetails": invocation["StatusDetails"],
                    "StandardOutputUrl": "",
                    "StandardErrorUrl": "",
                    "ServiceRole": command.service_role_arn,
                    "NotificationConfig": command.notification_config,
                }
                if details:
                    entry["CommandPlugins"] = [{
                        "Name": invocation["PluginName"],
                        "Status": invocation["Status"],
                        "StatusDetails": invocation["StatusDetails"],
                        "ResponseCode": invocation["ResponseCode"],
                        "ResponseStartDateTime": command.requested_date_time,
                        "ResponseFinishDateTime": command.requested_date_time,
                        "Output": invocation["StandardOutputContent"],
                        "StandardOutputUrl": "",
                        "StandardErrorUrl": "",
                    }]
                invocations.append(entry)
        return ActionResult({"CommandInvocations": invocations})

    SimpleSystemManagerResponse.list_command_invocations = list_command_invocations
