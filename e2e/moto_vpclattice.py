"""Emulator patches for Amazon VPC Lattice: resource gateways, resource configurations, resource endpoint associations.

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.
moto 5.2.5 (moto/vpclattice) knows services, service networks, listeners, rules and target groups, but has no
resource gateway, resource configuration or resource endpoint association: no route, no model, no action.
AWS pages: VPC Lattice API Reference (https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/, one page per
action below); VPC Lattice User Guide "Resource gateways in VPC Lattice" (resource-gateway.html), "Create a resource
gateway" (create-resource-gateway.html), "Manage associations for a VPC Lattice resource configuration"
(resource-configuration-associations.html); PrivateLink guide "Access VPC resources through resource endpoints"
(https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html). Request and response members,
identifier patterns and error shapes are the service model's (botocore `vpc-lattice` 2022-11-30).

  1. CreateResourceGateway: in the caller's VPC, subnets and security groups of that VPC only, name unique.
  2. GetResourceGateway: ACTIVE once created; ResourceNotFoundException (404) for what the caller does not own.
  3. UpdateResourceGateway: security groups only (of the gateway's VPC).
  4. DeleteResourceGateway: refused while resource configurations use it; gone at once.
  5. CreateResourceConfiguration: SINGLE on a gateway of the caller's own account, TCP, port ranges, DNS or IP.
  6. GetResourceConfiguration: as 2.
  7. DeleteResourceConfiguration: gone at once; its endpoint associations lose access.
  8. ListTagsForResource / TagResource / UntagResource: ResourceNotFoundException for a gateway or configuration
     that does not exist (moto answers any ARN).
  9. ListResourceEndpointAssociations: the owner of a configuration sees the resource endpoints of every account.
 10. DeleteResourceEndpointAssociation: the owner cuts one endpoint off its configuration.

The EC2 side (CreateVpcEndpoint of type Resource, DescribeVpcEndpointAssociations, DeleteVpcEndpoints) is in
e2e/moto_ec2.py and reads this file's state through the functions below the patches.
"""

import json
import random
import re
import threading
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote

# Every account's and region's gateways, configurations and endpoint associations, by ARN. The ARN carries the
# owner's account and region; lookups by ID stay inside the caller's account and region.
_GATEWAYS: dict[str, dict[str, Any]] = {}
_CONFIGURATIONS: dict[str, dict[str, Any]] = {}
_ASSOCIATIONS: dict[str, dict[str, Any]] = {}
_LOCK = threading.RLock()

GATEWAY_ID = re.compile(r"^rgw-[0-9a-z]{17}$")
CONFIGURATION_ID = re.compile(r"^rcfg-[0-9a-z]{17}$")
ASSOCIATION_ID = re.compile(r"^rea-[0-9a-f]{17}$")
GATEWAY_NAME = re.compile(r"^(?!rgw-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]{3,40}$")
CONFIGURATION_NAME = re.compile(r"^(?!rcfg-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]{3,40}$")
PORT_RANGE = re.compile(r"^((\d{1,5}-\d{1,5})|(\d+))$")


def _error(code: str, status: int, message: str, **fields: Any):
    """An error shaped as the service model shapes it (`message` plus the shape's required members)."""
    from moto.core.exceptions import JsonRESTError

    error = JsonRESTError(code, message)
    error.code = status
    error.description = json.dumps({"__type": code, "message": message, **fields})
    return error


def _not_found(kind: str, identifier: str):
    return _error("ResourceNotFoundException", 404, f"{kind} {identifier} not found.",
                  resourceId=identifier, resourceType=kind.upper().replace(" ", "_"))


def _conflict(kind: str, identifier: str, message: str):
    return _error("ConflictException", 409, message, resourceId=identifier,
                  resourceType=kind.upper().replace(" ", "_"))


def _invalid(message: str, field: str | None = None):
    fields = {"fieldList": [{"name": field, "message": message}]} if field else {}
    return _error("ValidationException", 400, message, reason="fieldValidationFailed", **fields)


def _new_id(prefix: str, alphabet: str = "0123456789abcdef") -> str:
    return prefix + "".join(random.choices(alphabet, k=17))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _ec2(account: str, region: str):
    from moto.ec2.models import ec2_backends

    return ec2_backends[account][region]


def _find(store: dict, id_pattern: re.Pattern, identifier: str, account: str, region: str, kind: str) -> dict:
    """The caller's own item named by ID or ARN; another account's items do not exist for it."""
    identifier = unquote(identifier or "")
    with _LOCK:
        for arn, item in store.items():
            if item["account"] == account and item["region"] == region and identifier in (arn, item["id"]):
                return item
    if not (id_pattern.match(identifier) or identifier.startswith("arn:")):
        raise _invalid(f"Invalid {kind} identifier {identifier}.")
    raise _not_found(kind, identifier)


