"""Emulator patches for AWS RAM: resource shares of API Gateway private custom domain names across accounts.

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.
Each patch names what moto does, what AWS does, and the provider code path that depends on it.
AWS pages: RAM API Reference (one page per action below); RAM User Guide "Accepting and rejecting resource
share invitations" (working-with-shared-invitations), "Leaving a resource share" (working-with-shared-leave);
API Gateway Developer Guide "API provider: Share your private custom domain name using AWS RAM",
"API consumer: Associate your VPC endpoint with a private custom domain name shared with you".

  1. CreateResourceShare / GetResourceShares / DeleteResourceShare / TagResource / UntagResource: tags kept,
     filters honoured, `OTHER-ACCOUNTS` lists the shares an account has joined, private domain names shareable.
  2. AssociateResourceShare: an account outside the owner's organization gets a PENDING invitation (refused
     without `allowExternalPrincipals`); resources are checked (owned, same Region, shareable).
  3. DisassociateResourceShare: the owner removes principals or resources; a receiver leaves a share.
  4. GetResourceShareAssociations: the real association status (ASSOCIATING until accepted, DISASSOCIATED after).
  5. GetResourceShareInvitations / AcceptResourceShareInvitation / RejectResourceShareInvitation: the receiver's
     invitations, which expire 12 hours after they are sent.
  6. ListResources / ListResourceSharePermissions: what a share holds, for its owner and for its members.

`RAM_INVITATION_LIFETIME_SECONDS` (default and maximum 43200, AWS's 12 hours) shortens the invitation lifetime so
a drill can prove expiry; it can never lengthen it.
"""

import os
import time
from typing import Any

# The 12 hours of RAM User Guide, "Accepting and rejecting resource share invitations": for resource types not on
# its seven-day list (API Gateway domain names are not on it; the API Gateway guide says 12 hours as well),
# "After 12 hours, the invitation expires and the end user principal in the resource share is disassociated."
AWS_INVITATION_LIFETIME = 12 * 3600

# Resource types this emulator can share, by the ARN path that names them. RAM's type for private custom domain
# names is `apigateway:Domainnames` (API Gateway guide, consumer page: `aws ram list-resources --resource-type
# apigateway:Domainnames`).
DOMAIN_NAME_TYPE = "apigateway:Domainnames"
# The AWS managed permission RAM attaches to a share for that type (RAM User Guide, "Managing permissions": every
# resource type in a share gets its default managed permission). Its exact name is not published on the pages
# cited above; the provider only copies whatever ListResourceSharePermissions returns into `permission_arns`.
DOMAIN_NAME_PERMISSION = "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionAPIGatewayDomainName"
# A VPC Lattice resource configuration is shared with other accounts through RAM (VPC Lattice User Guide, "Resource
# configurations for VPC resources"; PrivateLink guide, "Access VPC resources through resource endpoints": a resource
# configuration "that another account created and shared with you through AWS RAM"). Its type follows RAM's
# `<service>:<ResourceType>` form; like the domain name's, the default permission's name is not on those pages.
RESOURCE_CONFIGURATION_TYPE = "vpc-lattice:ResourceConfiguration"
RESOURCE_CONFIGURATION_PERMISSION = "arn:aws:ram::aws:permission/AWSRAMPermissionVpcLatticeResourceConfiguration"

# Invitations of every account and region, by ARN: sent by the share's owner, read and answered by the receiver.
_INVITATIONS: dict[str, dict[str, Any]] = {}
# Organizations whose management account called EnableSharingWithAwsOrganization.
_ORG_SHARING: set[str] = set()


def _lifetime() -> int:
    value = int(os.environ.get("RAM_INVITATION_LIFETIME_SECONDS", AWS_INVITATION_LIFETIME))
    if not 0 < value <= AWS_INVITATION_LIFETIME:
        raise SystemExit(f"RAM_INVITATION_LIFETIME_SECONDS must be 1..{AWS_INVITATION_LIFETIME}, got {value}")
    return value


def _error(code: str, message: str):
    from moto.core.exceptions import JsonRESTError

    error = JsonRESTError(code, message)
    error.code = 400
    return error


