"""Emulator patches for Route 53 hosted zones.

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.

  1. CreateHostedZone: a zone created with a VPC is private and associated with that VPC.
  2. CreateHostedZone: zone ids have AWS's shape (`Z` + upper-case letters and digits).
"""

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


def patch_route53_zone_id_shape() -> None:
    """CreateHostedZone `HostedZone.Id`.

    AWS hosted zone ids start with `Z` followed by upper-case letters and digits (`Z2E726K9Y6RL4W`,
    `Z0123456789ABCDEFGHIJ`); the product validates `customDomain.validationZoneId` against that shape before
    anything is written. moto (route53/models.py `create_route53_zone_id`) draws 22 characters from A-Z0-9, so
    most ids do not start with `Z` and a config holding one is rightly refused. We keep moto's alphabet and
    length and put the `Z` first.
    """
    import random

    from moto.route53 import models

    def create_route53_zone_id(*_args, **_kwargs) -> str:
        return "Z" + "".join(random.choice(models.ROUTE53_ID_CHOICE) for _ in range(21))

    models.create_route53_zone_id = create_route53_zone_id
