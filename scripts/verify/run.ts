/**
 * Runs the checks on the test instances through SSM Run Command: waits until each instance is Online, sends one
 * command per check, polls each until it is done, all within one time limit shared with the transports' pre-checks.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { AppConfig } from '../../config';
import type { PreCheckContext } from '../../transports/verification';
import { accountForStack, ClientSettings, clientSettings, errorText, explainAccountError, SetupError, StackAccount } from '../aws-session';
import type { Check } from './check';
import { hintFor, Symptom, symptomOf } from './hints';
import { CurlOutcome, parseCommandOutput } from './shell';

export interface CheckResult {
  readonly check: Check;
  readonly outcome: 'pass' | 'fail' | 'sent';
  readonly commandId?: string;
  readonly curl?: CurlOutcome;
  readonly symptom?: Symptom;
  /** What went wrong, when curl's own answer does not say it (SSM states, timeouts). */
  readonly detail?: string;
  readonly hint?: string;
}

/** Dependencies the tests replace: time, and the SSM client of each stack's account. */
export interface RunOptions {
  /** false: send the commands and return their ids without waiting (the emulator records, it does not run). @default true */
  readonly wait?: boolean;
  /** Overall limit for the pre-checks, SSM registration and command completion. @default 300000 */
  readonly timeoutMs?: number;
  /** Between two polls. @default 3000 */
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
  /** One SSM client per stack. @default a client with `settingsFor(account)` */
  readonly ssmFor?: (account: StackAccount) => SSMClient;
  /** Client settings per account, shared by all its clients. @default clientSettings for the account */
  readonly settingsFor?: (account: StackAccount) => ClientSettings;
  /** When the overall limit began: the pre-checks and the SSM checks share one. @default now */
  readonly startedAt?: number;
}

const PROGRESS_EVERY_MS = 30_000;

interface Timing {
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly progress: (line: string) => void;
  readonly deadline: number;
  /** `<n> s of <limit> s` */
  readonly elapsed: () => string;
}

function timing(options: RunOptions): Timing {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const start = options.startedAt ?? now();
  return {
    wait: options.wait ?? true,
    timeoutMs,
    pollMs: options.pollMs ?? 3000,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    now,
    progress: options.progress ?? (() => undefined),
    deadline: start + timeoutMs,
    elapsed: () => `${Math.round((now() - start) / 1000)} s of ${Math.round(timeoutMs / 1000)} s`,
  };
}

/** A waiting line, printed when it changes and otherwise once every 30 s, so a long wait stays quiet. */
function waitingReporter(t: Timing): (line: string) => void {
  let lastLine = '';
  let lastAt = -Infinity;
  return (line) => {
    if (line !== lastLine || t.now() - lastAt >= PROGRESS_EVERY_MS) {
      t.progress(`${line} · ${t.elapsed()}`);
      lastLine = line;
      lastAt = t.now();
    }
  };
}

/** What a transport's pre-check gets: the run's time limit and waiting lines, and the accounts' client settings. */
export function preCheckContext(config: AppConfig, options: RunOptions, settingsFor: (account: StackAccount) => ClientSettings): PreCheckContext {
  const t = timing(options);
  return {
    config,
    wait: t.wait,
    settingsFor,
    expired: () => t.now() >= t.deadline,
    elapsed: t.elapsed,
    waiting: waitingReporter(t),
    pause: () => t.sleep(t.pollMs),
  };
}

// GetCommandInvocation statuses: Pending, InProgress, Delayed (still coming); Success, Cancelled, TimedOut, Failed,
// Cancelling (done). https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
const RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);

/**
 * Waits until each instance is Online in Systems Manager, sends one command per check (AWS-RunShellScript) and,
 * unless `wait: false`, polls each invocation until it is done or the time limit is reached.
 */
