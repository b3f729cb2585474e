"""Emulator patches for EC2: instances, VPC peering, interface endpoints and endpoint services (PrivateLink).

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.

  1. RunInstances: an EBS mapping without size/snapshot (the root_block_device) uses the AMI's snapshot.
  2. CreateVpcEndpoint (Interface): ENIs get addresses from their subnets and the endpoint's groups.
  3. ModifyVpcEndpoint (Interface) Add/RemoveSubnetIds: one endpoint ENI per added subnet (as in 2), the removed
     subnet's ENI deleted, one subnet per AZ; an endpoint may start with no subnets.
  4. CreateVpcEndpoint (Interface): DnsEntries[0] is `vpce-...<service>.<region>.vpce.amazonaws.com` in the
     region's vpce hosted zone.
  5. DescribeInstances: no empty ENI `Association` without a public IP; the instance's `SecurityGroups` include
     the groups given on its primary network interface.
  6. Cross-account VPC peering: each account reads its own tags on the shared connection.
  7. CreateVpcEndpoint to an endpoint service: refused (`InvalidServiceName`) unless the caller's account is an
     allowed principal; `pendingAcceptance` when the service requires acceptance; no explicit private DNS on a
     service without a private DNS name.
  8. Describe/Accept/RejectVpcEndpointConnections: the service owner sees and accepts or rejects the endpoints of
     every account to its services; a rejected endpoint's State is `rejected`.
  9. ModifyVpcEndpointServiceConfiguration `RemoveNetworkLoadBalancerArns`: refused
     (`ExistingVpcEndpointConnections`) while endpoints are connected to the service.
 10. Endpoint service `AvailabilityZones`: fixed when a load balancer is associated (created or
     ModifyVpcEndpointServiceConfiguration), not when the NLB gains a subnet; consumer endpoints in an AZ the
     service does not offer are refused.
 11. Endpoint service cross-Region access: `SupportedRegions` always hold the host Region, which can't be removed;
     CreateVpcEndpoint `ServiceRegion` looks the service up there (refused unless the caller's Region is
     supported; principals and acceptance as in 7), is stored and returned; cross-Region subnets must be in AZs
     offered for remote access (10 applies to same-Region consumers); connections (8) include cross-Region
     endpoints. Opt-in Regions are not emulated (moto has no opt-in state: all are enabled).
 12. CreateVpcEndpoint `Resource`, DeleteVpcEndpoints of it, DescribeVpcEndpointAssociations: a VPC Lattice resource
     endpoint to a resource configuration of the caller's or shared with it through RAM and accepted.
 13. DescribeSecurityGroupRules: a rule that references another security group reads back with its description
     (only that answer: how moto stores and matches rules on authorize and revoke is left as it is).
"""

import threading


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


# Serializes endpoint ENI creation/removal: the provider changes one endpoint's subnets one call at a time
# (a mutex per endpoint, in one process), but other endpoints may take addresses in the same subnets at once.
_ENDPOINT_ENI_LOCK = threading.RLock()


def _is_interface_endpoint(endpoint) -> bool:
    return (endpoint.vpc_endpoint_type or "").lower() == "interface"


def _shape_endpoint_eni(backend, endpoint, eni) -> None:
    """Makes `eni` what AWS creates for an interface endpoint in its subnet: requester-managed, type
    `vpc_endpoint`, described `VPC Endpoint Interface <vpce-id>`, in the endpoint's groups, with the
    subnet's next free address (moto's allocator for instances)."""
    with _ENDPOINT_ENI_LOCK:
        address = eni.subnet.get_available_subnet_ip(eni)
    eni.private_ip_address = address
    eni.private_ip_addresses = [{"Primary": True, "PrivateIpAddress": address}]
    eni._group_set = [backend.get_security_group_from_id(g) for g in endpoint.security_group_ids]
    eni.description = f"VPC Endpoint Interface {endpoint.id}"
    eni.interface_type = "vpc_endpoint"
    eni.requester_managed = True


def patch_interface_endpoint_enis() -> None:
    """CreateVpcEndpoint (VpcEndpointType=Interface): the endpoint's network interfaces.

    AWS creates one requester-managed ENI per subnet with an address from that subnet, in the endpoint's
    security groups. moto (ec2/models/vpcs.py `create_vpc_endpoint`) creates them with
    `random_private_ip()`, an address anywhere in 10.0.0.0/8, and no groups (so DescribeNetworkInterfaces
    shows the VPC's default group). NLB targets are those addresses, so they must be in the subnet.
    We give each ENI the subnet's next free address (moto's allocator for instances), and its groups.
    An endpoint created without subnets (the provider omits `SubnetIds` when `subnet_ids` is empty, and
    `aws_vpc_endpoint_subnet_association` adds them later) gets an empty subnet list instead of moto's
    None, on which ModifyVpcEndpoint `AddSubnetIds` would fail.
    """
    from moto.ec2.models import EC2Backend

    original = EC2Backend.create_vpc_endpoint

    def create_vpc_endpoint(self: EC2Backend, *args, **kwargs):
        endpoint = original(self, *args, **kwargs)
        if _is_interface_endpoint(endpoint):
            if endpoint.subnet_ids is None:
                endpoint.subnet_ids = []
            for eni_id in endpoint.network_interface_ids:
                _shape_endpoint_eni(self, endpoint, self.get_network_interface(eni_id))
        return endpoint

    EC2Backend.create_vpc_endpoint = create_vpc_endpoint


