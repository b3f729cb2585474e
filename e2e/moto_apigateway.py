"""Emulator patches for API Gateway: REST APIs, their import and policy, private custom domain names.

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.
Each patch names what moto does, what AWS does, and the provider code path that depends on it.

  1. RestApi responses (CreateRestApi / GetRestApi / GetRestApis / UpdateRestApi): `policy` is the
     backslash-escaped JSON string AWS returns.
  2. CreateDomainName / GetDomainName(s) / UpdateDomainName / DeleteDomainName: PRIVATE domain names get
     `domainNameId`, `domainNameArn`, `policy`, are addressed by `?domainNameId=`, and take PATCH.
  3. Create/Get/Update/DeleteBasePathMapping(s): `?domainNameId=` selects the private domain.
  4. Create/Get/DeleteDomainNameAccessAssociation(s): not in moto at all.
     CreateDomainNameAccessAssociation: another account's domain name only once shared with the caller through AWS RAM
     and accepted, with the caller's execute-api interface endpoint. RejectDomainNameAccessAssociation: the owner
     rejects another account's association.
  5. GetTags / TagResource / UntagResource on domain-name and access-association ARNs.
  6. UpdateAccount: `replace /cloudwatchRoleArn` without a value clears the role (moto: 500).
  7. PutRestApi (OpenAPI 3 / Swagger 2, JSON or YAML): `x-amazon-apigateway-any-method` is ANY, awsSigv4
     `security` is AWS_IAM (else NONE), integrations AWS_PROXY / WHEN_NO_MATCH, overwrite keeps the root resource
     and endpoint types and takes name/description/policy from the definition; bad bodies are BadRequestException
     with nothing imported; refused as API Gateway refuses them: an `openapi` version other than 3.0.x, two
     different variable path parts under one parent, a greedy `{name+}` that is not last, an external `$ref`; the
     endpoint configuration is read where API Gateway reads it (OpenAPI 3: `servers[]`).
  8. CreateDeployment: a PRIVATE REST API without a resource policy is refused.
  9. CreateRestApi / UpdateRestApi / PutRestApi resource policy: principals must exist (account roots of accounts
     the emulator knows, IAM roles and users that exist), else "Invalid policy document".
"""

import json
import re
from typing import Any
from urllib.parse import unquote


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


PRIVATE = "PRIVATE"


def _query(response: Any, name: str) -> str | None:
    values = response.querystring.get(name)
    return values[0] if values else None


def _domain_key(name: str, domain_name_id: str | None) -> str:
    """Where a domain name is kept in moto's `domain_names` dict: private ones by `name+id` (their ARN's suffix)."""
    return f"{name}+{domain_name_id}" if domain_name_id else name


def _arn_path(arn: str) -> str:
    """`arn:aws:apigateway:<region>:<account>:/domainnames/x+id` -> `/domainnames/x+id`."""
    return arn.split(":", 5)[5] if arn.count(":") >= 5 else arn


def patch_private_domain_names() -> None:
    """CreateDomainName / GetDomainName / GetDomainNames / UpdateDomainName / DeleteDomainName.

    AWS (since Nov 2024): a domain name with `endpointConfiguration.types = [PRIVATE]` is a private custom
    domain name. It gets a `domainNameId`, a `domainNameArn`
    `arn:aws:apigateway:<region>:<account>:/domainnames/<name>+<id>`, a resource `policy` (returned as the
    plain JSON document), `endpointConfiguration.ipAddressType` (`dualstack` for PRIVATE), and every later
    call names it by `<name>` plus the `domainNameId` query parameter. Its `certificateArn` must be an
    ISSUED ACM certificate of the account and region. UpdateDomainName applies JSON-patch operations
    (`replace /policy`, `/certificateArn`, `/securityPolicy`, `/endpointConfiguration/...`).
    moto 5.2.5 (apigateway/models.py `DomainName`) knows none of these fields, keys domain names by name
    only, ignores `domainNameId`, does not check the certificate, and has no UpdateDomainName.
    Provider: domain_name.go `resourceDomainNameCreate` sets the resource id to `<name>/<DomainNameId>`
    from the create output, `resourceDomainNameRead` (findDomainNameByTwoPartKey) calls GetDomainName with
    `DomainNameId`, sets `arn` from `DomainNameArn`, `domain_name_id`, `policy` (normalized JSON,
    SuppressEquivalentPolicyDiffs) and tags from the output; `resourceDomainNameUpdate` sends the patch
    operations then waits for `domainNameStatus` AVAILABLE; Delete passes `DomainNameId`.
    We keep private domain names under `<name>+<id>` in moto's dict (public ones stay under `<name>`).
    """
    from moto.acm.models import acm_backends
    from moto.apigateway.exceptions import BadRequestException, DomainNameNotFound
    from moto.apigateway.models import DomainName
    from moto.apigateway.responses import APIGatewayResponse
    from moto.apigateway.utils import create_id

    original_to_json = DomainName.to_json

    def to_json(self: DomainName) -> dict:
        result = original_to_json(self)
        for key, attr in (("domainNameId", "domain_name_id"), ("domainNameArn", "domain_name_arn"),
                          ("policy", "policy"), ("ownershipVerificationCertificateArn", "ownership_arn")):
            if getattr(self, attr, None):
                result[key] = getattr(self, attr)
        # AWS never returns certificate bodies or private keys.
        for secret in ("certificateBody", "certificatePrivateKey", "certificateChain"):
            result.pop(secret, None)
        return result

    DomainName.to_json = to_json

    def check_certificate(response: APIGatewayResponse, arn: str | None) -> None:
        if not arn:
            raise BadRequestException("A certificate ARN is required for a private custom domain name")
        parts = arn.split(":")
        if len(parts) < 6 or parts[2] != "acm" or parts[3] != response.region or parts[4] != response.current_account:
            raise BadRequestException(f"Invalid certificate ARN: {arn}. Certificate must be in '{response.region}'.")
        certificates = acm_backends[response.current_account][response.region]._certificates
        certificate = certificates.get(arn)
        if certificate is None:
            raise BadRequestException(f"Certificate {arn} not found")
        certificate.check()
        if certificate.status != "ISSUED":
            raise BadRequestException(f"Certificate {arn} is not ISSUED (status {certificate.status})")

    original_create = APIGatewayResponse.create_domain_name

    def create_domain_name(self: APIGatewayResponse):
        endpoint = self._get_param("endpointConfiguration") or {}
        if PRIVATE not in (endpoint.get("types") or []):
            return original_create(self)
        name = self._get_param("domainName")
        if not name:
            raise BadRequestException("Invalid domain name identifier specified")
        certificate_arn = self._get_param("certificateArn")
        check_certificate(self, certificate_arn)
        endpoint = {"types": [PRIVATE], "ipAddressType": endpoint.get("ipAddressType") or "dualstack"}
        if endpoint["ipAddressType"] != "dualstack":
            raise BadRequestException("Private custom domain names only support the dualstack IP address type")
        domain = DomainName(
            name,
            certificate_arn=certificate_arn,
            tags=self._get_param("tags"),
            security_policy=self._get_param("securityPolicy") or "TLS_1_2",
            endpoint_configuration=endpoint,
            region_name=self.region,
        )
        # Private names have no regional / edge target of their own: they resolve through execute-api endpoints.
        domain.regional_domain_name = domain.distribution_domain_name = None
        domain.regional_hosted_zone_id = domain.distribution_hosted_zone_id = None
        domain.domain_name_id = create_id()
        domain.domain_name_arn = (
            f"arn:aws:apigateway:{self.region}:{self.current_account}:/domainnames/{name}+{domain.domain_name_id}"
        )
        domain.policy = self._get_param("policy")
        self.backend.domain_names[_domain_key(name, domain.domain_name_id)] = domain
        return 201, {"status": 201}, json.dumps(domain.to_json())

    def find(self: APIGatewayResponse) -> tuple[str, DomainName]:
        name = unquote(self.path.split("/")[2])
        key = _domain_key(name, _query(self, "domainNameId"))
        domain = self.backend.domain_names.get(key)
        if domain is None:
            raise DomainNameNotFound()
        return key, domain

    def get_domain_name(self: APIGatewayResponse) -> str:
        return json.dumps(find(self)[1].to_json())

    def delete_domain_name(self: APIGatewayResponse):
        key, _ = find(self)
        del self.backend.domain_names[key]
        self.backend.base_path_mappings.pop(key, None)
        return 202, {"status": 202}, "{}"

    # Patch paths that set one attribute of moto's DomainName as they are.
    PLAIN_ATTRIBUTES = {
        "/policy": "policy",
        "/certificateArn": "certificate_arn",
        "/certificateName": "certificate_name",
        "/regionalCertificateArn": "regional_certificate_arn",
        "/regionalCertificateName": "regional_certificate_name",
        "/securityPolicy": "security_policy",
        "/ownershipVerificationCertificateArn": "ownership_arn",
    }

    def update_domain_name(self: APIGatewayResponse) -> str:
        _, domain = find(self)
        for op in self._get_param("patchOperations") or []:
            path, value = op.get("path", ""), op.get("value")
            if op.get("op") not in ("replace", "add"):
                raise BadRequestException(f"Invalid patch operation specified. Must be 'replace' for {path}")
            if path in PLAIN_ATTRIBUTES:
                if path == "/certificateArn" and getattr(domain, "domain_name_id", None):
                    check_certificate(self, value)
                setattr(domain, PLAIN_ATTRIBUTES[path], value)
            elif path == "/endpointConfiguration/types/0":
                if getattr(domain, "domain_name_id", None) and value != PRIVATE:
                    raise BadRequestException("The endpoint type of a private custom domain name cannot be changed")
                domain.endpoint_configuration = dict(domain.endpoint_configuration or {}, types=[value])
            elif path == "/endpointConfiguration/ipAddressType":
                domain.endpoint_configuration = dict(domain.endpoint_configuration or {}, ipAddressType=value)
            else:
                raise BadRequestException(f"Invalid patch path '{path}' specified for op 'replace'")
        return json.dumps(domain.to_json())

    APIGatewayResponse.create_domain_name = create_domain_name
    APIGatewayResponse.get_domain_name = get_domain_name
    APIGatewayResponse.delete_domain_name = delete_domain_name
    APIGatewayResponse.update_domain_name = update_domain_name


