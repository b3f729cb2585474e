/**
 * The `private-domain` and `lattice` transports in the one e2e deployment: their consumers join a running deployment
 * (one `cdktf deploy`), the chain is read back in every account, and they leave it on Day 2 (in place, and with
 * `npm run revoke` for lattice). The spec (e2e/deploy.e2e.test.ts) owns the deployment and passes its tools in.
 *
 * - `retail` (private-domain): its VPC and execute-api endpoint are its stack `retail-endpoint`, deployed before the
 *   service, which reads the endpoint id from that stack's state.
 * - `outlet` (private-domain): brings its VPC and its own execute-api endpoint (`executeApiEndpointId`), created here
 *   with the SDK before any stack knows them, as a consumer would have them.
 * - `events` (lattice): a resource endpoint to the service's resource configuration, named `vpce.hoge.co.jp`.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CreateVpcEndpointCommand, DescribeVpcEndpointAssociationsCommand, DescribeVpcEndpointsCommand, VpcEndpoint } from '@aws-sdk/client-ec2';
import { GetDomainNameAccessAssociationsCommand, GetDomainNameCommand, GetDomainNamesCommand, GetRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  GetResourceConfigurationCommand,
  ListResourceConfigurationsCommand,
  ListResourceEndpointAssociationsCommand,
  ListResourceGatewaysCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { AccountClients, accountClients } from './aws';
import * as check from './assertions';

const REGION = 'ap-northeast-1';
const EXECUTE_API = `com.amazonaws.${REGION}.execute-api`;
/** Accounts no other consumer of the e2e uses (111…777 are taken; the emulator serves any 12 digits). */
export const TRANSPORT_ACCOUNTS = { retail: '888888888888', outlet: '999999999999', events: '121212121212' } as const;
type Consumer = keyof typeof TRANSPORT_ACCOUNTS;
const CIDRS: Record<Consumer, string> = { retail: '10.8.0.0/16', outlet: '10.9.0.0/16', events: '10.10.0.0/16' };
const roleArn = (account: string) => `arn:aws:iam::${account}:role/deploy`;
/** Names the service stack gives them (namePrefix `privapi`, stack `service`). */
const PRIVATE_DOMAIN_SHARE = 'privapi-service-private-domains';
const LATTICE_SHARE = 'privapi-service-lattice';
const LATTICE_GATEWAY = 'privapi-service-lattice';
const LATTICE_CONFIGURATION = 'privapi-service-execute-api';

/** What the spec lends the drills: its runners, config writer and planners, each as the spec defines it. */
export interface DrillKit {
  readonly work: string;
  readonly outdir: string;
  readonly service: AccountClients;
  readonly domain: string;
  readonly cdktf: (log: string, args: string[], okCodes?: number[]) => { output: string };
  readonly run: (log: string, command: string, args: string[], cwd?: string, okCodes?: number[]) => { output: string };
  readonly runAsync: (log: string, command: string, args: string[], cwd?: string, okCodes?: number[]) => Promise<{ output: string }>;
  readonly terraformBinary: () => string;
  /** Writes the deployment's config with the consumers present now (`TransportConsumers.customers`). */
  readonly useConfig: () => void;
  readonly planned: (stack: string, log: string) => Promise<{ address: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null } }[]>;
  readonly plans: (stacks: string[], prefix: string) => Promise<Record<string, { address: string; actions: string[] }[]>>;
}

