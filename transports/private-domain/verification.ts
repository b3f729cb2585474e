/**
 * `npm run verify` for `private-domain` consumers: their only line is the custom domain's (`curl_custom_domain`),
 * resolved by a private zone named after the domain and sent to the consumer's own execute-api endpoint.
 */
import { LineHints, TransportVerification } from '../verification';

export const privateDomainCustomerLine: LineHints = {
  dns: (host) =>
    `the private zone ${host} must be associated with this customer's VPC, with an apex alias to this VPC's own execute-api endpoint (output execute_api_endpoint_id).`,
  timeout:
    "no TCP connection on 443 (timed out or refused): this VPC's execute-api endpoint must be available and its security group must allow 443 from this VPC's CIDR.",
  // What a call through a shared name relies on (API Gateway developer guide, private custom domain names: tasks of
  // API providers and consumers): the share accepted, this endpoint associated, both policies granting it.
  customDomainPath:
    "the RAM share must be accepted (output private_domain_share_status: ACTIVE), this VPC's endpoint associated with the name, and the domain name's and the API's policies must grant this endpoint (cdktf deploy service)",
  // The call enters API Gateway through the consumer's own endpoint: the service grants it in both policies.
  policyEndpoint: "this VPC's own execute-api endpoint, output execute_api_endpoint_id, granted by the service stack: cdktf deploy service once that endpoint exists",
};

export const privateDomainVerification: TransportVerification = {
  // The service's own line (curl_in_service_vpc) goes through the service's endpoint; nothing to add there.
  serviceLines: {},
  customerLine: privateDomainCustomerLine,
};
