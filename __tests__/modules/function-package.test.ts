import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { FunctionPackageError, LAMBDA_PACKAGE_LIMITS, packageFunction, PackageOptions } from '../../modules/function-package';

const PYTHON = process.env.PYTHON ?? 'python3';

/** Writes `files` (path -> content, or [content, mode]) under a fresh directory, in the given order. */
function tree(files: Record<string, string | [string, number]>, prefix = 'fn'): string {
  const dir = path.join(scratchDir(prefix), 'src');
  mkdirSync(dir);
  for (const [name, spec] of Object.entries(files)) {
    const [content, mode] = typeof spec === 'string' ? [spec, 0o644] : spec;
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
    chmodSync(path.join(dir, name), mode);
  }
  return dir;
}

const pack = (dir: string, options?: PackageOptions) => packageFunction({ path: dir, type: 'directory' }, options);

function refusal(build: () => unknown): FunctionPackageError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(FunctionPackageError);
    return error as FunctionPackageError;
  }
  throw new Error('expected a FunctionPackageError');
}

interface Unzipped {
  readonly entries: { name: string; date: number[]; mode: number; system: number; content: string }[];
  /** testzip's verdict: the first entry whose CRC does not match, or null. */
  readonly bad: string | null;
}

/** Zips as Python's zipfile reads them (an independent reader), in one interpreter start for the whole spec. */
function unzipped(zips: Record<string, Buffer>): Record<string, Unzipped> {
  const dir = scratchDir('zip');
  for (const [name, zip] of Object.entries(zips)) writeFileSync(path.join(dir, name), zip);
  const script = `
import json, sys, zipfile
def read(f):
  z = zipfile.ZipFile(f)
  return {"bad": z.testzip(), "entries": [
    {"name": i.filename, "date": list(i.date_time), "mode": i.external_attr >> 16, "system": i.create_system,
     "content": z.read(i).decode()} for i in z.infolist()]}
print(json.dumps({n: read(sys.argv[1] + "/" + n) for n in sys.argv[2:]}))`;
  const run = spawnSync(PYTHON, ['-c', script, dir, ...Object.keys(zips)], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

/** Prebuilt zips made by another tool (Python's zipfile, deflated), all in one interpreter start. */
const PREBUILT = (() => {
  const specs: Record<string, Record<string, string>> = {
    good: { 'index.js': 'exports.handler = 1', 'lib/a.js': 'ab' },
    long: { 'index.js': 'x'.repeat(100) },
    empty: {},
    small: { 'index.js': 'x' },
    sized: { 'a.js': 'x'.repeat(600), 'b.js': 'y'.repeat(500) },
    app: { 'app.py': '' },
  };
  const dir = scratchDir('prebuilt');
  const script = `
import json, sys, zipfile
for name, entries in json.loads(sys.argv[2]).items():
  with zipfile.ZipFile(sys.argv[1] + "/" + name + ".zip", "w", zipfile.ZIP_DEFLATED) as z:
    for n, c in entries.items(): z.writestr(n, c)`;
  expect(spawnSync(PYTHON, ['-c', script, dir, JSON.stringify(specs)], { encoding: 'utf8' }).stderr).toBe('');
  return Object.fromEntries(Object.keys(specs).map((name) => [name, path.join(dir, `${name}.zip`)])) as Record<keyof typeof specs, string>;
})();

const files = { 'index.py': 'def handler(e, c):\n    return 1\n', 'lib/util.py': 'X = 1\n', 'lib/z.py': '', 'A.txt': 'upper case sorts first' };

/** A tree whose links point inside it: packaged before the spec changes it, read back with the others. */
const linked = (() => {
  const dir = tree({ 'shared/util.py': 'U = 1\n', 'index.py': '', 'run.sh': ['#!/bin/sh\n', 0o755] });
  symlinkSync('shared/util.py', path.join(dir, 'util.py'));
  symlinkSync('shared', path.join(dir, 'lib'));
  symlinkSync('run.sh', path.join(dir, 'bootstrap'));
  return { dir, built: pack(dir) };
})();

const read = unzipped({
  plain: pack(tree(files)).zip,
  executable: pack(tree({ bootstrap: ['#!/bin/sh\n', 0o700], 'bin/tool': ['x', 0o741], 'data.json': ['{}', 0o600] })).zip,
  linked: linked.built.zip,
});

describe('packageFunction: a deterministic zip', () => {
  it('gives byte-identical zips for two checkouts with other file times, creation order and permissions', () => {
    const a = tree(files, 'checkout-a');
    const reversed = Object.fromEntries(Object.entries(files).reverse().map(([name, content]) => [name, [content, 0o600] as [string, number]]));
    const b = tree(reversed, 'checkout-b');
    utimesSync(path.join(a, 'index.py'), new Date('2001-02-03T04:05:06Z'), new Date('2001-02-03T04:05:06Z'));
    utimesSync(path.join(b, 'lib', 'util.py'), new Date('2031-12-31T23:59:58Z'), new Date('2031-12-31T23:59:58Z'));
    const [first, second] = [pack(a), pack(b)];
    expect(second.zip.equals(first.zip)).toBe(true);
    expect(first.sourceCodeHash).toBe(createHash('sha256').update(first.zip).digest('base64'));
    expect(first.files).toEqual(['A.txt', 'index.py', 'lib/util.py', 'lib/z.py']);
    expect(first.unzippedBytes).toBe(Object.values(files).join('').length);
  });

  it('writes entries sorted, dated 1980-01-01 00:00, mode 0644, made on Unix, readable by Python\'s zipfile', () => {
    const { entries, bad } = read.plain;
    expect(bad).toBeNull();
    expect(entries.map((e) => e.name)).toEqual(['A.txt', 'index.py', 'lib/util.py', 'lib/z.py']);
    for (const entry of entries) {
      expect(entry).toMatchObject({ date: [1980, 1, 1, 0, 0, 0], mode: 0o100644, system: 3 });
      expect(entry.content).toBe(files[entry.name as keyof typeof files]);
    }
  });

  it('keeps the executable bit (0755 where any x bit is set), so a bootstrap stays executable', () => {
    const modes = Object.fromEntries(read.executable.entries.map((e) => [e.name, e.mode]));
    expect(modes).toEqual({ 'bin/tool': 0o100755, bootstrap: 0o100755, 'data.json': 0o100644 });
  });

  it('leaves out .git, .hg and .svn at any depth, and nothing else', () => {
    const dir = tree({ 'index.py': '', '.git/config': '', '.hg/store': '', 'vendor/.svn/entries': '', 'vendor/.git': 'gitdir: ../x', '.github/ci.yml': '', '.env': '' });
    expect(pack(dir).files).toEqual(['.env', '.github/ci.yml', 'index.py']);
  });

  it('changes the hash when a byte changes', () => {
    const dir = tree(files);
    const before = pack(dir).sourceCodeHash;
    writeFileSync(path.join(dir, 'lib', 'z.py'), ' ');
    expect(pack(dir).sourceCodeHash).not.toBe(before);
  });
});

describe('packageFunction: refusals', () => {
  it('fails on a directory with no file once VCS folders are left out (compliant: one file)', () => {
    expect(pack(tree({ 'index.py': '' })).files).toEqual(['index.py']);
    const dir = tree({ '.git/HEAD': 'ref: refs/heads/main' });
    mkdirSync(path.join(dir, 'empty'));
    expect(refusal(() => pack(dir)).message).toBe('expected a directory with at least one file; found none (after leaving out .git, .hg, .svn)');
  });

  it('fails on a .zip that is not a zip, naming its first bytes (compliant: a zip made by Python)', () => {
    const good = PREBUILT.good;
    const prebuilt = packageFunction({ path: good, type: 'zip' });
    expect(prebuilt).toMatchObject({ files: ['index.js', 'lib/a.js'], unzippedBytes: 21 });
    expect(prebuilt.zip.equals(readFileSync(good))).toBe(true);

    const text = path.join(scratchDir('notzip'), 'function.zip');
    writeFileSync(text, '{"not": "a zip"}');
    expect(refusal(() => packageFunction({ path: text, type: 'zip' })).message).toBe(
      'expected a zip file; found a file of 16 bytes that does not start with a zip signature (50 4b 03 04): 7b 22 6e 6f',
    );
  });

  it('fails on a truncated zip (its central directory is gone)', () => {
    const cut = path.join(scratchDir('cut'), 'function.zip');
    writeFileSync(cut, readFileSync(PREBUILT.long).subarray(0, 60));
    expect(refusal(() => packageFunction({ path: cut, type: 'zip' })).message).toBe(
      'expected a zip file; found no end of central directory record (a truncated or damaged file)',
    );
  });

  it('fails on a zip with no file in it', () => {
    expect(refusal(() => packageFunction({ path: PREBUILT.empty, type: 'zip' })).message).toBe('expected a zip with at least one file; found none');
  });

  it('fails past the zipped limit with the figure and the limit (a small limit stands in for 50 MB)', () => {
    const dir = tree({ 'index.py': createHash('sha512').update('x').digest('hex').repeat(20) });
    const size = pack(dir).zip.length;
    expect(pack(dir, { limits: { zippedBytes: size } }).zip.length).toBe(size);
    expect(refusal(() => pack(dir, { limits: { zippedBytes: size - 1 } })).message).toBe(
      `expected at most ${(size - 1).toLocaleString('en-US')} bytes zipped (Lambda's limit for a direct upload: 50 MB); the package is ${size.toLocaleString('en-US')} bytes`,
    );
    const zip = PREBUILT.small;
    expect(refusal(() => packageFunction({ path: zip, type: 'zip' }, { limits: { zippedBytes: 10 } })).message).toMatch(
      /^expected at most 10 bytes zipped \(Lambda's limit for a direct upload: 50 MB\); the zip is \d+ bytes$/,
    );
  });

  it('fails past 250 MB unzipped before reading a byte (a sparse file), and reads the size of a zip from its central directory', () => {
    expect(LAMBDA_PACKAGE_LIMITS).toEqual({ zippedBytes: 52_428_800, unzippedBytes: 262_144_000 });
    const dir = tree({ 'index.py': '' });
    truncateSync(path.join(dir, 'index.py'), LAMBDA_PACKAGE_LIMITS.unzippedBytes + 1);
    expect(refusal(() => pack(dir)).message).toBe(
      "expected at most 262,144,000 bytes unzipped (Lambda's limit for a function's code: 250 MB); the files add up to at least 262,144,001 bytes",
    );
    const zip = PREBUILT.sized;
    expect(packageFunction({ path: zip, type: 'zip' }, { limits: { unzippedBytes: 1100 } }).unzippedBytes).toBe(1100);
    expect(refusal(() => packageFunction({ path: zip, type: 'zip' }, { limits: { unzippedBytes: 1099 } })).message).toBe(
      "expected at most 1,099 bytes unzipped (Lambda's limit for a function's code: 250 MB); its files add up to 1,100 bytes",
    );
  });

  it('fails on a FIFO (reading it would block synth)', () => {
    const dir = tree({ 'index.py': '' });
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe')]).status).toBe(0);
    expect(refusal(() => pack(dir)).message).toBe('expected only files, directories and symbolic links; pipe is a socket, FIFO or device');
  });
});

describe('packageFunction: symbolic links (followed inside the source, refused otherwise)', () => {
  it('stores a link to a file inside as that file, and walks a link to a directory inside', () => {
    const { dir, built } = linked;
    expect(built.files).toEqual(['bootstrap', 'index.py', 'lib/util.py', 'run.sh', 'shared/util.py', 'util.py']);
    const entries = Object.fromEntries(read.linked.entries.map((e) => [e.name, e]));
    expect(entries['util.py']).toMatchObject({ content: 'U = 1\n', mode: 0o100644 });
    expect(entries['lib/util.py'].content).toBe('U = 1\n');
    expect(entries.bootstrap).toMatchObject({ content: '#!/bin/sh\n', mode: 0o100755 });
    // The hash covers what the link points at.
    const before = built.sourceCodeHash;
    writeFileSync(path.join(dir, 'shared', 'util.py'), 'U = 2\n');
    expect(pack(dir).sourceCodeHash).not.toBe(before);
  });

  it('fails on a link that resolves outside the source, naming the link and its target', () => {
    const dir = tree({ 'index.py': '' });
    const outside = tree({ 'secret.txt': 's' }, 'outside');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'config.txt'));
    expect(refusal(() => pack(dir)).message).toBe(
      `expected symbolic links that resolve inside the source directory; config.txt -> ${path.join(outside, 'secret.txt')} resolves outside it (to ${path.join(outside, 'secret.txt')})`,
    );
  });

  it('fails on a dangling link', () => {
    const dir = tree({ 'index.py': '' });
    symlinkSync('missing.py', path.join(dir, 'gone.py'));
    expect(refusal(() => pack(dir)).message).toBe(
      'expected symbolic links that resolve inside the source directory; gone.py -> missing.py dangles (its target does not exist)',
    );
  });

  it('fails on a link to a directory that contains it, and on a link to itself', () => {
    const dir = tree({ 'index.py': '', 'sub/a.py': '' });
    symlinkSync('..', path.join(dir, 'sub', 'up'));
    expect(refusal(() => pack(dir)).message).toBe(
      'expected symbolic links that resolve inside the source directory; sub/up -> .. loops (it points at a directory that contains it)',
    );
    const self = tree({ 'index.py': '' });
    symlinkSync('me', path.join(self, 'me'));
    expect(refusal(() => pack(self)).message).toBe('expected symbolic links that resolve inside the source directory; me -> me loops');
  });
});

describe('packageFunction: the handler\'s file', () => {
  const handlerError = (dir: string, handler: string, runtime: string) => {
    const error = refusal(() => pack(dir, { handler, runtime }));
    expect(error.field).toBe('handler');
    return error.message;
  };

  it('python: a.b.handler needs a/b.py (or a/b/__init__.py)', () => {
    expect(pack(tree({ 'a/b.py': '' }), { handler: 'a.b.handler', runtime: 'python3.12' }).files).toEqual(['a/b.py']);
    expect(pack(tree({ 'a/b/__init__.py': '' }), { handler: 'a.b.handler', runtime: 'python3.13' }).files).toEqual(['a/b/__init__.py']);
    expect(handlerError(tree({ 'index.py': '' }), 'a.b.handler', 'python3.12')).toBe(
      'expected a/b.py or a/b/__init__.py in the function source (python3.12 loads the module a.b); found index.py',
    );
  });

  it('nodejs: x.handler needs x.js, x.mjs or x.cjs (directory part kept)', () => {
    expect(pack(tree({ 'src/app.mjs': '' }), { handler: 'src/app.handler', runtime: 'nodejs22.x' }).files).toEqual(['src/app.mjs']);
    expect(pack(tree({ 'index.cjs': '' }), { handler: 'index.handler', runtime: 'nodejs22.x' }).files).toEqual(['index.cjs']);
    expect(handlerError(tree({ 'index.ts': '', 'a.js': '' }), 'index.handler', 'nodejs22.x')).toBe(
      'expected index.js or index.mjs or index.cjs in the function source (nodejs22.x loads the file index); found a.js, index.ts',
    );
  });

  it('ruby: x.m needs x.rb', () => {
    expect(pack(tree({ 'function.rb': '' }), { handler: 'function.handler', runtime: 'ruby3.3' }).files).toEqual(['function.rb']);
    expect(handlerError(tree({ 'lambda_function.py': '' }), 'function.handler', 'ruby3.4')).toBe(
      'expected function.rb in the function source (ruby3.4 loads the file function); found lambda_function.py',
    );
  });

  it('provided.*: an executable bootstrap at the root, whatever the handler', () => {
    expect(pack(tree({ bootstrap: ['#!/bin/sh\n', 0o755] }), { handler: 'anything', runtime: 'provided.al2023' }).files).toEqual(['bootstrap']);
    expect(handlerError(tree({ 'bin/bootstrap': ['', 0o755] }), 'anything', 'provided.al2023')).toBe(
      'expected bootstrap in the function source (provided.al2023 loads the executable bootstrap at the root of the package); found bin/bootstrap',
    );
    expect(refusal(() => pack(tree({ bootstrap: '#!/bin/sh\n' }), { handler: 'x', runtime: 'provided.al2023' })).message).toBe(
      'expected bootstrap to be executable (a custom runtime runs it as a program); found it without an execute bit',
    );
  });

  it('checks the list of a prebuilt zip too', () => {
    const zip = PREBUILT.app;
    expect(packageFunction({ path: zip, type: 'zip' }, { handler: 'app.handler', runtime: 'python3.12' }).files).toEqual(['app.py']);
    expect(refusal(() => packageFunction({ path: zip, type: 'zip' }, { handler: 'index.handler', runtime: 'python3.12' })).message).toBe(
      'expected index.py or index/__init__.py in the function source (python3.12 loads the module index); found app.py',
    );
  });

  it('java and dotnet: no check (the handler names a class inside a .jar or .dll, not a file)', () => {
    expect(pack(tree({ 'lib/app.jar': '' }), { handler: 'com.example.Handler::handleRequest', runtime: 'java21' }).files).toEqual(['lib/app.jar']);
    expect(pack(tree({ 'App.dll': '' }), { handler: 'App::App.Function::Handler', runtime: 'dotnet8' }).files).toEqual(['App.dll']);
  });
});
