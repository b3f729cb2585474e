/** The lines verify prints: one per check (and per pre-check result), a hint under each FAIL, the summary. */
import type { PreCheckResult } from '../../transports/verification';
import type { Expectation } from './check';
import type { CheckResult } from './run';

const SHOWN_BODY_CHARS = 60;

/** `expects 200 and "ok"`, `expects 401`. */
export function expectationText(expect: Expectation): string {
  return `expects ${expect.status}${expect.body === undefined ? '' : ` and ${JSON.stringify(expect.body)}`}`;
}

function shownBody(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > SHOWN_BODY_CHARS ? `${flat.slice(0, SHOWN_BODY_CHARS)}…` : flat);
}

/**
 * The lines printed for one result: `PASS|FAIL|SENT <stack>/<output>[ (API <name>: expects <status>[ and "<body>"])]
 * <url> <status> <body or error>` (+ hint). The API part only with `apis`; with IAM authorization `(API <name>, signed:
 * expects …)` and `(API <name>, unsigned: expects 403)`, one line each.
 */
export function formatResult(result: CheckResult): string[] {
  const { check, outcome, curl } = result;
  const signing = check.signing ? `${check.signing}: ` : '';
  const api = check.expect?.api
    ? ` (API ${check.expect.api.name}${signing ? `, ${signing}` : ': '}${expectationText(check.expect)})`
    : check.expect && signing
      ? ` (${signing}${expectationText(check.expect)})`
      : '';
  const head = `${outcome.toUpperCase()} ${check.stack}/${check.output}${api} ${check.url}`;
  if (outcome === 'sent') return [`${head} sent: command ${result.commandId} on ${check.instanceId}`];
  const status = curl?.httpStatus ?? '---';
  const what = curl
    ? curl.exitCode === 0
      ? shownBody(curl.body)
      : `curl exit ${curl.exitCode}: ${curl.stderr.split('\n')[0] || '(no message)'}`
    : result.detail ?? '';
  const lines = [`${head} ${status} ${what}`];
  if (result.hint) lines.push(`  hint: ${result.hint}`);
  return lines;
}

/** `PASS|FAIL <stack>/<what> <text>` (+ hint): a transport's pre-check result. */
export function formatPreCheckResult(result: PreCheckResult): string[] {
  const lines = [`${result.outcome.toUpperCase()} ${result.check} ${result.text}`];
  if (result.hint) lines.push(`  hint: ${result.hint}`);
  return lines;
}

/** `3 passed, 1 failed`; with --no-wait `3 sent, 1 failed` (and the pre-checks' passes, when there are any). */
export function summary(preChecks: readonly PreCheckResult[], results: readonly CheckResult[], waited: boolean): string {
  const all = [...preChecks, ...results];
  const count = (outcome: string) => all.filter((r) => r.outcome === outcome).length;
  if (!waited) return `${count('sent')} sent, ${preChecks.length > 0 ? `${count('pass')} passed, ` : ''}${count('fail')} failed`;
  return `${count('pass')} passed, ${count('fail')} failed`;
}
