import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { checkUrl, CURL_FORMS, curlLine, CurlLine, CurlLineOptions, parseCurlLine, shellQuote } from '../../stacks/curl-line';
import { fixture } from '../helpers';
import { scratchDir } from '../scratch';

const BASE = 'https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com/prod';
const SIGN = `eval "$(aws configure export-credentials --format env)" && curl`;
const SIGV4 = `--aws-sigv4 'aws:amz:ap-northeast-1:execute-api' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN"`;

/** Check paths a user may write (each is refused or accepted by config: see the ServiceStack synth below). */
const PATHS = ['/', '/health', '/search?q=a&limit=5', '/x;id', "/it's", "/x;touch$IFS'pwned';$(touch$IFS'pwned2')&id", '/a%20b?x=/y?z'];
const VARIANTS: Record<string, CurlLineOptions> = {
  unsigned: {},
  'with header': { insecure: true, apiIdHeader: 'a1b2c3d4e5' },
  signed: { sigv4Region: 'ap-northeast-1' },
  'signed with header': { insecure: true, apiIdHeader: 'a1b2c3d4e5', sigv4Region: 'ap-northeast-1' },
};

// curl and aws replaced by shell functions: curl prints the words it received, one a line; aws prints what
// `aws configure export-credentials --format env` prints. Anything else the line runs shows in the output or on disk.
const FAKES =
  `curl() { printf '%s\\n' "$@"; }; ` +
  `aws() { printf 'export AWS_ACCESS_KEY_ID=AKID\\nexport AWS_SECRET_ACCESS_KEY=SECRET\\nexport AWS_SESSION_TOKEN=TOKEN\\n'; }; `;

/**
 * Runs `line` as bash runs a pasted line, in an empty directory, with no AWS variables in the environment. No rc
 * files: bash reads ~/.bashrc when its stdin is a network connection (Bash manual, Bash Startup Files, "Invoked by
 * remote shell daemon": https://www.gnu.org/software/bash/manual/html_node/Bash-Startup-Files.html), as node's stdio sockets look.
 */
function runInBash(line: string): { status: number | null; stdout: string; stderr: string; files: string[] } {
  const cwd = scratchDir('curl-line');
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', FAKES + line], {
    cwd,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, files: readdirSync(cwd) };
}

/** The words curl must receive for a parsed line, the credentials as the fake aws exports them. */
function argvOf(curl: CurlLine): string[] {
  const argv: string[] = [];
  if (curl.insecure) argv.push('-k');
  if (curl.sigv4Region) argv.push('--aws-sigv4', `aws:amz:${curl.sigv4Region}:execute-api`, '--user', 'AKID:SECRET', '-H', 'x-amz-security-token: TOKEN');
  argv.push(curl.url);
  if (curl.header) argv.push('-H', `${curl.header.name}: ${curl.header.value}`);
  return argv;
}

function expectSafe(line: string, argv: string[]): void {
  expect({ line, ...runInBash(line) }).toEqual({ line, status: 0, stdout: argv.map((word) => `${word}\n`).join(''), stderr: '', files: [] });
}

describe('curlLine: what the stacks write', () => {
  it('single-quotes the URL and the header; the signing options keep their $AWS_… expansions in double quotes', () => {
    expect(curlLine(`${BASE}/search?q=a&limit=5`)).toBe(`curl '${BASE}/search?q=a&limit=5'`);
    expect(curlLine(`${BASE}/x;id`, { insecure: true, apiIdHeader: 'a1b2c3d4e5' })).toBe(`curl -k '${BASE}/x;id' -H 'x-apigw-api-id: a1b2c3d4e5'`);
    expect(curlLine(`${BASE}/health`, { sigv4Region: 'ap-northeast-1' })).toBe(`${SIGN} ${SIGV4} '${BASE}/health'`);
    expect(curlLine(BASE, { insecure: true, apiIdHeader: 'a1b2c3d4e5', sigv4Region: 'ap-northeast-1' })).toBe(
      `${SIGN} -k ${SIGV4} '${BASE}' -H 'x-apigw-api-id: a1b2c3d4e5'`,
    );
  });

  it("writes a ' as '\\'' (close, escaped quote, reopen)", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("'")).toBe(`''\\'''`);
    expect(curlLine(`${BASE}/it's`)).toBe(`curl '${BASE}/it'\\''s'`);
  });

  it('keeps a Terraform token inside the quotes', () => {
    expect(curlLine('https://${aws_lb.Nlb.dns_name}/prod/x;id', { apiIdHeader: '${aws_api_gateway_rest_api.Api.id}' })).toBe(
      "curl 'https://${aws_lb.Nlb.dns_name}/prod/x;id' -H 'x-apigw-api-id: ${aws_api_gateway_rest_api.Api.id}'",
    );
  });

  it('adds the check path to the stage URL; / adds nothing', () => {
    expect(checkUrl(BASE, '/')).toBe(BASE);
    expect(checkUrl(BASE, '/search?q=a&limit=5')).toBe(`${BASE}/search?q=a&limit=5`);
  });
});

