/**
 * Upgrading from the previous release is a no-op but for what the README documents ("Packaging", "Adding an AZ on
 * real AWS"): the previous release and this tree synthesize the embedded default and every example, and each
 * stack's Terraform JSON is compared per address and argument. Identical JSON with the same pinned provider plans
 * no change, so no `terraform plan` is needed here; the e2e tier plans one of these upgrades against a deployment.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_ENV_VAR, loadConfig } from '../../config';
import { scratchDir } from '../scratch';

/** The release this tree upgrades from: what the e2e tier deploys before planning this tree. */
const PREVIOUS_RELEASE = '9440d95';
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const TIER = `engine tier: upgrade from ${PREVIOUS_RELEASE} changes only what the README documents`;

// ---------------------------------------------------------------------------------------------------------------
// The comparison (pure: the negative cases below run it on modified copies).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** What the README documents for this upgrade, per config. */
interface UpgradeRules {
  /** The service stack gains the endpoint service's AZ enabler exactly when a PrivateLink consumer exists. */
  readonly privatelinkConsumer: boolean;
}

interface StackComparison {
  /** Undocumented differences, each naming the stack, the address and the argument path: the test fails on any. */
  readonly differences: string[];
  /** Documented differences found, in the same form: the test checks they are really there. */
  readonly documented: string[];
  /** Addresses in the previous release's stack (`resource.<type>.<name>`, `data.<type>.<name>`). */
  readonly previousAddresses: string[];
}

/** Arguments packaging may change on every function (in-process, deterministic zips handed over as file assets). */
const PACKAGING_ARGUMENTS = new Set(['source_code_hash', 'filename']);
/** Construct ids of the endpoint service's AZ enabler, and the one block of each type it adds. */
const AZ_ENABLER_PREFIX = 'EndpointServiceAzEnabler_';
const AZ_ENABLER_TYPES = [
  'aws_cloudwatch_log_group',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_lambda_function',
  'aws_lambda_invocation',
].sort();
/** Top-level keys that are not Terraform configuration or are compared on their own. */
const NOT_COMPARED_AS_A_WHOLE = new Set(['//', 'resource', 'data', 'output']);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(pathSoFar: string, key: string | number): string {
  if (typeof key === 'number') return `${pathSoFar}[${key}]`;
  const part = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
  return pathSoFar ? `${pathSoFar}.${part}` : part;
}

const show = (value: Json | undefined): string => (value === undefined ? '(absent)' : JSON.stringify(value).slice(0, 200));

/**
 * Paths at which two JSON values differ, with both values. `//` keys are skipped: Terraform's JSON syntax reads
 * them as comments, and cdktf keeps construct paths there, which a restructuring may move without changing a block.
 */
function jsonDifferences(before: Json | undefined, after: Json | undefined, at = ''): string[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const found: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
      found.push(...jsonDifferences(before[i], after[i], child(at, i)));
    }
    return found;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== '//').sort();
    return keys.flatMap((k) => jsonDifferences(before[k], after[k], child(at, k)));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [`${at || '(whole value)'}: ${show(before)} → ${show(after)}`];
}

/** Every block of a stack by its Terraform address: `resource.<type>.<name>` and `data.<type>.<name>`. */
function blocksByAddress(stack: JsonObject): Map<string, JsonObject> {
  const blocks = new Map<string, JsonObject>();
  for (const kind of ['resource', 'data']) {
    const byType = stack[kind];
    if (!isObject(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObject(byName)) continue;
      for (const [name, block] of Object.entries(byName)) {
        if (isObject(block)) blocks.set(`${kind}.${type}.${name}`, block);
      }
    }
  }
  return blocks;
}

const typeOf = (address: string) => address.split('.')[1];
const nameOf = (address: string) => address.split('.').slice(2).join('.');