def _share_by_arn(arn: str | None):
    """The ResourceShare an ARN names, in its owner's backend, or None."""
    from moto.ram.models import ram_backends

    parts = (arn or "").split(":")
    if len(parts) < 6 or parts[2] != "ram" or not parts[5].startswith("resource-share/"):
        raise _error("MalformedArnException", f"The specified resource share ARN {arn} is not valid.")
    backend = ram_backends[parts[4]][parts[3]]
    return next((s for s in backend.resource_shares if s.arn == arn), None)


def _extend(share) -> None:
    """Per-association state moto's ResourceShare lacks: status and times of each principal and resource."""
    if not hasattr(share, "principal_states"):
        share.principal_states = {}
        share.resource_states = {}
        share.tags = getattr(share, "tags", None) or []


def _association(share, entity: str, kind: str, state: dict) -> dict:
    return {
        "resourceShareArn": share.arn,
        "resourceShareName": share.name,
        "associatedEntity": entity,
        "associationType": kind,
        "status": state["status"],
        "creationTime": state["creationTime"],
        "lastUpdatedTime": state["lastUpdatedTime"],
        "external": state.get("external", False),
    }


def _organization_of(account: str):
    """The moto organization an account belongs to (management account or member), or None."""
    from moto.organizations.models import organizations_backends

    for backends in organizations_backends.values():
        backend = backends.get("aws") if hasattr(backends, "get") else None
        org = getattr(backend, "org", None)
        if org and (account == org.master_account_id or any(a.id == account for a in backend.accounts)):
            return org
    return None


def _refresh_invitation(invitation: dict) -> dict:
    """Expire a PENDING invitation past its lifetime and disassociate its principal, as the RAM guide says."""
    if invitation["status"] == "PENDING" and time.time() - invitation["invitationTimestamp"] > _lifetime():
        invitation["status"] = "EXPIRED"
        share = _share_by_arn(invitation["resourceShareArn"])
        if share is not None:
            _set_principal(share, invitation["receiverAccountId"], "DISASSOCIATED")
    return invitation


def _set_principal(share, principal: str, status: str) -> None:
    _extend(share)
    state = share.principal_states.get(principal)
    if state is not None:
        state["status"], state["lastUpdatedTime"] = status, time.time()
    if status == "DISASSOCIATED" and principal in share.principals:
        share.principals.remove(principal)


def member_accounts(share) -> set[str]:
    """Accounts that joined an ACTIVE share: its account principals whose association is ASSOCIATED."""
    _extend(share)
    if share.status != "ACTIVE":
        return set()
    for invitation in list(_INVITATIONS.values()):
        if invitation["resourceShareArn"] == share.arn:
            _refresh_invitation(invitation)
    return {p for p, s in share.principal_states.items() if s["status"] == "ASSOCIATED" and p.isdigit()}


def shared_with(resource_arn: str, account: str) -> bool:
    """Whether `resource_arn` is in an ACTIVE share of its owner (same Region) that `account` has joined.

    Used by the API Gateway patch for CreateDomainNameAccessAssociation from another account.
    """
    from moto.ram.models import ram_backends

    parts = resource_arn.split(":")
    if len(parts) < 6:
        return False
    for share in ram_backends[parts[4]][parts[3]].resource_shares:
        _extend(share)
        state = share.resource_states.get(resource_arn)
        if state and state["status"] == "ASSOCIATED" and account in member_accounts(share):
            return True
    return False


def _describe_share(share, status: str | None = None) -> dict:
    _extend(share)
    result = share.describe()
    result["tags"] = list(share.tags)
    if status:
        result["status"] = status
    return result