def _caller(response) -> tuple[str, str]:
    return response.current_account, response.region


def _identifier(response, collection: str) -> str:
    """The ID or ARN after `/<collection>/` in the request path (an ARN arrives percent-encoded, `/` included)."""
    return unquote(unquote(response.path).split(f"/{collection}/", 1)[-1].split("?", 1)[0])


def _body(response) -> dict:
    return json.loads(response.body or "{}") if isinstance(response.body, str) else json.loads(response.body or b"{}")


def _route(*paths: str) -> None:
    from moto.vpclattice import urls
    from moto.vpclattice.responses import VPCLatticeResponse

    for path in paths:
        urls.url_paths[path] = VPCLatticeResponse.dispatch


def _gateway_view(gateway: dict, status: str | None = None) -> dict:
    return {
        "arn": gateway["arn"],
        "createdAt": gateway["createdAt"],
        "id": gateway["id"],
        "ipAddressType": gateway["ipAddressType"],
        "lastUpdatedAt": gateway["lastUpdatedAt"],
        "name": gateway["name"],
        "securityGroupIds": list(gateway["securityGroupIds"]),
        "status": status or gateway["status"],
        "subnetIds": list(gateway["subnetIds"]),
        "vpcId": gateway["vpcId"],
    }


def _configuration_view(configuration: dict, status: str | None = None) -> dict:
    return {
        "allowAssociationToShareableServiceNetwork": configuration["allowAssociationToShareableServiceNetwork"],
        "amazonManaged": False,
        "arn": configuration["arn"],
        "createdAt": configuration["createdAt"],
        "id": configuration["id"],
        "lastUpdatedAt": configuration["lastUpdatedAt"],
        "name": configuration["name"],
        "portRanges": list(configuration["portRanges"]),
        "protocol": configuration["protocol"],
        "resourceConfigurationDefinition": configuration["resourceConfigurationDefinition"],
        "resourceGatewayId": configuration["resourceGatewayId"],
        "status": status or configuration["status"],
        "type": configuration["type"],
    }


def _tag(account: str, region: str, arn: str, tags: dict | None) -> None:
    from moto.vpclattice.models import vpclattice_backends

    vpclattice_backends[account][region].tag_resource(arn, tags or {})


def _check_security_groups(ec2, vpc_id: str, group_ids: list) -> None:
    # "The security groups must be in the same VPC" (CreateResourceGateway `securityGroupIds`); at most five
    # (create-resource-gateway.html: "choose up to five security groups").
    if len(group_ids) > 5:
        raise _invalid("A resource gateway can have at most 5 security groups.", "securityGroupIds")
    for group_id in group_ids:
        group = ec2.get_security_group_from_id(group_id)
        if group is None:
            raise _not_found("Security group", group_id)
        if group.vpc_id != vpc_id:
            raise _invalid(f"Security group {group_id} is not in VPC {vpc_id}.", "securityGroupIds")


