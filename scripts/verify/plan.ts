/** The checks to run: one per curl line of every stack with a test instance, each with what its answer must be. */
import { ApiConfig, AppConfig, CONFIG_ENV_VAR, SERVICE_STACK_NAME } from '../../config';
import { CurlLine, parseCurlLine } from '../../stacks/curl-line';
import { CURL_CUSTOM_DOMAIN, GENERIC_CURL_OUTPUTS, isCurlOutput, splitOutputName, StackOutputs, TEST_INSTANCE_ID } from '../../stacks/output-names';
import { ALL_VERIFICATIONS } from '../../transports/verifications';
import { accountForStack, SetupError } from '../aws-session';
import { Check, DEFAULT_EXPECTATION, Expectation } from './check';
import { lineHintsFor } from './hints';
import { buildShellCommand } from './shell';

/** The curl outputs the stacks write, before the `_<api>` suffix that `apis` adds: the generic ones and each transport's. */
export const CURL_OUTPUTS: readonly string[] = [...new Set([...GENERIC_CURL_OUTPUTS, ...ALL_VERIFICATIONS.flatMap((v) => Object.keys(v.serviceLines))])];

/** The API of `apis` an output is named after and the output name without that suffix (stacks/output-names.ts). */
export function apiOfOutput(output: string, apis: readonly ApiConfig[]): { api: ApiConfig; index: number; base: string } | undefined {
  return splitOutputName(output, apis, CURL_OUTPUTS);
}

export interface Plan {
  readonly checks: Check[];
  /** Stacks in the outputs without a test instance, with the reason. */
  readonly skipped: { readonly stack: string; readonly reason: string }[];
}

export interface PlanOptions {
  /** curl --max-time on the instance. @default 10 */
  readonly curlTimeoutSeconds?: number;
  /** Something else is checked (a transport's pre-check), so no curl line is no reason to stop. @default false */
  readonly allowNone?: boolean;
}

/** The checks to run: one per `curl*` output of every stack that has a `test_instance_id`. */
export function planChecks(outputs: StackOutputs, config: AppConfig, options: PlanOptions = {}): Plan {
  const maxTime = options.curlTimeoutSeconds ?? 10;
  const order = [SERVICE_STACK_NAME, ...config.customers.map((c) => c.name)];
  const unknown = Object.keys(outputs).filter((stack) => !order.includes(stack));
  if (unknown.length > 0) {
    throw new SetupError(
      `The outputs name stack(s) ${unknown.map((s) => `"${s}"`).join(', ')} that the configuration does not: ` +
        `run with the configuration they were deployed with (${CONFIG_ENV_VAR}=<file>).`,
    );
  }
  const checks: Check[] = [];
  const skipped: Plan['skipped'] = [];
  for (const stack of order.filter((s) => outputs[s])) {
    const values = outputs[stack];
    const lines = Object.entries(values).filter(([name]) => isCurlOutput(name));
    const instanceId = values[TEST_INSTANCE_ID];
    if (instanceId === undefined || instanceId === null || instanceId === '') {
      const where = accountForStack(config, stack)!.where;
      skipped.push({ stack, reason: `no test instance (${where}.testInstance is false, or the outputs predate it)` });
      continue;
    }
    if (typeof instanceId !== 'string' || !/^(i|mi)-[0-9a-f]{8,17}$/.test(instanceId)) {
      throw new SetupError(`${stack}.${TEST_INSTANCE_ID}: expected an instance id like i-0123456789abcdef0, received ${JSON.stringify(instanceId)}`);
    }
    for (const [output, line] of lines) {
      let curl: CurlLine;
      try {
        curl = parseCurlLine(String(line));
      } catch (error) {
        // Lines written before the URL was quoted are refused too: a deploy rewrites the outputs, nothing else.
        throw new SetupError(
          `${stack}.${output}: ${(error as Error).message}. Outputs of an older version: cdktf deploy, then write the outputs file again.`,
        );
      }
      const match = config.apis ? apiOfOutput(output, config.apis) : undefined;
      const base = match?.base ?? output;
      const expect: Expectation | undefined = !config.apis
        ? DEFAULT_EXPECTATION
        : match && { status: match.api.check.status, body: match.api.check.body, api: match.api, field: `apis[${match.index}]` };
      const check = {
        stack,
        output,
        instanceId,
        url: curl.url,
        curl,
        hints: lineHintsFor(config, stack, base),
        customDomain:
          base === CURL_CUSTOM_DOMAIN || curl.host === config.customDomain?.name || (match !== undefined && curl.host === match.api.customDomain?.name),
        expect,
      };
      if (match?.api.authorization === 'iam') {
        // The signed call must get the API's answer, the unsigned one API Gateway's 403: both, or authorization is not shown to be on.
        // An unsigned line (outputs older than authorization "iam") has no signed call to send: that one FAILs unsent (runChecks).
        checks.push(
          { ...check, signing: 'signed', command: buildShellCommand(curl, maxTime) },
          { ...check, signing: 'unsigned', command: buildShellCommand(curl, maxTime, { unsigned: true }), expect: { status: 403, api: match.api, field: expect!.field } },
        );
      } else {
        checks.push({ ...check, signing: curl.sigv4Region ? 'signed' : undefined, command: buildShellCommand(curl, maxTime) });
      }
    }
  }
  if (checks.length === 0 && !options.allowNone) {
    const stacks = skipped.map((s) => s.stack).join(', ') || Object.keys(outputs).join(', ');
    throw new SetupError(
      `Nothing to check: no stack in the outputs has a test instance with curl lines (${stacks}). ` +
        'Set service.testInstance / customers[i].testInstance to true, deploy, and write the outputs file again.',
    );
  }
  return { checks, skipped };
}
