import { Construct } from 'constructs';
import { Fn, IResolvable, Op, Token } from 'cdktf';
import { NetworkRouteTable } from './network';
import { cidrsOverlap } from '../config/cidr';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA as VpcPeeringConnectionAccepter } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import { Route } from '@cdktf/provider-aws/lib/route';

/** False only when both CIDRs are literals (known at synth) and disjoint: the config already compared those. */
function cidrsMayOverlap(a: string, b: string): boolean {
  if (Token.isUnresolved(a) || Token.isUnresolved(b)) return true;
  return cidrsOverlap(a, b);
}

/** The CIDR's network address as a number (Terraform has no CIDR-contains function). */
function addressNumber(cidr: string): number {
  const octet = (i: number) => Fn.tonumber(Fn.element(Fn.split('.', Fn.element(Fn.split('/', cidr), 0)), i));
  return Op.add(Op.add(Op.mul(octet(0), 16777216), Op.mul(octet(1), 65536)), Op.add(Op.mul(octet(2), 256), octet(3)));
}

/** `a` and `b` overlap iff their network addresses agree on the shorter prefix. */
function overlap(a: string, b: string): IResolvable {
  const prefix = (c: string) => Fn.tonumber(Fn.element(Fn.split('/', c), 1));
  // min(), not a conditional: cdktf writes `a ? b : c` unparenthesized, and `32 - x ? y : z` parses as `(32 - x) ? …`.
  const block = Fn.pow(2, Op.sub(32, Fn.min([prefix(a), prefix(b)])));
  return Op.eq(Fn.floor(Op.div(addressNumber(a), block)), Fn.floor(Op.div(addressNumber(b), block)));
}

/** One side of the link: the account's provider and the VPC's addresses and route table. */
export interface PeeringSide {
  readonly provider: AwsProvider;
  readonly accountId: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Route tables that get the route to the other side (`key` undefined: the one a created network has). */
  readonly routeTables: readonly NetworkRouteTable[];
}

export interface PeeringLinkProps {
  readonly name: string;
  readonly region: string;
  /** Requests the connection (the consumer). */
  readonly requester: PeeringSide;
  /** Accepts it (the service). Its provider is the second, aliased provider of the requester's stack. */
  readonly accepter: PeeringSide;
}

/**
 * Cross-account VPC peering, requested and accepted in one apply, with a route each way.
 *
 * Both halves live in the consumer's stack (with the service account's provider for the accepter side), so
 * the service stack never depends on a consumer: no cycle, one `cdktf deploy service <consumer>`.
 */
export class PeeringLink extends Construct {
  readonly peeringConnectionId: string;
  readonly acceptStatus: string;

  constructor(scope: Construct, id: string, props: PeeringLinkProps) {
    super(scope, id);
    const { requester, accepter } = props;

    const connection = new VpcPeeringConnection(this, 'Requester', {
      provider: requester.provider,
      // Peered VPCs share one routing domain. Where a CIDR is read from AWS (an existing network) the config could not
      // compare it: compare the real ones here, before anything is requested.
      lifecycle: cidrsMayOverlap(requester.vpcCidr, accepter.vpcCidr)
        ? {
            precondition: [
              {
                condition: Op.not(overlap(requester.vpcCidr, accepter.vpcCidr)),
                errorMessage: `VPC ${requester.vpcId} (${requester.vpcCidr}) and VPC ${accepter.vpcId} (${accepter.vpcCidr}) overlap: peered VPCs need disjoint CIDRs`,
              },
            ],
          }
        : undefined,
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      peerOwnerId: accepter.accountId,
      peerRegion: props.region,
      // Cross-account: only the accepter can accept.
      autoAccept: false,
      tags: { Name: `${props.name}-peering`, Side: 'requester' },
    });

    const accept = new VpcPeeringConnectionAccepter(this, 'Accepter', {
      provider: accepter.provider,
      vpcPeeringConnectionId: connection.id,
      autoAccept: true,
      tags: { Name: `${props.name}-peering`, Side: 'accepter' },
    });

    // One route per table, keyed by the table's id; the single table of a created network has no key, so its
    // route's construct id is `id` alone.
    const routes = (from: PeeringSide, to: PeeringSide, id: string) => {
      for (const table of from.routeTables) {
        new Route(this, table.key ? `${id}-${table.key}` : id, {
          provider: from.provider,
          routeTableId: table.routeTableId,
          destinationCidrBlock: to.vpcCidr,
          vpcPeeringConnectionId: accept.vpcPeeringConnectionId,
        });
      }
    };
    routes(requester, accepter, 'RequesterToAccepter');
    routes(accepter, requester, 'AccepterToRequester');

    this.peeringConnectionId = connection.id;
    this.acceptStatus = accept.acceptStatus;
  }
}