/** One RAM answer per call, in order, read with boto3 (e2e/boto_calls.py: no RAM client of the pinned SDK release). */
function ram(clients: AccountClients, calls: [string, Record<string, unknown>][]): any[] {
  const python = path.join(process.env.PRIVAPI_VENV ?? path.join(__dirname, '..', '.venv'), 'bin', 'python');
  const result = spawnSync(python, [path.join(__dirname, 'boto_calls.py'), clients.endpoint, clients.roleArn, REGION, 'ram'], {
    input: JSON.stringify(calls),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`boto_calls.py ram failed: ${result.error?.message ?? result.stderr}`);
  return JSON.parse(result.stdout);
}

const lattice = (clients: AccountClients) => new VPCLatticeClient({ endpoint: clients.endpoint, region: REGION, credentials: clients.ec2.config.credentials, maxAttempts: 2 });
const alias = (dnsName: string, hostedZoneId: string) => ({ dnsName, hostedZoneId });

/** Endpoint ids an API Gateway policy admits: its Allow's `aws:SourceVpce` and its Deny's, sorted (they must agree). */
function policyEndpoints(policyText: string): { allow: string[]; deny: string[] } {
  const policy = JSON.parse(policyText);
  const of = (effect: string, operator: string) =>
    [policy.Statement.find((s: { Effect: string }) => s.Effect === effect).Condition[operator]['aws:SourceVpce']].flat().sort();
  return { allow: of('Allow', 'StringEquals'), deny: of('Deny', 'StringNotEquals') };
}

export interface TransportConsumersOptions {
  /** Whether `events` (lattice) joins: it needs the emulator's RAM to share VPC Lattice resource configurations. */
  readonly lattice: boolean;
}

export class TransportConsumers {
  constructor(private readonly options: TransportConsumersOptions) {}

  clients!: Record<Consumer, AccountClients>;
  /** outlet's own network and execute-api endpoint (what it brings), once created. */
  outlet?: check.BroughtNetwork & { endpointId: string };
  /** Who is in the config now. */
  private readonly present = new Set<Consumer>();
  /** Stack folders kept to destroy after the consumer left the config (the consumer's own stack stays with it). */
  private readonly kept = new Map<string, string>();
  private outletBefore: unknown;

  async connect(endpoint: string): Promise<void> {
    const entries = await Promise.all(Object.entries(TRANSPORT_ACCOUNTS).map(async ([name, account]) => [name, await accountClients(endpoint, REGION, roleArn(account))] as const));
    this.clients = Object.fromEntries(entries) as Record<Consumer, AccountClients>;
  }

  /** The config entries of the consumers present now (keyed by the top-level azIds, as the other consumers are). */
  customers(azIds: string[]): Record<string, unknown>[] {
    const entries: Record<Consumer, () => Record<string, unknown>> = {
      retail: () => ({ name: 'retail', accountId: TRANSPORT_ACCOUNTS.retail, roleArn: roleArn(TRANSPORT_ACCOUNTS.retail), connectivity: 'private-domain', vpcCidr: CIDRS.retail, testInstance: false }),
      outlet: () => ({
        name: 'outlet',
        accountId: TRANSPORT_ACCOUNTS.outlet,
        roleArn: roleArn(TRANSPORT_ACCOUNTS.outlet),
        connectivity: 'private-domain',
        executeApiEndpointId: this.outlet!.endpointId,
        network: { vpcId: this.outlet!.vpcId, subnetIds: Object.fromEntries(azIds.map((az) => [az, this.outlet!.subnetIds[az]])) },
        testInstance: false,
      }),
      events: () => ({
        name: 'events',
        accountId: TRANSPORT_ACCOUNTS.events,
        roleArn: roleArn(TRANSPORT_ACCOUNTS.events),
        connectivity: 'lattice',
        vpcCidr: CIDRS.events,
        zoneName: 'hoge.co.jp',
        recordName: 'vpce',
        testInstance: false,
      }),
    };
    return (['retail', 'outlet', 'events'] as const).filter((c) => this.present.has(c)).map((c) => entries[c]());
  }

  /** Their stacks deployed now (`retail-endpoint` with `retail`). */
  stacks(): string[] {
    return (['retail', 'outlet', 'events'] as const).filter((c) => this.present.has(c)).flatMap((c) => (c === 'retail' ? ['retail-endpoint', 'retail'] : [c]));
  }

  /** outlet's network as a consumer has it: VPC with DNS support and hostnames, a subnet per AZ ID, an execute-api endpoint. */
  async createOutletNetwork(azIds: string[]): Promise<void> {
    const clients = this.clients.outlet;
    const network = await check.createBroughtNetwork(clients, CIDRS.outlet, azIds);
    // Its endpoint in two AZs, as AWS recommends; private DNS off, as the product's own consumer endpoints.
    const { VpcEndpoint: created } = await clients.ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: network.vpcId,
        ServiceName: EXECUTE_API,
        VpcEndpointType: 'Interface',
        SubnetIds: [network.subnetIds['apne1-az1'], network.subnetIds['apne1-az4']],
        PrivateDnsEnabled: false,
      }),
    );
    this.outlet = { ...network, endpointId: created!.VpcEndpointId! };
    this.outletBefore = await this.outletSnapshot();
  }

  private async outletSnapshot(): Promise<unknown> {
    const { VpcEndpoints } = await this.clients.outlet.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [this.outlet!.endpointId] }));
    return [await check.broughtSnapshot(this.clients.outlet, this.outlet!), VpcEndpoints!.map((e) => [e.VpcEndpointId, e.State, [...e.SubnetIds!].sort()])];
  }

  /** All three join in one `cdktf deploy` (cdktf deploys retail-endpoint before the service, the consumers after). */
  join(kit: DrillKit): void {
    const joining = this.options.lattice ? (['retail', 'outlet', 'events'] as const) : (['retail', 'outlet'] as const);
    for (const c of joining) this.present.add(c);
    kit.useConfig();
    const deployed = kit.cdktf('deploy-transports', ['deploy', 'retail-endpoint', 'service', ...joining, '--auto-approve']);
    expect(deployed.output).not.toMatch(/Error:/);
  }

  /** Everything that joined, read back. */
  async expectJoined(kit: DrillKit): Promise<void> {
    await this.expectPrivateDomain(kit, ['retail', 'outlet']);
    if (this.options.lattice) await this.expectLattice(kit);
  }

  private async retailEndpoint(): Promise<VpcEndpoint> {
    return check.findEndpoint(this.clients.retail, EXECUTE_API);
  }

  /** The private-domain chain, read back in the service account and in each consumer still present. */
  async expectPrivateDomain(kit: DrillKit, consumers: ('retail' | 'outlet')[]): Promise<{ apiId: string; endpoints: string[] }> {
    const { service, domain } = kit;
    const serviceEndpoint = (await check.findEndpoint(service, EXECUTE_API)).VpcEndpointId!;
    const endpointOf = { retail: consumers.includes('retail') ? (await this.retailEndpoint()).VpcEndpointId! : '', outlet: this.outlet!.endpointId };
    const accounts = consumers.map((c) => TRANSPORT_ACCOUNTS[c]).sort();
    const { items: domains } = await service.apigateway.send(new GetDomainNamesCommand({ resourceOwner: 'SELF' }));
    const listed = (domains ?? []).find((d) => d.domainName === domain)!;
    const domainName = await service.apigateway.send(new GetDomainNameCommand({ domainName: domain, domainNameId: listed.domainNameId }));
    const domainArn = domainName.domainNameArn!;

    // Service: one share, ACTIVE; each consumer an external principal, ASSOCIATED; the domain name its one resource.
    const [shares, principals, resources] = ram(service, [
      ['get_resource_shares', { resourceOwner: 'SELF', name: PRIVATE_DOMAIN_SHARE }],
      ['get_resource_share_associations', { associationType: 'PRINCIPAL' }],
      ['get_resource_share_associations', { associationType: 'RESOURCE' }],
    ]);
    expect(shares.resourceShares.map((s: any) => [s.name, s.status, s.allowExternalPrincipals])).toEqual([[PRIVATE_DOMAIN_SHARE, 'ACTIVE', true]]);
    const shareArn = shares.resourceShares[0].resourceShareArn;
    const ofShare = (answer: any) => answer.resourceShareAssociations.filter((a: any) => a.resourceShareArn === shareArn && a.status !== 'DISASSOCIATED');
    expect(ofShare(principals).map((a: any) => [a.associatedEntity, a.status, a.external]).sort()).toEqual(accounts.map((a) => [a, 'ASSOCIATED', true]));
    expect(ofShare(resources).map((a: any) => [a.associatedEntity, a.status])).toEqual([[domainArn, 'ASSOCIATED']]);

    // Service: the consumers' access associations, listed for the owner of the name.
    const others = await service.apigateway.send(new GetDomainNameAccessAssociationsCommand({ resourceOwner: 'OTHER_ACCOUNTS' }));
    expect((others.items ?? []).map((a) => [a.domainNameArn, a.accessAssociationSource, a.accessAssociationSourceType]).sort()).toEqual(
      consumers.map((c) => [domainArn, endpointOf[c], 'VPCE']).sort(),
    );

    // Both policies: the service's endpoint and each consumer's, in the Allow and in the Deny of every other source.
    const endpoints = [serviceEndpoint, ...consumers.map((c) => endpointOf[c])].sort();
    const { items: apis } = await service.apigateway.send(new GetRestApisCommand({}));
    const apiId = apis!.find((a) => a.name === 'privapi-service-api')!.id!;
    const api = await service.apigateway.send(new GetRestApiCommand({ restApiId: apiId }));
    // GetRestApi returns the policy as an escaped JSON string, as AWS does.
    expect(policyEndpoints(JSON.parse(`"${api.policy}"`))).toEqual({ allow: endpoints, deny: endpoints });
    expect(policyEndpoints(domainName.policy!)).toEqual({ allow: endpoints, deny: endpoints });

    // Each consumer: the invitation accepted, the share visible to it, its own association, the name resolving to its endpoint.
    for (const c of consumers) {
      const clients = this.clients[c];
      const [invitations, joined] = ram(clients, [
        ['get_resource_share_invitations', { resourceShareArns: [shareArn] }],
        ['get_resource_shares', { resourceOwner: 'OTHER-ACCOUNTS', resourceShareArns: [shareArn] }],
      ]);
      expect({ c, invitations: invitations.resourceShareInvitations.map((i: any) => [i.senderAccountId, i.status]) }).toEqual({ c, invitations: [[service.accountId, 'ACCEPTED']] });
      expect({ c, shares: joined.resourceShares.map((s: any) => [s.name, s.status]) }).toEqual({ c, shares: [[PRIVATE_DOMAIN_SHARE, 'ACTIVE']] });
      const own = await clients.apigateway.send(new GetDomainNameAccessAssociationsCommand({ resourceOwner: 'SELF' }));
      expect((own.items ?? []).map((a) => [a.domainNameArn, a.accessAssociationSource])).toEqual([[domainArn, endpointOf[c]]]);
      const { VpcEndpoints } = await clients.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointOf[c]] }));
      const [endpoint] = VpcEndpoints!;
      const vpcId = c === 'outlet' ? this.outlet!.vpcId : await check.vpcByCidr(clients, CIDRS.retail);
      expect(endpoint.VpcId).toBe(vpcId);
      await check.expectPrivateAlias(clients, domain, domain, vpcId, alias(endpoint.DnsEntries![0].DnsName!, endpoint.DnsEntries![0].HostedZoneId!));
    }
    return { apiId, endpoints };
  }

  /** The lattice chain: gateway and configuration in the service VPC, the share, events' acceptance, resource endpoint, association and zone. */
  async expectLattice(kit: DrillKit): Promise<void> {
    const { service, domain } = kit;
    const serviceLattice = lattice(service);
    const serviceEndpoint = await check.findEndpoint(service, EXECUTE_API);
    const { items: gateways } = await serviceLattice.send(new ListResourceGatewaysCommand({}));
    expect((gateways ?? []).map((g) => [g.name, g.status, g.vpcIdentifier])).toEqual([[LATTICE_GATEWAY, 'ACTIVE', serviceEndpoint.VpcId]]);
    const { items: configurations } = await serviceLattice.send(new ListResourceConfigurationsCommand({}));
    expect((configurations ?? []).map((c) => c.name)).toEqual([LATTICE_CONFIGURATION]);
    const configuration = await serviceLattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: configurations![0].arn }));
    expect(configuration).toMatchObject({ type: 'SINGLE', protocol: 'TCP', portRanges: ['443'], resourceGatewayId: gateways![0].id, status: 'ACTIVE' });
    // Defined by the service endpoint's regional DNS name.
    expect(configuration.resourceConfigurationDefinition?.dnsResource?.domainName).toBe(serviceEndpoint.DnsEntries![0].DnsName);

    const [shares, principals, resources] = ram(service, [
      ['get_resource_shares', { resourceOwner: 'SELF', name: LATTICE_SHARE }],
      ['get_resource_share_associations', { associationType: 'PRINCIPAL' }],
      ['get_resource_share_associations', { associationType: 'RESOURCE' }],
    ]);
    expect(shares.resourceShares.map((s: any) => [s.name, s.status])).toEqual([[LATTICE_SHARE, 'ACTIVE']]);
    const shareArn = shares.resourceShares[0].resourceShareArn;
    const ofShare = (answer: any) => answer.resourceShareAssociations.filter((a: any) => a.resourceShareArn === shareArn && a.status !== 'DISASSOCIATED');
    expect(ofShare(principals).map((a: any) => [a.associatedEntity, a.status, a.external])).toEqual([[TRANSPORT_ACCOUNTS.events, 'ASSOCIATED', true]]);
    expect(ofShare(resources).map((a: any) => a.associatedEntity)).toEqual([configuration.arn]);

    const events = this.clients.events;
    const [invitations] = ram(events, [['get_resource_share_invitations', { resourceShareArns: [shareArn] }]]);
    expect(invitations.resourceShareInvitations.map((i: any) => i.status)).toEqual(['ACCEPTED']);
    const vpcId = await check.vpcByCidr(events, CIDRS.events);
    const { VpcEndpoints } = await events.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    const live = (VpcEndpoints ?? []).filter((e) => e.State?.toLowerCase() !== 'deleted');
    expect(live.map((e) => [e.VpcEndpointType, e.ResourceConfigurationArn])).toEqual([['Resource', configuration.arn]]);
    const { VpcEndpointAssociations } = await events.ec2.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [live[0].VpcEndpointId!] }));
    expect((VpcEndpointAssociations ?? []).map((a) => [a.AssociatedResourceArn, a.AssociatedResourceAccessibility])).toEqual([[configuration.arn, 'Accessible']]);
    const { DnsName, HostedZoneId } = VpcEndpointAssociations![0].DnsEntry!;
    for (const name of ['vpce.hoge.co.jp', domain]) await check.expectPrivateAlias(events, 'hoge.co.jp', name, vpcId, alias(DnsName!, HostedZoneId!));
    // The owner sees the association its revocation would delete.
    const { items } = await serviceLattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: configuration.arn }));
    expect((items ?? []).map((a) => [a.vpcEndpointId, a.vpcEndpointOwner])).toEqual([[live[0].VpcEndpointId, TRANSPORT_ACCOUNTS.events]]);
  }

  /**
   * outlet (private-domain) and events (lattice) leave. outlet destroys its stack (its accepter leaves the share) and
   * the service deploys without it: the share loses its principal, both policies its endpoint, the stage redeploys,
   * nothing else of private-domain changes. events is revoked after it left the config (`npm run revoke` deletes its
   * endpoint's association, a second run finds nothing), destroys its stack, and the service's lattice side goes with
   * the last lattice consumer.
   */
  async leaveInPlace(kit: DrillKit): Promise<void> {
    const { service } = kit;
    const before = await this.expectPrivateDomain(kit, ['retail', 'outlet']);
    const deploymentBefore = await check.stageDeploymentId(service, before.apiId, 'prod');
    const withLattice = this.present.has('events');
    for (const stack of withLattice ? ['outlet', 'events'] : ['outlet']) this.keep(kit, stack);

    // outlet takes its own stack down while events is revoked (different accounts, states and folders).
    const outletDown = this.destroyKept(kit, 'outlet');
    this.present.delete('outlet');
    this.present.delete('events');
    kit.useConfig();
    await Promise.all([outletDown, withLattice ? this.revokeEvents(kit) : undefined]);
    // outlet's accepter left the share: the service still lists outlet as a principal until it deploys without it.
    const [joined] = ram(this.clients.outlet, [['get_resource_shares', { resourceOwner: 'OTHER-ACCOUNTS' }]]);
    expect(joined.resourceShares).toEqual([]);

    kit.cdktf('synth-transports-left', ['synth']);
    const changes = await kit.planned('service', 'plan-transports-left');
    const typeOf = (c: { address: string }) => c.address.split('.')[0];
    const privateDomain = changes.filter((c) => !/Lattice/.test(c.address));
    // RAM disassociates a principal that leaves a share, so outlet's principal association is already gone from the
    // refreshed state, or (where the leave is not yet seen) planned for deletion.
    const principal = privateDomain.filter((c) => typeOf(c) === 'aws_ram_principal_association');
    expect(principal.map((c) => [c.address.includes(TRANSPORT_ACCOUNTS.outlet), c.change.actions])).toEqual(principal.length > 0 ? [[true, ['delete']]] : []);
    // The deployment whose trigger holds the policy is replaced (created before destroyed), the stage follows it.
    expect(privateDomain.filter((c) => typeOf(c) !== 'aws_ram_principal_association').map((c) => [typeOf(c), c.change.actions]).sort()).toEqual(
      [
        ['aws_api_gateway_domain_name', ['update']],
        ['aws_api_gateway_rest_api', ['update']],
        ['aws_api_gateway_deployment', ['create', 'delete']],
        ['aws_api_gateway_stage', ['update']],
      ].sort(),
    );
    // The lattice side: every resource of it goes, nothing of it is replaced.
    expect(changes.filter((c) => /Lattice/.test(c.address)).filter((c) => c.change.actions.join() !== 'delete')).toEqual([]);
    kit.run('apply-transports-left', kit.terraformBinary(), ['apply', '-auto-approve', '-input=false', '-no-color', 'e2e.tfplan'], path.join(kit.outdir, 'stacks', 'service'));

    const after = await this.expectPrivateDomain(kit, ['retail']);
    expect(after.endpoints).toEqual(before.endpoints.filter((e) => e !== this.outlet!.endpointId));
    expect(await check.stageDeploymentId(service, after.apiId, 'prod')).not.toBe(deploymentBefore);
    if (withLattice) {
      expect((await lattice(service).send(new ListResourceGatewaysCommand({}))).items ?? []).toEqual([]);
      expect((await lattice(service).send(new ListResourceConfigurationsCommand({}))).items ?? []).toEqual([]);
    } else {
      expect(changes.filter((c) => /Lattice/.test(c.address))).toEqual([]);
    }
    expect(await kit.plans(['service', ...this.stacks()], 'plan-transports-left')).toEqual(Object.fromEntries(['service', ...this.stacks()].map((s) => [s, []])));
  }

  /** events, out of the config: `npm run revoke` deletes its endpoint's association, a second run finds nothing; its plan then names the cause, and its stack goes. */
  private async revokeEvents(kit: DrillKit): Promise<void> {
    const revoked = kit.run('revoke-events', 'npm', ['run', 'revoke', '--', TRANSPORT_ACCOUNTS.events]);
    expect(revoked.output).toMatch(/deleted the association of vpce-/);
    expect(kit.run('revoke-events-again', 'npm', ['run', 'revoke', '--', TRANSPORT_ACCOUNTS.events]).output).toMatch(/Nothing left to do/);
    const serviceLattice = lattice(kit.service);
    const configurationArn = (await serviceLattice.send(new ListResourceConfigurationsCommand({}))).items![0].arn;
    expect((await serviceLattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: configurationArn }))).items ?? []).toEqual([]);
    // events' own stack, revoked: a plan stops on the cause; its destroy (below) still goes through.
    const dir = this.kept.get('events')!;
    await kit.runAsync('plan-events-revoked-init', kit.terraformBinary(), ['init', '-input=false', '-no-color'], dir);
    const revokedPlan = await kit.runAsync('plan-events-revoked', kit.terraformBinary(), ['plan', '-input=false', '-no-color'], dir, [1]);
    expect(revokedPlan.output).toMatch(/Resource postcondition failed[\s\S]*not associated with the service's resource\s+configuration/);
    await this.destroyKept(kit, 'events');
  }

  /**
   * retail leaves, as the README's Day-2 table says: `cdktf destroy retail` (its association and acceptance go), then
   * `cdktf destroy retail-endpoint` (the service still reads that state, hence --ignore-missing-stack-dependencies),
   * then the service deploys without it: nothing of private-domain is left (no share; the policies name the
   * service's endpoint alone).
   */
  async leaveLast(kit: DrillKit): Promise<void> {
    kit.cdktf('destroy-retail', ['destroy', 'retail', '--auto-approve']);
    kit.cdktf('destroy-retail-endpoint', ['destroy', 'retail-endpoint', '--auto-approve', '--ignore-missing-stack-dependencies']);
    this.present.delete('retail');
    kit.useConfig();
    // Without `apis`, the deploy that removes the last private-domain consumer may stop on the deployment's trigger
    // ("Provider produced inconsistent final plan"); the README says to run the same deploy again, which finishes it.
    const first = kit.cdktf('deploy-retail-left', ['deploy', 'service', '--auto-approve'], [0, 1]);
    if (/Error:/.test(first.output)) {
      expect(first.output).toMatch(/inconsistent final plan[\s\S]*aws_api_gateway_deployment/);
      kit.cdktf('deploy-retail-left-again', ['deploy', 'service', '--auto-approve']);
    }
    const [shares] = ram(kit.service, [['get_resource_shares', { resourceOwner: 'SELF' }]]);
    expect(shares.resourceShares.filter((s: any) => s.status !== 'DELETED')).toEqual([]);
    const serviceEndpoint = (await check.findEndpoint(kit.service, EXECUTE_API)).VpcEndpointId!;
    const { items: apis } = await kit.service.apigateway.send(new GetRestApisCommand({}));
    const api = await kit.service.apigateway.send(new GetRestApiCommand({ restApiId: apis!.find((a) => a.name === 'privapi-service-api')!.id! }));
    expect(policyEndpoints(JSON.parse(`"${api.policy}"`))).toEqual({ allow: [serviceEndpoint], deny: [serviceEndpoint] });
  }

  /** After the final destroy: nothing of the project in their accounts; outlet's own network and endpoint as it brought them. */
  async expectNothingLeft(): Promise<void> {
    for (const c of ['retail', 'outlet', 'events'] as const) {
      const clients = this.clients[c];
      expect({ account: clients.accountId, ...(await check.leftovers(clients)) }).toEqual({ account: clients.accountId, ...check.NOTHING });
    }
    if (this.outlet) expect(await this.outletSnapshot()).toEqual(this.outletBefore);
  }

  /** A copy of a stack's synthesized folder, to destroy it once the config no longer names it (its state is shared: ../../../). */
  private keep(kit: DrillKit, stack: string): void {
    const dir = path.join(kit.work, 'left', 'stacks', stack);
    mkdirSync(path.dirname(dir), { recursive: true });
    cpSync(path.join(kit.outdir, 'stacks', stack), dir, { recursive: true });
    this.kept.set(stack, dir);
  }

  private async destroyKept(kit: DrillKit, stack: string): Promise<void> {
    const dir = this.kept.get(stack)!;
    await kit.runAsync(`destroy-${stack}-init`, kit.terraformBinary(), ['init', '-input=false', '-no-color'], dir);
    await kit.runAsync(`destroy-${stack}`, kit.terraformBinary(), ['destroy', '-auto-approve', '-input=false', '-no-color'], dir);
  }
}
