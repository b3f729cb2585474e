/**
 * `npm run verify` for `peering` consumers: the hints of their curl line, which calls the API's own name, resolved by
 * a private zone named after the API and reached over the peering (second write-up).
 */
import { LineHints, TransportVerification, TROUBLESHOOTING } from '../verification';

export const peeringCustomerLine: LineHints = {
  dns: (host) =>
    `the private zone ${host} must be associated with this customer's VPC, with an apex alias to the service's execute-api endpoint (${TROUBLESHOOTING}: private hosted zone).`,
  timeout:
    'no TCP connection on 443 (timed out or refused): the peering connection must be active, with routes both ways, and the ' +
    `service's execute-api endpoint security group must allow 443 from this VPC's CIDR (${TROUBLESHOOTING}: VPC peering, routing, security group).`,
};

export const peeringVerification: TransportVerification = {
  // The service's own line (curl_in_service_vpc) is the path peering consumers take: nothing to add there.
  serviceLines: {},
  customerLine: peeringCustomerLine,
};