def patch_create_resource_gateway() -> None:
    """CreateResourceGateway (POST /resourcegateways, 201).

    AWS (API Reference, CreateResourceGateway; "Resource gateways in VPC Lattice"; "Create a resource gateway"): the
    gateway is created in the caller's VPC (`vpcIdentifier`), in `subnetIds` of that VPC ("The IDs of the VPC subnets
    in which to create the resource gateway"), with up to five `securityGroupIds` that "must be in the same VPC"; the
    name (3-40 of a-z, 0-9, hyphen; not starting with `rgw-`) is "unique within your AWS account"; `ipAddressType`
    IPV4 | IPV6 | DUALSTACK. A VPC or subnet the caller does not own does not exist for it. The answer has `arn`,
    `id` (`rgw-` + 17), `ipAddressType`, `name`, `securityGroupIds`, `status`, `subnetIds`, `vpcIdentifier`.
    moto 5.2.5 has no such action (no route). Subnets are fixed at creation (there is no update of them), which the
    provider models as RequiresReplace.
    Provider: resource_gateway.go Create (CreateResourceGateway with clientToken, tags, vpcIdentifier; the new `id`,
    then waitResourceGatewayActive: GetResourceGateway until ACTIVE twice, pending CREATE_IN_PROGRESS /
    UPDATE_IN_PROGRESS).
    Not emulated: the gateway's own network interfaces in its subnets, and the "shared subnet" refusal (moto has no
    subnet sharing).
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    _route("{0}/resourcegateways$")

    def create_resource_gateway(self: VPCLatticeResponse):
        account, region = _caller(self)
        body = _body(self)
        name = body.get("name") or ""
        if not GATEWAY_NAME.match(name):
            raise _invalid(f"Invalid resource gateway name {name!r}.", "name")
        ip_type = body.get("ipAddressType") or "IPV4"
        if ip_type not in ("IPV4", "IPV6", "DUALSTACK"):
            raise _invalid(f"Invalid ipAddressType {ip_type}.", "ipAddressType")
        ec2 = _ec2(account, region)
        vpc_id = body.get("vpcIdentifier") or ""
        if vpc_id not in ec2.vpcs:
            raise _not_found("VPC", vpc_id)
        subnet_ids = list(dict.fromkeys(body.get("subnetIds") or []))
        if not subnet_ids:
            raise _invalid("At least one subnet is required.", "subnetIds")
        for subnet_id in subnet_ids:
            subnet = next((s for zone in ec2.subnets.values() for s in zone.values() if s.id == subnet_id), None)
            if subnet is None:
                raise _not_found("Subnet", subnet_id)
            if subnet.vpc_id != vpc_id:
                raise _invalid(f"Subnet {subnet_id} is not in VPC {vpc_id}.", "subnetIds")
        group_ids = list(dict.fromkeys(body.get("securityGroupIds") or []))
        _check_security_groups(ec2, vpc_id, group_ids)
        with _LOCK:
            if any(g["account"] == account and g["region"] == region and g["name"] == name
                   for g in _GATEWAYS.values()):
                raise _conflict("Resource gateway", name, f"A resource gateway named {name} already exists.")
            gateway_id = _new_id("rgw-", "0123456789abcdefghijklmnopqrstuvwxyz")
            arn = f"arn:aws:vpc-lattice:{region}:{account}:resourcegateway/{gateway_id}"
            now = _now()
            gateway = {
                "account": account, "region": region, "arn": arn, "id": gateway_id, "name": name,
                "ipAddressType": ip_type, "vpcId": vpc_id, "subnetIds": subnet_ids, "securityGroupIds": group_ids,
                "status": "ACTIVE", "createdAt": now, "lastUpdatedAt": now,
            }
            _GATEWAYS[arn] = gateway
        _tag(account, region, arn, body.get("tags"))
        view = _gateway_view(gateway, "CREATE_IN_PROGRESS")
        view["vpcIdentifier"] = view.pop("vpcId")
        for key in ("createdAt", "lastUpdatedAt"):
            view.pop(key)
        return 201, {"Content-Type": "application/json"}, json.dumps(view)

    VPCLatticeResponse.create_resource_gateway = create_resource_gateway


def patch_get_resource_gateway() -> None:
    """GetResourceGateway (GET /resourcegateways/{resourceGatewayIdentifier}).

    AWS (API Reference, GetResourceGateway): the gateway by ID or ARN with `arn`, `createdAt`, `id`, `ipAddressType`,
    `lastUpdatedAt`, `name`, `securityGroupIds`, `status`, `subnetIds`, `vpcId`; an unknown one is
    ResourceNotFoundException (HTTP 404). The emulator completes creation at once, so the status read is ACTIVE.
    moto 5.2.5 has no such action.
    Provider: resource_gateway.go findResourceGatewayByID (ResourceNotFoundException = gone: Read drops it from
    state, the delete waiter ends), Read flattens the output (vpc_id from `vpcId`), tags come from
    ListTagsForResource on `arn` (@Tags(identifierAttribute="arn")).
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    _route("{0}/resourcegateways/(?P<resourceGatewayIdentifier>.+)$")

    def get_resource_gateway(self: VPCLatticeResponse) -> str:
        account, region = _caller(self)
        gateway = _find(_GATEWAYS, GATEWAY_ID, _identifier(self, "resourcegateways"), account, region,
                        "Resource gateway")
        return json.dumps(_gateway_view(gateway))

    VPCLatticeResponse.get_resource_gateway = get_resource_gateway