def patch_ram_resource_shares() -> None:
    """CreateResourceShare / GetResourceShares / DeleteResourceShare / TagResource / UntagResource.

    AWS (RAM API Reference, GetResourceShares): `resourceOwner` SELF lists the caller's shares, OTHER-ACCOUNTS the
    shares other accounts shared with it (for an account principal: after it accepted the invitation, RAM guide
    "Accepting and rejecting resource share invitations"); `resourceShareArns`, `resourceShareStatus` and `name`
    filter; each share carries its `tags`. CreateResourceShare stores `tags` and takes the same principals and
    resources as AssociateResourceShare (patched below). DeleteResourceShare ends every member's access.
    TagResource / UntagResource act on `resourceShareArn`.
    moto 5.2.5 (ram/models.py): GetResourceShares ignores every filter (the provider then finds several shares
    where it expects one) and raises NotImplementedError for OTHER-ACCOUNTS, tags are dropped, principals are
    listed ASSOCIATED at once, an `apigateway` domain name ARN is refused as "You cannot share the selected resource
    type", and TagResource / UntagResource do not exist.
    Provider: resource_share.go Create (CreateResourceShare with tags, then findResourceShareOwnerSelfByARN until
    ACTIVE), Read (GetResourceShares SELF + ARN, exactly one; tags from it; ListResourceSharePermissions), Delete
    (DeleteResourceShare, wait until DELETED reads as gone); resource_share_accepter.go Create/Read
    (findResourceShareOwnerOtherAccountsByARN: GetResourceShares OTHER-ACCOUNTS + ARN, exactly one) and Delete
    (waitResourceShareOwnedBySelfDisassociated: GetResourceShares SELF + ARN from the receiver, gone when empty);
    tags_gen.go UpdateTags (TagResource / UntagResource by ResourceShareArn).
    """
    from moto.ram import urls
    from moto.ram.exceptions import InvalidParameterException, UnknownResourceException
    from moto.ram.models import ResourceAccessManagerBackend, ResourceShare, ram_backends
    from moto.ram.responses import ResourceAccessManagerResponse

    urls.url_paths["{0}/tagresource$"] = ResourceAccessManagerResponse.dispatch
    urls.url_paths["{0}/untagresource$"] = ResourceAccessManagerResponse.dispatch

    def create_resource_share(self: ResourceAccessManagerBackend, **kwargs: Any) -> dict:
        share = ResourceShare(self.account_id, self.region_name, **kwargs)
        _extend(share)
        share.tags = list(kwargs.get("tags") or [])
        _associate(share, self.account_id, kwargs.get("principals") or [], kwargs.get("resourceArns") or [])
        self.resource_shares.append(share)
        response = _describe_share(share)
        response.pop("featureSet")
        return {"resourceShare": response}

    def get_resource_shares(self: ResourceAccessManagerResponse) -> str:
        import json

        owner = self._get_param("resourceOwner")
        arns = self._get_param("resourceShareArns") or []
        status = self._get_param("resourceShareStatus")
        name = self._get_param("name")
        if owner not in ("SELF", "OTHER-ACCOUNTS"):
            raise InvalidParameterException(
                f"{owner} is not a valid resource owner. Specify either SELF or OTHER-ACCOUNTS and try again."
            )
        if owner == "SELF":
            found = [_describe_share(s) for s in self.ram_backend.resource_shares]
        else:
            found = [
                _describe_share(s)
                for backend in ram_backends.values()
                for region, regional in backend.items()
                if region == self.region
                for s in regional.resource_shares
                if s.account_id != self.current_account and self.current_account in member_accounts(s)
            ]
        found = [s for s in found if (not arns or s["resourceShareArn"] in arns)
                 and (not status or s["status"] == status) and (not name or s["name"] == name)]
        return json.dumps({"resourceShares": found})

    def delete_resource_share(self: ResourceAccessManagerBackend, resource_share_arn: str | None) -> dict:
        share = next((s for s in self.resource_shares if s.arn == resource_share_arn), None)
        if share is None:
            raise UnknownResourceException(f"ResourceShare {resource_share_arn} could not be found.")
        _extend(share)
        share.delete()
        for principal in list(share.principal_states):
            _set_principal(share, principal, "DISASSOCIATED")
        for state in share.resource_states.values():
            state["status"], state["lastUpdatedTime"] = "DISASSOCIATED", time.time()
        for arn, invitation in list(_INVITATIONS.items()):
            if invitation["resourceShareArn"] == share.arn and invitation["status"] == "PENDING":
                del _INVITATIONS[arn]
        return {"returnValue": True}

    def owned_share(self: ResourceAccessManagerResponse):
        arn = self._get_param("resourceShareArn")
        share = next((s for s in self.ram_backend.resource_shares if s.arn == arn), None)
        if share is None:
            raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
        _extend(share)
        return share

    def tag_resource(self: ResourceAccessManagerResponse) -> str:
        share = owned_share(self)
        new = {t["key"]: t.get("value") for t in self._get_param("tags") or []}
        share.tags = [t for t in share.tags if t["key"] not in new] + [{"key": k, "value": v} for k, v in new.items()]
        return "{}"

    def untag_resource(self: ResourceAccessManagerResponse) -> str:
        share = owned_share(self)
        keys = set(self._get_param("tagKeys") or [])
        share.tags = [t for t in share.tags if t["key"] not in keys]
        return "{}"

    ResourceAccessManagerBackend.create_resource_share = create_resource_share
    ResourceAccessManagerBackend.delete_resource_share = delete_resource_share
    ResourceAccessManagerResponse.get_resource_shares = get_resource_shares
    ResourceAccessManagerResponse.tag_resource = tag_resource
    ResourceAccessManagerResponse.untag_resource = untag_resource