def patch_base_path_mappings_by_domain_name_id() -> None:
    """CreateBasePathMapping / GetBasePathMapping(s) / UpdateBasePathMapping / DeleteBasePathMapping.

    AWS: a mapping of a private custom domain name is addressed by the name plus the `domainNameId` query
    parameter, and may only point at a PRIVATE REST API (BadRequestException otherwise). moto 5.2.5
    (apigateway/responses.py `*_base_path_mapping`) ignores `domainNameId` and looks the domain up by name
    only, so every call on a private domain name answers NotFoundException.
    Provider: base_path_mapping.go `resourceBasePathMappingCreate` sends `DomainNameId` when
    `domain_name_id` is set and uses the id `<domain>/<base path>/<domain_name_id>`; Read
    (findBasePathMappingByThreePartKey), Update and Delete send `DomainNameId`, with the base path `(none)`
    for an empty `base_path`.
    """
    from moto.apigateway.exceptions import BadRequestException
    from moto.apigateway.responses import APIGatewayResponse

    def key(self: APIGatewayResponse) -> str:
        return _domain_key(unquote(self.path.split("/")[2]), _query(self, "domainNameId"))

    def base_path(self: APIGatewayResponse) -> str:
        return unquote(self.path.split("/")[4])

    def create_base_path_mapping(self: APIGatewayResponse):
        domain_key = key(self)
        rest_api_id = self._get_param("restApiId")
        if _query(self, "domainNameId") and rest_api_id in self.backend.apis:
            types = (self.backend.apis[rest_api_id].endpoint_configuration or {}).get("types") or []
            if PRIVATE not in types:
                raise BadRequestException("A private custom domain name can only be mapped to a private REST API")
        mapping = self.backend.create_base_path_mapping(
            domain_key, rest_api_id, self._get_param("basePath"), self._get_param("stage")
        )
        return 201, {"status": 201}, json.dumps(mapping.to_json())

    def get_base_path_mapping(self: APIGatewayResponse) -> str:
        return json.dumps(self.backend.get_base_path_mapping(key(self), base_path(self)).to_json())

    def get_base_path_mappings(self: APIGatewayResponse) -> str:
        domain_key = key(self)
        self.backend.base_path_mappings.setdefault(domain_key, {}) if domain_key in self.backend.domain_names else None
        return json.dumps({"item": [m.to_json() for m in self.backend.get_base_path_mappings(domain_key)]})

    def update_base_path_mapping(self: APIGatewayResponse) -> str:
        mapping = self.backend.update_base_path_mapping(key(self), base_path(self), self._get_param("patchOperations"))
        return json.dumps(mapping.to_json())

    def delete_base_path_mapping(self: APIGatewayResponse):
        self.backend.delete_base_path_mapping(key(self), base_path(self))
        return 202, {"status": 202}, ""

    APIGatewayResponse.create_base_path_mapping = create_base_path_mapping
    APIGatewayResponse.get_base_path_mapping = get_base_path_mapping
    APIGatewayResponse.get_base_path_mappings = get_base_path_mappings
    APIGatewayResponse.update_base_path_mapping = update_base_path_mapping
    APIGatewayResponse.delete_base_path_mapping = delete_base_path_mapping


# Access associations of every account and region: an association is owned by the endpoint's account but
# names a domain name that may belong to another account (GetDomainNameAccessAssociations OTHER_ACCOUNTS).
_ASSOCIATIONS: dict[str, dict[str, Any]] = {}