def patch_update_resource_gateway() -> None:
    """UpdateResourceGateway (PATCH /resourcegateways/{resourceGatewayIdentifier}).

    AWS (API Reference, UpdateResourceGateway): the request's only member besides the identifier is
    `securityGroupIds` (subnets, VPC, name and IP address type cannot change); the groups must be in the gateway's
    VPC (as on creation).
    moto 5.2.5 has no such action.
    Provider: resource_gateway.go Update ("Only security group IDs can be updated": UpdateResourceGateway, then
    waitResourceGatewayActive); every other attribute is RequiresReplace.
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    def update_resource_gateway(self: VPCLatticeResponse) -> str:
        account, region = _caller(self)
        gateway = _find(_GATEWAYS, GATEWAY_ID, _identifier(self, "resourcegateways"), account, region,
                        "Resource gateway")
        body = _body(self)
        if "securityGroupIds" in body:
            group_ids = list(dict.fromkeys(body.get("securityGroupIds") or []))
            _check_security_groups(_ec2(account, region), gateway["vpcId"], group_ids)
            gateway["securityGroupIds"] = group_ids
            gateway["lastUpdatedAt"] = _now()
        view = _gateway_view(gateway)
        for key in ("createdAt", "lastUpdatedAt"):
            view.pop(key)
        return json.dumps(view)

    VPCLatticeResponse.update_resource_gateway = update_resource_gateway


def patch_delete_resource_gateway() -> None:
    """DeleteResourceGateway (DELETE /resourcegateways/{resourceGatewayIdentifier}).

    AWS (API Reference, DeleteResourceGateway): answers `arn`, `id`, `name`, `status` (DELETE_IN_PROGRESS), then
    the gateway is gone (GetResourceGateway: ResourceNotFoundException). A gateway that resource configurations
    still use is not deleted: every resource configuration is "associated with a resource gateway"
    ("Resource gateways in VPC Lattice") and the action's ConflictException is "The request conflicts with the
    current state of the resource"; the exact message AWS gives is not documented.
    moto 5.2.5 has no such action.
    Provider: resource_gateway.go Delete (DeleteResourceGateway, ResourceNotFoundException = already gone, then
    waitResourceGatewayDeleted: pending DELETE_IN_PROGRESS until not found). Terraform deletes the configurations
    first (they reference the gateway).
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    def delete_resource_gateway(self: VPCLatticeResponse) -> str:
        account, region = _caller(self)
        gateway = _find(_GATEWAYS, GATEWAY_ID, _identifier(self, "resourcegateways"), account, region,
                        "Resource gateway")
        with _LOCK:
            users = [c["id"] for c in _CONFIGURATIONS.values() if c["resourceGatewayId"] == gateway["id"]]
            if users:
                raise _conflict("Resource gateway", gateway["id"],
                                f"Resource gateway {gateway['id']} is used by resource configurations: "
                                + ", ".join(sorted(users)))
            del _GATEWAYS[gateway["arn"]]
        return json.dumps({"arn": gateway["arn"], "id": gateway["id"], "name": gateway["name"],
                           "status": "DELETE_IN_PROGRESS"})

    VPCLatticeResponse.delete_resource_gateway = delete_resource_gateway


def _definition(body: dict) -> dict:
    """The `resourceConfigurationDefinition` union of a SINGLE configuration: exactly one member."""
    definition = body.get("resourceConfigurationDefinition") or {}
    members = [k for k in ("dnsResource", "ipResource", "arnResource") if definition.get(k)]
    if len(members) != 1:
        raise _invalid("resourceConfigurationDefinition must have exactly one of dnsResource, ipResource, "
                       "arnResource.", "resourceConfigurationDefinition")
    if members[0] == "arnResource":
        raise _invalid("ARN resource configurations are not emulated.", "resourceConfigurationDefinition")
    if members[0] == "dnsResource":
        dns = definition["dnsResource"]
        domain, ip_type = dns.get("domainName") or "", dns.get("ipAddressType") or ""
        if not domain or len(domain) > 255 or ip_type not in ("IPV4", "IPV6", "DUALSTACK"):
            raise _invalid("dnsResource needs a domainName and an ipAddressType of IPV4, IPV6 or DUALSTACK.",
                           "resourceConfigurationDefinition")
        return {"dnsResource": {"domainName": domain, "ipAddressType": ip_type}}
    address = (definition["ipResource"].get("ipAddress") or "")
    if not address:
        raise _invalid("ipResource needs an ipAddress.", "resourceConfigurationDefinition")
    return {"ipResource": {"ipAddress": address}}


def _port_ranges(ranges: list) -> list:
    if not ranges:
        raise _invalid("A SINGLE resource configuration needs portRanges.", "portRanges")
    for port_range in ranges:
        if not PORT_RANGE.match(port_range or ""):
            raise _invalid(f"Invalid port range {port_range}.", "portRanges")
        bounds = [int(p) for p in port_range.split("-")]
        if not all(1 <= p <= 65535 for p in bounds) or bounds != sorted(bounds):
            raise _invalid(f"Invalid port range {port_range}.", "portRanges")
    return list(dict.fromkeys(ranges))