/** One stack of the previous release against the same stack of this tree, under the documented rules. */
function compareStack(stack: string, before: JsonObject, after: JsonObject, rules: UpgradeRules): StackComparison {
  const differences: string[] = [];
  const documented: string[] = [];
  const previous = blocksByAddress(before);
  const current = blocksByAddress(after);

  const added = [...current.keys()].filter((a) => !previous.has(a)).sort();
  const enablerAdded = added.filter((a) => a.startsWith('resource.') && nameOf(a).startsWith(AZ_ENABLER_PREFIX));
  const enablerDocumented =
    stack === 'service' &&
    rules.privatelinkConsumer &&
    JSON.stringify(enablerAdded.map(typeOf).sort()) === JSON.stringify(AZ_ENABLER_TYPES);
  for (const address of added) {
    if (enablerDocumented && enablerAdded.includes(address)) {
      documented.push(`${stack}: ${address}: added (endpoint service AZ enabler)`);
    } else {
      differences.push(`${stack}: ${address}: added`);
    }
  }
  if (stack === 'service' && rules.privatelinkConsumer && !enablerDocumented) {
    differences.push(
      `${stack}: the AZ enabler (${AZ_ENABLER_PREFIX}*) should add one each of ${AZ_ENABLER_TYPES.join(', ')}; ` +
        `added: ${enablerAdded.join(', ') || 'none'}`,
    );
  }
  for (const address of [...previous.keys()].filter((a) => !current.has(a)).sort()) {
    differences.push(`${stack}: ${address}: removed`);
  }

  for (const [address, block] of [...previous.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const next = current.get(address);
    if (!next) continue;
    for (const key of [...new Set([...Object.keys(block), ...Object.keys(next)])].filter((k) => k !== '//').sort()) {
      const argument = jsonDifferences(block[key], next[key], child('', key));
      if (argument.length === 0) continue;
      const isPackaging = address.startsWith('resource.aws_lambda_function.') && PACKAGING_ARGUMENTS.has(key);
      // Provisioners are not in state: dropping one plans no change.
      const isDroppedProvisioner =
        address.startsWith('resource.aws_lb_target_group_attachment.') && key === 'provisioner' && next[key] === undefined;
      const target = isPackaging || isDroppedProvisioner ? documented : differences;
      target.push(...argument.map((d) => `${stack}: ${address}: ${d}`));
    }
  }

  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !NOT_COMPARED_AS_A_WHOLE.has(k)).sort()) {
    differences.push(...jsonDifferences(before[key], after[key], key).map((d) => `${stack}: ${d}`));
  }
  // Output values may change (the curl lines are quoted now) and plan no resource change; the names are the
  // contract verify and the consumers' remote state read, so they stay.
  const outputNames = (s: JsonObject) => (isObject(s.output) ? Object.keys(s.output).sort() : []);
  const outputsBefore = outputNames(before);
  const outputsAfter = outputNames(after);
  for (const name of outputsAfter.filter((n) => !outputsBefore.includes(n))) differences.push(`${stack}: output.${name}: added`);
  for (const name of outputsBefore.filter((n) => !outputsAfter.includes(n))) differences.push(`${stack}: output.${name}: removed`);

  return { differences, documented, previousAddresses: [...previous.keys()].sort() };
}

// ---------------------------------------------------------------------------------------------------------------
// Synthesis of both trees.

