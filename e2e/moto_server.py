"""moto server for the e2e tier, with the patches our Terraform apply / re-plan / destroy needs.

    python e2e/moto_server.py [--port N]     # N = 0 (default): any free port

Listens on 127.0.0.1, prints exactly one line `MOTO_READY http://127.0.0.1:<port>` once it accepts
requests, and runs until SIGTERM or SIGINT. Accounts come from the provider's `assume_role` into
`arn:aws:iam::<account>:role/...` (moto's STS maps the returned keys to that account).

Rule for every patch: a patch makes the emulator behave like AWS, never more permissively than AWS.
Each patch cites the AWS page (or provider code) it follows, and where AWS refuses something, the
patch refuses it too. A drill that passes only because the emulator accepts what AWS refuses is a
false promise.

The patches live one file per AWS service, one function per patch, each file listing its own:
e2e/moto_apigateway.py, e2e/moto_acm.py, e2e/moto_ec2.py, e2e/moto_elbv2.py, e2e/moto_lambda.py,
e2e/moto_ram.py, e2e/moto_route53.py, e2e/moto_ssm.py, e2e/moto_vpclattice.py. This file applies them, in the order of PATCHES.
"""

import argparse
import signal
import sys
import threading

import moto

import moto_acm
import moto_apigateway
import moto_ec2
import moto_elbv2
import moto_lambda
import moto_ram
import moto_route53
import moto_ssm
import moto_vpclattice

PINNED_MOTO = "5.2.5"

SERVICES = (moto_acm, moto_apigateway, moto_ec2, moto_elbv2, moto_lambda, moto_ram, moto_route53, moto_ssm,
            moto_vpclattice)

# The order matters: several patches wrap the same moto method (EC2Backend.create_vpc_endpoint: the endpoint's ENIs,
# its DNS name, the endpoint service's zones, its consumers), each around what the earlier ones left.
PATCHES = [
    moto_apigateway.patch_apigateway_policy_escaping,
    moto_ec2.patch_run_instances_root_device_from_ami,
    moto_ec2.patch_interface_endpoint_enis,
    moto_ec2.patch_interface_endpoint_subnet_changes,
    moto_ec2.patch_interface_endpoint_dns_name,
    moto_ec2.patch_instance_network_reads,
    moto_route53.patch_route53_private_zone_from_vpc,
    moto_ec2.patch_peering_tags_per_account,
    moto_ec2.patch_endpoint_service_zones,
    moto_ec2.patch_endpoint_service_consumers,
    moto_ec2.patch_endpoint_service_connections,
    moto_ec2.patch_endpoint_service_supported_regions,
    moto_ec2.patch_endpoint_service_load_balancer_removal,
    moto_elbv2.patch_nlb_private_link_security_group_enforcement,
    moto_elbv2.patch_nlb_arn_type,
    moto_route53.patch_route53_zone_id_shape,
    moto_apigateway.patch_private_domain_names,
    moto_apigateway.patch_base_path_mappings_by_domain_name_id,
    moto_apigateway.patch_domain_name_access_associations,
    moto_apigateway.patch_access_association_authorization,
    moto_apigateway.patch_reject_domain_name_access_association,
    moto_ram.patch_ram_resource_shares,
    moto_ram.patch_ram_associate_resource_share,
    moto_ram.patch_ram_disassociate_resource_share,
    moto_ram.patch_ram_get_resource_share_associations,
    moto_ram.patch_ram_invitations,
    moto_ram.patch_ram_list_resources,
    moto_apigateway.patch_tags_by_arn,
    moto_acm.patch_acm_dns_validation,
    moto_ssm.patch_ssm_describe_instance_information,
    moto_ssm.patch_ssm_send_command_instance_ids,
    moto_ssm.patch_ssm_list_command_invocations,
    moto_apigateway.patch_account_role_reset,
    moto_apigateway.patch_put_rest_api_openapi_import,
    moto_apigateway.patch_private_api_deployment_policy,
    moto_apigateway.patch_rest_api_policy_principals,
    moto_lambda.patch_invoke_runs_python_handler,
    moto_vpclattice.patch_create_resource_gateway,
    moto_vpclattice.patch_get_resource_gateway,
    moto_vpclattice.patch_update_resource_gateway,
    moto_vpclattice.patch_delete_resource_gateway,
    moto_vpclattice.patch_create_resource_configuration,
    moto_vpclattice.patch_get_resource_configuration,
    moto_vpclattice.patch_delete_resource_configuration,
    moto_vpclattice.patch_lattice_tags,
    moto_vpclattice.patch_list_resource_endpoint_associations,
    moto_vpclattice.patch_delete_resource_endpoint_association,
    moto_vpclattice.patch_list_resource_configurations,
    moto_ec2.patch_resource_endpoint_create,
    moto_ec2.patch_resource_endpoint_delete,
    moto_ec2.patch_describe_vpc_endpoint_associations,
    moto_ec2.patch_security_group_rule_description_of_group_reference,
]


def unlisted_patches() -> list:
    """`patch_*` functions of the service files that PATCHES leaves out (a patch written but never applied)."""
    defined = [getattr(m, n) for m in SERVICES for n in sorted(vars(m)) if n.startswith("patch_") and callable(getattr(m, n))]
    return [f"{p.__module__}.{p.__name__}" for p in defined if p not in PATCHES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: any free port)")
    args = parser.parse_args()

    if moto.__version__ != PINNED_MOTO:
        sys.exit(f"moto {moto.__version__} installed; these patches were verified against {PINNED_MOTO}")
    if unlisted_patches() or len(set(PATCHES)) != len(PATCHES):
        sys.exit(f"PATCHES must list every patch once; not listed: {unlisted_patches()}")
    for patch in PATCHES:
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