def patch_create_resource_configuration() -> None:
    """CreateResourceConfiguration (POST /resourceconfigurations, 201).

    AWS (API Reference, CreateResourceConfiguration): `name` is "unique within the account" (3-40 of a-z, 0-9,
    hyphen, not starting with `rcfg-`); `type` SINGLE takes `resourceGatewayIdentifier` ("The ID or ARN of the
    resource gateway used to connect to the resource configuration"), `protocol` (only TCP exists), `portRanges`
    ("for example: 1-65535"), and a `resourceConfigurationDefinition` union of one of `dnsResource`
    {domainName, ipAddressType}, `ipResource` {ipAddress}, `arnResource`; `allowAssociationToShareableServiceNetwork`
    "The default is false". The gateway is the caller's: a resource gateway is "the point that receives traffic into
    the VPC where a resource resides" ("Resource gateways in VPC Lattice"), and another account's gateway does not
    exist for the caller (ResourceNotFoundException, as for every identifier it does not own).
    moto 5.2.5 has no such action. Only SINGLE with a DNS or IP definition is emulated (GROUP, CHILD and ARN are
    refused as not emulated: a ValidationException AWS would not give, never an acceptance AWS would refuse).
    Provider: resource_configuration.go Create (CreateResourceConfiguration with clientToken, tags,
    resourceGatewayIdentifier; the new `id`, then waitResourceConfigurationCreated: GetResourceConfiguration until
    ACTIVE twice, pending CREATE_IN_PROGRESS).
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    _route("{0}/resourceconfigurations$")

    def create_resource_configuration(self: VPCLatticeResponse):
        account, region = _caller(self)
        body = _body(self)
        name = body.get("name") or ""
        if not CONFIGURATION_NAME.match(name):
            raise _invalid(f"Invalid resource configuration name {name!r}.", "name")
        kind = body.get("type") or "SINGLE"
        if kind != "SINGLE":
            raise _invalid(f"Resource configurations of type {kind} are not emulated.", "type")
        protocol = body.get("protocol") or "TCP"
        if protocol != "TCP":
            raise _invalid(f"Invalid protocol {protocol}.", "protocol")
        gateway = _find(_GATEWAYS, GATEWAY_ID, body.get("resourceGatewayIdentifier") or "", account, region,
                        "Resource gateway")
        definition = _definition(body)
        ports = _port_ranges(body.get("portRanges") or [])
        with _LOCK:
            if any(c["account"] == account and c["region"] == region and c["name"] == name
                   for c in _CONFIGURATIONS.values()):
                raise _conflict("Resource configuration", name,
                                f"A resource configuration named {name} already exists.")
            configuration_id = _new_id("rcfg-", "0123456789abcdefghijklmnopqrstuvwxyz")
            arn = f"arn:aws:vpc-lattice:{region}:{account}:resourceconfiguration/{configuration_id}"
            now = _now()
            configuration = {
                "account": account, "region": region, "arn": arn, "id": configuration_id, "name": name,
                "type": kind, "protocol": protocol, "portRanges": ports, "resourceConfigurationDefinition": definition,
                "resourceGatewayId": gateway["id"],
                "allowAssociationToShareableServiceNetwork": bool(body.get("allowAssociationToShareableServiceNetwork",
                                                                           False)),
                "status": "ACTIVE", "createdAt": now, "lastUpdatedAt": now,
                # The 7 hex digits between the configuration ID and `vpc-lattice-rsc` in its endpoints' DNS names.
                "dnsLabel": "".join(random.choices("0123456789abcdef", k=7)),
            }
            _CONFIGURATIONS[arn] = configuration
        _tag(account, region, arn, body.get("tags"))
        view = _configuration_view(configuration, "CREATE_IN_PROGRESS")
        for key in ("amazonManaged", "lastUpdatedAt"):
            view.pop(key)
        return 201, {"Content-Type": "application/json"}, json.dumps(view)

    VPCLatticeResponse.create_resource_configuration = create_resource_configuration


def patch_get_resource_configuration() -> None:
    """GetResourceConfiguration (GET /resourceconfigurations/{resourceConfigurationIdentifier}).

    AWS (API Reference, GetResourceConfiguration): by ID or ARN, `allowAssociationToShareableServiceNetwork`,
    `amazonManaged`, `arn`, `createdAt`, `id`, `lastUpdatedAt`, `name`, `portRanges`, `protocol`,
    `resourceConfigurationDefinition`, `resourceGatewayId`, `status`, `type`; unknown: ResourceNotFoundException.
    moto 5.2.5 has no such action.
    Provider: resource_configuration.go findResourceConfigurationByID (Read, the create waiter, the delete waiter
    whose pending states are ACTIVE and DELETE_IN_PROGRESS); Read flattens `resourceGatewayId` into
    `resource_gateway_identifier` and the definition union into its block.
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    _route("{0}/resourceconfigurations/(?P<resourceConfigurationIdentifier>.+)$")

    def get_resource_configuration(self: VPCLatticeResponse) -> str:
        account, region = _caller(self)
        configuration = _find(_CONFIGURATIONS, CONFIGURATION_ID, _identifier(self, "resourceconfigurations"), account,
                              region, "Resource configuration")
        return json.dumps(_configuration_view(configuration))

    VPCLatticeResponse.get_resource_configuration = get_resource_configuration


