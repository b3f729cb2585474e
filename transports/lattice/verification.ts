/**
 * `npm run verify` for `lattice` consumers: their line calls `<recordName>.<zoneName>` with the header (or the custom
 * domain), resolved by a private zone aliased to their VPC Lattice resource endpoint, which reaches the service's
 * execute-api endpoint through the resource configuration and its gateway.
 */
import { LineHints, TransportVerification } from '../verification';

/** The customer output with the RAM share's status as the consumer's accepter reads it. */
export const LATTICE_SHARE_STATUS = 'lattice_share_status';
/** The customer output saying whether the resource configuration is reachable through the endpoint. */
export const RESOURCE_ENDPOINT_ACCESSIBILITY = 'resource_endpoint_accessibility';

// Not annotated: the custom-domain part is read where the verify script's hints know it.
const latticeLine = {
  dns: (host: string) =>
    `the private zone of ${host} must be associated with this customer's VPC and hold that record as an alias to the resource endpoint's DNS name ` +
    '(output endpoint_dns_name: the name of its association with the resource configuration, empty until the endpoint is available).',
  timeout:
    `no TCP connection on 443 (timed out or refused): the RAM share of the resource configuration must be accepted (output ${LATTICE_SHARE_STATUS}: ACTIVE); ` +
    `the resource endpoint must be available and its association AVAILABLE (output ${RESOURCE_ENDPOINT_ACCESSIBILITY}; not after npm run revoke); ` +
    "its security group must allow 443 from this VPC; on the service side the resource gateway's security group must allow 443 out to the " +
    "execute-api endpoint's security group, which must admit the service VPC, and the endpoint's regional name must resolve (aws vpc-lattice get-resource-configuration).",
  // TCP end to end: the resource configuration carries the caller's TLS and SNI to the execute-api endpoint.
  customDomainPath: 'the resource configuration carries TLS and SNI through (TCP 443)',
};

export const latticeCustomerLine: LineHints = latticeLine;

export const latticeVerification: TransportVerification = {
  // The service's own line (curl_in_service_vpc) goes through the endpoint the gateway reaches; nothing to add there.
  serviceLines: {},
  customerLine: latticeCustomerLine,
};