def _check_resource(share, owner: str, arn: str) -> str:
    """The RAM resource type of `arn`, refused as RAM refuses what it cannot share."""
    from moto.apigateway.models import apigateway_backends
    from moto.ram.exceptions import MalformedArnException

    parts = arn.split(":")
    if len(parts) < 6 or parts[0] != "arn":
        raise MalformedArnException(f"The specified resource ARN {arn} is not valid. Verify the ARN and try again.")
    if parts[2] == "apigateway" and parts[5].startswith("/domainnames/"):
        # Sharing is per Region and only of what the caller owns (API Gateway guide, provider page: "Private custom
        # domain names are shared at the AWS Region level"); only private names are shareable.
        domain = apigateway_backends[parts[4]][parts[3]].domain_names.get(parts[5][len("/domainnames/"):])
        if parts[4] != owner or parts[3] != share.region or domain is None or not getattr(domain, "domain_name_id", None):
            raise _error("UnknownResourceException", f"The resource {arn} could not be found.")
        return DOMAIN_NAME_TYPE
    if parts[2] == "apigateway":
        raise MalformedArnException("You cannot share the selected resource type.")
    if parts[2] == "vpc-lattice" and parts[5].startswith("resourceconfiguration/"):
        # Only the owner's own configuration, in the share's Region (RAM shares Regional resources within their Region).
        import moto_vpclattice

        configuration = moto_vpclattice.configuration_by_arn(arn)
        if configuration is None or parts[4] != owner or parts[3] != share.region:
            raise _error("UnknownResourceException", f"The resource {arn} could not be found.")
        return RESOURCE_CONFIGURATION_TYPE
    if parts[2] == "vpc-lattice":
        raise MalformedArnException("You cannot share the selected resource type.")
    share.add_resources([arn])  # moto's own checks of the types it knows; undone by the caller
    share.resource_arns.remove(arn)
    return f"{parts[2]}:{parts[5].split('/')[0]}"


def _associate(share, owner: str, principals: list, resources: list) -> list:
    """Add principals and resources to a share as RAM does; returns the new associations."""
    _extend(share)
    now = time.time()
    checked = [(arn, _check_resource(share, owner, arn)) for arn in resources]
    owner_org = _organization_of(owner)
    plans = []
    for principal in principals:
        if principal.isdigit() and len(principal) == 12 and principal != owner:
            org = _organization_of(principal)
            inside = owner_org is not None and org is not None and org.id == owner_org.id
            if not inside and not share.allow_external_principals:
                # Observed AWS message for an outside account on a share without external principals.
                raise _error(
                    "OperationNotPermittedException",
                    "The resource you are attempting to share can only be shared within your AWS Organization. "
                    "This error may also occur if you have not enabled sharing with your AWS organization, or that "
                    "onboarding process is still in progress.",
                )
            invited = not (inside and owner_org.id in _ORG_SHARING)
            plans.append((principal, "ASSOCIATING" if invited else "ASSOCIATED", not inside, invited))
        else:
            share.add_principals([principal])  # moto's validation of organization, OU, IAM and service principals
            share.principals.remove(principal)
            plans.append((principal, "ASSOCIATED", False, False))
    associations = []
    for arn, resource_type in checked:
        state = {"status": "ASSOCIATED", "creationTime": now, "lastUpdatedTime": now, "type": resource_type}
        share.resource_states[arn] = state
        if arn not in share.resource_arns:
            share.resource_arns.append(arn)
        associations.append(_association(share, arn, "RESOURCE", state))
    for principal, status, external, invited in plans:
        current = share.principal_states.get(principal)
        if current and current["status"] in ("ASSOCIATING", "ASSOCIATED"):
            associations.append(_association(share, principal, "PRINCIPAL", current))
            continue
        state = {"status": status, "creationTime": now, "lastUpdatedTime": now, "external": external}
        share.principal_states[principal] = state
        if principal not in share.principals:
            share.principals.append(principal)
        if invited:
            # One invitation per receiver and share: a new one replaces an earlier, answered one.
            for arn, old in list(_INVITATIONS.items()):
                if old["resourceShareArn"] == share.arn and old["receiverAccountId"] == principal:
                    del _INVITATIONS[arn]
            from moto.moto_api._internal import mock_random as random

            arn = f"arn:aws:ram:{share.region}:{owner}:resource-share-invitation/{random.uuid4()}"
            _INVITATIONS[arn] = {
                "resourceShareInvitationArn": arn,
                "resourceShareName": share.name,
                "resourceShareArn": share.arn,
                "senderAccountId": owner,
                "receiverAccountId": principal,
                "invitationTimestamp": now,
                "status": "PENDING",
            }
        associations.append(_association(share, principal, "PRINCIPAL", state))
    return associations


