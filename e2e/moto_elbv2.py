"""Emulator patches for Elastic Load Balancing v2 (network load balancers).

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

Verified against moto 5.2.5 and hashicorp/aws 5.100.0; loaded and applied, in order, by e2e/moto_server.py.

  1. SetSecurityGroups / DescribeLoadBalancers: a network load balancer keeps
     `EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic`.
  2. CreateLoadBalancer (network): the ARN is `loadbalancer/net/...` (arn_suffix `net/<name>/<id>`).
"""

def patch_nlb_private_link_security_group_enforcement() -> None:
    """ELBv2 SetSecurityGroups / DescribeLoadBalancers
    `EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic` (network load balancers).

    AWS stores the setting (`on` / `off`) with the NLB's security groups, returns it from SetSecurityGroups
    and, for an NLB that has security groups, from DescribeLoadBalancers (`on` by default). The provider
    sends it after CreateLoadBalancer (load_balancer.go `resourceLoadBalancerCreate`: SetSecurityGroups
    with the groups and the setting) and reads it back into
    `enforce_security_group_inbound_rules_on_private_link_traffic` (`resourceLoadBalancerRead`). moto
    (elbv2/models.py `set_security_groups`) drops it, so every re-plan wants to set it to "on" again.
    """
    from moto.core.responses import ActionResult
    from moto.elbv2.models import FakeLoadBalancer
    from moto.elbv2.responses import ELBV2Response

    def enforce(self: FakeLoadBalancer):
        if self.type != "network" or not self.security_groups:
            return None
        return getattr(self, "_enforce_private_link_inbound_rules", "on")

    FakeLoadBalancer.enforce_security_group_inbound_rules_on_private_link_traffic = property(enforce)

    original = ELBV2Response.set_security_groups

    def set_security_groups(self: ELBV2Response) -> ActionResult:
        original(self)  # validates and stores the groups; its result names them `SecurityGroups`
        balancer = self.elbv2_backend.load_balancers[self._get_param("LoadBalancerArn")]
        value = self._get_param("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")
        if value:
            balancer._enforce_private_link_inbound_rules = value
        return ActionResult(
            {
                "SecurityGroupIds": balancer.security_groups,
                "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic": (
                    balancer.enforce_security_group_inbound_rules_on_private_link_traffic
                ),
            }
        )

    ELBV2Response.set_security_groups = set_security_groups


def patch_nlb_arn_type() -> None:
    """ELBv2 CreateLoadBalancer (Type=network) `LoadBalancerArn`.

    AWS names a network load balancer `arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/
    <name>/<id>` (an application one `.../app/...`); the provider's `arn_suffix` is what follows
    `loadbalancer/`, the `LoadBalancer` dimension of AWS/NetworkELB metrics (`net/<name>/<id>`), and its
    listeners are `listener/net/...`. moto (elbv2/utils.py `make_arn_for_load_balancer`) always writes
    `app`, so alarms on the NLB would name an ALB. We re-key a network load balancer (and its tags)
    under the `net` ARN right after creation.
    """
    from moto.elbv2.models import ELBv2Backend

    original = ELBv2Backend.create_load_balancer

    def create_load_balancer(self: ELBv2Backend, *args, **kwargs):
        balancer = original(self, *args, **kwargs)
        if balancer.type == "network" and ":loadbalancer/app/" in balancer.arn:
            old, new = balancer.arn, balancer.arn.replace(":loadbalancer/app/", ":loadbalancer/net/", 1)
            self.load_balancers[new] = self.load_balancers.pop(old)
            balancer.arn = new
            self.tagging_service.copy_tags(old, new)
            self.tagging_service.delete_all_tags_for_resource(old)
        return balancer

    ELBv2Backend.create_load_balancer = create_load_balancer