def patch_domain_name_access_associations() -> None:
    """CreateDomainNameAccessAssociation / GetDomainNameAccessAssociations / DeleteDomainNameAccessAssociation.

    AWS: POST /domainnameaccessassociations {domainNameArn, accessAssociationSource (a vpce id),
    accessAssociationSourceType VPCE, tags} answers 201 with `domainNameAccessAssociationArn`
    `arn:aws:apigateway:<region>:<account>:/domainnameaccessassociations/domainname/<name>+<id>/vpcesource/<vpce>`;
    GET /domainnameaccessassociations?resourceOwner=SELF|OTHER_ACCOUNTS lists them (`item`), DELETE
    /domainnameaccessassociations/<arn> answers 202; a duplicate is a ConflictException, an unknown domain
    name or association a NotFoundException. moto 5.2.5 implements none of them (no route, no method).
    Provider: domain_name_access_association.go Create (ARN from the output becomes `id` and `arn`),
    Read = findDomainNameAccessAssociationByARN (GetDomainNameAccessAssociations resourceOwner=SELF, filtered
    on the ARN, exactly one), Delete (NotFoundException is success); tags through GetTags on `arn`.
    """
    from moto.apigateway import urls
    from moto.apigateway.exceptions import BadRequestException, ConflictException, NotFoundException
    from moto.apigateway.models import apigateway_backends
    from moto.apigateway.responses import APIGatewayResponse
    from moto.ec2.models import ec2_backends

    urls.url_paths["{0}/domainnameaccessassociations$"] = APIGatewayResponse.dispatch
    urls.url_paths["{0}/domainnameaccessassociations/(?P<association_arn>.+)$"] = APIGatewayResponse.dispatch
    urls.url_paths["{0}/rejectdomainnameaccessassociations$"] = APIGatewayResponse.dispatch

    def domain_of(arn: str) -> tuple[str, str, Any]:
        parts = arn.split(":")
        if len(parts) < 6 or parts[2] != "apigateway" or not _arn_path(arn).startswith("/domainnames/"):
            raise BadRequestException(f"Invalid domain name ARN: {arn}")
        region, account = parts[3], parts[4]
        domain_key = _arn_path(arn)[len("/domainnames/"):]
        domain = apigateway_backends[account][region].domain_names.get(domain_key) if account else None
        if domain is None or not getattr(domain, "domain_name_id", None):
            raise NotFoundException(f"Invalid domain name identifier specified: {arn}")
        return account, region, domain

    def item(a: dict) -> dict:
        return {k: a[k] for k in ("domainNameAccessAssociationArn", "domainNameArn", "accessAssociationSourceType",
                                  "accessAssociationSource", "tags") if a.get(k) is not None}

    def create_domain_name_access_association(self: APIGatewayResponse):
        domain_arn = self._get_param("domainNameArn")
        source = self._get_param("accessAssociationSource")
        source_type = self._get_param("accessAssociationSourceType")
        if source_type != "VPCE":
            raise BadRequestException("accessAssociationSourceType must be VPCE")
        _, region, domain = domain_of(domain_arn or "")
        if region != self.region:
            raise BadRequestException("The domain name must be in the same region as the VPC endpoint")
        if source not in ec2_backends[self.current_account][self.region].vpc_end_points:
            raise BadRequestException(f"Invalid VPC endpoint identifier specified: {source}")
        arn = (f"arn:aws:apigateway:{self.region}:{self.current_account}:/domainnameaccessassociations"
               f"/domainname/{domain.domain_name}+{domain.domain_name_id}/vpcesource/{source}")
        if arn in _ASSOCIATIONS:
            raise ConflictException(f"An access association for {source} already exists on {domain_arn}")
        _ASSOCIATIONS[arn] = {
            "domainNameAccessAssociationArn": arn,
            "domainNameArn": domain_arn,
            "accessAssociationSourceType": source_type,
            "accessAssociationSource": source,
            "tags": self._get_param("tags") or {},
            "owner": self.current_account,
            "region": self.region,
        }
        return 201, {"status": 201}, json.dumps(item(_ASSOCIATIONS[arn]))

    def get_domain_name_access_associations(self: APIGatewayResponse) -> str:
        owner = _query(self, "resourceOwner") or "SELF"
        mine = [a for a in _ASSOCIATIONS.values() if a["region"] == self.region]
        if owner == "SELF":
            mine = [a for a in mine if a["owner"] == self.current_account]
        else:
            mine = [a for a in mine if a["owner"] != self.current_account
                    and a["domainNameArn"].split(":")[4] == self.current_account]
        return json.dumps({"item": [item(a) for a in mine]})

    def delete_domain_name_access_association(self: APIGatewayResponse):
        arn = unquote(self.path.split("/domainnameaccessassociations/", 1)[1])
        association = _ASSOCIATIONS.get(arn)
        if association is None or association["owner"] != self.current_account:
            raise NotFoundException(f"Invalid domain name access association identifier specified: {arn}")
        del _ASSOCIATIONS[arn]
        return 202, {"status": 202}, ""

    APIGatewayResponse.create_domain_name_access_association = create_domain_name_access_association
    APIGatewayResponse.get_domain_name_access_associations = get_domain_name_access_associations
    APIGatewayResponse.delete_domain_name_access_association = delete_domain_name_access_association


def _caller_arn(response: Any) -> str:
    """The ARN IAM names the caller by in an access-denied message (the assumed role, else the account root)."""
    from moto.sts.models import sts_backends

    role = sts_backends[response.current_account]["aws"].get_assumed_role_from_access_key(response.get_access_key())
    return role.arn if role is not None else f"arn:aws:iam::{response.current_account}:root"


