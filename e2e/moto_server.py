"""moto server for the e2e tier, with the patches our Terraform apply / re-plan / destroy needs.

    python e2e/moto_server.py [--port N]     # N = 0 (default): any free port

Listens on 127.0.0.1, prints exactly one line `MOTO_READY http://127.0.0.1:<port>` once it accepts
requests, and runs until SIGTERM or SIGINT. Accounts come from the provider's `assume_role` into
`arn:aws:iam::<account>:role/...` (moto's STS maps the returned keys to that account).

Patches (moto 5.2.5; each one says where moto goes wrong and what AWS does):
  1. API Gateway RestApi responses: `policy` is the backslash-escaped JSON string AWS returns.
  2. EC2 RunInstances: an EBS mapping without size/snapshot (the root_block_device) uses the AMI's snapshot.
  3. EC2 CreateVpcEndpoint (Interface): ENIs get addresses from their subnets and the endpoint's groups.
  4. EC2 CreateVpcEndpoint (Interface): DnsEntries[0] is `vpce-...<service>.<region>.vpce.amazonaws.com`
     in the region's vpce hosted zone.
  5. EC2 DescribeInstances: no empty ENI `Association` without a public IP; the instance's `SecurityGroups`
     include the groups given on its primary network interface.
  6. Route 53 CreateHostedZone: a zone created with a VPC is private and associated with that VPC.
  7. EC2 cross-account VPC peering: each account reads its own tags on the shared connection.
"""

import argparse
import json
import signal
import sys
import threading

import moto

from moto_apigateway import PATCHES as APIGATEWAY_PATCHES

PINNED_MOTO = "5.2.5"


def patch_apigateway_policy_escaping() -> None:
    """CreateRestApi / GetRestApi / GetRestApis / UpdateRestApi `policy`.

    AWS returns the resource policy as a JSON document whose quotes are backslash-escaped
    (`{\\"Version\\":...}` inside the JSON string), and terraform-provider-aws reads it that way:
    rest_api.go `flattenAPIPolicy` wraps the value in quotes, normalizes it as JSON and
    `strconv.Unquote`s it. moto (apigateway/models.py `RestAPI.to_dict`) returns the policy exactly as
    it was sent, so the provider fails with `invalid character 'S' after top-level value`.
    Escaping it as a JSON string body (json.dumps minus the outer quotes) gives the AWS form.
    """
    from moto.apigateway.models import RestAPI

    original = RestAPI.to_dict

    def to_dict(self: RestAPI) -> dict:
        result = original(self)
        if result.get(RestAPI.PROP_POLICY):
            result[RestAPI.PROP_POLICY] = json.dumps(result[RestAPI.PROP_POLICY])[1:-1]
        return result

    RestAPI.to_dict = to_dict


def patch_run_instances_root_device_from_ami() -> None:
    """RunInstances `BlockDeviceMapping.N.Ebs` without VolumeSize and SnapshotId.

    AWS merges such a mapping (e.g. the provider's `root_block_device { encrypted = true }`, sent for the
    AMI's root device name) over the AMI's own mapping for that device, so the volume is created from
    the AMI's snapshot. moto (ec2/responses/instances.py `_validate_block_device_mapping`) rejects it
    with `MissingParameter: size or snapshotId`. We fill in the AMI's snapshot for that device first.
    """
    from moto.ec2.responses.instances import InstanceResponse

    original = InstanceResponse._parse_block_device_mapping

    def _parse_block_device_mapping(self: InstanceResponse) -> list:
        # The parsed request params are mutable dicts that the original reads right after.
        incomplete = [
            m
            for m in self._get_param("BlockDeviceMappings", [])
            if "Ebs" in m and not (m["Ebs"].get("VolumeSize") or m["Ebs"].get("SnapshotId"))
        ]
        image_id = self._get_param("ImageId")
        if incomplete and image_id:
            image = self.ec2_backend.describe_images(ami_ids=[image_id])[0]
            ami_snapshots = {m["DeviceName"]: m["Ebs"].get("SnapshotId") for m in image.block_device_mappings}
            for mapping in incomplete:
                snapshot_id = ami_snapshots.get(mapping.get("DeviceName"))
                if snapshot_id:
                    mapping["Ebs"]["SnapshotId"] = snapshot_id
        return original(self)

    InstanceResponse._parse_block_device_mapping = _parse_block_device_mapping


