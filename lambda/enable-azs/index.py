"""Makes an endpoint service offer every Availability Zone of its network load balancers, and waits until it does.

Invoked by Terraform (`aws_lambda_invocation`) whenever the NLB's set of AZs changes; `npm run enable-azs`
(scripts/enable-azs.ts) does the same by hand and follows the same steps.

AWS does not enable a load balancer's new AZ for its endpoint service: "You need to enable the endpoint service for
the new Availability Zone", by ModifyVpcEndpointServiceConfiguration "with the ID of the endpoint service" alone, and
"It might take a few minutes for the load balancer's Availability Zone to be ready ... we recommend that you add a
wait". https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#associate-load-balancer

Event: {"service_id": "vpce-svc-..."}. Returns {"serviceId", "availabilityZones", "enabled", "modified"}. Anything
that stops it raises: Lambda then answers with a FunctionError and the Terraform apply fails with the message.
"""

import json
import re
import time

import boto3
from botocore.config import Config

# Seconds between two looks at the service; the loop stops before the function's own timeout would.
POLL_SECONDS = 10
# Time kept back for the last round of calls and the answer.
MARGIN_MS = 15_000

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 5})


class EnableAzsError(Exception):
    """A failure the caller can act on; its message says what and what to do."""


def _service(ec2, service_id):
    found = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[service_id]).get("ServiceConfigurations", [])
    if not found:
        raise EnableAzsError(f"{service_id}: no such endpoint service in this account and Region")
    return found[0]


def _load_balancer_zones(elbv2, service):
    """The AZ names the service's NLBs are in, and whether every NLB is active (an AZ of one being added is not)."""
    arns = service.get("NetworkLoadBalancerArns", [])
    if not arns:
        return [], True
    balancers = elbv2.describe_load_balancers(LoadBalancerArns=arns)["LoadBalancers"]
    zones = sorted({zone["ZoneName"] for lb in balancers for zone in lb.get("AvailabilityZones", [])})
    return zones, all(lb.get("State", {}).get("Code") == "active" for lb in balancers)


def handler(event, context):
    service_id = (event or {}).get("service_id")
    if not isinstance(service_id, str) or not re.fullmatch(r"vpce-svc-[0-9a-f]+", service_id):
        raise EnableAzsError(f"expected an event {{\"service_id\": \"vpce-svc-...\"}}; received {json.dumps(event)[:200]}")
    ec2 = boto3.client("ec2", config=_CONFIG)
    elbv2 = boto3.client("elbv2", config=_CONFIG)

    modified = False
    offered_before = None
    while True:
        service = _service(ec2, service_id)
        offered = set(service.get("AvailabilityZones", []))
        if offered_before is None:
            offered_before = offered
        zones, active = _load_balancer_zones(elbv2, service)
        missing = [zone for zone in zones if zone not in offered]
        if not missing:
            result = {
                "serviceId": service_id,
                "availabilityZones": zones,
                "enabled": sorted(set(zones) - offered_before),
                "modified": modified,
            }
            print(json.dumps(result))
            return result
        if context.get_remaining_time_in_millis() < POLL_SECONDS * 1000 + MARGIN_MS:
            raise EnableAzsError(
                f"{service_id}: still not offered in {', '.join(missing)} (its load balancer is in {', '.join(zones)})"
                f"{'' if active else ', the load balancer is not active yet'}; apply again or run `npm run enable-azs` in a few minutes"
            )
        if active:
            ec2.modify_vpc_endpoint_service_configuration(ServiceId=service_id)
            if not modified:
                print(f"{service_id}: enabling {', '.join(missing)} (load balancer AZs: {', '.join(zones)})")
            modified = True
            # Read back at once: AWS may take the AZ on the first call; if not, the next round calls again.
            now_offered = set(_service(ec2, service_id).get("AvailabilityZones", []))
            if all(zone in now_offered for zone in zones):
                continue
        time.sleep(POLL_SECONDS)