def patch_access_association_authorization() -> None:
    """CreateDomainNameAccessAssociation: who may associate which VPC endpoint with a private custom domain name.

    AWS (API Gateway Developer Guide, "Tasks of API providers and API consumers for custom domain names for private
    APIs"; "API provider: Share your private custom domain name using AWS RAM"; "API consumer: Associate your VPC
    endpoint with a private custom domain name shared with you"; API Reference CreateDomainNameAccessAssociation):
    the domain name's `managementPolicy` decides which other accounts may create an association
    (`apigateway:CreateAccessAssociation`); AWS RAM writes it when the name is shared, and an account invited from
    outside the organization has access only once it accepted ("If you decline the invitation, you can't access
    the shared resources", RAM guide). Once the provider disassociates the account from the share, it can no longer
    create associations ("Stop sharing a private custom domain name using AWS RAM"). The source is the caller's
    own interface endpoint for `com.amazonaws.<region>.execute-api`, in the domain name's Region ("Both the private
    custom domain name and the VPC endpoint need to be in the same AWS Region"). A refused authorization is IAM's
    AccessDeniedException (HTTP 403, "User: <arn> is not authorized to perform: <action> on resource: <arn> because
    no resource-based policy allows the <action> action", IAM User Guide "Troubleshoot access denied error
    messages").
    moto 5.2.5 has no access associations; the patch above creates one for any domain name of any account, with any
    endpoint of the caller. Only RAM grants here: a `managementPolicy` written by UpdateDomainName is refused by
    patch_private_domain_names, so no account gets access that way (stricter than AWS, never looser).
    Provider: domain_name_access_association.go Create (CreateDomainNameAccessAssociation from the consumer's
    account, `depends_on` the share accepter in our consumer stacks).
    """
    import moto_ram
    from moto.apigateway.exceptions import BadRequestException
    from moto.apigateway.responses import APIGatewayResponse
    from moto.core.exceptions import JsonRESTError
    from moto.ec2.models import ec2_backends

    original = APIGatewayResponse.create_domain_name_access_association

    def create_domain_name_access_association(self: APIGatewayResponse):
        domain_arn = self._get_param("domainNameArn") or ""
        parts = domain_arn.split(":")
        if len(parts) >= 6 and parts[2] == "apigateway" and parts[4] != self.current_account:
            if not moto_ram.shared_with(domain_arn, self.current_account):
                action = "apigateway:CreateAccessAssociation"
                denied = JsonRESTError(
                    "AccessDeniedException",
                    f"User: {_caller_arn(self)} is not authorized to perform: {action} on resource: {domain_arn} "
                    f"because no resource-based policy allows the {action} action",
                )
                denied.code = 403
                raise denied
        source = self._get_param("accessAssociationSource")
        endpoint = ec2_backends[self.current_account][self.region].vpc_end_points.get(source)
        if endpoint is not None and (endpoint.vpc_endpoint_type != "Interface"
                                     or endpoint.service_name != f"com.amazonaws.{self.region}.execute-api"):
            raise BadRequestException(
                f"Invalid VPC endpoint {source}: the access association source must be an interface VPC endpoint "
                f"for com.amazonaws.{self.region}.execute-api"
            )
        return original(self)

    APIGatewayResponse.create_domain_name_access_association = create_domain_name_access_association


def patch_reject_domain_name_access_association() -> None:
    """RejectDomainNameAccessAssociation.

    AWS (API Reference RejectDomainNameAccessAssociation: POST /rejectdomainnameaccessassociations
    ?domainNameAccessAssociationArn=&domainNameArn=, 202; Developer Guide "API provider: Stop sharing a private
    custom domain name using AWS RAM"): the domain name's owner rejects an association that another account made
    with its name; afterwards "if an API consumer tries to call your private custom domain name, API Gateway rejects
    the call and returns a 403 status code", and "The API consumer can then delete their domain name access
    association" (so it stays in the consumer's account until the consumer deletes it). "You can't reject a domain
    name access association in your own account" (DeleteDomainNameAccessAssociation is for that). The owner lists
    those associations with GetDomainNameAccessAssociations resourceOwner=OTHER_ACCOUNTS.
    moto 5.2.5 has no such action; the patch above routes the URL but has no handler.
    Provider: none (no resource rejects); the provider's revoke path and the e2e call it through the SDK.
    We mark the association `rejected`: a call path through it answers 403, as the guide says.
    """
    from moto.apigateway.exceptions import BadRequestException, NotFoundException
    from moto.apigateway.responses import APIGatewayResponse

    def reject_domain_name_access_association(self: APIGatewayResponse):
        arn, domain_arn = _query(self, "domainNameAccessAssociationArn"), _query(self, "domainNameArn")
        if not arn or not domain_arn:
            raise BadRequestException("domainNameAccessAssociationArn and domainNameArn are required")
        association = _ASSOCIATIONS.get(arn)
        if association is None or association["domainNameArn"] != domain_arn \
                or domain_arn.split(":")[4] != self.current_account or association["region"] != self.region:
            raise NotFoundException(f"Invalid domain name access association identifier specified: {arn}")
        if association["owner"] == self.current_account:
            raise BadRequestException(
                "You can't reject a domain name access association in your own account; delete it instead"
            )
        association["rejected"] = True
        return 202, {"status": 202}, ""

    APIGatewayResponse.reject_domain_name_access_association = reject_domain_name_access_association


def patch_tags_by_arn() -> None:
    """GetTags / TagResource / UntagResource (`/tags/<arn>`) on domain names and access associations.

    AWS tags any API Gateway resource by ARN. moto 5.2.5 (apigateway/responses.py `get_tags` & co.) only
    understands stage ARNs: it takes the 3rd- and 1st-last path parts as REST API id and stage name, so a
    domain-name ARN answers 404 or a stage error, and its URL pattern `/tags/[^/]+` does not even match an
    ARN whose path has slashes. Provider: the tags interceptor of domain_name_access_association.go
    (@Tags(identifierAttribute="arn"), framework) calls GetTags on `arn` after every Read, and
    TagResource/UntagResource on tag changes of it and of domain_name.go. Stage ARNs still go to moto.
    """
    from moto.apigateway import urls
    from moto.apigateway.exceptions import NotFoundException
    from moto.apigateway.models import apigateway_backends
    from moto.apigateway.responses import APIGatewayResponse

    urls.url_paths["{0}/tags/(?P<resourceArn>.+)$"] = APIGatewayResponse.dispatch

    def target(self: APIGatewayResponse) -> dict | None:
        """The tag dict of the resource named by the URL, or None when moto's own handling applies."""
        arn = unquote(self.path.split("/tags/", 1)[1])
        path = _arn_path(arn)
        if path.startswith("/domainnameaccessassociations/"):
            association = _ASSOCIATIONS.get(arn)
            if association is None:
                raise NotFoundException(f"Invalid resource identifier specified: {arn}")
            return association.setdefault("tags", {})
        if path.startswith("/domainnames/") and path.count("/") == 2:
            parts = arn.split(":")
            account = parts[4] or self.current_account
            domain = apigateway_backends[account][parts[3]].domain_names.get(path[len("/domainnames/"):])
            if domain is None:
                raise NotFoundException(f"Invalid resource identifier specified: {arn}")
            if domain.tags is None:
                domain.tags = {}
            return domain.tags
        return None

    original_get, original_tag, original_untag = (
        APIGatewayResponse.get_tags, APIGatewayResponse.tag_resource, APIGatewayResponse.untag_resource
    )

    def get_tags(self: APIGatewayResponse) -> str:
        tags = target(self)
        return original_get(self) if tags is None else json.dumps({"tags": tags})

    def tag_resource(self: APIGatewayResponse):
        tags = target(self)
        if tags is None:
            return original_tag(self)
        tags.update(self._get_param("tags") or {})
        return 204, {"status": 204}, ""

    def untag_resource(self: APIGatewayResponse):
        tags = target(self)
        if tags is None:
            return original_untag(self)
        for key in self.querystring.get("tagKeys") or []:
            tags.pop(key, None)
        return 204, {"status": 204}, ""

    APIGatewayResponse.get_tags = get_tags
    APIGatewayResponse.tag_resource = tag_resource
    APIGatewayResponse.untag_resource = untag_resource