export async function runChecks(checks: readonly Check[], config: AppConfig, options: RunOptions = {}): Promise<CheckResult[]> {
  const t = timing(options);
  const { wait, pollMs, sleep, now, progress, deadline, elapsed } = t;
  // Loaded when checks run: --help and bad arguments load no SDK.
  const { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, SSMClient } = await import('@aws-sdk/client-ssm');

  const stacks = [...new Set(checks.filter((c) => c.expect).map((c) => c.stack))];
  const accounts = new Map(stacks.map((stack) => [stack, accountForStack(config, stack)!]));
  const ssm = new Map(
    stacks.map((stack) => {
      const account = accounts.get(stack)!;
      const settings = options.settingsFor?.(account) ?? clientSettings(account, account.region, `${config.namePrefix}-verify`);
      return [stack, options.ssmFor ? options.ssmFor(account) : new SSMClient(settings)];
    }),
  );
  const call = async <T>(stack: string, operation: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      const account = accounts.get(stack)!;
      const explained = explainAccountError(error, account);
      if (explained instanceof SetupError || (error as { name?: string }).name === 'InvocationDoesNotExist') throw explained;
      // Name the call: an emulator without the API, or a missing permission, must be recognisable as such.
      throw new Error(`SSM ${operation} for stack ${stack} (account ${account.accountId}) failed: ${errorText(error)}`, { cause: error });
    }
  };

  const results = new Map<Check, CheckResult>();
  const fail = (check: Check, symptom: Symptom, detail?: string, extra: Partial<CheckResult> = {}) =>
    results.set(check, { check, outcome: 'fail', symptom, detail, hint: hintFor(check, symptom, undefined, undefined, config), ...extra });

  // 0. An output no API of the config is named after: nothing to compare its answer with, so it is not sent.
  for (const check of checks) {
    if (!check.expect) fail(check, 'no-api', `no API of the config matches output ${check.output}`);
    // 0b. The signed call of an API with IAM authorization whose line is unsigned: there is no signature to send.
    else if (check.signing === 'signed' && !check.curl.sigv4Region) fail(check, 'not-signed', `the curl line of ${check.output} is unsigned`);
  }
  const toRun = checks.filter((c) => !results.has(c));

  // 1. SSM can only run a command on an instance whose agent is Online (PingStatus Online | ConnectionLost |
  //    Inactive; an unregistered instance is simply absent from DescribeInstanceInformation).
  //    https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_InstanceInformation.html
  const instances = [...new Map(toRun.map((c) => [`${c.stack} ${c.instanceId}`, c])).values()];
  const online = new Set<string>();
  if (wait && instances.length > 0) {
    const report = waitingReporter(t);
    for (;;) {
      const states = new Map<string, string>();
      for (const stack of stacks) {
        const ids = instances.filter((c) => c.stack === stack).map((c) => c.instanceId);
        const answer = await call(stack, 'DescribeInstanceInformation', () =>
          ssm.get(stack)!.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: ids }] })),
        );
        for (const info of answer.InstanceInformationList ?? []) {
          if (info.InstanceId) states.set(`${stack} ${info.InstanceId}`, info.PingStatus ?? 'unknown');
        }
      }
      for (const [key, state] of states) if (state === 'Online') online.add(key);
      const waiting = instances.filter((c) => !online.has(`${c.stack} ${c.instanceId}`));
      if (waiting.length === 0 || now() >= deadline) {
        for (const c of waiting) {
          const state = states.get(`${c.stack} ${c.instanceId}`) ?? 'not registered';
          for (const check of toRun.filter((k) => k.stack === c.stack && k.instanceId === c.instanceId)) {
            fail(check, 'not-registered', `${c.instanceId} is ${state} in Systems Manager after ${elapsed()}`);
          }
        }
        break;
      }
      report(`waiting for SSM: ${waiting.map((c) => `${c.stack} ${c.instanceId} (${states.get(`${c.stack} ${c.instanceId}`) ?? 'not registered'})`).join(', ')}`);
      await sleep(pollMs);
    }
  }

  // 2. One command per check, so each invocation's output belongs to exactly one URL.
  const pending = new Map<Check, string>();
  for (const check of checks) {
    if (results.has(check)) continue;
    const sent = await call(check.stack, 'SendCommand', () =>
      ssm.get(check.stack)!.send(
        new SendCommandCommand({
          DocumentName: 'AWS-RunShellScript',
          InstanceIds: [check.instanceId],
          Parameters: { commands: [check.command] },
          // Delivery timeout (minimum 30 s): the agent was Online a moment ago.
          TimeoutSeconds: 60,
          Comment: `${config.namePrefix} verify ${check.stack}/${check.output}${check.signing ? ` ${check.signing}` : ''}`.slice(0, 100),
        }),
      ),
    );
    const commandId = sent.Command?.CommandId;
    if (!commandId) {
      fail(check, 'command-failed', 'SendCommand returned no command id');
    } else if (!wait) {
      results.set(check, { check, outcome: 'sent', commandId });
    } else {
      pending.set(check, commandId);
    }
  }

  // 3. Poll. Right after SendCommand, GetCommandInvocation may answer InvocationDoesNotExist: Run Command is
  //    eventually consistent, and the SDK's own waiter (waitUntilCommandExecuted) retries on it too.
  //    https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
  let lastAt = now();
  while (pending.size > 0) {
    for (const [check, commandId] of [...pending]) {
      let invocation;
      try {
        invocation = await call(check.stack, 'GetCommandInvocation', () =>
          ssm.get(check.stack)!.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: check.instanceId })),
        );
      } catch (error) {
        if ((error as { name?: string }).name === 'InvocationDoesNotExist') continue;
        throw error;
      }
      const status = invocation.Status ?? 'Pending';
      if (RUNNING.has(status)) continue;
      pending.delete(check);
      if (status !== 'Success') {
        const stderr = invocation.StandardErrorContent?.trim();
        fail(check, 'command-failed', `SSM command ${commandId} ended ${invocation.StatusDetails ?? status}${stderr ? `: ${stderr.slice(0, 200)}` : ''}`, { commandId });
        continue;
      }
      const outcome = parseCommandOutput(invocation.StandardOutputContent ?? '');
      if (!outcome) {
        fail(check, 'command-failed', `SSM command ${commandId} printed no result line (is curl installed?)`, { commandId });
        continue;
      }
      const symptom = symptomOf(outcome, check.expect);
      results.set(
        check,
        symptom
          ? { check, outcome: 'fail', commandId, curl: outcome, symptom, hint: hintFor(check, symptom, outcome.httpStatus, outcome.body, config) }
          : { check, outcome: 'pass', commandId, curl: outcome },
      );
    }
    if (pending.size === 0) break;
    if (now() >= deadline) {
      for (const [check, commandId] of pending) fail(check, 'no-result', `no result from SSM command ${commandId} after ${elapsed()}`, { commandId });
      break;
    }
    if (now() - lastAt >= PROGRESS_EVERY_MS) {
      progress(`waiting for ${pending.size} command(s) to finish · ${elapsed()}`);
      lastAt = now();
    }
    await sleep(pollMs);
  }

  return checks.map((check) => results.get(check)!);
}