/** The previous release's files, or why this clone cannot give them (a shallow clone, no git). */
function previousReleaseMissing(): string | undefined {
  const probe = spawnSync('git', ['cat-file', '-t', `${PREVIOUS_RELEASE}^{commit}`], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (probe.error) return `git is not available (${probe.error.message}): the previous release cannot be extracted`;
  if (probe.status !== 0) return `commit ${PREVIOUS_RELEASE} is not in this clone (fetch its history: git fetch --unshallow)`;
  return undefined;
}

/** Example config files of a tree: the working tree for this one, the commit for the previous release. */
function currentExamples(): string[] {
  return readdirSync(path.join(PROJECT_ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();
}
function previousExamples(): string[] {
  const listed = spawnSync('git', ['ls-tree', '--name-only', `${PREVIOUS_RELEASE}:examples`], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-tree ${PREVIOUS_RELEASE}:examples failed: ${listed.stderr}`);
  return listed.stdout.split('\n').filter((f) => f.endsWith('.json')).sort();
}

/** `git archive | tar -x`, as the e2e tier's checkout of the previous release; node_modules shared. */
function extractPreviousRelease(into: string): void {
  mkdirSync(into, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', PREVIOUS_RELEASE], { cwd: PROJECT_ROOT, maxBuffer: 256 << 20 });
  if (archive.status !== 0) throw new Error(`git archive ${PREVIOUS_RELEASE} failed: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', into], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar -x failed: ${untar.stderr}`);
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(into, 'node_modules'));
}

/** A tree's own `cdktf.json` app command, split for spawn (no shell: a plain command is all cdktf.json holds here). */
function appCommandOf(tree: string): string[] {
  const app = JSON.parse(readFileSync(path.join(tree, 'cdktf.json'), 'utf8')).app as string;
  if (/["'`$\\|&;<>()]/.test(app)) throw new Error(`${tree}/cdktf.json: app command needs a shell, not supported here: ${app}`);
  return app.trim().split(/\s+/);
}

interface Synthesis {
  readonly outdir: string;
  readonly status: number | null;
  readonly output: string;
}

/** Runs a tree's app command as `cdktf synth` would: in the tree, CDKTF_OUTDIR set, the config named or not. */
function synthesize(tree: string, configFile: string | undefined, outdir: string): Promise<Synthesis> {
  const [command, ...args] = appCommandOf(tree);
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env[CONFIG_ENV_VAR];
  // Test-recording switches of the unit tier must not write from these processes.
  delete env.PRIVAPI_GOLDEN_DIR;
  delete env.PRIVAPI_FIXTURE_DIR;
  if (configFile) env[CONFIG_ENV_VAR] = configFile;
  // The previous release zips through cdktf's shell line (`node <its fs.js> <src> <dest>`, unquoted): in a project
  // folder whose name has a space, that line breaks. Keeping symlinks as they are makes its fs.js path the temporary
  // tree's (node_modules is a symlink there), which has no space.
  if (tree !== PROJECT_ROOT) env.NODE_PRESERVE_SYMLINKS = '1';
  return new Promise((resolve) => {
    const proc = spawn(command, args, { cwd: tree, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk) => (output += chunk));
    proc.stderr.on('data', (chunk) => (output += chunk));
    proc.on('error', (error) => resolve({ outdir, status: null, output: `${output}${error.message}` }));
    proc.on('close', (status) => resolve({ outdir, status, output }));
  });
}

/** Runs the jobs side by side, as many at once as the machine has cores (each is one single-threaded node). */
async function sideBySide<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const lanes = Math.max(2, os.availableParallelism?.() ?? os.cpus().length);
  await Promise.all(
    Array.from({ length: Math.min(lanes, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

const readStack = (outdir: string, stack: string): JsonObject =>
  JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
const stacksOf = (outdir: string): string[] => readdirSync(path.join(outdir, 'stacks')).sort();

// ---------------------------------------------------------------------------------------------------------------

interface Case {
  readonly name: string;
  /** Example file name, or undefined for the embedded default. */
  readonly example: string | undefined;
}

const missing = previousReleaseMissing();
if (missing && process.env.REQUIRE_ENGINE !== '1') {
  process.stderr.write(`\n${'!'.repeat(78)}\n!! ${TIER} SKIPPED: ${missing}\n!! Set REQUIRE_ENGINE=1 to make this a failure.\n${'!'.repeat(78)}\n\n`);
}

if (missing && process.env.REQUIRE_ENGINE === '1') {
  describe(TIER, () => {
    it(`has the previous release ${PREVIOUS_RELEASE} in this clone (REQUIRE_ENGINE=1)`, () => {
      throw new Error(missing);
    });
  });
} else {
  (missing ? describe.skip : describe)(TIER, () => {
    const now = missing ? [] : currentExamples();
    const before = missing ? [] : previousExamples();
    const cases: Case[] = [
      { name: 'the embedded default', example: undefined },
      ...now.filter((f) => before.includes(f)).map((f) => ({ name: `examples/${f}`, example: f })),
    ];
    const onlyNow = now.filter((f) => !before.includes(f));
    const onlyBefore = before.filter((f) => !now.includes(f));

    const work = missing ? '' : scratchDir('upgrade');
    const previousTree = path.join(work, 'previous');
    const syntheses = new Map<string, { previous: Synthesis; current: Synthesis }>();

    beforeAll(async () => {
      extractPreviousRelease(previousTree);
      const jobs = cases.flatMap((c, i) => {
        const config = (tree: string) => (c.example ? path.join(tree, 'examples', c.example) : undefined);
        return [
          () => synthesize(previousTree, config(previousTree), path.join(work, `previous-${i}`)),
          () => synthesize(PROJECT_ROOT, config(PROJECT_ROOT), path.join(work, `current-${i}`)),
        ];
      });
      const results = await sideBySide(jobs);
      cases.forEach((c, i) => syntheses.set(c.name, { previous: results[2 * i], current: results[2 * i + 1] }));
    }, 600_000);

    /** Every stack of one config compared; the synthesis failing in either tree fails with its output. */
    function compareCase(c: Case) {
      const { previous, current } = syntheses.get(c.name)!;
      for (const [tree, run] of [[`previous release ${PREVIOUS_RELEASE}`, previous], ['this tree', current]] as const) {
        if (run.status !== 0) throw new Error(`${c.name}: synthesis in ${tree} exited ${run.status}:\n${run.output.slice(-4000)}`);
      }
      const stacks = stacksOf(previous.outdir);
      expect({ config: c.name, stacks: stacksOf(current.outdir) }).toEqual({ config: c.name, stacks });
      const config = loadConfig(c.example ? { [CONFIG_ENV_VAR]: path.join(PROJECT_ROOT, 'examples', c.example) } : {});
      const rules: UpgradeRules = { privatelinkConsumer: config.customers.some((customer) => customer.connectivity === 'privatelink') };
      const comparisons = stacks.map((s) => compareStack(s, readStack(previous.outdir, s), readStack(current.outdir, s), rules));
      return { stacks, comparisons, rules, previousService: readStack(previous.outdir, 'service'), currentService: readStack(current.outdir, 'service'), current };
    }

    it.each(cases.map((c) => [c.name, c] as const))('%s: same addresses and arguments, but the documented', (_name, c) => {
      const { stacks, comparisons, rules, previousService, currentService, current } = compareCase(c);
      expect(stacks).toContain('service');
      comparisons.forEach((comparison, i) => {
        // Real content: every stack has blocks to compare.
        expect({ stack: stacks[i], addresses: comparison.previousAddresses.length > 0 }).toEqual({ stack: stacks[i], addresses: true });
      });
      // Each undocumented difference names the stack, the address and the argument path.
      expect(comparisons.flatMap((comparison) => comparison.differences)).toEqual([]);

      const documented = comparisons.flatMap((comparison) => comparison.documented);
      const functions = [...blocksByAddress(currentService).entries()].filter(([a]) => a.startsWith('resource.aws_lambda_function.'));
      expect(functions.length).toBeGreaterThan(0);
      for (const [address, fn] of functions) {
        // The documented packaging: the function's file is the zip whose SHA-256 is its source_code_hash.
        const zip = path.join(current.outdir, 'stacks', 'service', String(fn.filename));
        expect({ address, exists: existsSync(zip) }).toEqual({ address, exists: true });
        expect({ address, hash: createHash('sha256').update(readFileSync(zip)).digest('base64') }).toEqual({ address, hash: fn.source_code_hash });
        if (!nameOf(address).startsWith(AZ_ENABLER_PREFIX)) {
          expect(documented).toContainEqual(expect.stringMatching(new RegExp(`^service: ${escapeRegExp(address)}: filename: `)));
        }
      }

      // The config's answer agrees with the previous release: an endpoint service exactly for PrivateLink consumers.
      const previousBlocks = blocksByAddress(previousService);
      const hadEndpointService = [...previousBlocks.keys()].some((a) => a.startsWith('resource.aws_vpc_endpoint_service.'));
      expect({ privatelinkConsumer: rules.privatelinkConsumer }).toEqual({ privatelinkConsumer: hadEndpointService });
      const enabler = documented.filter((d) => d.endsWith(': added (endpoint service AZ enabler)'));
      expect(enabler).toHaveLength(rules.privatelinkConsumer ? AZ_ENABLER_TYPES.length : 0);
      // Each per-AZ target that ran the enabler locally loses that provisioner (none was written for Terraform Cloud).
      for (const [address, block] of previousBlocks) {
        if (!address.startsWith('resource.aws_lb_target_group_attachment.') || block.provisioner === undefined) continue;
        expect(documented).toContainEqual(expect.stringMatching(new RegExp(`^service: ${escapeRegExp(address)}: provisioner: `)));
      }
    });

    for (const f of onlyNow) {
      it.skip(`examples/${f}: only in this tree (new since ${PREVIOUS_RELEASE}, nothing to upgrade from)`, () => undefined);
    }
    for (const f of onlyBefore) {
      it.skip(`examples/${f}: only in the previous release ${PREVIOUS_RELEASE} (removed from this tree)`, () => undefined);
    }

    it('the default has the documented changes: the Hello function repackaged, the AZ enabler added, the provisioners gone', () => {
      const { comparisons } = compareCase(cases[0]);
      const documented = comparisons.flatMap((comparison) => comparison.documented);
      expect(documented).toContainEqual(expect.stringMatching(/^service: resource\.aws_lambda_function\.\w+: source_code_hash: "[^"]+" → "[^"]+"$/));
      expect(documented.filter((d) => / \(endpoint service AZ enabler\)$/.test(d)).map((d) => typeOf(d.split(': ')[1])).sort()).toEqual(AZ_ENABLER_TYPES);
      expect(documented.filter((d) => /aws_lb_target_group_attachment\.[^:]+: provisioner: /.test(d))).toHaveLength(2);
    });

    describe('the comparison itself (a modified copy of the default service stack)', () => {
      const load = () => {
        const { previous } = syntheses.get(cases[0].name)!;
        return readStack(previous.outdir, 'service');
      };
      const rules: UpgradeRules = { privatelinkConsumer: false };

      it('finds nothing between a stack and itself', () => {
        const stack = load();
        expect(compareStack('service', stack, load(), rules)).toMatchObject({ differences: [], documented: [] });
      });

      it('catches a changed argument, naming the address and the argument path', () => {
        const stack = load();
        const changed = load();
        const [type, name] = firstBlockWithNestedArgument(changed);
        const block = (changed.resource as Record<string, Record<string, JsonObject>>)[type][name];
        const [key, nested] = Object.entries(block).find(([k, v]) => k !== '//' && isObject(v))! as [string, JsonObject];
        const [inner] = Object.keys(nested);
        nested[inner] = 'changed-by-the-negative-case';
        expect(compareStack('service', stack, changed, rules).differences).toEqual([
          expect.stringMatching(new RegExp(`^service: resource\\.${type}\\.${escapeRegExp(name)}: ${escapeRegExp(key)}\\.${escapeRegExp(inner)}: .+ → "changed-by-the-negative-case"$`)),
        ]);
      });

      it('catches a renamed address as one removed and one added', () => {
        const stack = load();
        const renamed = load();
        const byName = (renamed.resource as Record<string, Record<string, JsonObject>>).aws_vpc;
        const [name] = Object.keys(byName);
        byName[`${name}_RENAMED`] = byName[name];
        delete byName[name];
        expect(compareStack('service', stack, renamed, rules).differences.sort()).toEqual(
          [`service: resource.aws_vpc.${name}_RENAMED: added`, `service: resource.aws_vpc.${name}: removed`].sort(),
        );
      });

      it('catches a function change beyond packaging, an enabler without a PrivateLink consumer, a provisioner added', () => {
        const stack = load();
        const changed = load();
        const resources = changed.resource as Record<string, Record<string, JsonObject>>;
        const [fnName] = Object.keys(resources.aws_lambda_function);
        resources.aws_lambda_function[fnName].source_code_hash = 'documented';
        resources.aws_lambda_function[fnName].memory_size = 4096;
        resources.aws_iam_role[`${AZ_ENABLER_PREFIX}Role_X`] = { name: 'x' };
        const [vpcName] = Object.keys(resources.aws_vpc);
        resources.aws_vpc[vpcName].provisioner = [{ 'local-exec': { command: 'true' } }];
        const { differences, documented } = compareStack('service', stack, changed, rules);
        expect(differences).toHaveLength(3);
        expect(differences).toEqual(
          expect.arrayContaining([
            `service: resource.aws_iam_role.${AZ_ENABLER_PREFIX}Role_X: added`,
            expect.stringMatching(new RegExp(`^service: resource\\.aws_lambda_function\\.${escapeRegExp(fnName)}: memory_size: \\d+ → 4096$`)),
            expect.stringMatching(new RegExp(`^service: resource\\.aws_vpc\\.${escapeRegExp(vpcName)}: provisioner: \\(absent\\) → `)),
          ]),
        );
        expect(documented).toEqual([expect.stringMatching(/: source_code_hash: .+ → "documented"$/)]);
      });

      it('catches a backend change outside the blocks', () => {
        const stack = load();
        const changed = load();
        (changed.terraform as JsonObject).backend = { s3: { bucket: 'elsewhere' } };
        expect(compareStack('service', stack, changed, rules).differences).toContainEqual(expect.stringMatching(/^service: terraform\.backend\./));
      });
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A resource with an object argument (e.g. `tags`), for the negative case. */
function firstBlockWithNestedArgument(stack: JsonObject): [string, string] {
  for (const [type, byName] of Object.entries(stack.resource as Record<string, Record<string, JsonObject>>)) {
    for (const [name, block] of Object.entries(byName)) {
      if (Object.entries(block).some(([k, v]) => k !== '//' && isObject(v) && Object.keys(v).length > 0)) return [type, name];
    }
  }
  throw new Error('no resource with an object argument in the default service stack');
}