def patch_account_role_reset() -> None:
    """UpdateAccount `replace /cloudwatchRoleArn` without a value.

    AWS clears the account's CloudWatch role when the operation carries no value; terraform-provider-aws sends
    exactly that when an `aws_api_gateway_account` with `reset_on_delete = true` is destroyed (account.go,
    resourceAccountDelete). moto (apigateway/models.py `Account.apply_patch_operations`) reads `op["value"]`
    and answers 500 (KeyError), which the provider retries until its timeout. We clear the role instead.
    """
    from moto.apigateway.models import Account

    original = Account.apply_patch_operations

    def apply_patch_operations(self: Account, patch_operations: list) -> Account:
        rest = []
        for op in patch_operations:
            if "/cloudwatchRoleArn" in op.get("path", "") and "value" not in op:
                self.cloudwatch_role_arn = None
            else:
                rest.append(op)
        return original(self, rest)

    Account.apply_patch_operations = apply_patch_operations


# OpenAPI operation keys API Gateway imports as methods (x-amazon-apigateway-any-method is the ANY method).
_OPENAPI_METHODS = {"get": "GET", "put": "PUT", "post": "POST", "delete": "DELETE", "options": "OPTIONS",
                    "head": "HEAD", "patch": "PATCH", "x-amazon-apigateway-any-method": "ANY"}


_INTEGRATION_TYPES = ("HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY", "MOCK")


_MAX_DEFINITION_BYTES = 6 * 1024 * 1024