def patch_interface_endpoint_subnet_changes() -> None:
    """ModifyVpcEndpoint `AddSubnetIds` / `RemoveSubnetIds` on an Interface endpoint.

    AWS creates the endpoint's ENI in each added subnet (as CreateVpcEndpoint does: see
    patch_interface_endpoint_enis) and deletes the ENI of each removed subnet, so DescribeVpcEndpoints
    reports `SubnetIds` and `NetworkInterfaceIds` in step; it refuses a second subnet in an AZ the
    endpoint already uses (`DuplicateSubnetsInSameZone`). moto (ec2/models/vpcs.py `VPCEndPoint.modify`)
    only edits the subnet list: no ENI appears, so `aws_vpc_endpoint_subnet_association` (which sends
    one AddSubnetIds per subnet, vpc_endpoint_subnet_association.go `modifyVPCEndpointExclusive`, and
    on destroy RemoveSubnetIds) leaves `network_interface_ids` empty and the per-subnet
    `data "aws_network_interface"` (filters `subnet-id` + `description`) finds nothing.
    """
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models import EC2Backend

    original = EC2Backend.modify_vpc_endpoint

    def modify_vpc_endpoint(self: EC2Backend, vpc_id, policy_doc, add_subnets, remove_subnets, *args, **kwargs):
        endpoint = self.get_vpc_end_point(vpc_id)
        if not _is_interface_endpoint(endpoint):
            return original(self, vpc_id, policy_doc, add_subnets, remove_subnets, *args, **kwargs)
        with _ENDPOINT_ENI_LOCK:
            if endpoint.subnet_ids is None:
                endpoint.subnet_ids = []
            enis = {eni_id: self.get_network_interface(eni_id) for eni_id in endpoint.network_interface_ids}
            zones = {eni.subnet.availability_zone: eni.subnet.id for eni in enis.values()}
            added = []
            for subnet_id in add_subnets or []:
                subnet = self.get_subnet(subnet_id)
                if subnet_id in endpoint.subnet_ids or subnet_id in added:
                    continue
                if subnet.availability_zone in zones:
                    raise EC2ClientError(
                        "DuplicateSubnetsInSameZone",
                        f"Found another VPC endpoint subnet in the availability zone of {subnet_id}. VPC endpoint "
                        "subnets should be in different availability zones supported by the VPC endpoint service.",
                    )
                zones[subnet.availability_zone] = subnet_id
                added.append(subnet_id)
            original(self, vpc_id, policy_doc, add_subnets, remove_subnets, *args, **kwargs)
            for eni_id, eni in enis.items():
                if eni.subnet.id in (remove_subnets or []):
                    eni.subnet.del_subnet_ip(eni.private_ip_address)
                    self.enis.pop(eni_id, None)
                    endpoint.network_interface_ids.remove(eni_id)
            for subnet_id in added:
                eni = self.create_network_interface(subnet_id, None)
                _shape_endpoint_eni(self, endpoint, eni)
                endpoint.network_interface_ids.append(eni.id)

    EC2Backend.modify_vpc_endpoint = modify_vpc_endpoint


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
    The region in the name is the service's: "endpoint_id.endpoint_service_id.service_region.vpce.amazonaws.com"
    (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html#endpoint-service-dns-hostnames),
    i.e. CreateVpcEndpoint `ServiceRegion` for a cross-Region endpoint; the zone is that name's vpce zone.
    """
    import random
    import string

    from moto.ec2.models import EC2Backend

    original = EC2Backend.create_vpc_endpoint

    def create_vpc_endpoint(self: EC2Backend, *args, **kwargs):
        endpoint = original(self, *args, **kwargs)
        if (endpoint.vpc_endpoint_type or "").lower() == "interface" and endpoint.dns_entries:
            region = _requested_service_region(self)
            service = endpoint.service_name.split(f".{region}.", 1)[-1]
            suffix = "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
            entry = endpoint.dns_entries[0]
            entry["dns_name"] = f"{endpoint.id}-{suffix}.{service}.{region}.vpce.amazonaws.com"
            entry["hosted_zone_id"] = VPCE_HOSTED_ZONE_IDS.get(region, entry["hosted_zone_id"])
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


def _regional_ec2_backends(region: str) -> list:
    """Every account's EC2 backend in `region` that exists (without creating any)."""
    from moto.ec2.models import ec2_backends

    return [
        backend
        for account_backends in list(dict.values(ec2_backends))
        for backend in [dict.get(account_backends, region)]
        if backend is not None
    ]


def _all_ec2_backends() -> list:
    """Every account's EC2 backend in every region that exists (without creating any)."""
    from moto.ec2.models import ec2_backends

    return [
        backend
        for account_backends in list(dict.values(ec2_backends))
        for backend in list(dict.values(account_backends))
    ]


def _endpoint_service_by_name(region: str, service_name: str):
    """The endpoint service (VPCServiceConfiguration) named `service_name` hosted in `region` (the caller's
    region, or the CreateVpcEndpoint `ServiceRegion`), in whichever account owns it."""
    for backend in _regional_ec2_backends(region):
        for config in list(backend.configurations.values()):
            if config.service_name == service_name:
                return config
    return None


# CreateVpcEndpoint `ServiceRegion` of the request being handled (ThreadedMotoServer: one thread per request),
# set by the response handler (patch_endpoint_service_consumers) for the backend-level patches below it.
_CREATE_ENDPOINT_REQUEST = threading.local()


def _requested_service_region(backend) -> str:
    """The region CreateVpcEndpoint looks the service up in: `ServiceRegion` if sent, else the caller's."""
    return getattr(_CREATE_ENDPOINT_REQUEST, "service_region", None) or backend.region_name


def _endpoint_service_region(endpoint) -> str:
    """The region of an existing endpoint's service: its `ServiceRegion` if it was sent, else its own region."""
    return getattr(endpoint, "service_region", None) or endpoint.ec2_backend.region_name


def _supported_region_names(config) -> list:
    """The service's supported regions: the host region (always supported) and those added to it."""
    host = config.ec2_backend.region_name
    names = [host]
    for region in config._supported_region_names:
        if region not in names:
            names.append(region)
    return names


def _acceptance_required(config) -> bool:
    return str(config.acceptance_required).lower() == "true"


def patch_endpoint_service_consumers() -> None:
    """CreateVpcEndpoint against an endpoint service (`com.amazonaws.vpce.<region>.vpce-svc-...`).

    AWS lets an account other than the service owner create the endpoint only if the service's allowed
    principals (ModifyVpcEndpointServicePermissions; `aws_vpc_endpoint_service.allowed_principals`)
    include `*`, that account's root `arn:aws:iam::<account>:root`, or the calling IAM principal; for
    anyone else the service does not exist: `InvalidServiceName` "The Vpc Endpoint Service '<name>' does
    not exist". It refuses `PrivateDnsEnabled=true` when the service has no private DNS name
    (`InvalidParameter`). The new endpoint's State is `pendingAcceptance` while the service requires
    acceptance and `available` otherwise; the provider's waitVPCEndpointAvailable accepts both, and
    `auto_accept` calls AcceptVpcEndpointConnections (vpc_endpoint.go `vpcEndpointAccept`). moto
    (ec2/models/vpcs.py `create_vpc_endpoint`) accepts any service name from anyone, always `available`.
    An IAM role/user ARN principal is matched by its account here (the product only allows roots).
    Cross-Region (CreateVpcEndpoint `ServiceRegion`, EC2 API reference CreateVpcEndpoint: "The Region where
    the service is hosted. The default is the current Region."; https://docs.aws.amazon.com/vpc/latest/
    privatelink/privatelink-share-your-services.html#endpoint-service-cross-region): the service is looked up
    in `ServiceRegion`, and for a caller whose region is not among the service's supported regions it does
    not exist (`InvalidServiceName`, as the provider's TestAccVPCEndpoint_invalidCrossRegionService expects:
    "The Vpc Endpoint Service '<name>' does not exist"); otherwise principals and acceptance apply as above.
    A `com.amazonaws.vpce.` name with no such service in the looked-up region is refused the same way (moto
    would create an endpoint to it). The endpoint keeps `ServiceRegion` and returns it from CreateVpcEndpoint
    and DescribeVpcEndpoints; the provider reads it into `service_region` (Optional, Computed, ForceNew:
    without it every plan would replace the endpoint). Whether AWS also returns it for endpoints created
    without it is not documented; we return it only when it was sent (the attribute is Computed, so that
    gives no diff either way).
    """
    from moto.ec2.exceptions import EC2ClientError, InvalidServiceName
    from moto.ec2.models import EC2Backend
    from moto.ec2.responses.vpcs import VPCs

    original = EC2Backend.create_vpc_endpoint

    def create_vpc_endpoint(self: EC2Backend, vpc_id, service_name, *args, **kwargs):
        service_region = _requested_service_region(self)
        config = _endpoint_service_by_name(service_region, service_name)
        cross_region = service_region != self.region_name
        if config is None and (cross_region or (service_name or "").startswith("com.amazonaws.vpce.")):
            raise InvalidServiceName(service_name)  # no such endpoint service in that region
        if config is not None:
            if cross_region and self.region_name not in _supported_region_names(config):
                raise InvalidServiceName(service_name)
            owner = config.ec2_backend.account_id
            if owner != self.account_id:
                allowed = any(
                    p == "*" or p.split(":")[4:5] == [self.account_id] for p in config.principals
                )
                if not allowed:
                    raise InvalidServiceName(service_name)
        endpoint = original(self, vpc_id, service_name, *args, **kwargs)
        if getattr(_CREATE_ENDPOINT_REQUEST, "service_region", None):
            endpoint.service_region = service_region
        if config is not None and _acceptance_required(config):
            endpoint.state = "pendingAcceptance"
        return endpoint

    EC2Backend.create_vpc_endpoint = create_vpc_endpoint

    original_response = VPCs.create_vpc_endpoint

    def create_vpc_endpoint_response(self: VPCs):
        # Only an explicit `PrivateDnsEnabled=true` (the provider always sends the flag); moto defaults it to true.
        service_name = self._get_param("ServiceName")
        service_region = self._get_param("ServiceRegion")
        config = _endpoint_service_by_name(service_region or self.region, service_name)
        explicit_private_dns = str(self._get_param("PrivateDnsEnabled")).lower() == "true"
        if config is not None and explicit_private_dns and not config.private_dns_name:
            raise EC2ClientError(
                "InvalidParameter",
                f"Private DNS can't be enabled because the service {service_name} does not provide a "
                "private DNS name.",
            )
        _CREATE_ENDPOINT_REQUEST.service_region = service_region
        try:
            return original_response(self)
        finally:
            _CREATE_ENDPOINT_REQUEST.service_region = None

    VPCs.create_vpc_endpoint = create_vpc_endpoint_response


# DescribeVpcEndpointConnections filters (EC2 API reference) and the connection field each one reads.
ENDPOINT_CONNECTION_FILTERS = {
    "service-id": "ServiceId",
    "vpc-endpoint-owner": "VpcEndpointOwner",
    "vpc-endpoint-id": "VpcEndpointId",
    "vpc-endpoint-state": "VpcEndpointState",
    "ip-address-type": "IpAddressType",
}


def patch_endpoint_service_connections() -> None:
    """DescribeVpcEndpointConnections / AcceptVpcEndpointConnections / RejectVpcEndpointConnections.

    AWS shows an endpoint service's owner one connection per endpoint (in any account) to its services:
    `vpcEndpointConnectionSet` items with serviceId, vpcEndpointId, vpcEndpointOwner, vpcEndpointState,
    creationTimestamp, dnsEntrySet, networkLoadBalancerArnSet, gatewayLoadBalancerArnSet, ipAddressType,
    vpcEndpointConnectionId (filters service-id, vpc-endpoint-owner, vpc-endpoint-id, vpc-endpoint-state,
    ip-address-type). Accept turns a `pendingAcceptance` connection `available`; Reject turns a pending or
    established one `rejected`, which is the consumer endpoint's own State in DescribeVpcEndpoints (the
    only way to cut off an account that was allowed: removing its principal keeps existing connections).
    An id that is not a connection of that service comes back in `unsuccessful`. The provider reads
    connections in aws_vpc_endpoint_connection_accepter (findVPCEndpointConnectionByServiceIDAndVPCEndpointID,
    filter service-id) and accepts in aws_vpc_endpoint `auto_accept`. moto has none of the three actions.
    Endpoints live in each consumer's backend (of the consumer's region: cross-Region endpoints are
    connections too, with `VpcEndpointRegion` their region); the connection state is the endpoint's `state`.
    """
    from moto.core.responses import ActionResult
    from moto.ec2.exceptions import InvalidFilter, UnknownVpcEndpointService
    from moto.ec2.responses import EC2Response

    def own_service(response, service_id):
        config = response.ec2_backend.configurations.get(service_id)
        if config is None:
            raise UnknownVpcEndpointService(service_id)
        return config

    def endpoints_of(region, configs):
        # Consumers in any region (cross-Region endpoints live in their own region's backend).
        by_name = {c.service_name: c for c in configs}
        return [
            (endpoint, by_name[endpoint.service_name])
            for backend in _all_ec2_backends()
            for endpoint in list(backend.vpc_end_points.values())
            if endpoint.service_name in by_name
            and _endpoint_service_region(endpoint) == region
            and endpoint.state != "deleted"
        ]

    def connection(endpoint, config) -> dict:
        return {
            "ServiceId": config.id,
            "VpcEndpointId": endpoint.id,
            "VpcEndpointOwner": endpoint.ec2_backend.account_id,
            "VpcEndpointState": endpoint.state,
            "CreationTimestamp": endpoint.creation_timestamp,
            "DnsEntries": [
                {"DnsName": e.get("dns_name"), "HostedZoneId": e.get("hosted_zone_id")}
                for e in endpoint.dns_entries or []
            ],
            "NetworkLoadBalancerArns": list(config.network_load_balancer_arns),
            "GatewayLoadBalancerArns": list(config.gateway_load_balancer_arns),
            "IpAddressType": "ipv4",
            "VpcEndpointConnectionId": f"vpce-con-{endpoint.id[len('vpce-'):]}",
            "VpcEndpointRegion": endpoint.ec2_backend.region_name,
        }

    def describe_vpc_endpoint_connections(self: EC2Response) -> ActionResult:
        filters = self._filters_from_querystring()
        for name in filters:
            if name not in ENDPOINT_CONNECTION_FILTERS:
                raise InvalidFilter(name)
        items = [
            connection(endpoint, config)
            for endpoint, config in endpoints_of(self.region, list(self.ec2_backend.configurations.values()))
        ]
        items = [
            item
            for item in items
            if all(str(item[ENDPOINT_CONNECTION_FILTERS[name]]) in values for name, values in filters.items())
        ]
        return ActionResult({"VpcEndpointConnections": items})

    def change_connections(self: EC2Response, from_states: tuple, to_state: str) -> ActionResult:
        config = own_service(self, self._get_param("ServiceId"))
        endpoints = {endpoint.id: endpoint for endpoint, _ in endpoints_of(self.region, [config])}
        unsuccessful = []
        for vpce_id in self._get_param("VpcEndpointIds", []):
            endpoint = endpoints.get(vpce_id)
            if endpoint is None:
                error = {
                    "Code": "InvalidVpcEndpointId.NotFound",
                    "Message": f"The Vpc Endpoint Id '{vpce_id}' does not exist",
                }
            elif endpoint.state == to_state:
                continue
            elif endpoint.state not in from_states:
                error = {
                    "Code": "InvalidState",
                    "Message": f"Endpoint {vpce_id} is in state {endpoint.state}",
                }
            else:
                endpoint.state = to_state
                continue
            unsuccessful.append({"Error": error, "ResourceId": vpce_id})
        return ActionResult({"Unsuccessful": unsuccessful})

    def accept_vpc_endpoint_connections(self: EC2Response) -> ActionResult:
        return change_connections(self, ("pendingAcceptance",), "available")

    def reject_vpc_endpoint_connections(self: EC2Response) -> ActionResult:
        return change_connections(self, ("pendingAcceptance", "available"), "rejected")

    EC2Response.describe_vpc_endpoint_connections = describe_vpc_endpoint_connections
    EC2Response.accept_vpc_endpoint_connections = accept_vpc_endpoint_connections
    EC2Response.reject_vpc_endpoint_connections = reject_vpc_endpoint_connections


# Consumer endpoint states that count as connected to an endpoint service (see the patch below).
CONNECTED_ENDPOINT_STATES = frozenset({"available", "pendingAcceptance"})


def patch_endpoint_service_load_balancer_removal() -> None:
    """ModifyVpcEndpointServiceConfiguration `RemoveNetworkLoadBalancerArns` while endpoints are connected.

    AWS refuses it: "You can't disassociate a load balancer if there are endpoints connected to your endpoint
    service" (https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#associate-load-balancer),
    with the error code `ExistingVpcEndpointConnections`: "You cannot delete a VPC endpoint service configuration
    or change the load balancers for the endpoint service if there are endpoints attached to the service"
    (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html); the message is the one AWS
    gives for the same condition on DeleteVpcEndpointServiceConfigurations. "Connected" is what the PrivateLink
    guide counts for that delete: endpoints "in the `available` or `pending-acceptance` state"
    (https://docs.aws.amazon.com/vpc/latest/privatelink/delete-endpoint-service.html); a rejected endpoint is not
    connected, so rejecting every connection first (as `npm run revoke` does for one account) lets the load
    balancer go. Adding load balancers stays allowed (the same guide associates them at any time).
    moto (ec2/models/vpc_service_configuration.py `modify_vpc_endpoint_service_configuration`) removes the ARN
    whatever is connected, so a drill that replaces or drops the NLB under live consumers would pass here and fail
    on AWS. Provider: vpc_endpoint_service.go `resourceVPCEndpointServiceUpdate` sends the difference of
    `network_load_balancer_arns` as Add/RemoveNetworkLoadBalancerArns in one call, so the whole update fails.
    Connections are counted as patch_endpoint_service_connections lists them: every account's endpoints to the
    service, cross-Region ones included.
    """
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models.vpc_service_configuration import VPCServiceConfigurationBackend

    original_modify = VPCServiceConfigurationBackend.modify_vpc_endpoint_service_configuration

    def modify(self, service_id, *args, **kwargs) -> None:
        if kwargs.get("remove_network_lbs"):
            config = self.describe_vpc_endpoint_service_configurations([service_id])[0]
            host = config.ec2_backend.region_name
            connected = [
                endpoint.id
                for backend in _all_ec2_backends()
                for endpoint in list(backend.vpc_end_points.values())
                if endpoint.service_name == config.service_name
                and _endpoint_service_region(endpoint) == host
                and endpoint.state in CONNECTED_ENDPOINT_STATES
            ]
            if connected:
                raise EC2ClientError(
                    "ExistingVpcEndpointConnections", "Service has existing active VPC Endpoint connections!"
                )
        original_modify(self, service_id, *args, **kwargs)

    VPCServiceConfigurationBackend.modify_vpc_endpoint_service_configuration = modify


# https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html#endpoint-service-cross-region:
# "Cross-Region access is not supported for the following Availability Zones: use1-az3, usw1-az2, apne1-az3,
# apne2-az2, and apne2-az4".
REMOTE_ACCESS_UNSUPPORTED_ZONE_IDS = frozenset({"use1-az3", "usw1-az2", "apne1-az3", "apne2-az2", "apne2-az4"})


def _zone_ids(backend, zone_names) -> list:
    """AZ IDs of `zone_names` as `backend`'s account names them (names differ between accounts, IDs do not)."""
    by_name = {zone.name: zone.zone_id for zone in backend.describe_availability_zones()}
    return sorted({by_name.get(name, name) for name in zone_names})


def patch_endpoint_service_zones() -> None:
    """Endpoint service `AvailabilityZones`, and consumer endpoints in AZs the service does not offer.

    AWS fixes a service's AZs when a load balancer is associated with it: "If you enable another
    Availability Zone for your load balancers ... it won't be enabled for the endpoint service ... You
    need to enable the endpoint service for the new Availability Zone"
    (https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#associate-load-balancer;
    hashicorp/terraform-provider-aws#40809: an in-place `subnets` change of aws_lb leaves the service's AZs
    as they were). The same page: "To enable the endpoint service in an Availability Zone that was
    recently enabled for the load balancer, simply call the command [modify-vpc-endpoint-service-
    configuration] with the ID of the endpoint service": a ModifyVpcEndpointServiceConfiguration call
    enables the AZs its load balancers have at that moment; removing a load balancer
    (`RemoveNetworkLoadBalancerArns`) withdraws the AZs no other associated load balancer serves.
    A consumer endpoint (CreateVpcEndpoint `SubnetIds`, ModifyVpcEndpoint `AddSubnetIds`) in a subnet of an
    AZ the service does not offer is refused: `InvalidParameter` "The VPC endpoint service <name> does not
    support the availability zone of the subnet: <subnet-id>." AZs are compared by AZ ID, as AWS maps
    them between the provider's and the consumer's accounts. That check is for same-Region consumers only:
    "Cross-Region access does not require that providers and consumers use the same Availability Zones"
    (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html#endpoint-service-cross-region),
    but the same page lists AZs where "Cross-Region access is not supported" (use1-az3, usw1-az2, apne1-az3,
    apne2-az2, apne2-az4): a cross-Region endpoint's subnet there (CreateVpcEndpoint `SubnetIds` with
    `ServiceRegion`, ModifyVpcEndpoint `AddSubnetIds` on such an endpoint) is refused with `InvalidParameter`
    "Only the following availability zones are supported for remote access: <AZ IDs>" (the message consumers
    get, chanzuckerberg/cztack#865); we list the consumer region's other AZ IDs, sorted.
    moto (ec2/models/vpc_service_configuration.py) copies the AZs once at creation, ignores them on
    Modify..., and CreateVpcEndpoint / ModifyVpcEndpoint never look at them. We keep, per associated load
    balancer, the AZs it had at the service's last creation or Modify call; the service offers their union.
    """
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models import EC2Backend
    from moto.ec2.models.vpc_service_configuration import VPCServiceConfiguration, VPCServiceConfigurationBackend

    def lb_zones(backend, arn) -> list:
        balancer = backend.elbv2_backend.load_balancers.get(arn)
        return sorted({subnet.availability_zone for subnet in balancer.subnets}) if balancer else []

    original_init = VPCServiceConfiguration.__init__

    def init(self: VPCServiceConfiguration, load_balancers, *args, **kwargs) -> None:
        original_init(self, load_balancers, *args, **kwargs)
        self._zones_by_lb = {lb.arn: sorted({s.availability_zone for s in lb.subnets}) for lb in load_balancers}

    def get_zones(self: VPCServiceConfiguration) -> list:
        if not hasattr(self, "_zones_by_lb"):  # still in __init__, which appends to the creation-time list
            return self._creation_zones
        return sorted({zone for zones in self._zones_by_lb.values() for zone in zones})

    def set_zones(self: VPCServiceConfiguration, zones: list) -> None:
        self._creation_zones = zones

    VPCServiceConfiguration.__init__ = init
    VPCServiceConfiguration.availability_zones = property(get_zones, set_zones)

    original_to_dict = VPCServiceConfiguration.to_dict

    def to_dict(self: VPCServiceConfiguration) -> dict:
        return {**original_to_dict(self), "AvailabilityZones": self.availability_zones}

    VPCServiceConfiguration.to_dict = to_dict

    original_modify = VPCServiceConfigurationBackend.modify_vpc_endpoint_service_configuration

    def modify(self, service_id, *args, **kwargs) -> None:
        original_modify(self, service_id, *args, **kwargs)
        config = self.describe_vpc_endpoint_service_configurations([service_id])[0]
        config._zones_by_lb = {arn: lb_zones(self, arn) for arn in config.network_load_balancer_arns}

    VPCServiceConfigurationBackend.modify_vpc_endpoint_service_configuration = modify

    def refuse_unoffered(backend, service_name, subnet_ids, service_region) -> None:
        if service_region != backend.region_name:
            return refuse_remote_unsupported(backend, subnet_ids)
        config = _endpoint_service_by_name(backend.region_name, service_name or "")
        if config is None or not subnet_ids:
            return
        offered = set(_zone_ids(config.ec2_backend, config.availability_zones))
        for subnet_id in subnet_ids:
            subnet = backend.get_subnet(subnet_id)
            if subnet.availability_zone_id not in offered:
                raise EC2ClientError(
                    "InvalidParameter",
                    f"The VPC endpoint service {service_name} does not support the availability zone of the "
                    f"subnet: {subnet_id}.",
                )

    def refuse_remote_unsupported(backend, subnet_ids) -> None:
        # Cross-Region: any AZ of the consumer's region except those AWS does not offer for remote access.
        supported = sorted(
            zone.zone_id
            for zone in backend.describe_availability_zones()
            if zone.zone_id not in REMOTE_ACCESS_UNSUPPORTED_ZONE_IDS
        )
        for subnet_id in subnet_ids or []:
            if backend.get_subnet(subnet_id).availability_zone_id not in supported:
                raise EC2ClientError(
                    "InvalidParameter",
                    "Only the following availability zones are supported for remote access: "
                    + ", ".join(supported),
                )

    original_create = EC2Backend.create_vpc_endpoint

    def create_vpc_endpoint(self: EC2Backend, vpc_id, service_name, *args, **kwargs):
        subnet_ids = kwargs.get("subnet_ids", args[3] if len(args) > 3 else None)
        refuse_unoffered(self, service_name, subnet_ids, _requested_service_region(self))
        return original_create(self, vpc_id, service_name, *args, **kwargs)

    EC2Backend.create_vpc_endpoint = create_vpc_endpoint

    original_modify_endpoint = EC2Backend.modify_vpc_endpoint

    def modify_vpc_endpoint(self: EC2Backend, vpc_id, policy_doc, add_subnets, *args, **kwargs):
        endpoint = self.get_vpc_end_point(vpc_id)
        refuse_unoffered(self, endpoint.service_name, add_subnets, _endpoint_service_region(endpoint))
        return original_modify_endpoint(self, vpc_id, policy_doc, add_subnets, *args, **kwargs)

    EC2Backend.modify_vpc_endpoint = modify_vpc_endpoint


def patch_endpoint_service_supported_regions() -> None:
    """Endpoint service `SupportedRegions` (cross-Region access) and DescribeVpcEndpointServices.

    https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html#endpoint-service-cross-region:
    a service is available in its host Region and in the Regions the provider adds
    (CreateVpcEndpointServiceConfiguration `SupportedRegions`, ModifyVpcEndpointServiceConfiguration
    `AddSupportedRegions` / `RemoveSupportedRegions`), and "You can't remove the host Region from the set of
    supported Regions". So DescribeVpcEndpointServiceConfigurations `SupportedRegions` always lists the host
    Region (the provider's TestAccVPCEndpointService_basic, without `supported_regions`, expects exactly the
    host Region), and a RemoveSupportedRegions naming it is refused (`InvalidParameter`). moto returns only the
    regions sent (none without `SupportedRegions`) and removes the host Region when asked. The provider sends
    `supported_regions` (Optional, Computed) on create and as Add/Remove on update, and reads back the
    `Region` of each entry whose `ServiceState` is `Available` (vpc_endpoint_service.go
    `flattenSupportedRegionDetails`). A create whose `SupportedRegions` omits the host Region still has it
    (the host Region is always supported; whether AWS refuses such a request is not documented).
    Removing a Region leaves the existing endpoints from it as they are (AWS documents nothing else).
    DescribeVpcEndpointServices `ServiceDetails` get `ServiceRegion` ("The Region where the service is
    hosted", EC2 API reference ServiceDetail, which has no supported-regions member), which moto's `to_dict`
    lacks (the provider's aws_vpc_endpoint resource does not call it; its aws_vpc_endpoint_service data
    source does). moto still lists there only the caller's own account's services of the caller's region.
    Opt-in Regions are not emulated: AWS requires an opt-in consumer or provider Region to be enabled for the
    account, and moto has no per-account Region opt-in state, so any Region is treated as enabled.
    """
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models.vpc_service_configuration import VPCServiceConfiguration, VPCServiceConfigurationBackend

    def supported_regions(self: VPCServiceConfiguration) -> list:
        return [{"Region": region, "ServiceState": "Available"} for region in _supported_region_names(self)]

    VPCServiceConfiguration.supported_regions = property(supported_regions)

    original_to_dict = VPCServiceConfiguration.to_dict

    def to_dict(self: VPCServiceConfiguration) -> dict:
        return {**original_to_dict(self), "ServiceRegion": self.ec2_backend.region_name}

    VPCServiceConfiguration.to_dict = to_dict

    original_modify = VPCServiceConfigurationBackend.modify_vpc_endpoint_service_configuration

    def modify(self, service_id, *args, **kwargs) -> None:
        remove = kwargs.get("remove_supported_regions") or []
        if self.region_name in remove:
            raise EC2ClientError(
                "InvalidParameter",
                f"The host Region {self.region_name} can't be removed from the supported Regions of {service_id}.",
            )
        config = self.describe_vpc_endpoint_service_configurations([service_id])[0]
        kwargs["add_supported_regions"] = [
            r for r in dict.fromkeys(kwargs.get("add_supported_regions") or [])
            if r not in config._supported_region_names
        ]
        kwargs["remove_supported_regions"] = [r for r in remove if r in config._supported_region_names]
        original_modify(self, service_id, *args, **kwargs)

    VPCServiceConfigurationBackend.modify_vpc_endpoint_service_configuration = modify


# ---- Resource VPC endpoints (VPC Lattice resource configurations; state in e2e/moto_vpclattice.py) ----

# EC2 API Reference, ConnectivityResourceConfigurationArn / VpcEndpoint `ResourceConfigurationArn` pattern.
RESOURCE_CONFIGURATION_ARN = (
    r"^arn:[a-z0-9\-]+:vpc-lattice:[a-zA-Z0-9\-]+:\d{12}:resourceconfiguration/rcfg-[0-9a-z]{17}$"
)

# CreateVpcEndpoint's resource configuration (type Resource) of the request being handled, set by the response
# handler of patch_resource_endpoint_create for its backend-level half.
_RESOURCE_ENDPOINT_REQUEST = threading.local()


def _is_resource_endpoint(endpoint) -> bool:
    return (endpoint.vpc_endpoint_type or "").lower() == "resource"


def _shared_with(resource_arn: str, account: str) -> bool:
    """Whether `resource_arn` is in an ACTIVE RAM share of its owner that `account` joined (accepted); read-only."""
    import moto_ram

    return moto_ram.shared_with(resource_arn, account)


def patch_resource_endpoint_create() -> None:
    """CreateVpcEndpoint with `VpcEndpointType=Resource` and `ResourceConfigurationArn` (a resource endpoint).

    AWS (PrivateLink guide, "Access VPC resources through resource endpoints",
    https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html): to create one "You must have a
    resource configuration that you created or another account created and shared with you through AWS RAM", and a
    shared one only after the caller has accepted the share ("you must review and accept the resource share");
    "VPC Lattice does not create a resource endpoint if ... Resource gateway is in the same VPC as the resource
    endpoint". "At least one Availability Zone of the VPC endpoint and the resource gateway have to overlap"
    (VPC Lattice guide, "Resource gateways in VPC Lattice"; AZs compared by AZ ID, as they map between accounts).
    Resource configurations are regional (the ARN's Region), so another Region's is not found. Error codes (EC2 API
    Reference, "Error codes for the Amazon EC2 API"): `InvalidResourceConfigurationArn.Malformed` "The specified
    resource configuration ARN is malformed", `InvalidResourceConfigurationArn.NotFound` "The specified resource
    configuration ARN does not exist" (what a configuration neither owned nor shared-and-accepted is to the caller,
    as an endpoint service outside its allowed principals is `InvalidServiceName`); the messages of the two
    `InvalidParameter` refusals (same VPC, no common AZ) are not documented. The endpoint is `available` at once,
    has one requester-managed network interface in each of its subnets (in its security groups, as for interface
    endpoints), reports its `ResourceConfigurationArn` and no `DnsEntries` and no `ServiceName`: its DNS name is its
    association's (DescribeVpcEndpointAssociations, patched below; AWS CLI example describe-vpc-endpoint-associations).
    The endpoint's association with the configuration is recorded for the owner's ListResourceEndpointAssociations.
    moto 5.2.5 (ec2/responses/vpcs.py) ignores `ResourceConfigurationArn`: any ARN from anyone is accepted, the
    endpoint has no network interfaces and reads back without the ARN (the provider would then plan to replace it).
    Provider: vpc_endpoint.go resourceVPCEndpointCreate (sends ResourceConfigurationArn, SubnetIds,
    SecurityGroupIds, PrivateDnsEnabled, no ServiceName; waitVPCEndpointAvailable), resourceVPCEndpointRead
    (`resource_configuration_arn` ForceNew from DescribeVpcEndpoints; `service_name` and `cidr_blocks` only when
    ServiceName is set; `subnet_configuration` from the network interfaces).
    """
    import re

    import moto_vpclattice
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models import EC2Backend
    from moto.ec2.responses.vpcs import VPCs

    original_response = VPCs.create_vpc_endpoint

    def create_vpc_endpoint_response(self: VPCs):
        if (self._get_param("VpcEndpointType") or "").lower() != "resource":
            return original_response(self)
        arn = self._get_param("ResourceConfigurationArn")
        if not arn:
            raise EC2ClientError("MissingParameter", "The request must contain the parameter ResourceConfigurationArn.")
        if self._get_param("ServiceName") or self._get_param("ServiceNetworkArn"):
            raise EC2ClientError("InvalidParameterCombination",
                                 "A Resource endpoint takes a ResourceConfigurationArn, not a service name or network.")
        if not re.match(RESOURCE_CONFIGURATION_ARN, arn):
            raise EC2ClientError("InvalidResourceConfigurationArn.Malformed",
                                 f"The resource configuration ARN '{arn}' is malformed.")
        caller = self.current_account
        configuration = moto_vpclattice.configuration_by_arn(arn)
        visible = (configuration is not None and configuration["region"] == self.region
                   and configuration["status"] == "ACTIVE"
                   and (configuration["account"] == caller or _shared_with(arn, caller)))
        if not visible:
            raise EC2ClientError("InvalidResourceConfigurationArn.NotFound",
                                 f"The resource configuration ARN '{arn}' does not exist.")
        gateway = moto_vpclattice.gateway_of(configuration)
        vpc_id = self._get_param("VpcId")
        if gateway["account"] == caller and gateway["vpcId"] == vpc_id:
            raise EC2ClientError("InvalidParameter",
                                 f"The resource gateway {gateway['id']} of {arn} is in VPC {vpc_id}; a resource "
                                 "endpoint can't be in the same VPC as the resource gateway.")
        gateway_backend = _regional_ec2_backends(self.region)
        owner_backend = next(b for b in gateway_backend if b.account_id == gateway["account"])
        gateway_zones = {owner_backend.get_subnet(s).availability_zone_id for s in gateway["subnetIds"]}
        subnet_ids = self._get_param("SubnetIds", [])
        for subnet_id in subnet_ids:
            subnet = self.ec2_backend.get_subnet(subnet_id)
            if subnet.vpc_id != vpc_id:
                raise EC2ClientError("InvalidParameter", f"Subnet {subnet_id} is not in VPC {vpc_id}.")
        endpoint_zones = {self.ec2_backend.get_subnet(s).availability_zone_id for s in subnet_ids}
        if not endpoint_zones & gateway_zones:
            raise EC2ClientError("InvalidParameter",
                                 "At least one Availability Zone of the VPC endpoint and the resource gateway have to "
                                 f"overlap; the resource gateway {gateway['id']} is in " + ", ".join(sorted(gateway_zones)))
        _RESOURCE_ENDPOINT_REQUEST.configuration = configuration
        try:
            return original_response(self)
        finally:
            _RESOURCE_ENDPOINT_REQUEST.configuration = None

    VPCs.create_vpc_endpoint = create_vpc_endpoint_response

    original = EC2Backend.create_vpc_endpoint

    def create_vpc_endpoint(self: EC2Backend, *args, **kwargs):
        endpoint = original(self, *args, **kwargs)
        configuration = getattr(_RESOURCE_ENDPOINT_REQUEST, "configuration", None)
        if configuration is None or not _is_resource_endpoint(endpoint):
            return endpoint
        endpoint.resource_configuration_arn = configuration["arn"]
        endpoint.dns_entries = []
        endpoint.subnet_ids = list(endpoint.subnet_ids or [])
        for subnet_id in endpoint.subnet_ids:
            eni = self.create_network_interface(subnet_id, None)
            _shape_endpoint_eni(self, endpoint, eni)
            endpoint.network_interface_ids.append(eni.id)
        moto_vpclattice.associate_endpoint(configuration, endpoint.id, self.account_id)
        return endpoint

    EC2Backend.create_vpc_endpoint = create_vpc_endpoint


def patch_resource_endpoint_delete() -> None:
    """DeleteVpcEndpoints of a resource endpoint.

    AWS deletes the endpoint's network interfaces with it (as for interface endpoints: the PrivateLink guide's
    "Delete an interface endpoint" applies to every endpoint with network interfaces), and its association with the
    resource configuration ends (the owner's ListResourceEndpointAssociations no longer lists it).
    moto 5.2.5 (ec2/models/vpcs.py `delete_vpc_endpoints`) removes network interfaces only for type Interface, and
    treats every other endpoint as a gateway endpoint (deleting routes it never had).
    Provider: vpc_endpoint.go resourceVPCEndpointDelete (DeleteVpcEndpoints, then waitVPCEndpointDeleted).
    """
    import moto_vpclattice
    from moto.ec2.models import EC2Backend

    original = EC2Backend.delete_vpc_endpoints

    def delete_vpc_endpoints(self: EC2Backend, vpce_ids=None):
        resource, others = [], []
        for vpce_id in vpce_ids or []:
            endpoint = self.vpc_end_points.get(vpce_id)
            (resource if endpoint is not None and _is_resource_endpoint(endpoint) else others).append(vpce_id)
        for vpce_id in resource:
            endpoint = self.vpc_end_points[vpce_id]
            if endpoint.state == "deleted":
                continue
            with _ENDPOINT_ENI_LOCK:
                for eni_id in endpoint.network_interface_ids:
                    eni = self.enis.pop(eni_id, None)
                    if eni is not None:
                        eni.subnet.del_subnet_ip(eni.private_ip_address)
            moto_vpclattice.forget_endpoint(vpce_id)
            endpoint.state = "deleted"
        return original(self, others)

    EC2Backend.delete_vpc_endpoints = delete_vpc_endpoints


# DescribeVpcEndpointAssociations filters (EC2 API Reference) this emulator answers, and the item field each reads.
ENDPOINT_ASSOCIATION_FILTERS = {
    "vpc-endpoint-id": "VpcEndpointId",
    "association-id": "Id",
    "associated-resource-accessibility": "AssociatedResourceAccessibility",
    "associated-resource-id": "AssociatedResourceArn",
}


def patch_describe_vpc_endpoint_associations() -> None:
    """DescribeVpcEndpointAssociations (`VpcEndpointIds`, `Filters`).

    AWS (EC2 API Reference, DescribeVpcEndpointAssociations and VpcEndpointAssociation): "Describes the VPC resources,
    VPC endpoint services, Amazon Lattice services, or service networks associated with the VPC endpoint", the
    caller's own endpoints; each item has `Id`, `VpcEndpointId`, `AssociatedResourceArn`,
    `AssociatedResourceAccessibility` ("The resource is accessible if the associated resource configuration is
    AVAILABLE, otherwise the resource is inaccessible"), `DnsEntry` {DnsName, HostedZoneId}, `PrivateDnsEntry` (only
    with private DNS, which our resource endpoints do not enable), `ResourceConfigurationGroupArn`,
    `ServiceNetworkArn`, `ServiceNetworkName`, `Tags`. The shape of a resource endpoint's entry is the AWS CLI's
    example (aws-cli awscli/examples/ec2/describe-vpc-endpoint-associations.rst): `Id` `vpce-rsc-asc-<17 hex>`,
    `AssociatedResourceAccessibility` `Accessible`, `DnsEntry.DnsName`
    `<vpce-id>.<rcfg-id>.<7 hex>.vpc-lattice-rsc.<region>.on.aws` with a Route 53 `HostedZoneId`. An unknown endpoint
    ID is `InvalidVpcEndpointId.NotFound`. An association the configuration's owner deleted
    (DeleteResourceEndpointAssociation) is no longer listed; one whose configuration is gone reads `Inaccessible`.
    moto 5.2.5 has no such action.
    Provider: vpc_endpoint_associations_data_source.go (DescribeVpcEndpointAssociations with VpcEndpointIds, every
    page, flattened into `associations`); the consumer stack aliases its records to `dns_entry[0]`.
    """
    import moto_vpclattice
    from moto.core.responses import ActionResult
    from moto.ec2.exceptions import InvalidFilter
    from moto.ec2.responses import EC2Response

    def item(endpoint, association) -> dict:
        configuration = association["configuration"]
        live = moto_vpclattice.configuration_by_arn(configuration["arn"]) is configuration
        region = configuration["region"]
        return {
            "Id": association["ec2Id"],
            "VpcEndpointId": endpoint.id,
            "AssociatedResourceAccessibility":
                "Accessible" if live and configuration["status"] == "ACTIVE" else "Inaccessible",
            "DnsEntry": {
                "DnsName": f"{endpoint.id}.{configuration['id']}.{configuration['dnsLabel']}.vpc-lattice-rsc."
                           f"{region}.on.aws",
                "HostedZoneId": moto_vpclattice.resource_endpoint_hosted_zone_id(region),
            },
            "AssociatedResourceArn": configuration["arn"],
            "Tags": [],
        }

    def describe_vpc_endpoint_associations(self: EC2Response) -> ActionResult:
        filters = self._filters_from_querystring()
        for name in filters:
            if name not in ENDPOINT_ASSOCIATION_FILTERS:
                raise InvalidFilter(name)
        ids = self._get_param("VpcEndpointIds", [])
        endpoints = self.ec2_backend.describe_vpc_endpoints(ids or None)
        items = [
            item(endpoint, association)
            for endpoint in endpoints
            if endpoint.state != "deleted" and _is_resource_endpoint(endpoint)
            for association in moto_vpclattice.associations_of_endpoint(endpoint.id)
        ]
        items = [i for i in items
                 if all(str(i[ENDPOINT_ASSOCIATION_FILTERS[name]]) in values for name, values in filters.items())]
        return ActionResult({"VpcEndpointAssociations": items})

    EC2Response.describe_vpc_endpoint_associations = describe_vpc_endpoint_associations



def patch_security_group_rule_description_of_group_reference() -> None:
    """DescribeSecurityGroupRules: the description of a rule whose peer is a security group.

    moto 5.2.5: `SecurityGroupRule.description` reads the IP range's Description only, so a rule whose destination or
    source is another group (`UserIdGroupPairs`, the provider's `referenced_security_group_id`) reads back without the
    description it was created with. AWS keeps it whatever the peer (EC2 API Reference, SecurityGroupRule:
    "Description: The security group rule description"). Provider: aws_vpc_security_group_egress_rule and
    _ingress_rule read `description` from DescribeSecurityGroupRules; without it the next plan sets it again (the
    lattice gateway's egress rule to the execute-api endpoint's group).

    Only this answer changes: each rule is answered through a view whose `description` falls back to the pair's. The
    stored rules, and how moto compares them on AuthorizeSecurityGroup* and RevokeSecurityGroup* (whole pair dicts),
    stay as they are: an earlier patch of the model's property changed what a destroy's revoke matched.
    """
    from moto.core.responses import ActionResult
    from moto.ec2.responses.security_groups import SecurityGroups

    class AnsweredRule:
        """The stored rule as answered: every attribute its own, the description falling back to the pair's."""

        def __init__(self, rule) -> None:
            self._rule = rule

        def __getattr__(self, name: str):
            return getattr(self._rule, name)

        @property
        def description(self):
            return self._rule.ip_range.get("Description") or self._rule.source_group.get("Description")

    original = SecurityGroups.describe_security_group_rules

    def describe_security_group_rules(self) -> ActionResult:
        result = original(self)
        answer = result.result  # {"SecurityGroupRules": [SecurityGroupRule, ...]}, a dict built per call
        answer["SecurityGroupRules"] = [AnsweredRule(rule) for rule in answer["SecurityGroupRules"]]
        return result

    SecurityGroups.describe_security_group_rules = describe_security_group_rules