def patch_ram_associate_resource_share() -> None:
    """AssociateResourceShare.

    AWS (RAM API Reference, AssociateResourceShare; RAM guide "Accepting and rejecting resource share invitations";
    API Gateway guide, "API provider: Share your private custom domain name using AWS RAM"): adding an account
    outside the owner's organization (or inside it while sharing with AWS Organizations is not enabled) sends that
    account an invitation, and the principal association stays ASSOCIATING until it is accepted; inside an
    organization with sharing enabled the account is ASSOCIATED at once. A share whose `allowExternalPrincipals`
    is false refuses an outside account (OperationNotPermittedException). Resources must be the caller's, in the
    share's Region, of a shareable type; the association answers `resourceShareAssociations`.
    moto 5.2.5 has no AssociateResourceShare at all (no route, no method).
    Provider: principal_association.go Create (findPrincipalAssociationByTwoPartKey must find nothing, then
    AssociateResourceShare; an account-id principal is not waited for: "AWS Account ID principals need to be
    accepted to become ASSOCIATED"), resource_association.go Create (waits for ASSOCIATED).
    """
    import json

    from moto.ram import urls
    from moto.ram.exceptions import UnknownResourceException
    from moto.ram.responses import ResourceAccessManagerResponse

    urls.url_paths["{0}/associateresourceshare$"] = ResourceAccessManagerResponse.dispatch

    def associate_resource_share(self: ResourceAccessManagerResponse) -> str:
        arn = self._get_param("resourceShareArn")
        share = next((s for s in self.ram_backend.resource_shares if s.arn == arn), None)
        if share is None or share.status != "ACTIVE":
            raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
        associations = _associate(share, self.current_account, self._get_param("principals") or [],
                                  self._get_param("resourceArns") or [])
        return json.dumps({"resourceShareAssociations": associations, "clientToken": self._get_param("clientToken")})

    def enable_sharing_with_aws_organization(self: ResourceAccessManagerResponse) -> str:
        result = self.ram_backend.enable_sharing_with_aws_organization()
        _ORG_SHARING.add(self.ram_backend.organizations_backend.org.id)
        return json.dumps(result)

    ResourceAccessManagerResponse.associate_resource_share = associate_resource_share
    ResourceAccessManagerResponse.enable_sharing_with_aws_organization = enable_sharing_with_aws_organization