def patch_delete_resource_configuration() -> None:
    """DeleteResourceConfiguration (DELETE /resourceconfigurations/{resourceConfigurationIdentifier}, 204).

    AWS (API Reference, DeleteResourceConfiguration): deletes the caller's configuration; afterwards
    GetResourceConfiguration is ResourceNotFoundException. What becomes of resource endpoints still associated with
    it: EC2 VpcEndpointAssociation `associatedResourceAccessibility` is accessible only "if the associated resource
    configuration is AVAILABLE, otherwise the resource is inaccessible" (EC2 API Reference, VpcEndpointAssociation),
    so those associations stay listed and read Inaccessible. Whether AWS refuses the delete while endpoint
    associations exist is not documented; it is allowed here (Terraform destroys the consumers first).
    moto 5.2.5 has no such action.
    Provider: resource_configuration.go Delete (DeleteResourceConfiguration, ResourceNotFoundException = gone, then
    waitResourceConfigurationDeleted until not found).
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    def delete_resource_configuration(self: VPCLatticeResponse):
        account, region = _caller(self)
        configuration = _find(_CONFIGURATIONS, CONFIGURATION_ID, _identifier(self, "resourceconfigurations"), account,
                              region, "Resource configuration")
        with _LOCK:
            del _CONFIGURATIONS[configuration["arn"]]
            configuration["status"] = "DELETED"
        return 204, {}, ""

    VPCLatticeResponse.delete_resource_configuration = delete_resource_configuration


def _refuse_unknown_lattice_arn(response, arn: str) -> None:
    """ResourceNotFoundException for a resource gateway or configuration ARN that does not exist (or is not the
    caller's); other ARNs are left to moto."""
    arn = unquote(arn or "")
    parts = arn.split(":")
    if len(parts) < 6 or parts[2] != "vpc-lattice":
        return
    kind = parts[5].split("/")[0]
    store = {"resourcegateway": _GATEWAYS, "resourceconfiguration": _CONFIGURATIONS}.get(kind)
    if store is None:
        return
    account, region = _caller(response)
    if arn not in store or parts[4] != account or parts[3] != region:
        raise _not_found("Resource", arn)


def patch_lattice_tags() -> None:
    """ListTagsForResource / TagResource / UntagResource (/tags/{resourceArn}) on a gateway or configuration.

    AWS (API Reference, ListTagsForResource, TagResource, UntagResource): each lists ResourceNotFoundException for a
    resource that does not exist. moto 5.2.5 (vpclattice/responses.py) answers any ARN from its tag store, so a
    deleted gateway would still list its tags. The tag store itself is moto's.
    Provider: the @Tags(identifierAttribute="arn") interceptor of resource_gateway.go and resource_configuration.go
    (ListTagsForResource on Read; TagResource / UntagResource on a tag change, tags_gen.go updateTags).
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    for name in ("list_tags_for_resource", "tag_resource", "untag_resource"):
        original = getattr(VPCLatticeResponse, name)

        def checked(self: VPCLatticeResponse, _original=original):
            _refuse_unknown_lattice_arn(self, self._get_param("resourceArn") or
                                        self.path.split("/tags/", 1)[-1].split("?")[0])
            return _original(self)

        setattr(VPCLatticeResponse, name, checked)


def _association_summary(association: dict) -> dict:
    configuration = association["configuration"]
    return {
        "arn": association["arn"],
        "createdAt": association["createdAt"],
        "createdBy": association["vpcEndpointOwner"],
        "id": association["id"],
        "resourceConfigurationArn": configuration["arn"],
        "resourceConfigurationId": configuration["id"],
        "resourceConfigurationName": configuration["name"],
        "vpcEndpointId": association["vpcEndpointId"],
        "vpcEndpointOwner": association["vpcEndpointOwner"],
    }


def patch_list_resource_endpoint_associations() -> None:
    """ListResourceEndpointAssociations (GET /resourceendpointassociations).

    AWS (API Reference, ListResourceEndpointAssociations; "Manage associations for a VPC Lattice resource
    configuration": consumer accounts "can access the resource configuration either directly using a VPC endpoint of
    type resource ... As a result your resource configuration will have endpoint associations"): for the required
    `resourceConfigurationIdentifier`, the owner lists the endpoint associations of every account, filtered by
    `vpcEndpointOwner`, `vpcEndpointId`, `resourceEndpointAssociationIdentifier`; items carry `arn`, `createdAt`,
    `createdBy`, `id` (`rea-` + 17 hex), `resourceConfigurationArn`, `resourceConfigurationId`,
    `resourceConfigurationName`, `vpcEndpointId`, `vpcEndpointOwner`.
    moto 5.2.5 has no such action. The product's revocation reads it to find a revoked account's endpoints.
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    _route("{0}/resourceendpointassociations$")

    def list_resource_endpoint_associations(self: VPCLatticeResponse) -> str:
        account, region = _caller(self)
        identifier = self._get_param("resourceConfigurationIdentifier")
        if not identifier:
            raise _invalid("resourceConfigurationIdentifier is required.", "resourceConfigurationIdentifier")
        configuration = _find(_CONFIGURATIONS, CONFIGURATION_ID, identifier, account, region,
                              "Resource configuration")
        owner, endpoint = self._get_param("vpcEndpointOwner"), self._get_param("vpcEndpointId")
        wanted = self._get_param("resourceEndpointAssociationIdentifier")
        with _LOCK:
            items = [_association_summary(a) for a in _ASSOCIATIONS.values()
                     if a["configuration"] is configuration
                     and (not owner or a["vpcEndpointOwner"] == owner)
                     and (not endpoint or a["vpcEndpointId"] == endpoint)
                     and (not wanted or wanted in (a["id"], a["arn"]))]
        return json.dumps({"items": items})

    VPCLatticeResponse.list_resource_endpoint_associations = list_resource_endpoint_associations


def patch_delete_resource_endpoint_association() -> None:
    """DeleteResourceEndpointAssociation (DELETE /resourceendpointassociations/{resourceEndpointAssociationIdentifier}).

    AWS (API Reference, DeleteResourceEndpointAssociation): "Disassociates the resource configuration from the
    resource VPC endpoint", by ID or ARN; answers `arn`, `id`, `resourceConfigurationArn`, `resourceConfigurationId`,
    `vpcEndpointId`; an unknown association is ResourceNotFoundException. The configuration's owner does it ("Manage
    associations for a VPC Lattice resource configuration"); the endpoint itself stays in its owner's account.
    After it, the endpoint has no association with the configuration: EC2 DescribeVpcEndpointAssociations ("Describes
    the VPC resources ... associated with the VPC endpoint") no longer lists it, so nothing is reachable through it.
    moto 5.2.5 has no such action. The product's revocation (owner's commands for existing associations) uses it.
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    _route("{0}/resourceendpointassociations/(?P<resourceEndpointAssociationIdentifier>.+)$")

    def delete_resource_endpoint_association(self: VPCLatticeResponse) -> str:
        account, region = _caller(self)
        identifier = _identifier(self, "resourceendpointassociations")
        with _LOCK:
            association = next((a for a in _ASSOCIATIONS.values() if identifier in (a["id"], a["arn"])
                                and a["configuration"]["account"] == account
                                and a["configuration"]["region"] == region), None)
            if association is None:
                if not (ASSOCIATION_ID.match(identifier) or identifier.startswith("arn:")):
                    raise _invalid(f"Invalid resource endpoint association identifier {identifier}.")
                raise _not_found("Resource endpoint association", identifier)
            del _ASSOCIATIONS[association["arn"]]
        configuration = association["configuration"]
        return json.dumps({"arn": association["arn"], "id": association["id"],
                           "resourceConfigurationArn": configuration["arn"],
                           "resourceConfigurationId": configuration["id"],
                           "vpcEndpointId": association["vpcEndpointId"]})

    VPCLatticeResponse.delete_resource_endpoint_association = delete_resource_endpoint_association


# ---- read-only views and association bookkeeping for e2e/moto_ec2.py (CreateVpcEndpoint of type Resource) ----

# Route 53 zone of `*.vpc-lattice-rsc.<region>.on.aws`, the alias target zone of resource endpoint associations.
# us-east-2's is the one AWS CLI's describe-vpc-endpoint-associations example shows; AWS publishes no table, so the
# other Regions get a stable zone ID of the same shape ("Z" + 20 upper-case letters and digits), not AWS's.
RESOURCE_ENDPOINT_HOSTED_ZONE_IDS = {"us-east-2": "Z03265862FOUNWMZOKUF4"}


def resource_endpoint_hosted_zone_id(region: str) -> str:
    if region in RESOURCE_ENDPOINT_HOSTED_ZONE_IDS:
        return RESOURCE_ENDPOINT_HOSTED_ZONE_IDS[region]
    seeded = random.Random(f"vpc-lattice-rsc.{region}")
    return "Z0" + "".join(seeded.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", k=19))


def configuration_by_arn(arn: str) -> dict | None:
    """The live resource configuration an ARN names (any account), or None."""
    with _LOCK:
        return _CONFIGURATIONS.get(arn)


def gateway_of(configuration: dict) -> dict | None:
    with _LOCK:
        return next((g for g in _GATEWAYS.values() if g["id"] == configuration["resourceGatewayId"]
                     and g["account"] == configuration["account"]), None)


def associate_endpoint(configuration: dict, endpoint_id: str, endpoint_owner: str) -> dict:
    """Records the association a new resource endpoint makes with its configuration (one per endpoint)."""
    association_id = _new_id("rea-")
    arn = (f"arn:aws:vpc-lattice:{configuration['region']}:{configuration['account']}:"
           f"resourceendpointassociation/{association_id}")
    association = {
        "arn": arn, "id": association_id, "configuration": configuration, "vpcEndpointId": endpoint_id,
        "vpcEndpointOwner": endpoint_owner, "createdAt": _now(),
        "ec2Id": _new_id("vpce-rsc-asc-"),
    }
    with _LOCK:
        _ASSOCIATIONS[arn] = association
    return association


def associations_of_endpoint(endpoint_id: str) -> list:
    with _LOCK:
        return [a for a in _ASSOCIATIONS.values() if a["vpcEndpointId"] == endpoint_id]


def forget_endpoint(endpoint_id: str) -> None:
    """A deleted resource endpoint takes its association with it."""
    with _LOCK:
        for arn in [arn for arn, a in _ASSOCIATIONS.items() if a["vpcEndpointId"] == endpoint_id]:
            del _ASSOCIATIONS[arn]


def patch_list_resource_configurations() -> None:
    """ListResourceConfigurations (GET /resourceconfigurations) and ListResourceGateways (GET /resourcegateways).

    AWS (API Reference, ListResourceConfigurations, ListResourceGateways): the caller's own configurations (optionally
    of one `resourceGatewayIdentifier`) and gateways in the Region, as summaries (`arn`, `id`, `name`, `status`,
    `type`, `resourceGatewayId` …; a gateway's `vpcIdentifier`, `subnetIds`, `securityGroupIds`), paginated by
    `nextToken` (one page here). moto 5.2.5 has neither action.
    Product: `npm run revoke` (transports/lattice/revocation.ts) finds the deployment's configuration by name.
    """
    from moto.vpclattice.responses import VPCLatticeResponse

    def list_resource_configurations(self: VPCLatticeResponse) -> str:
        account, region = _caller(self)
        gateway = self._get_param("resourceGatewayIdentifier")
        with _LOCK:
            items = [
                {k: v for k, v in _configuration_view(c).items() if k in ("arn", "createdAt", "id", "lastUpdatedAt", "name", "resourceGatewayId", "status", "type", "amazonManaged")}
                for c in _CONFIGURATIONS.values()
                if c["account"] == account and c["region"] == region and (not gateway or gateway in (c["resourceGatewayId"], c.get("resourceGatewayArn")))
            ]
        return json.dumps({"items": items})

    def list_resource_gateways(self: VPCLatticeResponse) -> str:
        account, region = _caller(self)
        with _LOCK:
            items = [_gateway_view(g) for g in _GATEWAYS.values() if g["account"] == account and g["region"] == region]
        # ResourceGatewaySummary names the VPC `vpcIdentifier` where GetResourceGateway says `vpcId` (API Reference,
        # ResourceGatewaySummary; ListResourceGateways response syntax).
        for item in items:
            item["vpcIdentifier"] = item.pop("vpcId")
        return json.dumps({"items": items})

    VPCLatticeResponse.list_resource_configurations = list_resource_configurations
    VPCLatticeResponse.list_resource_gateways = list_resource_gateways
