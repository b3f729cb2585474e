import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { appCommand } from '../../tools/project';

const ROOT = path.resolve(__dirname, '..', '..');

// Directory names a shell would run: cdktf's ARCHIVE assets put source paths into an unquoted execSync line.
const SOURCES = ['fn$(touch PWNED)', 'fn;id'];

/** A config (in a folder with a space) whose two APIs take their code from directories named like shell commands. */
function project(when: Date): { dir: string; config: string } {
  const dir = scratchDir('paths project');
  for (const [i, name] of SOURCES.entries()) {
    mkdirSync(path.join(dir, name));
    const file = path.join(dir, name, 'index.py');
    writeFileSync(file, `def handler(event, context):\n    return {"statusCode": 200, "body": "${i}"}\n`);
    utimesSync(file, when, when);
  }
  const config = path.join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({ apis: SOURCES.map((name, i) => ({ name: `api-${i}`, function: { source: `./${name}`, handler: 'index.handler' } })) }),
  );
  return { dir, config };
}

/** Runs main.ts as cdktf does, into an output directory whose path has a space. */
function synth(config: string) {
  const outdir = path.join(scratchDir('paths out'), 'cdktf out');
  const [command, ...args] = appCommand();
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, PRIVATE_API_CONFIG: config };
  const run = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  return { ...run, outdir, stackDir: path.join(outdir, 'stacks', 'service') };
}

function findAll(dir: string, name: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((entry) => path.basename(entry) === name);
}

describe('main.ts with function sources named like shell commands, and paths with spaces', () => {
  jest.setTimeout(60_000);
  const first = project(new Date('2001-01-01T00:00:00Z'));
  const second = project(new Date('2029-06-15T12:34:56Z'));
  const runs = [synth(first.config), synth(second.config)];

  it('exits 0 and runs nothing: no PWNED file anywhere', () => {
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
    expect(existsSync(path.join(ROOT, 'PWNED'))).toBe(false);
    for (const { dir } of [first, second]) expect(findAll(dir, 'PWNED')).toEqual([]);
    for (const run of runs) expect(findAll(path.dirname(path.dirname(run.stackDir)), 'PWNED')).toEqual([]);
  });

  it('writes each function\'s zip where its filename says, hashing to its source_code_hash', () => {
    const functions = JSON.parse(readFileSync(path.join(runs[0].stackDir, 'cdk.tf.json'), 'utf8')).resource.aws_lambda_function as Record<string, Record<string, string>>;
    expect(Object.keys(functions).filter((key) => key.startsWith('Api-'))).toHaveLength(SOURCES.length);
    // Every function of the stack, the APIs' and any other.
    for (const fn of Object.values(functions)) {
      const zip = readFileSync(path.join(runs[0].stackDir, fn.filename));
      expect(createHash('sha256').update(zip).digest('base64')).toBe(fn.source_code_hash);
    }
  });

  it('gives byte-identical zips (and the same filename) from two copies of the source with other file times', () => {
    const [a, b] = runs.map((run) => JSON.parse(readFileSync(path.join(run.stackDir, 'cdk.tf.json'), 'utf8')).resource.aws_lambda_function);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const key of Object.keys(a)) {
      expect(b[key].filename).toBe(a[key].filename);
      expect(b[key].source_code_hash).toBe(a[key].source_code_hash);
      expect(readFileSync(path.join(runs[1].stackDir, b[key].filename)).equals(readFileSync(path.join(runs[0].stackDir, a[key].filename)))).toBe(true);
    }
  });
});

describe('main.ts with a function source it refuses', () => {
  jest.setTimeout(30_000);

  it('exits 1 naming the field and the link, and writes nothing', () => {
    const { dir, config } = project(new Date());
    symlinkSync('/etc/passwd', path.join(dir, SOURCES[0], 'passwd'));
    const run = synth(config);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `apis[0].function.source: received "./${SOURCES[0]}" (resolved to ${path.join(dir, SOURCES[0])}); expected symbolic links that resolve inside the source directory; passwd -> /etc/passwd resolves outside it`,
    );
    expect(run.stderr).not.toContain('    at ');
    expect(existsSync(run.outdir)).toBe(false);
  });
});