def patch_interface_endpoint_enis() -> None:
    """CreateVpcEndpoint (VpcEndpointType=Interface): the endpoint's network interfaces.

    AWS creates one requester-managed ENI per subnet with an address from that subnet, in the endpoint's
    security groups. moto (ec2/models/vpcs.py `create_vpc_endpoint`) creates them with
    `random_private_ip()`, an address anywhere in 10.0.0.0/8, and no groups (so DescribeNetworkInterfaces
    shows the VPC's default group). NLB targets are those addresses, so they must be in the subnet.
    We give each ENI the subnet's next free address (moto's allocator for instances), and its groups.
    """
    from moto.ec2.models import EC2Backend

    original = EC2Backend.create_vpc_endpoint

    def create_vpc_endpoint(self: EC2Backend, *args, **kwargs):
        endpoint = original(self, *args, **kwargs)
        if (endpoint.vpc_endpoint_type or "").lower() == "interface":
            for eni_id in endpoint.network_interface_ids:
                eni = self.get_network_interface(eni_id)
                address = eni.subnet.get_available_subnet_ip(eni)
                eni.private_ip_address = address
                eni.private_ip_addresses = [{"Primary": True, "PrivateIpAddress": address}]
                eni._group_set = [self.get_security_group_from_id(g) for g in endpoint.security_group_ids]
                eni.description = f"VPC Endpoint Interface {endpoint.id}"
                eni.interface_type = "vpc_endpoint"
                eni.requester_managed = True
        return endpoint

    EC2Backend.create_vpc_endpoint = create_vpc_endpoint


# Route 53 zone of `*.<region>.vpce.amazonaws.com`, the alias target zone of every interface endpoint there.
VPCE_HOSTED_ZONE_IDS = {"ap-northeast-1": "Z2E726K9Y6RL4W"}


def patch_interface_endpoint_dns_name() -> None:
    """CreateVpcEndpoint (Interface) / DescribeVpcEndpoints `DnsEntries[0]`.

    AWS names an interface endpoint `vpce-<id>-<8 chars>.<service>.<region>.vpce.amazonaws.com`
    (`<service>` is `execute-api`, `ssm`, or an endpoint service's `vpce-svc-...`) in the region's
    vpce hosted zone (Z2E726K9Y6RL4W in ap-northeast-1). moto (ec2/utils.py `create_dns_entries`) returns
    `vpce-<id>-<8 chars>.<service name>` (e.g. `...com.amazonaws.ap-northeast-1.execute-api`) with a
    random zone id per endpoint. Our stacks alias Route 53 records to this name and zone and output
    them, so we give the regional entry AWS's form (zonal and private-DNS entries are not added).
    """
    import random
    import string

    from moto.ec2.models import EC2Backend

    original = EC2Backend.create_vpc_endpoint

    def create_vpc_endpoint(self: EC2Backend, *args, **kwargs):
        endpoint = original(self, *args, **kwargs)
        if (endpoint.vpc_endpoint_type or "").lower() == "interface" and endpoint.dns_entries:
            service = endpoint.service_name.split(f".{self.region_name}.", 1)[-1]
            suffix = "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
            entry = endpoint.dns_entries[0]
            entry["dns_name"] = f"{endpoint.id}-{suffix}.{service}.{self.region_name}.vpce.amazonaws.com"
            entry["hosted_zone_id"] = VPCE_HOSTED_ZONE_IDS.get(self.region_name, entry["hosted_zone_id"])
        return endpoint

    EC2Backend.create_vpc_endpoint = create_vpc_endpoint