def patch_put_rest_api_openapi_import() -> None:
    """PutRestApi (mode merge / overwrite) with an OpenAPI 3.0 / Swagger 2.0 definition (JSON or YAML).

    AWS (https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html; "Import an OpenAPI file to update
    an existing API definition", api-gateway-import-api-update.html): the body is an OpenAPI definition, JSON or
    YAML, at most 6MB; anything else is a BadRequestException and the API is left as it was (errors abort the
    import; warnings only with failonwarnings=true). `mode` defaults to merge. Overwrite: the API takes the
    definition's resources and methods, "items from an existing API that aren't specifically defined in the
    imported definition are deleted" (the root resource `/` stays: it cannot be deleted and keeps its id), while
    the endpoint configuration (types), stages and deployments are unchanged. API-level properties come from the
    definition: name = `info.title`, description = `info.description`, policy = `x-amazon-apigateway-policy`,
    apiKeySource, binaryMediaTypes, minimumCompressionSize, `x-amazon-apigateway-endpoint-configuration`
    (disableExecuteApiEndpoint, vpcEndpointIds); in overwrite mode those the definition does not set are removed
    (provider rest_api.go: "Impacted properties: ApiKeySourceType, BinaryMediaTypes, Description,
    EndpointConfiguration, MinimumCompressionSize, Name, Policy"), in merge mode they are kept.
    Each path becomes a resource, with every missing parent on its chain (`/{proxy+}` under `/`). Each operation
    becomes a method: `x-amazon-apigateway-any-method` is httpMethod ANY
    (api-gateway-swagger-extensions-any-method.html). authorizationType is AWS_IAM when the operation's
    `security` (or, without one, the document's) names a security scheme with
    `x-amazon-apigateway-authtype: awsSigv4` (api-gateway-swagger-extensions-authtype.html), NONE otherwise
    (`security: []` on an operation clears the document's); an apiKey scheme `x-api-key` in header sets
    apiKeyRequired; path/query/header parameters become `method.request.<in>.<name>` requestParameters; each
    status code of `responses` a method response. `x-amazon-apigateway-integration`
    (api-gateway-swagger-extensions-integration.html) becomes the method's integration with the enum values
    AWS returns: type AWS_PROXY (the extension's `aws_proxy`), passthroughBehavior WHEN_NO_MATCH, the given
    httpMethod (POST for Lambda) and uri, timeoutInMillis 29000 by default; a type outside
    http|http_proxy|aws|aws_proxy|mock, or a non-MOCK integration without uri / httpMethod, is refused.
    moto 5.2.5 (apigateway/models.py `put_rest_api`, utils.py `deserialize_body`): a method named
    `X-AMAZON-APIGATEWAY-ANY-METHOD`, authorizationType null (security ignored), integration type `aws_proxy` and
    passthroughBehavior `when_no_match` as written, no requestParameters; in overwrite a new root resource while
    GetRestApi keeps the old `rootResourceId`; name/description/policy never taken from the definition (policy
    and description of CreateRestApi survive an overwrite); Swagger 2.0 refused; a body that is not a definition
    (or YAML that does not parse) a 500 instead of BadRequestException, half-imported APIs on a bad integration.
    Provider (hashicorp/aws 5.100.0, rest_api.go): resourceRestAPICreate calls CreateRestApi (name, description,
    endpoint_configuration, policy, ...), then PutRestApi(mode = put_rest_api_mode, default overwrite, body),
    then resourceRestAPIWithBodyUpdateOperations compares the PutRestApi output with the configuration (name,
    description, policy via PoliciesAreEquivalent, api_key_source, binary_media_types, minimum_compression_size,
    disable_execute_api_endpoint, vpc_endpoint_ids / ip_address_type) and sends UpdateRestApi for what differs;
    resourceRestAPIRead (GetRestApi + GetResources for `/` -> root_resource_id) sets everything back into state.
    resourceRestAPIUpdate does the same PutRestApi + reconcile when `body` changes. The endpoint `types` are not
    reconciled, so they must survive the overwrite or every re-plan shows a diff.

    Refused as AWS refuses them, before anything is imported:
    - `openapi` other than 3.0.x: "Currently, API Gateway supports OpenAPI v2.0 and OpenAPI v3.0 definition files"
      (api-gateway-import-api.html); a 3.1.0 document answers "Invalid OpenAPI input." (smithy-lang/smithy#985,
      aws/aws-cli#8191). moto takes any `3.`.
    - two different variable path parts (`{a}`, `{b}`, `{proxy+}`) under one parent, counting the API's own resources
      in merge mode: "Unable to create resource at path '/i/{b}/x': A sibling ({a}) of this resource already has a
      variable path part -- only one is allowed" (amazon-archives/aws-apigateway-importer#202, answered "by design"
      by AWS; the same BadRequestException from CreateResource, serverless/serverless#3075). moto creates both.
    - a greedy `{name+}` that is not the last part: CreateResource under it is "Cannot create a child of a resource
      with a greedy path variable: {name+}" (LocalStack's API Gateway provider, whose messages are snapshot-tested
      against AWS, `create_resource`). moto creates the child.
    - an external `$ref` (a file or a URL): the body is one document and API Gateway fetches nothing. AWS documents
      an unresolved model reference as a warning ("warnings can be generated for minor issues like a missing model
      reference", api-gateway-import-api-errors-warnings.html), which fails the import only with failonwarnings=true,
      and documents nothing for references elsewhere (a path item, a parameter, an integration). Non-permissive
      reading: refused always, so that no drill passes on a definition whose referenced part AWS would drop. moto
      leaves the `$ref` in place.
    `servers[].x-amazon-apigateway-endpoint-configuration` is not refused: "For OpenAPI 3.0, it should be present
    under the vendor extensions of the Server object" (api-gateway-swagger-extensions-endpoint-configuration.html;
    top-level for Swagger 2.0), and its `vpcEndpointIds` are "only supported for REST APIs the PRIVATE endpoint
    type", so AWS imports it on a PRIVATE API. It is read there (the first server that carries it) for OpenAPI 3 and
    top-level for Swagger 2.0; the product refuses it at config time because it owns the endpoint configuration.
    The provider sends no ImportRestApi (CreateRestApi with a body): it is not patched beyond moto's, which goes
    through the same backend `put_rest_api` after creating the API.
    """
    import yaml

    from moto.apigateway.exceptions import BadRequestException, InvalidOpenApiModeException
    from moto.apigateway.models import APIGatewayBackend, RestAPI
    from moto.apigateway.responses import APIGatewayResponse

    def parse_definition(body: Any) -> dict:
        raw = body.encode() if isinstance(body, str) else (body or b"")
        if len(raw) > _MAX_DEFINITION_BYTES:
            raise BadRequestException("The API definition file exceeds the maximum size of 6MB")
        try:
            text = raw.decode("utf-8")
            try:
                doc = json.loads(text)
            except ValueError:
                doc = yaml.safe_load(text)
        except (UnicodeDecodeError, yaml.YAMLError):
            doc = None
        if not isinstance(doc, dict):
            raise BadRequestException("Invalid OpenAPI input: the body is not a JSON or YAML OpenAPI definition")
        return doc

    def fail(message: str) -> None:
        raise BadRequestException(f"Errors found during import:\n\t{message}")

    def schemes_of(doc: dict) -> dict:
        if "swagger" in doc:
            return doc.get("securityDefinitions") or {}
        return (doc.get("components") or {}).get("securitySchemes") or {}

    def authorization(doc: dict, operation: dict, where: str) -> tuple[str, bool]:
        requirements = operation["security"] if "security" in operation else doc.get("security")
        auth, api_key = "NONE", False
        if not requirements:
            return auth, api_key
        if not isinstance(requirements, list) or not all(isinstance(r, dict) for r in requirements):
            fail(f"Invalid security requirement at {where}")
        schemes = schemes_of(doc)
        for name in requirements[0]:
            scheme = schemes.get(name)
            if not isinstance(scheme, dict):
                fail(f"Unable to find security definition '{name}' referenced at {where}")
            authtype = str(scheme.get("x-amazon-apigateway-authtype") or "")
            if authtype.lower() == "awssigv4":
                auth = "AWS_IAM"
            elif scheme.get("x-amazon-apigateway-authorizer") is not None:
                # AWS creates an authorizer (CUSTOM / COGNITO_USER_POOLS); not emulated: refuse rather than pretend.
                fail(f"x-amazon-apigateway-authorizer ('{name}') is not emulated by this moto patch")
            elif (scheme.get("type") == "apiKey" and str(scheme.get("in")).lower() == "header"
                  and str(scheme.get("name")).lower() == "x-api-key"):
                api_key = True
        return auth, api_key

    def request_parameters(path_params: list, operation: dict) -> dict | None:
        params: dict[str, bool] = {}
        for param in list(path_params or []) + list(operation.get("parameters") or []):
            if isinstance(param, dict) and param.get("in") in ("path", "query", "header") and param.get("name"):
                params[f"method.request.{'querystring' if param['in'] == 'query' else param['in']}.{param['name']}"] = (
                    True if param["in"] == "path" else bool(param.get("required", False)))
        return params or None

    def integration_args(integration: Any, where: str) -> dict:
        if not isinstance(integration, dict):
            fail(f"Invalid x-amazon-apigateway-integration at {where}")
        itype = str(integration.get("type") or "").upper()
        if itype not in _INTEGRATION_TYPES:
            fail(f"Unable to put integration on {where}: invalid integration type '{integration.get('type')}'")
        if itype != "MOCK" and not integration.get("uri"):
            fail(f"Unable to put integration on {where}: Invalid integration URI specified")
        if itype != "MOCK" and not integration.get("httpMethod"):
            fail(f"Unable to put integration on {where}: Enumeration value for HttpMethod must be non-empty")
        passthrough = integration.get("passthroughBehavior")
        return {
            "integration_type": itype,
            "uri": integration.get("uri"),
            "integration_method": str(integration["httpMethod"]).upper() if integration.get("httpMethod") else None,
            "credentials": integration.get("credentials"),
            "request_templates": integration.get("requestTemplates"),
            "passthrough_behavior": str(passthrough).upper() if passthrough else "WHEN_NO_MATCH",
            "tls_config": integration.get("tlsConfig"),
            "cache_namespace": integration.get("cacheNamespace"),
            "timeout_in_millis": int(integration.get("timeoutInMillis") or 29000),
            "request_parameters": integration.get("requestParameters"),
            "content_handling": integration.get("contentHandling"),
            "connection_type": integration.get("connectionType"),
        }

    def external_refs(node: Any, pointer: str = ""):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                yield f"{pointer}/$ref", ref
            for key, value in node.items():
                yield from external_refs(value, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from external_refs(value, f"{pointer}/{i}")

    def check_path_tree(paths: list, existing: list) -> None:
        """One variable part per parent, greedy parts last: as CreateResource would refuse them, in import order."""
        variable_child: dict[tuple, str] = {}
        for parts in existing:
            for depth, part in enumerate(parts):
                if part.startswith("{"):
                    variable_child.setdefault(tuple(parts[:depth]), part)
        for parts in paths:
            path = "/" + "/".join(parts)
            for depth, part in enumerate(parts):
                if part.endswith("+}") and depth < len(parts) - 1:
                    fail(f"Unable to create resource at path '{path}': Cannot create a child of a resource with a "
                         f"greedy path variable: {part}")
                if part.startswith("{"):
                    sibling = variable_child.setdefault(tuple(parts[:depth]), part)
                    if sibling != part:
                        fail(f"Unable to create resource at path '{path}': A sibling ({sibling.strip('{}')}) of this "
                             "resource already has a variable path part -- only one is allowed")

    def plan(doc: dict, existing: list) -> list:
        """Validate the whole definition first (AWS imports all or nothing). `existing`: the API's resource paths
        (as part lists) that stay after the import (merge mode)."""
        version = doc.get("openapi") if "openapi" in doc else doc.get("swagger")
        if not (("openapi" in doc and re.fullmatch(r"3\.0(\.\d+)?", str(version)))
                or ("swagger" in doc and str(version) == "2.0")):
            raise BadRequestException("Invalid OpenAPI input.")
        for pointer, ref in external_refs(doc):
            fail(f"Unable to resolve the external reference '{ref}' at {pointer}: API Gateway does not fetch "
                 "references outside the definition")
        if not isinstance(doc.get("info"), dict) or not doc["info"].get("title"):
            fail("The API definition has no info.title (the REST API's name)")
        paths = doc.get("paths")
        if not isinstance(paths, dict):
            fail("The API definition has no paths object")
        planned = []
        for path, item in sorted(paths.items()):
            if not isinstance(path, str) or not path.startswith("/") or (path != "/" and path.endswith("/")):
                fail(f"Invalid resource path '{path}'")
            parts = [p for p in path.split("/")[1:] if p] if path != "/" else []
            if any(not re.match(r"^\{?[a-zA-Z0-9._\-:]+\+?\}?$", p) for p in parts) or len(parts) != path.count("/") - (path == "/"):
                fail(f"Invalid resource path '{path}'")
            if not isinstance(item, dict):
                fail(f"Invalid path item at '{path}'")
            methods = []
            for key, operation in item.items():
                method = _OPENAPI_METHODS.get(str(key).lower())
                if method is None:
                    continue  # parameters, summary, servers, other x- extensions
                if not isinstance(operation, dict):
                    fail(f"Invalid operation '{key}' at '{path}'")
                where = f"'{method}' for resource at path '{path}'"
                auth, api_key = authorization(doc, operation, where)
                integration = operation.get("x-amazon-apigateway-integration")
                methods.append({
                    "method": method,
                    "auth": auth,
                    "api_key": api_key,
                    "params": request_parameters(item.get("parameters"), operation),
                    "operation_name": operation.get("operationId"),
                    "responses": [str(c) for c in (operation.get("responses") or {}) if re.match(r"^[1-5]\d\d$", str(c))],
                    "integration": integration_args(integration, where) if integration is not None else None,
                    "integration_responses": integration.get("responses") if isinstance(integration, dict) else None,
                })
            planned.append((parts, methods))
        check_path_tree([parts for parts, _ in planned], existing)
        return planned

    def policy_of(value: Any) -> str | None:
        if value is None:
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def apply_api_properties(api: RestAPI, doc: dict, overwrite: bool) -> None:
        info = doc["info"]
        api.name = info["title"]
        if "openapi" in doc:
            servers = doc.get("servers") if isinstance(doc.get("servers"), list) else []
            endpoint = next((server["x-amazon-apigateway-endpoint-configuration"] for server in servers
                             if isinstance(server, dict) and "x-amazon-apigateway-endpoint-configuration" in server), None)
        else:
            endpoint = doc.get("x-amazon-apigateway-endpoint-configuration")
        endpoint = endpoint if isinstance(endpoint, dict) else None
        values = {
            "description": info.get("description"),
            "policy": policy_of(doc.get("x-amazon-apigateway-policy")),
            "api_key_source": doc.get("x-amazon-apigateway-api-key-source"),
            "binaryMediaTypes": doc.get("x-amazon-apigateway-binary-media-types"),
            "minimum_compression_size": doc.get("x-amazon-apigateway-minimum-compression-size"),
            "disableExecuteApiEndpoint": (endpoint or {}).get("disableExecuteApiEndpoint"),
        }
        defaults = {"api_key_source": "HEADER", "binaryMediaTypes": [], "disableExecuteApiEndpoint": False}
        for attr, value in values.items():
            if value is not None:
                setattr(api, attr, list(value) if attr == "binaryMediaTypes" else value)
            elif overwrite:
                setattr(api, attr, defaults.get(attr))
        configuration = dict(api.endpoint_configuration or {"types": ["EDGE"]})  # types are never changed
        if endpoint and endpoint.get("vpcEndpointIds") is not None:
            configuration["vpcEndpointIds"] = list(endpoint["vpcEndpointIds"])
        elif overwrite:
            configuration.pop("vpcEndpointIds", None)
        api.endpoint_configuration = configuration

    def put_rest_api(self: APIGatewayBackend, function_id: str, api_doc: dict[str, Any], fail_on_warnings: bool,
                     mode: str = "merge") -> RestAPI:
        if mode not in ("merge", "overwrite"):
            raise InvalidOpenApiModeException()
        api = self.get_rest_api(function_id)
        if not isinstance(api_doc, dict) or not api_doc:
            raise BadRequestException("Invalid OpenAPI input: the body is not a JSON or YAML OpenAPI definition")
        kept = [] if mode == "overwrite" else [
            r.get_path().split("/")[1:] for r in api.resources.values() if r.get_path() != "/"
        ]
        planned = plan(api_doc, kept)
        _check_policy(self.account_id, policy_of(api_doc.get("x-amazon-apigateway-policy")))
        if fail_on_warnings and "openapi" in api_doc:
            from moto.apigateway.models import OpenAPIValidationError, validate
            try:
                validate(api_doc)
            except OpenAPIValidationError as e:
                raise BadRequestException(f"Warnings found during import:\n\t{e}")

        overwrite = mode == "overwrite"
        root = api.resources.get(api.root_resource_id) or api.get_resource_for_path("/")
        if overwrite:
            root.resource_methods = {}
            api.resources = {root.id: root}
            api.default = root
        apply_api_properties(api, api_doc, overwrite)

        children: dict[tuple, Any] = {(): root}
        for resource in api.resources.values():
            path = resource.get_path()
            if path != "/":
                children[tuple(path.split("/")[1:])] = resource
        for parts, methods in planned:
            for depth in range(1, len(parts) + 1):
                key = tuple(parts[:depth])
                if key not in children:
                    children[key] = api.add_child(path=parts[depth - 1], parent_id=children[key[:-1]].id)
            resource = children[tuple(parts)]
            for m in methods:
                resource.add_method(m["method"], m["auth"], api_key_required=m["api_key"],
                                    request_parameters=m["params"], operation_name=m["operation_name"])
                for code in m["responses"]:
                    self.put_method_response(function_id, resource.id, m["method"], code,
                                             response_models=None, response_parameters=None)
                if m["integration"]:
                    args = dict(m["integration"])
                    args["cache_namespace"] = args["cache_namespace"] or resource.id
                    required = {"uri": args.pop("uri"), "integration_method": args.pop("integration_method")}
                    self.put_integration(function_id=function_id, resource_id=resource.id, method_type=m["method"],
                                         **required, **{k: v for k, v in args.items() if v is not None})
                    for response in self._build_integration_responses_args({"responses": m["integration_responses"] or {}}):
                        self.put_integration_response(function_id=function_id, resource_id=resource.id,
                                                      method_type=m["method"],
                                                      **{k: v for k, v in response.items() if v is not None})
        return api

    def put_rest_api_response(self: APIGatewayResponse):
        function_id = self.path.replace("/restapis/", "", 1).split("/")[0]
        mode = _query(self, "mode") or "merge"
        fail_on_warnings = (_query(self, "failonwarnings") or "false").lower() == "true"
        self.backend.get_rest_api(function_id)
        rest_api = self.backend.put_rest_api(function_id, parse_definition(self.body), mode=mode,
                                             fail_on_warnings=fail_on_warnings)
        return 200, {}, json.dumps(rest_api.to_dict())

    APIGatewayBackend.put_rest_api = put_rest_api
    APIGatewayResponse.put_rest_api = put_rest_api_response


def patch_private_api_deployment_policy() -> None:
    """CreateDeployment on a PRIVATE REST API without a resource policy.

    AWS: "For private APIs, you can't deploy your API without a resource policy"
    (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html); the
    call fails with BadRequestException "Private REST API doesn't have a resource policy attached to it"
    (hashicorp/terraform-provider-aws#14290, cloudposse/terraform-aws-api-gateway#25). moto
    (apigateway/models.py `create_deployment`) checks only for methods and integrations. Provider: deployment.go
    `resourceDeploymentCreate` calls CreateDeployment once the REST API exists; with `body`, rest_api.go sets the
    policy by CreateRestApi and restores it by UpdateRestApi after PutRestApi overwrite (see
    patch_put_rest_api_openapi_import), so a deployment that runs before the policy is back is refused as on AWS.
    """
    from moto.apigateway.exceptions import BadRequestException
    from moto.apigateway.models import APIGatewayBackend

    original = APIGatewayBackend.create_deployment

    def create_deployment(self: APIGatewayBackend, function_id: str, *args, **kwargs):
        api = self.get_rest_api(function_id)
        if PRIVATE in ((api.endpoint_configuration or {}).get("types") or []) and not api.policy:
            raise BadRequestException("Private REST API doesn't have a resource policy attached to it")
        return original(self, function_id, *args, **kwargs)

    APIGatewayBackend.create_deployment = create_deployment


_INVALID_POLICY = "Invalid policy document. Please check the policy syntax and ensure that Principals are valid."


def _known_accounts() -> set[str]:
    """Accounts the emulator has seen: a role assumed into them (how every account is reached here) or a request made
    as them. moto has no account registry; every service keeps its per-account backends in a BackendDict."""
    from moto.core.base_backend import BackendDict

    return {account for backends in list(BackendDict._instances) for account in list(dict.keys(backends))}


def _iam_principal_exists(partition: str, account: str, kind: str, name: str) -> bool:
    """Whether the IAM role or user `name` (`path/name` for an ARN, a bare name for an assumed role) exists, read
    without creating the account's IAM backend."""
    from moto.iam.models import iam_backends

    account_backends = dict.get(iam_backends, account)
    backend = dict.get(account_backends, partition) if account_backends is not None else None
    if backend is None:
        return False
    found = backend.roles.values() if kind in ("role", "assumed-role") else backend.users.values()
    if kind == "assumed-role":
        return any(item.name == name for item in found)
    return any(item.arn == f"arn:{partition}:iam::{account}:{kind}/{name}" for item in found)


def _aws_principal_valid(value: Any, known: set[str]) -> bool:
    if value == "*":
        return True
    if not isinstance(value, str):
        return False
    if re.fullmatch(r"\d{12}", value):
        return value in known
    match = re.fullmatch(r"arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)", value)
    if not match or match[3] not in known:
        return False
    partition, service, account, resource = match.groups()
    if service == "iam" and resource == "root":
        return True
    kind, _, name = resource.partition("/")
    if service == "iam" and kind in ("role", "user") and name:
        return _iam_principal_exists(partition, account, kind, name)
    if service == "sts" and kind == "assumed-role" and name.count("/") == 1:
        return _iam_principal_exists(partition, account, kind, name.split("/")[0])
    return False


def _check_policy(account_id: str, policy: str | None) -> None:
    """Raises BadRequestException as API Gateway does for a resource policy that does not parse or names a principal
    that does not exist (see patch_rest_api_policy_principals)."""
    from moto.apigateway.exceptions import BadRequestException

    if not policy:
        return
    try:
        document = json.loads(policy)
    except ValueError:
        raise BadRequestException(_INVALID_POLICY)
    statements = document.get("Statement") if isinstance(document, dict) else None
    statements = [statements] if isinstance(statements, dict) else statements
    if not isinstance(statements, list) or not all(isinstance(st, dict) for st in statements):
        raise BadRequestException(_INVALID_POLICY)
    known = _known_accounts() | {account_id}
    for statement in statements:
        for key in ("Principal", "NotPrincipal"):
            if key not in statement:
                continue
            principal = statement[key]
            if principal == "*":
                continue
            if not isinstance(principal, dict) or not principal:
                raise BadRequestException(_INVALID_POLICY)
            aws = principal.get("AWS", [])
            for value in aws if isinstance(aws, list) else [aws]:
                if not _aws_principal_valid(value, known):
                    raise BadRequestException(_INVALID_POLICY)


def patch_rest_api_policy_principals() -> None:
    """CreateRestApi `policy` / UpdateRestApi `replace /policy` (and PutRestApi `x-amazon-apigateway-policy`, checked in
    patch_put_rest_api_openapi_import): a resource policy naming a principal that does not exist.

    AWS refuses the call with BadRequestException "Invalid policy document. Please check the policy syntax and ensure
    that Principals are valid." (aws/chalice#2065). IAM resolves every principal of a resource-based policy when it is
    saved: an IAM role or user ARN "transforms to the role's unique principal ID", so it must exist
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html; "If the Principal is
    an IAM user or role, then confirm that the user or role wasn't deleted",
    https://repost.aws/knowledge-center/s3-invalid-principal-in-policy-error), and a root or bare account id of an
    account that does not exist is refused too (measured on resource-based policies:
    https://dev.classmethod.jp/articles/resource-base-policy-invalid-principal-error/ - "a nonexistent AWS account",
    "a principal whose ARN names a nonexistent account", "a nonexistent IAM user or role"; only a role session's
    session name is free). moto (apigateway/models.py `RestAPI`) stores any text. Provider: rest_api.go
    `resourceRestAPICreate` sends `policy` in CreateRestApi, and an update (or the reconcile after PutRestApi) sends
    UpdateRestApi `replace /policy`; aws_api_gateway_rest_api_policy does the same. A policy naming a role created in
    the same apply passes only if Terraform creates the role first (a reference to the role's `arn` gives that edge).
    An account exists here once the emulator has seen it (see `_known_accounts`: the e2e assumes a role into each
    account before any deploy); a role or user once IAM in that account holds it. `*` and non-AWS principal types
    (Service, Federated, CanonicalUser) are taken as they are.
    """
    from moto.apigateway.models import APIGatewayBackend

    original_create = APIGatewayBackend.create_rest_api

    def create_rest_api(self: APIGatewayBackend, *args, **kwargs):
        _check_policy(self.account_id, kwargs.get("policy"))
        return original_create(self, *args, **kwargs)

    original_update = APIGatewayBackend.update_rest_api

    def update_rest_api(self: APIGatewayBackend, function_id: str, patch_operations: list):
        for op in patch_operations or []:
            if op.get("path") == "/policy" and op.get("op") in ("replace", "add"):
                _check_policy(self.account_id, op.get("value"))
        return original_update(self, function_id, patch_operations)

    APIGatewayBackend.create_rest_api = create_rest_api
    APIGatewayBackend.update_rest_api = update_rest_api