def patch_ram_disassociate_resource_share() -> None:
    """DisassociateResourceShare.

    AWS (RAM API Reference, DisassociateResourceShare): the owner removes principals or resources; the removed
    principal's association becomes DISASSOCIATED and it loses access to the share's resources. A receiver may
    remove only itself, which is how it leaves a share shared from outside its organization (RAM guide "Leaving a
    resource share": `aws ram disassociate-resource-share --principals <own account id>`). Removing what is not in
    the share is UnknownResourceException. The API Gateway guide ("API provider: Stop sharing a private custom
    domain name using AWS RAM") says what this does to a shared domain name: it stops the consumer from creating
    more domain name access associations; existing ones keep working until the provider rejects them.
    moto 5.2.5 has no DisassociateResourceShare at all.
    Provider: principal_association.go / resource_association.go Delete (DisassociateResourceShare, then wait until
    the association reads DISASSOCIATED or gone; UnknownResourceException is success), resource_share_accepter.go
    Delete (DisassociateResourceShare with principals = its own account, from the receiver's account).
    """
    import json

    from moto.ram import urls
    from moto.ram.exceptions import UnknownResourceException
    from moto.ram.responses import ResourceAccessManagerResponse

    urls.url_paths["{0}/disassociateresourceshare$"] = ResourceAccessManagerResponse.dispatch

    def disassociate_resource_share(self: ResourceAccessManagerResponse) -> str:
        arn = self._get_param("resourceShareArn")
        principals = self._get_param("principals") or []
        resources = self._get_param("resourceArns") or []
        share = _share_by_arn(arn)
        if share is None or share.status != "ACTIVE":
            raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
        _extend(share)
        caller = self.current_account
        if share.account_id != caller:
            if resources or principals != [caller] or caller not in member_accounts(share):
                raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
            if not share.principal_states[caller].get("external"):
                raise _error("OperationNotPermittedException",
                             "You cannot leave a resource share that is shared with you by your organization.")
        for principal in principals:
            if principal not in share.principal_states:
                raise UnknownResourceException(f"Principal {principal} could not be found in {arn}.")
        for resource in resources:
            if resource not in share.resource_states:
                raise UnknownResourceException(f"Resource {resource} could not be found in {arn}.")
        associations = []
        for principal in principals:
            _set_principal(share, principal, "DISASSOCIATED")
            for inv_arn, invitation in list(_INVITATIONS.items()):
                if (invitation["resourceShareArn"] == arn and invitation["receiverAccountId"] == principal
                        and invitation["status"] == "PENDING"):
                    del _INVITATIONS[inv_arn]
            associations.append(_association(share, principal, "PRINCIPAL", share.principal_states[principal]))
        for resource in resources:
            state = share.resource_states[resource]
            state["status"], state["lastUpdatedTime"] = "DISASSOCIATED", time.time()
            if resource in share.resource_arns:
                share.resource_arns.remove(resource)
            associations.append(_association(share, resource, "RESOURCE", state))
        return json.dumps({"resourceShareAssociations": associations, "clientToken": self._get_param("clientToken")})

    ResourceAccessManagerResponse.disassociate_resource_share = disassociate_resource_share


def patch_ram_get_resource_share_associations() -> None:
    """GetResourceShareAssociations.

    AWS (RAM API Reference, GetResourceShareAssociations; ResourceShareAssociation `status`, `external`): the
    caller's shares' associations with their real status: an invited account is ASSOCIATING until it accepts,
    ASSOCIATED after, DISASSOCIATED once removed, left, or its invitation expired; `external` is true for a
    principal outside the owner's organization. Filters: `associationStatus`, `resourceShareArns`, `principal`,
    `resourceArn`.
    moto 5.2.5 (ram/models.py `get_resource_share_associations`) answers every principal ever added as ASSOCIATED
    (or as whatever status the caller filtered on), `external` always false, and never anything removed.
    Provider: principal_association.go / resource_association.go findXxxAssociationByTwoPartKey (exactly one;
    DISASSOCIATED means gone) in Create, Read, and the create/delete waiters.
    """
    from moto.ram.models import ResourceAccessManagerBackend

    original = ResourceAccessManagerBackend.get_resource_share_associations

    def get_resource_share_associations(self: ResourceAccessManagerBackend, association_type, association_status,
                                        resource_share_arns, resource_arn, principal) -> dict:
        original(self, association_type, association_status, [""], resource_arn, principal)  # moto's validation
        found = []
        for share in self.resource_shares:
            _extend(share)
            if resource_share_arns and share.arn not in resource_share_arns:
                continue
            member_accounts(share)  # applies invitation expiry
            states = share.principal_states if association_type == "PRINCIPAL" else share.resource_states
            wanted = principal if association_type == "PRINCIPAL" else resource_arn
            for entity, state in states.items():
                if (wanted and entity != wanted) or (association_status and state["status"] != association_status):
                    continue
                found.append(_association(share, entity, association_type, state))
        return {"resourceShareAssociations": found}

    ResourceAccessManagerBackend.get_resource_share_associations = get_resource_share_associations


