/**
 * The `curl*` outputs: shell lines a user pastes on a test instance and `npm run verify` sends there through SSM.
 * Both sides use this module, so verify reads exactly the form the stacks write. No cdktf import: the values
 * may be token strings (API id, DNS names resolved at apply); they only ever sit inside single quotes, and
 * Terraform's rendering of them (HCL expressions, AWS names) holds no `'`.
 *
 * Quoting (POSIX Shell Command Language, 2.2.2 Single-Quotes:
 * https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_02_02): every URL, the API id
 * header and the signing scope are single-quoted, so `?`, `&`, `;`, `$`, `(` reach curl as they are; a `'` in them
 * is written `'\''` (close, an escaped quote, reopen). Only the three `$AWS_…` expansions of a signed line are
 * double-quoted: they must expand.
 */

/** What a signed line starts with: the instance role's credentials, exported from IMDSv2 by the AWS CLI v2.9+ of Amazon Linux 2023. */
export const EXPORT_CREDENTIALS = 'eval "$(aws configure export-credentials --format env)"';

/** The header that selects the API when the name in the URL does not (NLB, `vpce.<zone>`, the endpoint's own name). */
export const API_ID_HEADER = 'x-apigw-api-id';

/** `text` as one shell word, taken literally. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * curl's SigV4 options (curl 7.75+; AL2023 ships 8.x), service `execute-api`, with the exported credentials.
 * curl signs the Host it sends: the name in the URL.
 */
export function sigv4Options(region: string): string[] {
  return [
    `--aws-sigv4 ${shellQuote(`aws:amz:${region}:execute-api`)}`,
    '--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"',
    '-H "x-amz-security-token: $AWS_SESSION_TOKEN"',
  ];
}

export interface CurlLineOptions {
  /** `-k`: the certificate names another host (the NLB, `vpce.<zone>`). @default false */
  readonly insecure?: boolean;
  /** The API id sent as `x-apigw-api-id`. @default no header */
  readonly apiIdHeader?: string;
  /** Sign (SigV4) for this region with the instance role's credentials. @default unsigned */
  readonly sigv4Region?: string;
}

/**
 * `curl [-k] 'https://<host>/<path>' [-H 'x-apigw-api-id: <id>']`; signed:
 * `eval "$(aws configure export-credentials --format env)" && curl [-k] --aws-sigv4 … '<url>' [-H …]`.
 */
export function curlLine(url: string, options: CurlLineOptions = {}): string {
  const parts = ['curl'];
  if (options.insecure) parts.push('-k');
  if (options.sigv4Region) parts.push(...sigv4Options(options.sigv4Region));
  parts.push(shellQuote(url));
  if (options.apiIdHeader) parts.push('-H', shellQuote(`${API_ID_HEADER}: ${options.apiIdHeader}`));
  const line = parts.join(' ');
  return options.sigv4Region ? `${EXPORT_CREDENTIALS} && ${line}` : line;
}

/** The stage URL plus the check's path (`/` adds nothing: `/prod` is the stage's root). */
export function checkUrl(base: string, checkPath: string): string {
  return checkPath === '/' ? base : `${base}${checkPath}`;
}

/** One `curl` output line, parsed. */
export interface CurlLine {
  readonly insecure: boolean;
  readonly url: string;
  readonly host: string;
  readonly header?: { readonly name: string; readonly value: string };
  /** A signed line (API with `authorization: "iam"`): the SigV4 signing region. */
  readonly sigv4Region?: string;
}

/** The forms parseCurlLine accepts, for its message. */
export const CURL_FORMS =
  `"curl [-k] 'https://<host>/<path>' [-H '${API_ID_HEADER}: <api-id>']" or, signed, ` +
  `"${EXPORT_CREDENTIALS} && curl [-k] ${sigv4Options('<region>').join(' ')} 'https://<host>/<path>' [-H '${API_ID_HEADER}: <api-id>']"`;

// A single-quoted word as shellQuote writes it: '…' runs joined by \'.
const QUOTED = String.raw`'[^']*'(?:\\''[^']*')*`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CREDENTIALS = sigv4Options('').slice(1).map(escapeRegExp).join(' ');
const LINE = new RegExp(
  `^(?:${escapeRegExp(EXPORT_CREDENTIALS)} && )?curl( -k)?(?: --aws-sigv4 (${QUOTED}) ${CREDENTIALS})? (${QUOTED})(?: -H (${QUOTED}))?$`,
);
// Far above any line curlLine writes; bounds the regular expressions' work on a foreign outputs file.
const MAX_LINE = 4096;
const unquote = (word: string) => word.slice(1, -1).replace(/'\\''/g, "'");

// RFC 3986: host = DNS labels (3.2.2); path = "/" and pchar (unreserved, %XX, sub-delims, ":" "@") (3.3);
// query = pchar, "/" and "?" (3.4). Nothing else: no space, quote, backslash, "#", control character.
const PCHAR = String.raw`(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})`;
const URL_FORM = new RegExp(
  String.raw`^https://((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})(?:/(?:${PCHAR}|/)*(?:\?(?:${PCHAR}|[/?])*)?)?$`,
);
const REGION = /^aws:amz:([a-z]{2}(?:-[a-z0-9]+)+):execute-api$/;
const HEADER = new RegExp(`^${API_ID_HEADER}: ([A-Za-z0-9]+)$`);

/**
 * Reads back a line curlLine wrote, and nothing else: the parts are taken out, checked (an https URL of RFC 3986
 * characters, a region, an API id), and the line must be exactly what curlLine writes for them.
 */
export function parseCurlLine(line: string): CurlLine {
  const refuse = () => new Error(`expected ${CURL_FORMS}, received ${JSON.stringify(line)}`);
  const match = line.length <= MAX_LINE ? LINE.exec(line) : null;
  if (!match) throw refuse();
  const [, insecure, signing, quotedUrl, quotedHeader] = match;
  const url = unquote(quotedUrl);
  const host = URL_FORM.exec(url)?.[1];
  const sigv4Region = signing === undefined ? undefined : REGION.exec(unquote(signing))?.[1];
  const apiId = quotedHeader === undefined ? undefined : HEADER.exec(unquote(quotedHeader))?.[1];
  if (!host || (signing !== undefined && !sigv4Region) || (quotedHeader !== undefined && !apiId)) throw refuse();
  if (curlLine(url, { insecure: Boolean(insecure), apiIdHeader: apiId, sigv4Region }) !== line) throw refuse();
  return { insecure: Boolean(insecure), url, host, header: apiId ? { name: API_ID_HEADER, value: apiId } : undefined, sigv4Region };
}
