import { ConfigError, DEFAULT_CONFIG_INPUT, deepMerge, parseConfig } from '../../config';

// `apis[].check.path`: a URL path with an optional query (RFC 3986 3.3, 3.4). The curl lines quote it
// (stacks/curl-line.ts; __tests__/stacks/curl-line.test.ts runs them in bash); this is what config lets through.

const checkPathOf = (checkPath: string) =>
  parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { apis: [{ name: 'orders', check: { path: checkPath } }] }), 'test configuration').apis![0].check.path;

function errorFor(checkPath: string): string {
  try {
    checkPathOf(checkPath);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected check.path ${JSON.stringify(checkPath)} to be refused`);
}

const received = (checkPath: string) => `apis[0].check.path: received ${JSON.stringify(checkPath)}; expected`;

describe('apis[].check.path: compliant', () => {
  it.each([
    ['starts with /', '/health'],
    ['the stage root', '/'],
    ['letters, digits and unreserved -._~', '/v1/orders-list/a_b.c~d'],
    ["sub-delims !$&'()*+,;= and : @ in the path", "/x;id/it's/a:b@c!$&'()*+,="],
    ['a query after ?, with = & / and ? in it', '/search?q=a&limit=5&next=/p?x'],
    ['%XX escapes (upper or lower case), also for a space, # and non-ASCII', '/a%20b/%23/%e3%81%82?q=%2F'],
  ])('accepts %s: %s', (_rule, checkPath) => {
    expect(checkPathOf(checkPath)).toBe(checkPath);
  });

  it('defaults to /', () => {
    expect(parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { apis: [{ name: 'orders' }] })).apis![0].check.path).toBe('/');
  });
});

describe('apis[].check.path: fails', () => {
  it('on a path that does not start with /', () => {
    expect(errorFor('health?q=1')).toContain(`${received('health?q=1')} a path starting with /`);
  });

  it.each([
    ['a space', '/a b', '" " at character 3'],
    ['a space in the query', '/search?q=a b', '" " at character 12'],
    ['a tab', '/a\tb', '"\\t" at character 3'],
    ['a line break (a second shell line)', '/a\nid', '"\\n" at character 3'],
    ['a NUL', '/a\u0000', '"\\u0000" at character 3'],
    ['DEL', '/a\u007f', `${JSON.stringify('\u007f')} at character 3`],
  ])('on %s', (_what, checkPath, found) => {
    expect(errorFor(checkPath)).toContain(`${received(checkPath)} no space or control character (percent-encode it, e.g. %20); found ${found}`);
  });

  it('on a fragment (#)', () => {
    expect(errorFor('/a#b')).toContain(`${received('/a#b')} no # (a fragment is never sent to the server; %23 if the path holds one); found "#" at character 3`);
  });

  it.each([
    ['a % without digits', '/100%', 5],
    ['one hexadecimal digit', '/a%2', 3],
    ['digits that are not hexadecimal', '/a%zz', 3],
    ['a Terraform directive %{', '/a%{if true}x%{endif}', 3],
  ])('on %s', (_what, checkPath, at) => {
    expect(errorFor(checkPath)).toContain(`${received(checkPath)} % only in a %XX escape of two hexadecimal digits; found "%" at character ${at}`);
  });

  it.each([
    ['a backslash', '/a\\b', '"\\\\"'],
    ['a double quote', '/a"b', '"\\""'],
    ['a backquote (command substitution)', '/a`id`', '"`"'],
    ['a Terraform interpolation ${', '/a${var.x}', '"{"'],
    ['< and > (redirections)', '/a<b', '"<"'],
    ['a pipe', '/a|b', '"|"'],
    ['^', '/a^b', '"^"'],
    ['[ ] in the query', '/a?x=[1]', '"["'],
    ['a non-ASCII letter (percent-encode it)', '/café', '"é"'],
  ])('on %s', (_what, checkPath, char) => {
    const message = errorFor(checkPath);
    expect(message).toContain(
      `${received(checkPath)} a URL path with an optional query (RFC 3986): letters, digits, -._~!$&'()*+,;=:@ and /, ` +
        'then optionally ? and a query of the same characters and ?; others percent-encoded (%XX); found ' +
        char,
    );
  });
});