def patch_ram_invitations() -> None:
    """GetResourceShareInvitations / AcceptResourceShareInvitation / RejectResourceShareInvitation.

    AWS (RAM API Reference for the three actions; RAM guide "Accepting and rejecting resource share invitations"):
    an account lists the invitations it received (`resourceShareArns` or `resourceShareInvitationArns` filter; an
    unknown invitation ARN is ResourceShareInvitationArnNotFoundException); accepting makes the share and its
    resources visible to it (GetResourceShares / ListResources OTHER-ACCOUNTS) and its principal association
    ASSOCIATED; rejecting keeps it out. Only PENDING invitations can be answered:
    ResourceShareInvitationAlreadyAcceptedException, ResourceShareInvitationAlreadyRejectedException,
    ResourceShareInvitationExpiredException (12 hours after it was sent, and "the end user principal in the
    resource share is disassociated"; API Gateway guide: "If the API consumer doesn't accept the resource share
    within 12 hours, the API provider must share the resource again").
    moto 5.2.5 has none of the three actions, and no invitations.
    Provider: resource_share_accepter.go Create (findMaybeResourceShareInvitationByResourceShareARNAndStatus
    PENDING, retried for 2 minutes; AcceptResourceShareInvitation; waitResourceShareInvitationAccepted by
    invitation ARN; then GetResourceShares OTHER-ACCOUNTS), Read (the ACCEPTED invitation gives `invitation_arn`
    and `receiver_account_id`, which Delete needs to leave the share).
    """
    import json

    from moto.ram import urls
    from moto.ram.responses import ResourceAccessManagerResponse

    for action in ("getresourceshareinvitations", "acceptresourceshareinvitation", "rejectresourceshareinvitation"):
        urls.url_paths["{0}/" + action + "$"] = ResourceAccessManagerResponse.dispatch

    def received(self: ResourceAccessManagerResponse) -> list:
        return [_refresh_invitation(i) for i in _INVITATIONS.values()
                if i["receiverAccountId"] == self.current_account and i["resourceShareArn"].split(":")[3] == self.region]

    def get_resource_share_invitations(self: ResourceAccessManagerResponse) -> str:
        arns = self._get_param("resourceShareInvitationArns") or []
        shares = self._get_param("resourceShareArns") or []
        mine = received(self)
        for arn in arns:
            if not any(i["resourceShareInvitationArn"] == arn for i in mine):
                raise _error("ResourceShareInvitationArnNotFoundException",
                             f"ResourceShareInvitation {arn} could not be found.")
        found = [dict(i) for i in mine if (not arns or i["resourceShareInvitationArn"] in arns)
                 and (not shares or i["resourceShareArn"] in shares)]
        return json.dumps({"resourceShareInvitations": found})

    def answer(self: ResourceAccessManagerResponse, accept: bool) -> str:
        arn = self._get_param("resourceShareInvitationArn")
        invitation = next((i for i in received(self) if i["resourceShareInvitationArn"] == arn), None)
        if invitation is None:
            raise _error("ResourceShareInvitationArnNotFoundException",
                         f"ResourceShareInvitation {arn} could not be found.")
        status = invitation["status"]
        if status == "ACCEPTED":
            raise _error("ResourceShareInvitationAlreadyAcceptedException",
                         f"ResourceShareInvitation {arn} has already been accepted.")
        if status == "REJECTED":
            raise _error("ResourceShareInvitationAlreadyRejectedException",
                         f"ResourceShareInvitation {arn} has already been rejected.")
        if status == "EXPIRED":
            raise _error("ResourceShareInvitationExpiredException", f"ResourceShareInvitation {arn} has expired.")
        share = _share_by_arn(invitation["resourceShareArn"])
        invitation["status"] = "ACCEPTED" if accept else "REJECTED"
        _set_principal(share, self.current_account, "ASSOCIATED" if accept else "DISASSOCIATED")
        return json.dumps({"resourceShareInvitation": dict(invitation), "clientToken": self._get_param("clientToken")})

    ResourceAccessManagerResponse.get_resource_share_invitations = get_resource_share_invitations
    ResourceAccessManagerResponse.accept_resource_share_invitation = lambda self: answer(self, True)
    ResourceAccessManagerResponse.reject_resource_share_invitation = lambda self: answer(self, False)