describe('parseCurlLine: reads back exactly what curlLine writes', () => {
  it.each(PATHS.flatMap((p) => Object.entries(VARIANTS).map(([name, options]) => [p, name, options] as const)))('%s, %s', (checkPath, _name, options) => {
    const url = checkUrl(BASE, checkPath);
    expect(parseCurlLine(curlLine(url, options))).toEqual({
      insecure: Boolean(options.insecure),
      url,
      host: 'a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com',
      header: options.apiIdHeader ? { name: 'x-apigw-api-id', value: options.apiIdHeader } : undefined,
      sigv4Region: options.sigv4Region,
    });
  });

  it.each([
    // Not what curlLine writes for any input: the unquoted form, another quoting, something after the line.
    `curl ${BASE}/search?q=a&limit=5`,
    `curl "${BASE}"`,
    `curl '${BASE}' ; id`,
    `curl '${BASE}' && id`,
    `curl '${BASE}'\nid`,
    `curl  '${BASE}'`,
    `curl '${BASE}' -H "x-apigw-api-id: a1b2c3d4e5"`,
    `curl '${BASE}/it'"'"'s'`,
    // What it writes, for a URL or header it never receives.
    `curl '${BASE}/a b'`,
    `curl '${BASE}/a#b'`,
    `curl '${BASE}/a%2'`,
    `curl '${BASE}/a\\b'`,
    `curl 'https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com:443/prod'`,
    `curl 'https://-bad.example.com/prod'`,
    `curl '${BASE}' -H 'x-apigw-api-id: a1 b2'`,
    `${SIGN} ${SIGV4.replace('ap-northeast-1', 'ap-northeast-1:s3')} '${BASE}'`,
    'x'.repeat(5000),
  ])('refuses %j', (line) => {
    expect(() => parseCurlLine(line)).toThrow(`expected ${CURL_FORMS}, received ${JSON.stringify(line)}`);
  });
});

describe('the lines are shell lines: pasted in bash, curl gets exactly its words and nothing else runs', () => {
  it('the harness sees an injection: unquoted, the same URL runs touch and id', () => {
    const unquoted = runInBash(`curl ${BASE}/x;touch$IFS'pwned';id`);
    expect(unquoted.files).toEqual(['pwned']);
    expect(unquoted.stdout).toMatch(/uid=/);
  });

  it.each(PATHS.flatMap((p) => Object.entries(VARIANTS).map(([name, options]) => [p, name, options] as const)))('%s, %s', (checkPath, _name, options) => {
    const line = curlLine(checkUrl(BASE, checkPath), options);
    expectSafe(line, argvOf(parseCurlLine(line)));
  });

  describe('every curl output of a synthesized deployment, its Terraform values filled in as apply would', () => {
    // The APIs of the fixture, with the check paths its lines must carry.
    const apis = [
      { name: 'search', check: { path: '/search?q=a&limit=5' } },
      { name: 'semi', check: { path: '/x;id' } },
      { name: 'quote', check: { path: "/it's" }, authorization: 'iam' },
      { name: 'attack', check: { path: "/x;touch$IFS'pwned';$(touch$IFS'pwned2')&id" } },
    ];
    const { parsed } = fixture('shell-hostile-checks');

    /** Each `${…}` of a Terraform string replaced by a value of the kind AWS gives at apply. */
    function applied(value: string): string {
      let out = '';
      for (let i = 0; i < value.length; ) {
        if (!value.startsWith('${', i)) {
          out += value[i++];
          continue;
        }
        let depth = 0;
        let end = i + 1;
        do {
          if (value[end] === '{') depth++;
          if (value[end] === '}') depth--;
          end++;
        } while (depth > 0 && end < value.length);
        const expression = value.slice(i, end);
        out += /invoke_url/.test(expression)
          ? BASE
          : /stage_name/.test(expression)
            ? 'prod'
            : /dns_name/.test(expression)
              ? 'privapi-service-nlb-0123456789abcdef.elb.ap-northeast-1.amazonaws.com'
              : 'a1b2c3d4e5';
        i = end;
      }
      return out;
    }

    const lines = Object.entries(parsed).flatMap(([stack, json]) =>
      Object.entries((json.output ?? {}) as Record<string, { value: string }>)
        .filter(([name]) => name.startsWith('curl'))
        .map(([name, { value }]) => [`${stack}.${name}`, applied(value)] as const),
    );

    it('has the outputs of every API in every stack', () => {
      expect(lines.map(([name]) => name)).toEqual(
        expect.arrayContaining([
          'service.curl_in_service_vpc_search',
          'service.curl_through_nlb_attack',
          'customer.curl_semi',
          'partner.curl_quote',
          'customer.curl_custom_domain_quote',
        ]),
      );
      expect(lines.length).toBeGreaterThanOrEqual(4 * 4);
    });

    it.each(lines.map(([name, line]) => [name, line]))('%s', (name, line) => {
      const curl = parseCurlLine(line);
      const api = apis.find((a) => name.endsWith(`_${a.name}`))!;
      expect(curl.url.endsWith(api.check.path)).toBe(true);
      expect(Boolean(curl.sigv4Region)).toBe(api.authorization === 'iam');
      expectSafe(line, argvOf(curl));
    });
  });

  it('leaves nothing in the project either', () => {
    for (const name of ['pwned', 'pwned2']) expect(existsSync(path.join(__dirname, '..', '..', name))).toBe(false);
  });
});
