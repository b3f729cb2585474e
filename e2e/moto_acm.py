"""Emulator patch for ACM (certificates validated by DNS).

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.

  1. DescribeCertificate: a DNS-validated certificate is ISSUED only once its validation CNAME is in a public zone
     for its domain or a parent (never after a wait).
"""

def patch_acm_dns_validation() -> None:
    """ACM DescribeCertificate / ListCertificates (every read of a certificate) after RequestCertificate (DNS).

    AWS (https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html): a certificate requested with
    ValidationMethod DNS gets one CNAME per name (DomainValidationOptions[].ResourceRecord, a name under the
    domain without its `*.`). ACM looks each one up in public DNS, so the answer comes from the public hosted
    zone the name is delegated to (the domain or a parent of it), and issues the certificate (PENDING_VALIDATION
    -> ISSUED, ValidationStatus SUCCESS) once every record answers with its value. A record in a private zone or
    in a zone for another name is never seen: the certificate stays PENDING_VALIDATION (VALIDATION_TIMED_OUT after
    72 hours, not emulated); waiting issues nothing. moto 5.2.5 (acm/models.py `CertBundle.check`, run by
    `get_certificate` on every read) ignores DNS and issues every AMAZON_ISSUED certificate MOTO_ACM_VALIDATION_WAIT
    seconds (default 60) after the request, with or without a record. Provider: acm/certificate_validation.go
    Create `waitCertificateIssued` polls DescribeCertificate until ISSUED (timeout 75m); certificate.go Create
    waits until every DomainValidationOptions[] has its ResourceRecord (moto returns them at once: kept).
    We issue a certificate only when each record (its exact name, type CNAME and value) is in a public zone that
    would answer for it: of the public zones of every account (public DNS is global) named like the domain or a
    parent, the ones with the longest name (delegation cannot be seen; a deeper public zone is taken as delegated).
    Otherwise it stays PENDING_VALIDATION: no time-based issuance. moto drops ValidationMethod and describes every
    AMAZON_ISSUED certificate as DNS-validated, so this covers all of them; moto's expiry check is kept.
    """
    from moto.acm.models import CertBundle
    from moto.core.utils import utcnow
    from moto.route53.models import route53_backends

    def normalized(name: str) -> str:
        return name.rstrip(".").lower()

    def answering_zones(domain: str) -> list:
        """The public zones public DNS would ask for names under `domain`."""
        zones = []
        for account in list(route53_backends.keys()):
            for partition_backend in route53_backends[account].values():
                for zone in list(partition_backend.zones.values()):
                    name = normalized(zone.name)
                    if not zone.private_zone and (domain == name or domain.endswith(f".{name}")):
                        zones.append((name, zone))
        deepest = max((len(name) for name, _ in zones), default=0)
        return [zone for name, zone in zones if len(name) == deepest]

    def validated(option: dict) -> bool:
        record = option.get("ResourceRecord") or {}
        if record.get("Type") != "CNAME":
            return False
        domain = normalized(option.get("ValidationDomain") or option["DomainName"]).removeprefix("*.")
        name, value = normalized(record["Name"]), normalized(record["Value"])
        for zone in answering_zones(domain):
            for rrset in list(zone.rrsets):
                if rrset.type == "CNAME" and normalized(rrset.name) == name:
                    values = [r.get("Value", "") if isinstance(r, dict) else str(r) for r in rrset.records or []]
                    if any(normalized(v) == value for v in values):
                        return True
        return False

    def check(self: CertBundle) -> None:
        if self._not_valid_after(self._cert) <= utcnow():
            self.status = "EXPIRED"
            return
        if self.type != "AMAZON_ISSUED" or self.status != "PENDING_VALIDATION":
            return
        options = self.describe()["Certificate"].get("DomainValidationOptions") or []
        if options and all(validated(o) for o in options):
            self.status = "ISSUED"

    CertBundle.check = check