def patch_ram_list_resources() -> None:
    """ListResources / ListResourceSharePermissions.

    AWS (RAM API Reference, ListResources): SELF lists the resources the caller shares, OTHER-ACCOUNTS the resources
    shared with it through shares it joined (`resourceShareArns`, `resourceArns`, `resourceType`, `principal`
    filter); each has `arn`, `type`, `resourceShareArn`, `status` AVAILABLE, `resourceRegionScope`.
    ListResourceSharePermissions lists the managed permission of each resource type in the share, for its owner and
    for its members; an unknown share is UnknownResourceException.
    moto 5.2.5 has neither action.
    Provider: resource_share_accepter.go Read (ListResources OTHER-ACCOUNTS + share ARN sets `resources`),
    resource_share.go Read (ListResourceSharePermissions sets `permission_arns`, Optional+Computed).
    """
    import json

    from moto.ram import urls
    from moto.ram.exceptions import InvalidParameterException, UnknownResourceException
    from moto.ram.models import ram_backends
    from moto.ram.responses import ResourceAccessManagerResponse

    urls.url_paths["{0}/listresources$"] = ResourceAccessManagerResponse.dispatch
    urls.url_paths["{0}/listresourcesharepermissions$"] = ResourceAccessManagerResponse.dispatch

    def visible_shares(self: ResourceAccessManagerResponse, owner: str) -> list:
        if owner == "SELF":
            return [s for s in self.ram_backend.resource_shares if s.status == "ACTIVE"]
        return [s for backend in ram_backends.values() for region, regional in backend.items() if region == self.region
                for s in regional.resource_shares
                if s.account_id != self.current_account and self.current_account in member_accounts(s)]

    def list_resources(self: ResourceAccessManagerResponse) -> str:
        owner = self._get_param("resourceOwner")
        if owner not in ("SELF", "OTHER-ACCOUNTS"):
            raise InvalidParameterException(
                f"{owner} is not a valid resource owner. Specify either SELF or OTHER-ACCOUNTS and try again."
            )
        shares, arns = self._get_param("resourceShareArns") or [], self._get_param("resourceArns") or []
        resource_type, principal = self._get_param("resourceType"), self._get_param("principal")
        found = []
        for share in visible_shares(self, owner):
            _extend(share)
            if (shares and share.arn not in shares) or (principal and principal not in member_accounts(share)
                                                        and principal not in share.principal_states):
                continue
            for arn, state in share.resource_states.items():
                if state["status"] != "ASSOCIATED" or (arns and arn not in arns):
                    continue
                if resource_type and resource_type.lower() != state["type"].lower():
                    continue
                found.append({"arn": arn, "type": state["type"], "resourceShareArn": share.arn, "status": "AVAILABLE",
                              "creationTime": state["creationTime"], "lastUpdatedTime": state["lastUpdatedTime"],
                              "resourceRegionScope": "REGIONAL"})
        return json.dumps({"resources": found})

    def list_resource_share_permissions(self: ResourceAccessManagerResponse) -> str:
        arn = self._get_param("resourceShareArn")
        share = _share_by_arn(arn)
        if share is None or (share.account_id != self.current_account
                             and self.current_account not in member_accounts(share)):
            raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
        _extend(share)
        types = sorted({s["type"] for s in share.resource_states.values() if s["status"] == "ASSOCIATED"})
        permissions = []
        for resource_type in types:
            defaults = {DOMAIN_NAME_TYPE: DOMAIN_NAME_PERMISSION, RESOURCE_CONFIGURATION_TYPE: RESOURCE_CONFIGURATION_PERMISSION}
            if resource_type in defaults:
                permission = {"arn": defaults[resource_type], "version": "1", "defaultVersion": True,
                              "name": defaults[resource_type].rsplit("/", 1)[1], "resourceType": resource_type,
                              "status": "ATTACHABLE", "isResourceTypeDefault": True, "permissionType": "AWS_MANAGED"}
            else:
                permission = next((p.describe() for p in self.ram_backend.managed_permissions
                                   if p.resource_type.lower() == resource_type.lower() and p.is_resource_type_default),
                                  None)
            if permission:
                permissions.append(permission)
        return json.dumps({"permissions": permissions})

    ResourceAccessManagerResponse.list_resources = list_resources
    ResourceAccessManagerResponse.list_resource_share_permissions = list_resource_share_permissions
