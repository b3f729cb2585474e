/**
 * The registry of what `npm run revoke` does per transport (transports/revocation.ts), typed by the connectivity
 * names: a transport missing here does not compile. Apart from the interface, so that a transport's file can import
 * what the interface module exports without a cycle.
 */
import type { Connectivity } from '../config';
import type { TransportRevocation } from './revocation';
import { privatelinkRevocation } from './privatelink/revocation';
import { peeringRevocation } from './peering/revocation';
import { privateDomainRevocation } from './private-domain/revocation';
import { latticeRevocation } from './lattice/revocation';

export const REVOCATIONS: { readonly [K in Connectivity]: TransportRevocation } = {
  privatelink: privatelinkRevocation,
  peering: peeringRevocation,
  'private-domain': privateDomainRevocation,
  lattice: latticeRevocation,
};
