/**
 * `npm run verify`: runs the stacks' `curl*` output lines on their test instances through SSM Run Command and
 * says, per check, whether the API answered as expected (HTTP 200 and `Hello from Lambda` without `apis`; with
 * `apis`, the `check` of the API the output is named after), and if not, what to look at. A transport may check
 * something of its own first (transports/<kind>/verification.ts), within the same time limit.
 */
import * as path from 'node:path';
import { AppConfig, CONFIG_ENV_VAR } from '../../config';
import type { PreCheckResult } from '../../transports/verification';
import { ALL_VERIFICATIONS } from '../../transports/verifications';
import { ClientSettings, clientSettings, consoleIo, errorText, EXIT, Io, runScript, SetupError, StackAccount } from '../aws-session';
import { DEFAULT_OUTPUTS_FILE, readOutputs } from './outputs';
import { planChecks } from './plan';
import { formatPreCheckResult, formatResult, summary } from './report';
import { preCheckContext, RunOptions, runChecks } from './run';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The transports' checks that run before the curl lines. */
const PRE_CHECKS = ALL_VERIFICATIONS.flatMap((v) => (v.preCheck ? [v.preCheck] : []));

const WIDTH = 104;
const OPTION_COLUMN = 25;

/** Greedy word wrap at `width` (`indent` taken by every line); a `\n` in the text is kept as a line break. */
function wrap(text: string, width: number, indent = 0): string[] {
  return text.split('\n').flatMap((part) => {
    const lines: string[] = [];
    let line = '';
    for (const word of part.split(' ')) {
      if (line && indent + line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    return [...lines, line];
  });
}

/** `  --flag <x>             text…`, continued under the text. */
function option(flag: string, text: string): string {
  return wrap(text, WIDTH, OPTION_COLUMN)
    .map((line, i) => (i === 0 ? `  ${flag}`.padEnd(OPTION_COLUMN) : ' '.repeat(OPTION_COLUMN)) + line)
    .join('\n');
}

const usages = PRE_CHECKS.map((p) => p.usage);

export const USAGE = [
  'Usage: npm run verify -- [options]',
  '',
  ...wrap(
    [
      "Runs every curl line of the stacks' outputs on that stack's test instance (SSM Run Command) and prints one line per check: " +
        'PASS or FAIL, stack/output, with apis the API and what it expects, URL, HTTP status, first bytes of the body; a hint under each FAIL. ' +
        'Without apis every line must answer 200 and "Hello from Lambda"; with apis, an output named <name>_<api> (- in the API name as _) ' +
        "must answer that API's check.status and, when check.body is set, contain it. An API with authorization \"iam\" has signed lines " +
        "(SigV4 with the test instance role's credentials): each is checked twice, signed (the API's check) and unsigned (must answer 403, " +
        'proof that authorization is on).',
      ...usages.map((u) => u.description),
      "Credentials: per stack, the account's roleArn (assumed) or profile from\n" + `the config (${CONFIG_ENV_VAR}), else the ambient AWS credentials.`,
    ].join(' '),
    WIDTH,
  ),
  '',
  'Options:',
  '  --outputs-file <file>  cdktf outputs file (default: outputs.json in the project root), written by',
  '                         npx cdktf output service customer --outputs-file outputs.json',
  option('--timeout <seconds>', `overall limit for ${[...usages.map((u) => u.waitsFor), 'SSM registration and command completion'].join(', ')} (default: 300)`),
  '  --curl-timeout <s>     curl --max-time on the instance (default: 10)',
  option('--no-wait', [...usages.map((u) => u.once), 'send the commands', 'print their ids and exit without waiting for results'].join(', ')),
  '  -h, --help             this text',
  '',
  ...wrap(
    `Exit status: 0 every check passed (or sent, with --no-wait), 1 ${['a check failed', ...usages.map((u) => u.failure)].join(' or ')}, ` +
      `2 nothing could be checked (no outputs file, ${['no test instance', ...usages.map((u) => u.absence)].join(' and ')}, no credentials, bad arguments).`,
    WIDTH,
  ),
].join('\n');

export interface VerifyArgs {
  readonly help: boolean;
  readonly outputsFile?: string;
  readonly timeoutSeconds: number;
  readonly curlTimeoutSeconds: number;
  readonly wait: boolean;
}

export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  let outputsFile: string | undefined;
  let timeoutSeconds = 300;
  let curlTimeoutSeconds = 10;
  let wait = true;
  let help = false;
  const seconds = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 1) throw new SetupError(`${flag}: expected a whole number of seconds ≥ 1, received ${JSON.stringify(value ?? '')}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--no-wait') wait = false;
    else if (arg === '--outputs-file') {
      outputsFile = argv[++i];
      if (!outputsFile) throw new SetupError('--outputs-file: expected a file name');
    } else if (arg === '--timeout') timeoutSeconds = seconds(arg, argv[++i]);
    else if (arg === '--curl-timeout') curlTimeoutSeconds = seconds(arg, argv[++i]);
    else throw new SetupError(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { help, outputsFile, timeoutSeconds, curlTimeoutSeconds, wait };
}

/** Reads the outputs, runs the pre-checks and the checks, prints one line per result; returns the exit status. */
export async function verify(args: VerifyArgs, config: AppConfig, io: Io, env: NodeJS.ProcessEnv, runOptions: RunOptions = {}): Promise<number> {
  try {
    const shownAs = args.outputsFile ?? DEFAULT_OUTPUTS_FILE;
    const file = args.outputsFile ?? path.join(PROJECT_ROOT, DEFAULT_OUTPUTS_FILE);
    const outputs = readOutputs(file, config, env, shownAs);
    const found = PRE_CHECKS.flatMap((check) => {
      const run = check.find(outputs);
      return run ? [{ check, run }] : [];
    });
    const plan = planChecks(outputs, config, { curlTimeoutSeconds: args.curlTimeoutSeconds, allowNone: found.length > 0 });
    for (const s of plan.skipped) io.err(`skip ${s.stack}: ${s.reason}`);
    const missing = config.customers.map((c) => c.name).filter((name) => !outputs[name]);
    if (missing.length > 0) io.err(`note: no outputs for ${missing.join(', ')} in ${shownAs} (not deployed yet, or the file is older)`);
    io.err(
      `${args.wait ? 'running' : 'sending'} ${plan.checks.length} check(s) on ${new Set(plan.checks.map((c) => c.instanceId)).size} instance(s)` +
        `${found.map(({ check }) => ` and ${check.progress}`).join('')} in ${config.region}`,
    );
    // One session per account: with a roleArn, every client of an account shares one AssumeRole.
    const sessions = new Map<string, ClientSettings>();
    const session = (account: StackAccount): ClientSettings => {
      if (!sessions.has(account.stack)) sessions.set(account.stack, clientSettings(account, account.region, `${config.namePrefix}-verify`));
      return sessions.get(account.stack)!;
    };
    const options: RunOptions = { wait: args.wait, timeoutMs: args.timeoutSeconds * 1000, progress: io.err, settingsFor: session, ...runOptions };
    // The pre-checks first: on a first deploy what they read settles while the test instances register with SSM,
    // so waiting for it costs little, and the curl lines then meet a path that has been checked. One time limit for all.
    const startedAt = runOptions.startedAt ?? (options.now ?? Date.now)();
    const preResults: PreCheckResult[] = [];
    for (const { run } of found) preResults.push(...(await run.run(preCheckContext(config, { ...options, startedAt }, session))));
    const results = plan.checks.length > 0 ? await runChecks(plan.checks, config, { ...options, startedAt }) : [];
    for (const result of preResults) formatPreCheckResult(result).forEach((line) => io.out(line));
    for (const result of results) formatResult(result).forEach((line) => io.out(line));
    io.out(summary(preResults, results, args.wait));
    return [...preResults, ...results].some((r) => r.outcome === 'fail') ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof SetupError) {
      io.err(`verify: ${error.message}`);
      return EXIT.setup;
    }
    io.err(`verify: ${errorText(error)}`);
    return EXIT.failed;
  }
}

/** The CLI: returns the exit status. */
export async function main(argv: readonly string[], io: Io = consoleIo, env: NodeJS.ProcessEnv = process.env, runOptions: RunOptions = {}): Promise<number> {
  return runScript('verify', USAGE, argv, io, env, parseVerifyArgs, (args, config) => verify(args, config, io, env, runOptions));
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
