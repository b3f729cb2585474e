/**
 * The registry of what `npm run verify` knows per transport (transports/verification.ts), typed by the connectivity
 * names: a transport missing here does not compile. Apart from the interface, so that a transport's file can import
 * what the interface module exports without a cycle.
 */
import type { Connectivity, TransportVerification } from './verification';
import { privatelinkVerification } from './privatelink/verification';
import { peeringVerification } from './peering/verification';
import { privateDomainVerification } from './private-domain/verification';
import { latticeVerification } from './lattice/verification';

export const VERIFICATIONS: { readonly [K in Connectivity]: TransportVerification } = {
  privatelink: privatelinkVerification,
  peering: peeringVerification,
  'private-domain': privateDomainVerification,
  lattice: latticeVerification,
};

/** Every transport's verification, in registry order. */
export const ALL_VERIFICATIONS: readonly TransportVerification[] = Object.values(VERIFICATIONS);
