/**
 * Every plan-time check the product emits (Terraform `lifecycle.precondition` / `postcondition` in cdk.tf.json)
 * fires for a non-compliant fake and stays quiet for a compliant one, evaluated by the real Terraform CLI, no AWS.
 *
 * Each condition and error_message is taken verbatim from the synthesized stacks, with `self.` and `data.` rewritten to
 * `local.self.` / `local.data.`, and put on a `terraform_data` resource (built in: no provider) in a scratch root
 * module whose locals carry the fake attributes; `terraform plan -json` then reports which condition failed and
 * the rendered message. References to other data sources resolve to the referenced block's literal arguments
 * (an id given in the config) unless the case fakes them; `terraform_remote_state` outputs resolve through the
 * producing stack's output to its data source, so the cross-stack wiring is checked too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { AppConfig, loadConfig } from '../../config';
import { createStacks } from '../../stacks/app';
import { describeEngine } from './toolchain';
import { scratchDir } from '../scratch';

interface Condition {
  readonly condition: string;
  readonly error_message: string;
}
type Block = Record<string, any> & { lifecycle?: { precondition?: Condition[]; postcondition?: Condition[] } };
type StackJson = Record<string, any>;
type Stacks = Record<string, StackJson>;

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const REMOTE_STATE_PREFIX = 'cross-stack-reference-input-';

function loadExample(file: string): AppConfig {
  return loadConfig({ PRIVATE_API_CONFIG: path.join(EXAMPLES, file) });
}

/** `cdktf synth` into a fresh directory; returns each stack's cdk.tf.json. */
function synthStacks(config: AppConfig): Stacks {
  const outdir = scratchDir('conditions-synth');
  const app = new App({ outdir, skipValidation: false });
  createStacks(app, config);
  app.synth();
  const stacksDir = path.join(outdir, 'stacks');
  return Object.fromEntries(
    readdirSync(stacksDir).map((name) => [name, JSON.parse(readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8'))]),
  );
}

/** Applies `edit` to the expression parts (`${…}`) of a Terraform template string, leaving the literal text alone. */
function mapInterpolations(template: string, edit: (expression: string) => string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) break;
    let depth = 1;
    let j = start + 2;
    for (; j < template.length && depth > 0; j++) {
      if (template[j] === '{') depth++;
      else if (template[j] === '}') depth--;
    }
    out += template.slice(i, start) + '${' + edit(template.slice(start + 2, j - 1)) + '}';
    i = j;
  }
  return out + template.slice(i);
}

const REFERENCE = /(?<![\w.-])(self|data)\.([\w-]+(?:\.[\w-]+)*)/g;

/** Every `self.…` / `data.…` traversal in the expression parts of a template. */
function referencesIn(template: string): { root: 'self' | 'data'; parts: string[] }[] {
  const refs: { root: 'self' | 'data'; parts: string[] }[] = [];
  mapInterpolations(template, (expression) => {
    for (const match of expression.matchAll(REFERENCE)) refs.push({ root: match[1] as 'self' | 'data', parts: match[2].split('.') });
    return expression;
  });
  return refs;
}

function toLocals(template: string): string {
  return mapInterpolations(template, (expression) => expression.replace(REFERENCE, 'local.$1.$2'));
}

/** Fake attributes of data sources, per stack, keyed by `<type>.<attribute>` (e.g. `aws_vpc.cidr_block`). */
type DataFakes = Record<string, Record<string, unknown>>;

function isLiteral(value: unknown): boolean {
  return value !== undefined && !(typeof value === 'string' && value.includes('${'));
}

/** The value of `data.<parts>` in `stack`: the case's fake, the block's literal argument, or through remote state. */
function resolveData(stacks: Stacks, stack: string, parts: string[], fakes: DataFakes): unknown {
  const [type, name, attribute, ...rest] = parts;
  if (type === 'terraform_remote_state') {
    expect(name.startsWith(REMOTE_STATE_PREFIX)).toBe(true);
    expect(attribute).toBe('outputs');
    const source = name.slice(REMOTE_STATE_PREFIX.length);
    const value = stacks[source]?.output?.[rest[0]]?.value;
    const traversal = /^\$\{data\.([\w.-]+)\}$/.exec(String(value));
    if (!traversal) throw new Error(`stack ${stack}: remote-state output ${source}.${rest[0]} is ${JSON.stringify(value)}, not one data source attribute`);
    return resolveData(stacks, source, traversal[1].split('.'), fakes);
  }
  const block = stacks[stack].data?.[type]?.[name];
  if (!block) throw new Error(`stack ${stack}: data.${type}.${name} is referenced but not declared`);
  const fake = fakes[stack]?.[`${type}.${attribute}`];
  if (fake !== undefined) return fake;
  if (rest.length === 0 && isLiteral(block[attribute])) return block[attribute];
  throw new Error(`stack ${stack}: no fake for data.${parts.join('.')} (and the block has no literal ${attribute})`);
}

function setPath(target: Record<string, any>, parts: string[], value: unknown): void {
  parts.slice(0, -1).reduce((node, key) => (node[key] ??= {}), target)[parts[parts.length - 1]] = value;
}

interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  readonly snippet?: { context?: string };
}

