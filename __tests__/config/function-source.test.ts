import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { ConfigError, DEFAULT_CONFIG_INPUT, deepMerge, FunctionConfig, parseConfig } from '../../config';

/** Function sources for the config-level refusals; relative paths in these tests resolve against `base`. */
const base = scratchDir('function-source');
const dir = (name: string, files: Record<string, string> = {}): string => {
  mkdirSync(path.join(base, name));
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(base, name, file), content);
  return `./${name}`;
};
const python = dir('python', { 'app.py': 'def handler(event, context):\n    return {}\n' });
const node = dir('node', { 'index.mjs': 'export const handler = async () => ({});' });
const onlyGit = dir('only-git');
mkdirSync(path.join(base, 'only-git', '.git'));
writeFileSync(path.join(base, 'only-git', '.git', 'HEAD'), 'ref: refs/heads/main');
const leaky = dir('leaky', { 'app.py': '' });
symlinkSync(path.join(base, 'python', 'app.py'), path.join(base, 'leaky', 'shared.py'));
writeFileSync(path.join(base, 'text.zip'), 'not a zip');

function fn(fields: Record<string, unknown>): FunctionConfig {
  const config = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { apis: [{ name: 'orders', function: fields }] }), 'test configuration', base);
  return config.apis![0].function!;
}

function errorFor(fields: Record<string, unknown>): string {
  try {
    fn(fields);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(fields)} to be rejected`);
}

describe('apis[].function: the package is built at config time', () => {
  it('keeps the zip, its hash and its file list in the config (built once)', () => {
    const parsed = fn({ source: python, handler: 'app.handler' });
    expect(parsed.package.files).toEqual(['app.py']);
    expect(parsed.package.sourceCodeHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(parsed.package.zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('fails on a directory with nothing but VCS metadata, naming the field, the value and the resolved path', () => {
    expect(errorFor({ source: onlyGit })).toContain(
      `apis[0].function.source: received "./only-git" (resolved to ${path.join(base, 'only-git')}); expected a directory with at least one file; found none (after leaving out .git, .hg, .svn)`,
    );
  });

  it('fails on a .zip that is not a zip', () => {
    expect(errorFor({ source: './text.zip' })).toContain(
      `apis[0].function.source: received "./text.zip" (resolved to ${path.join(base, 'text.zip')}); expected a zip file; found a file of 9 bytes that does not start with a zip signature (50 4b 03 04): 6e 6f 74 20`,
    );
  });

  it('fails on a symbolic link out of the source', () => {
    const target = path.join(base, 'python', 'app.py');
    expect(errorFor({ source: leaky, handler: 'app.handler' })).toContain(
      `apis[0].function.source: received "./leaky" (resolved to ${path.join(base, 'leaky')}); expected symbolic links that resolve inside the source directory; shared.py -> ${target} resolves outside it (to ${target})`,
    );
  });
});

describe('apis[].function.handler: its file must be in the source', () => {
  it('accepts a handler whose file is there (python app.handler -> app.py, nodejs index.handler -> index.mjs)', () => {
    expect(fn({ source: python, handler: 'app.handler', runtime: 'python3.12' }).handler).toBe('app.handler');
    expect(fn({ source: node, runtime: 'nodejs22.x' }).handler).toBe('index.handler');
  });

  it('fails on a handler whose file is missing, on the handler field', () => {
    expect(errorFor({ source: python })).toContain(
      `apis[0].function.handler: received "index.handler" (source resolved to ${path.join(base, 'python')}); expected index.py or index/__init__.py in the function source (python3.12 loads the module index); found app.py`,
    );
    expect(errorFor({ source: node, handler: 'app.handler', runtime: 'nodejs22.x' })).toContain(
      `apis[0].function.handler: received "app.handler" (source resolved to ${path.join(base, 'node')}); expected app.js or app.mjs or app.cjs in the function source (nodejs22.x loads the file app); found index.mjs`,
    );
  });
});

describe('apis[].function.environment: at most 4 KB in total, as Lambda measures it', () => {
  // {"V":"…"} is 8 bytes around the value.
  const sized = (bytes: number) => ({ V: 'x'.repeat(bytes - 8) });

  it('accepts variables of exactly 4,096 bytes as JSON', () => {
    expect(fn({ source: python, handler: 'app.handler', environment: sized(4096) }).environment.V).toHaveLength(4088);
  });

  it('fails on 4,097 bytes, with the measure and the limit', () => {
    expect(errorFor({ source: python, handler: 'app.handler', environment: sized(4097) })).toContain(
      "expected at most 4096 bytes of variables in total (Lambda's 4 KB limit, measured on the variables as a JSON object); they measure 4097 bytes",
    );
  });

  it('counts bytes, not characters (UTF-8)', () => {
    expect(errorFor({ source: python, handler: 'app.handler', environment: { V: 'é'.repeat(2045) } })).toContain('they measure 4098 bytes');
  });
});
