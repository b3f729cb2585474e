/**
 * The shell line sent to a test instance for one check, and the one result line it prints. Built from the parsed
 * curl line with the output's own quoting (stacks/curl-line.ts).
 */
import { CurlLine, EXPORT_CREDENTIALS, shellQuote, sigv4Options } from '../../stacks/curl-line';

/** Marks the one line of a command's output that carries the result, whatever else the shell printed. */
export const RESULT_MARK = 'privapi-verify';
const BODY_BYTES = 200;
const ERR_BYTES = 300;

/**
 * The line run on the instance: the output's curl with `-sS --max-time N -o <body> -w '%{http_code}'`, then one
 * result line (curl's exit code, status, body and stderr heads in base64) so nothing the body holds can break it.
 * The URL and the header in '…' (e2e/assertions.ts sentCommands finds the URL there), the signing options and the
 * credentials export as the output writes them; `unsigned: true` sends the same request without them.
 */
export function buildShellCommand(curl: CurlLine, maxTimeSeconds: number, options: { readonly unsigned?: boolean } = {}): string {
  const signed = curl.sigv4Region !== undefined && !options.unsigned;
  const args = ['curl', '-sS', '--max-time', String(maxTimeSeconds), '-o', '"$d/body"', '-w', "'%{http_code}'"];
  if (curl.insecure) args.push('-k');
  if (signed) args.push(...sigv4Options(curl.sigv4Region!));
  args.push(shellQuote(curl.url));
  if (curl.header) args.push('-H', shellQuote(`${curl.header.name}: ${curl.header.value}`));
  return (
    `d=$(mktemp -d); ${signed ? `${EXPORT_CREDENTIALS} && ` : ''}code=$(${args.join(' ')} 2>"$d/err"); rc=$?; ` +
    `echo "${RESULT_MARK} rc=$rc status=$code body=$(head -c ${BODY_BYTES} "$d/body" 2>/dev/null | base64 -w0) ` +
    `err=$(head -c ${ERR_BYTES} "$d/err" | base64 -w0)"; rm -rf "$d"`
  );
}

/** What curl reported on the instance. */
export interface CurlOutcome {
  readonly exitCode: number;
  /** `000` when no HTTP answer came. */
  readonly httpStatus: string;
  readonly body: string;
  readonly stderr: string;
}

export function parseCommandOutput(stdout: string): CurlOutcome | undefined {
  const match = new RegExp(`^${RESULT_MARK} rc=(\\d+) status=(\\d*) body=([A-Za-z0-9+/=]*) err=([A-Za-z0-9+/=]*)$`, 'm').exec(stdout);
  if (!match) return undefined;
  const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
  return { exitCode: Number(match[1]), httpStatus: match[2] || '000', body: decode(match[3]), stderr: decode(match[4]).trim() };
}