interface Case {
  readonly title: string;
  readonly app: 'networks' | 'domain';
  readonly stack: string;
  readonly kind: 'data' | 'resource';
  readonly type: string;
  /** Literal arguments that pick the one block (of `type` in `stack`) whose conditions are evaluated. */
  readonly where: Record<string, unknown>;
  readonly self?: Record<string, unknown>;
  readonly data?: DataFakes;
  /** Indexes of the block's conditions that must fail, with text their messages must contain; none: plan succeeds. */
  readonly fails?: Readonly<Record<number, string>>;
}

describeEngine('engine tier: plan-time conditions (terraform plan, no AWS)', () => {
  jest.setTimeout(120_000);

  const networks = loadExample('existing-networks.json');
  const domain = loadExample('custom-domain.json');
  const terraform = () => process.env.TERRAFORM_BINARY_NAME ?? 'terraform';
  let apps: Record<Case['app'], Stacks>;
  let workDir: string;
  let plans = 0;
  let planMs = 0;
  const fired = new Set<string>();
  const passed = new Set<string>();

  beforeAll(() => {
    apps = { networks: synthStacks(networks), domain: synthStacks(domain) };
    workDir = scratchDir('conditions');
    writeFileSync(path.join(workDir, 'main.tf.json'), JSON.stringify({ resource: { terraform_data: { check: {} } } }));
    // terraform_data comes with Terraform: init installs nothing, but plan wants an initialized directory.
    const init = spawnSync(terraform(), ['init', '-backend=false', '-input=false', '-no-color'], { cwd: workDir, env: process.env, encoding: 'utf8' });
    expect({ status: init.status, stderr: init.stderr }).toMatchObject({ status: 0 });
  });

  afterAll(() => {
    if (plans > 0) process.stdout.write(`conditions: ${plans} plans, ${(planMs / plans).toFixed(0)} ms each on average\n`);
  });

  /** The block a case is about: exactly one of its type in its stack matches `where`. */
  function blockOf(c: Case): { name: string; block: Block; conditions: Condition[] } {
    const blocks = Object.entries((apps[c.app][c.stack]?.[c.kind]?.[c.type] ?? {}) as Record<string, Block>).filter(([, block]) =>
      Object.entries(c.where).every(([key, value]) => JSON.stringify(block[key]) === JSON.stringify(value)),
    );
    expect(blocks.map(([name]) => name)).toHaveLength(1);
    const [name, block] = blocks[0];
    const conditions = [...(block.lifecycle?.precondition ?? []), ...(block.lifecycle?.postcondition ?? [])];
    expect(conditions.length).toBeGreaterThan(0);
    return { name, block, conditions };
  }

  /** Plans the block's conditions over the fakes; returns the error diagnostics. */
  function plan(c: Case, conditions: Condition[]): Diagnostic[] {
    const stacks = apps[c.app];
    const data: Record<string, any> = {};
    for (const condition of conditions) {
      for (const ref of [...referencesIn(condition.condition), ...referencesIn(condition.error_message)]) {
        if (ref.root === 'self') {
          if (!(ref.parts[0] in (c.self ?? {}))) throw new Error(`${c.title}: the condition reads self.${ref.parts.join('.')}, which the case does not fake`);
        } else {
          setPath(data, ref.parts, resolveData(stacks, c.stack, ref.parts, c.data ?? {}));
        }
      }
    }
    const module = {
      locals: { self: c.self ?? {}, data },
      resource: {
        terraform_data: {
          check: {
            lifecycle: {
              precondition: conditions.map((condition) => ({ condition: toLocals(condition.condition), error_message: toLocals(condition.error_message) })),
            },
          },
        },
      },
    };
    writeFileSync(path.join(workDir, 'main.tf.json'), JSON.stringify(module, null, 2));
    const started = Date.now();
    const result = spawnSync(terraform(), ['plan', '-json', '-input=false', '-no-color', '-lock=false', '-refresh=false'], {
      cwd: workDir,
      env: process.env,
      encoding: 'utf8',
    });
    plans += 1;
    planMs += Date.now() - started;
    const diagnostics = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((message) => message.type === 'diagnostic')
      .map((message) => message.diagnostic as Diagnostic)
      .filter((diagnostic) => diagnostic.severity === 'error');
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: diagnostics.length > 0 ? 1 : 0 });
    return diagnostics;
  }

  /** Index of the condition a "precondition failed" diagnostic is about, from its snippet context. */
  function conditionIndex(diagnostic: Diagnostic): number {
    const match = /lifecycle\.precondition\[(\d+)\]$/.exec(diagnostic.snippet?.context ?? '');
    return match ? Number(match[1]) : -1;
  }

  // --- the cases -------------------------------------------------------------------------------------------------
  const cases: Case[] = [];
  const OTHER_VPC = 'vpc-0fedcba9876543210';

  /** Existing VPCs and subnets of existing-networks.json, from the config (so the ids under test are the config's). */
  const existing = [
    { stack: 'service', network: networks.service.network!, vpcCidr: networks.service.vpcCidr, azIds: networks.azIds },
    ...networks.customers.map((c) => ({ stack: c.name, network: c.network!, vpcCidr: c.vpcCidr, azIds: c.azIds ?? networks.azIds })),
  ];
  test('existing-networks.json names an existing network for every stack, and reads the service CIDR from AWS', () => {
    expect(existing.every((e) => e.network !== undefined)).toBe(true);
    expect(networks.service.vpcCidr).toBeUndefined();
  });

  for (const { stack, network, vpcCidr, azIds } of existing) {
    const vpcId = network.vpcId;
    const vpc = { app: 'networks', stack, kind: 'data', type: 'aws_vpc', where: { id: vpcId } } as const;
    const ok = { enable_dns_support: true, enable_dns_hostnames: true, cidr_block: vpcCidr ?? '10.0.0.0/16' };
    cases.push(
      { ...vpc, title: `${stack}: VPC with DNS support and hostnames${vpcCidr ? ' and the configured CIDR' : ''}`, self: ok },
      {
        ...vpc,
        title: `${stack}: VPC without DNS support`,
        self: { ...ok, enable_dns_support: false },
        fails: { 0: `VPC ${vpcId} has DNS support false and DNS hostnames true: expected both on` },
      },
      {
        ...vpc,
        title: `${stack}: VPC without DNS hostnames`,
        self: { ...ok, enable_dns_hostnames: false },
        fails: { 0: `VPC ${vpcId} has DNS support true and DNS hostnames false: expected both on (aws ec2 modify-vpc-attribute --vpc-id ${vpcId}` },
      },
    );
    if (vpcCidr) {
      cases.push({
        ...vpc,
        title: `${stack}: VPC whose CIDR is not the configured vpcCidr`,
        self: { ...ok, cidr_block: '10.9.0.0/16' },
        fails: { 1: `VPC ${vpcId} has CIDR 10.9.0.0/16; the configuration says vpcCidr ${vpcCidr}` },
      });
    }
    for (const [azId, subnetId] of Object.entries(network.subnetIds)) {
      const subnet = { app: 'networks', stack, kind: 'data', type: 'aws_subnet', where: { id: subnetId } } as const;
      const otherAz = azIds.find((id) => id !== azId)!;
      cases.push(
        { ...subnet, title: `${stack}: subnet ${azId} in the VPC and AZ ID it is given under`, self: { vpc_id: vpcId, availability_zone_id: azId } },
        {
          ...subnet,
          title: `${stack}: subnet ${azId} in another AZ`,
          self: { vpc_id: vpcId, availability_zone_id: otherAz },
          fails: { 1: `subnet ${subnetId} is in AZ ${otherAz}, but is given under ${azId}: expected the subnet of that AZ ID` },
        },
        {
          ...subnet,
          title: `${stack}: subnet ${azId} in another VPC`,
          self: { vpc_id: OTHER_VPC, availability_zone_id: azId },
          fails: { 0: `subnet ${subnetId} (subnetIds.${azId}) is in VPC ${OTHER_VPC}, not in ${vpcId}: expected a subnet of the given VPC` },
        },
        {
          ...subnet,
          title: `${stack}: subnet ${azId} in another VPC and AZ (both fire)`,
          self: { vpc_id: OTHER_VPC, availability_zone_id: otherAz },
          fails: { 0: `is in VPC ${OTHER_VPC}, not in ${vpcId}`, 1: `is in AZ ${otherAz}, but is given under ${azId}` },
        },
      );
    }
  }

  // The PrivateLink customer's existing zone (zoneId).
  const zoneCustomer = networks.customers.find((c) => c.connectivity === 'privatelink' && c.zoneId)!;
  if (zoneCustomer.connectivity !== 'privatelink') throw new Error('existing-networks.json: expected a PrivateLink customer with zoneId');
  const zoneId = zoneCustomer.zoneId!;
  const zoneName = zoneCustomer.zoneName;
  const customerVpc = zoneCustomer.network!.vpcId;
  const givenZone = { app: 'networks', stack: zoneCustomer.name, kind: 'data', type: 'aws_route53_zone', where: { zone_id: zoneId } } as const;
  cases.push(
    { ...givenZone, title: 'zoneId: the private zone of zoneName', self: { private_zone: true, name: zoneName } },
    { ...givenZone, title: 'zoneId: the private zone of zoneName, name with the trailing dot', self: { private_zone: true, name: `${zoneName}.` } },
    {
      ...givenZone,
      title: 'zoneId: a public zone of that name',
      self: { private_zone: false, name: zoneName },
      fails: { 0: `zoneId ${zoneId} is the PUBLIC zone ${zoneName}: expected the private zone ${zoneName} (zoneName) of this VPC` },
    },
    {
      ...givenZone,
      title: 'zoneId: a private zone of another name',
      self: { private_zone: true, name: 'other.example' },
      fails: { 0: `zoneId ${zoneId} is the private zone other.example: expected the private zone ${zoneName} (zoneName)` },
    },
    {
      ...givenZone,
      title: 'zoneId: a private zone of a subdomain',
      self: { private_zone: true, name: `sub.${zoneName}` },
      fails: { 0: `zoneId ${zoneId} is the private zone sub.${zoneName}: expected the private zone ${zoneName}` },
    },
  );
  const seenZone = { app: 'networks', stack: zoneCustomer.name, kind: 'data', type: 'aws_route53_zone', where: { name: zoneName, private_zone: true } } as const;
  cases.push(
    { ...seenZone, title: 'zoneId: the zone the VPC resolves zoneName through', self: { zone_id: zoneId } },
    {
      ...seenZone,
      title: 'zoneId: not associated with the VPC (it resolves the name through another zone)',
      self: { zone_id: 'Z09876543210ZYXWVUTSR' },
      fails: {
        0:
          `VPC ${customerVpc} resolves ${zoneName} through zone Z09876543210ZYXWVUTSR, not through zoneId ${zoneId}: ` +
          `associate ${zoneId} with the VPC (aws route53 associate-vpc-with-hosted-zone --hosted-zone-id ${zoneId} --vpc VPCRegion=<region>,VPCId=${customerVpc})`,
      },
    },
  );

  // The peering customer's CIDR against the service CIDR read from AWS (terraform_remote_state → data.aws_vpc).
  const peer = networks.customers.find((c) => c.connectivity === 'peering')!;
  const peering = { app: 'networks', stack: peer.name, kind: 'resource', type: 'aws_vpc_peering_connection', where: {} } as const;
  const serviceVpc = networks.service.network!.vpcId;
  const withServiceCidr = (cidr: string): DataFakes => ({ service: { 'aws_vpc.cidr_block': cidr } });
  for (const cidr of ['10.0.0.0/16', '10.1.255.0/24', '10.3.0.0/16', '172.16.0.0/12', '11.2.0.0/16', '9.255.0.0/16']) {
    cases.push({ ...peering, title: `peering: service CIDR ${cidr} is disjoint from ${peer.vpcCidr}`, data: withServiceCidr(cidr) });
  }
  for (const cidr of ['10.2.0.0/16', '10.0.0.0/8', '10.2.128.0/17', '10.2.255.240/28', '10.2.0.0/15']) {
    cases.push({
      ...peering,
      title: `peering: service CIDR ${cidr} overlaps ${peer.vpcCidr}`,
      data: withServiceCidr(cidr),
      fails: { 0: `VPC ${peer.network!.vpcId} (${peer.vpcCidr}) and VPC ${serviceVpc} (${cidr}) overlap: peered VPCs need disjoint CIDRs` },
    });
  }

  // The validation zone of a requested certificate (custom-domain.json: customDomain.validationZoneId).
  const customDomain = domain.customDomain!;
  if (!('validationZoneId' in customDomain)) throw new Error('custom-domain.json: expected customDomain.validationZoneId');
  const validationZoneId = customDomain.validationZoneId;
  const certificate = { app: 'domain', stack: 'service', kind: 'resource', type: 'aws_acm_certificate', where: { domain_name: customDomain.name } } as const;
  const zone = (privateZone: boolean, name: string): DataFakes => ({ service: { 'aws_route53_zone.private_zone': privateZone, 'aws_route53_zone.name': name } });
  cases.push(
    { ...certificate, title: 'certificate: public zone of the parent domain', data: zone(false, 'hoge.co.jp') },
    { ...certificate, title: 'certificate: public zone of the name itself', data: zone(false, customDomain.name) },
    { ...certificate, title: 'certificate: public zone, name in upper case with the trailing dot', data: zone(false, 'HOGE.co.jp.') },
    {
      ...certificate,
      title: 'certificate: private zone of the parent domain',
      data: zone(true, 'hoge.co.jp'),
      fails: { 0: `validationZoneId ${validationZoneId} is the PRIVATE hosted zone "hoge.co.jp", which cannot validate a certificate for ${customDomain.name}: expected a PUBLIC hosted zone` },
    },
    {
      ...certificate,
      title: 'certificate: public zone of an unrelated domain',
      data: zone(false, 'example.com'),
      fails: { 0: `validationZoneId ${validationZoneId} is the public hosted zone "example.com", which cannot validate a certificate for ${customDomain.name}` },
    },
    {
      ...certificate,
      title: 'certificate: public zone of a sibling name',
      data: zone(false, `other.${customDomain.name.split('.').slice(1).join('.')}`),
      fails: { 0: `is the public hosted zone "other.hoge.co.jp", which cannot validate a certificate for ${customDomain.name}` },
    },
  );

  it.each(cases.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const { name, conditions } = blockOf(c);
    const key = (i: number) => `${c.app}/${c.stack}/${c.kind}.${c.type}.${name}[${i}]`;
    const errors = plan(c, conditions);
    const expected = c.fails ?? {};
    // Only "precondition failed", never a condition that cannot evaluate (unknown attribute, type error, sensitive message).
    const broken = errors.filter((e) => e.summary !== 'Resource precondition failed');
    expect(broken.map((e) => `${e.snippet?.context}: ${e.summary}: ${e.detail}`)).toEqual([]);
    expect(errors.map((e) => e.summary)).toEqual(Object.keys(expected).map(() => 'Resource precondition failed'));
    expect(errors.map(conditionIndex).sort()).toEqual(Object.keys(expected).map(Number).sort());
    for (const error of errors) {
      const index = conditionIndex(error);
      expect(error.detail).toContain(expected[index]);
      expect(error.detail).not.toContain('${');
      fired.add(key(index));
    }
    if (errors.length === 0) conditions.forEach((_, i) => passed.add(key(i)));
  });

  it('covers every condition of the synthesized stacks: each fires for some fake and passes for another', () => {
    const all: string[] = [];
    for (const [app, stacks] of Object.entries(apps)) {
      for (const [stack, json] of Object.entries(stacks)) {
        for (const kind of ['data', 'resource']) {
          for (const [type, blocks] of Object.entries((json[kind] ?? {}) as Record<string, Record<string, Block>>)) {
            for (const [name, block] of Object.entries(blocks)) {
              const count = (block.lifecycle?.precondition?.length ?? 0) + (block.lifecycle?.postcondition?.length ?? 0);
              for (let i = 0; i < count; i++) all.push(`${app}/${stack}/${kind}.${type}.${name}[${i}]`);
            }
          }
        }
      }
    }
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((k) => !fired.has(k))).toEqual([]);
    expect(all.filter((k) => !passed.has(k))).toEqual([]);
  });
});
