import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA as VpcPeeringConnectionAccepter } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import { Route } from '@cdktf/provider-aws/lib/route';

/** One side of the link: the account's provider and the VPC's addresses and route table. */
export interface PeeringSide {
  readonly provider: AwsProvider;
  readonly accountId: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly routeTableId: string;
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

    new Route(this, 'RequesterToAccepter', {
      provider: requester.provider,
      routeTableId: requester.routeTableId,
      destinationCidrBlock: accepter.vpcCidr,
      vpcPeeringConnectionId: accept.vpcPeeringConnectionId,
    });

    new Route(this, 'AccepterToRequester', {
      provider: accepter.provider,
      routeTableId: accepter.routeTableId,
      destinationCidrBlock: requester.vpcCidr,
      vpcPeeringConnectionId: accept.vpcPeeringConnectionId,
    });

    this.peeringConnectionId = connection.id;
    this.acceptStatus = accept.acceptStatus;
  }
}