def patch_instance_network_reads() -> None:
    """DescribeInstances for an instance launched with `NetworkInterface.1.*` (how the provider sends
    `subnet_id` + `associate_public_ip_address` + `vpc_security_group_ids`).

    a) AWS omits `Association` on an ENI without a public IP; the provider sets
       `associate_public_ip_address = (Association != nil)`. moto (ec2/models/elastic_network_interfaces.py
       `NetworkInterface.association`) returns `{}`, serialized as an empty element, so every re-plan
       reads `true` and forces the instance's replacement. We return None when there is no public IP.
    b) AWS lists the primary ENI's groups in the instance's `SecurityGroups`; the provider reads
       `vpc_security_group_ids` from there. moto (ec2/models/instances.py `Instance.__init__`) fills them
       only from the top-level `SecurityGroupId.N`, so the groups given on the network interface read
       back as [] and force replacement. After `prep_nics`, an instance without groups takes its
       primary ENI's.
    """
    from moto.ec2.models.elastic_network_interfaces import NetworkInterface
    from moto.ec2.models.instances import Instance

    original_association = NetworkInterface.association.fget

    def association(self: NetworkInterface):
        return original_association(self) if self.public_ip else None

    NetworkInterface.association = property(association)

    original_prep_nics = Instance.prep_nics

    def prep_nics(self: Instance, *args, **kwargs) -> None:
        original_prep_nics(self, *args, **kwargs)
        primary = self.nics.get(0)
        if not self.security_groups and primary is not None:
            self.security_groups = list(primary._group_set)

    Instance.prep_nics = prep_nics


def patch_route53_private_zone_from_vpc() -> None:
    """CreateHostedZone with a `VPC` element.

    AWS creates a private hosted zone whenever a VPC is given (`HostedZoneConfig.PrivateZone` is
    documented as not used by CreateHostedZone; the provider never sends it). moto
    (route53/responses.py `Route53.create_hosted_zone`) reads the VPC only when PrivateZone=true, so the
    zone is created public with no VPC, and every re-plan wants to add the `vpc` block again.
    We set PrivateZone=true when a VPC is given and PrivateZone is not.
    """
    from moto.route53.responses import Route53

    original = Route53.create_hosted_zone

    def create_hosted_zone(self: Route53):
        if self._get_param("VPC.VPCId") and self._get_param("HostedZoneConfig.PrivateZone") is None:
            self.params.setdefault("HostedZoneConfig", {})["PrivateZone"] = True
        return original(self)

    Route53.create_hosted_zone = create_hosted_zone


def patch_peering_tags_per_account() -> None:
    """DescribeVpcPeeringConnections / AcceptVpcPeeringConnection `Tags`, cross-account.

    In AWS each account tags its own side of a cross-account peering connection (the provider's
    documented pattern: `Side = "Requester"` on aws_vpc_peering_connection, `Side = "Accepter"` on
    aws_vpc_peering_connection_accepter). moto (ec2/models/vpc_peering_connections.py) shares one
    `VPCPeeringConnection` between both accounts' backends and its `get_tags` always reads the
    requester's tag store, so the accepter reads the requester's tags and re-plans forever.
    Both accounts keep seeing the same connection (status, options); only the tags are read from
    the calling account's store, which is where its CreateTags already writes them.
    """
    import copy

    from moto.ec2.models.vpc_peering_connections import VPCPeeringConnectionBackend

    def as_seen_by(backend, pcx):
        if pcx.ec2_backend is backend:
            return pcx
        view = copy.copy(pcx)  # shares status, VPCs and options; only ec2_backend (tag store) differs
        view.ec2_backend = backend
        return view

    original_describe = VPCPeeringConnectionBackend.describe_vpc_peering_connections
    original_get = VPCPeeringConnectionBackend.get_vpc_peering_connection

    def describe_vpc_peering_connections(self, *args, **kwargs):
        return [as_seen_by(self, pcx) for pcx in original_describe(self, *args, **kwargs)]

    def get_vpc_peering_connection(self, vpc_pcx_id):
        return as_seen_by(self, original_get(self, vpc_pcx_id))

    VPCPeeringConnectionBackend.describe_vpc_peering_connections = describe_vpc_peering_connections
    VPCPeeringConnectionBackend.get_vpc_peering_connection = get_vpc_peering_connection


PATCHES = [
    patch_apigateway_policy_escaping,
    patch_run_instances_root_device_from_ami,
    patch_interface_endpoint_enis,
    patch_interface_endpoint_dns_name,
    patch_instance_network_reads,
    patch_route53_private_zone_from_vpc,
    patch_peering_tags_per_account,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: any free port)")
    args = parser.parse_args()

    if moto.__version__ != PINNED_MOTO:
        sys.exit(f"moto {moto.__version__} installed; these patches were verified against {PINNED_MOTO}")
    for patch in PATCHES + APIGATEWAY_PATCHES:
        patch()

    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
    server.start()
    print(f"MOTO_READY http://127.0.0.1:{server.get_host_and_port()[1]}", flush=True)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    server.stop()


if __name__ == "__main__":
    main()
