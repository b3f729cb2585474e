import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync, Stats } from 'node:fs';
import * as path from 'node:path';
// fflate, pinned to an exact version, instead of node:zlib: the bytes of the zip land in Terraform state (as
// source_code_hash), and Node.js bundles a zlib that may deflate the same input differently from one release to
// the next; a pure-JS deflate of one version gives the same bytes on every Node.js and every machine.
import { zipSync, Zippable } from 'fflate';

/**
 * Packaging of a Lambda function's code: a directory zipped in-process (no shell, no child process), or a prebuilt
 * `.zip` read as it is. Not a construct: config validation calls it, so every refusal happens before anything is
 * written, and `FunctionCode` hands the bytes to Terraform.
 */

/** Where the code is: a directory to zip, or a prebuilt `.zip` shipped byte for byte. */
export interface FunctionSource {
  readonly path: string;
  readonly type: 'directory' | 'zip';
}

/**
 * Lambda's deployment package quotas for a .zip uploaded directly (not through S3), in bytes: "50 MB (zipped, for
 * direct upload)", "250 MB (unzipped)", where the Lambda documentation's MB is 1,024 KB
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). Lambda's own refusal names the same
 * figure: "Unzipped size must be smaller than 262144000 bytes".
 */
export const LAMBDA_PACKAGE_LIMITS: PackageLimits = { zippedBytes: 52_428_800, unzippedBytes: 262_144_000 };

export interface PackageLimits {
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
}

export interface PackageOptions {
  /** Checked against the files when given with `runtime`: the file it names must be in the package. */
  readonly handler?: string;
  readonly runtime?: string;
  /** @default LAMBDA_PACKAGE_LIMITS (lower figures are for tests) */
  readonly limits?: Partial<PackageLimits>;
}

export interface FunctionPackage {
  /** What Lambda receives. */
  readonly zip: Buffer;
  /** Base64 SHA-256 of `zip`, what Terraform's `filebase64sha256(filename)` gives: the function's `source_code_hash`. */
  readonly sourceCodeHash: string;
  /** Files in the zip, `/`-separated, in the zip's order (directory entries left out). */
  readonly files: readonly string[];
  /** Sum of the files' sizes once unzipped. */
  readonly unzippedBytes: number;
}

/**
 * A source Lambda would refuse or could not run. `message` says what was expected and what was found, without the
 * config field, which the caller adds: `field` tells it which one (`handler` for a handler whose file is missing).
 */
export class FunctionPackageError extends Error {
  constructor(
    message: string,
    readonly field: 'source' | 'handler' = 'source',
  ) {
    super(message);
    this.name = 'FunctionPackageError';
  }
}

/** Version-control metadata is not code: left out at any depth (also `.git` files of worktrees and submodules). */
export const EXCLUDED_NAMES: readonly string[] = ['.git', '.hg', '.svn'];

// DOS time cannot go earlier than 1980-01-01. fflate writes the local-time fields of the Date it is given, so the
// Date is built from local-time fields too: the entries read 1980-01-01 00:00 in every time zone.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
// APPNOTE.txt 4.4.2: "version made by" 3 = UNIX, so unzip tools and Lambda read the mode in the external attributes.
const OS_UNIX = 3;
const S_IFREG = 0o100000;
// Without ZIP64 (fflate does not write it) a zip holds at most 65,535 entries.
const MAX_ENTRIES = 0xffff;

const bytes = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

function listed(files: readonly string[], max = 5): string {
  if (files.length === 0) return 'no file';
  const shown = files.slice(0, max).join(', ');
  return files.length > max ? `${shown} and ${files.length - max} more` : shown;
}

function limitsOf(options: PackageOptions): PackageLimits {
  return { ...LAMBDA_PACKAGE_LIMITS, ...options.limits };
}

function checkUnzipped(total: number, limit: number, what: string): void {
  if (total > limit) {
    throw new FunctionPackageError(
      `expected at most ${bytes(limit)} unzipped (Lambda's limit for a function's code: 250 MB); ${what} ${bytes(total)}`,
    );
  }
}

interface SourceFile {
  readonly name: string;
  readonly absolute: string;
  readonly stat: Stats;
}

/**
 * Symbolic links: the hash covers exactly what is zipped, and a link's target is zipped, never the link. A link
 * that resolves inside the source directory is followed (a file is stored under the link's name with the target's
 * bytes and mode, a directory is walked); a link that resolves outside it, dangles or loops is refused, naming the
 * link and its target, because what it would ship depends on the machine that synthesizes.
 */
function collect(root: string, limit: number): SourceFile[] {
  const files: SourceFile[] = [];
  let total = 0;
  const walk = (dir: string, prefix: string, ancestors: readonly string[]): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    for (const entry of entries) {
      if (EXCLUDED_NAMES.includes(entry.name)) continue;
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      const absolute = path.join(dir, entry.name);
      let real = absolute;
      if (entry.isSymbolicLink()) {
        const target = readlinkSync(absolute);
        const refused = (what: string) => new FunctionPackageError(`expected symbolic links that resolve inside the source directory; ${name} -> ${target} ${what}`);
        try {
          real = realpathSync(absolute);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          throw refused(code === 'ELOOP' ? 'loops' : code === 'ENOENT' ? 'dangles (its target does not exist)' : `cannot be resolved (${code})`);
        }
        const relative = path.relative(root, real);
        if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) throw refused(`resolves outside it (to ${real})`);
        if (ancestors.includes(real)) throw refused('loops (it points at a directory that contains it)');
      }
      const stat = statSync(real);
      if (stat.isDirectory()) {
        walk(real, name, [...ancestors, real]);
      } else if (stat.isFile()) {
        total += stat.size;
        checkUnzipped(total, limit, 'the files add up to at least');
        files.push({ name, absolute: real, stat });
      } else {
        throw new FunctionPackageError(`expected only files, directories and symbolic links; ${name} is a socket, FIFO or device`);
      }
    }
  };
  walk(root, '', [root]);
  return files;
}

function packageDirectory(dir: string, options: PackageOptions): { zip: Buffer; files: string[]; unzippedBytes: number; executables: Set<string> } {
  const limits = limitsOf(options);
  const root = realpathSync(dir);
  const sources = collect(root, limits.unzippedBytes);
  if (sources.length === 0) {
    throw new FunctionPackageError(`expected a directory with at least one file; found none (after leaving out ${EXCLUDED_NAMES.join(', ')})`);
  }
  if (sources.length > MAX_ENTRIES) {
    throw new FunctionPackageError(`expected at most ${MAX_ENTRIES.toLocaleString('en-US')} files (a zip without ZIP64 holds no more); found ${sources.length.toLocaleString('en-US')}`);
  }
  // Keys are given in sorted order; fflate writes them in the order JavaScript enumerates them, which is insertion
  // order except that names which are array indices ("0", "42") come first in numeric order: fixed either way.
  const entries: Zippable = {};
  const executables = new Set<string>();
  let unzippedBytes = 0;
  for (const source of sources) {
    // Only the executable bit matters to Lambda (a custom runtime's `bootstrap` must be executable); owner, group,
    // umask and the checkout's other bits differ between machines and are normalised away.
    const executable = (source.stat.mode & 0o111) !== 0;
    if (executable) executables.add(source.name);
    const data = readFileSync(source.absolute);
    unzippedBytes += data.length;
    entries[source.name] = [data, { mtime: FIXED_MTIME, os: OS_UNIX, attrs: ((S_IFREG | (executable ? 0o755 : 0o644)) << 16) >>> 0 }];
  }
  checkUnzipped(unzippedBytes, limits.unzippedBytes, 'the files add up to');
  const zip = Buffer.from(zipSync(entries, { level: 6 }));
  return { zip, files: Object.keys(entries), unzippedBytes, executables };
}

interface ZipEntry {
  readonly name: string;
  readonly unzippedBytes: number;
  readonly executable?: boolean;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;

/** The central directory of a zip (APPNOTE.txt 4.3.12–4.3.16, ZIP64 4.3.14/4.5.3): its entries, checked for bounds. */
function readCentralDirectory(zip: Buffer): ZipEntry[] {
  const notAZip = (found: string): FunctionPackageError => new FunctionPackageError(`expected a zip file; ${found}`);
  if (zip.length < 22 || (zip.readUInt32LE(0) !== SIG_LOCAL && zip.readUInt32LE(0) !== SIG_END)) {
    const head = zip.subarray(0, 4).toString('hex').replace(/(..)/g, '$1 ').trim();
    throw notAZip(`found a file of ${bytes(zip.length)} that does not start with a zip signature (50 4b 03 04)${head ? `: ${head}` : ''}`);
  }
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === SIG_END) {
      end = at;
      break;
    }
  }
  if (end < 0) throw notAZip('found no end of central directory record (a truncated or damaged file)');
  let count = zip.readUInt16LE(end + 10);
  let size = zip.readUInt32LE(end + 12);
  let offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || zip.readUInt32LE(locator) !== SIG_LOCATOR64) throw notAZip('found a ZIP64 marker without its locator');
    const end64 = Number(zip.readBigUInt64LE(locator + 8));
    if (end64 + 56 > zip.length || zip.readUInt32LE(end64) !== SIG_END64) throw notAZip('found a ZIP64 locator pointing at no ZIP64 record');
    count = Number(zip.readBigUInt64LE(end64 + 32));
    size = Number(zip.readBigUInt64LE(end64 + 40));
    offset = Number(zip.readBigUInt64LE(end64 + 48));
  }
  if (offset + size > zip.length) throw notAZip('found a central directory that runs past the end of the file');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== SIG_CENTRAL) throw notAZip(`found entry ${i + 1} of ${count} missing from the central directory`);
    const madeBy = zip.readUInt16LE(at + 4);
    const flags = zip.readUInt16LE(at + 8);
    let unzipped = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const attributes = zip.readUInt32LE(at + 38);
    let local = zip.readUInt32LE(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > zip.length) throw notAZip(`found entry ${i + 1} running past the end of the file`);
    const name = zip.subarray(at + 46, nameEnd).toString(flags & 0x800 ? 'utf8' : 'latin1');
    // ZIP64 extended information (APPNOTE.txt 4.5.3): the 8-byte fields that are 0xFFFFFFFF in the record, in order.
    for (let extra = nameEnd; extra + 4 <= nameEnd + extraLength; ) {
      const id = zip.readUInt16LE(extra);
      const length = zip.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (unzipped === 0xffffffff) {
          unzipped = Number(zip.readBigUInt64LE(field));
          field += 8;
        }
        if (zip.readUInt32LE(at + 20) === 0xffffffff) field += 8;
        if (local === 0xffffffff) local = Number(zip.readBigUInt64LE(field));
      }
      extra += 4 + length;
    }
    if (local + 4 > zip.length || zip.readUInt32LE(local) !== SIG_LOCAL) throw notAZip(`found ${name} pointing at no local file header`);
    if (flags & 0x1) throw new FunctionPackageError(`expected a zip without encryption (Lambda cannot read it); ${name} is encrypted`);
    // A mode is recorded only by zips made on Unix; one made elsewhere says nothing about the executable bit.
    const executable = madeBy >> 8 === OS_UNIX ? ((attributes >>> 16) & 0o111) !== 0 : undefined;
    entries.push({ name, unzippedBytes: unzipped, executable });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

function readZip(file: string, options: PackageOptions): { zip: Buffer; files: string[]; unzippedBytes: number; executables: Set<string>; modeless: Set<string> } {
  const limits = limitsOf(options);
  const size = statSync(file).size;
  if (size > limits.zippedBytes) {
    throw new FunctionPackageError(`expected at most ${bytes(limits.zippedBytes)} zipped (Lambda's limit for a direct upload: 50 MB); the zip is ${bytes(size)}`);
  }
  const zip = readFileSync(file);
  const entries = readCentralDirectory(zip).filter((entry) => !entry.name.endsWith('/'));
  if (entries.length === 0) throw new FunctionPackageError('expected a zip with at least one file; found none');
  const unzippedBytes = entries.reduce((sum, entry) => sum + entry.unzippedBytes, 0);
  checkUnzipped(unzippedBytes, limits.unzippedBytes, 'its files add up to');
  return {
    zip,
    files: entries.map((entry) => entry.name),
    unzippedBytes,
    executables: new Set(entries.filter((entry) => entry.executable).map((entry) => entry.name)),
    modeless: new Set(entries.filter((entry) => entry.executable === undefined).map((entry) => entry.name)),
  };
}

/**
 * The files that may hold a handler, per runtime family, as each runtime's bootstrap resolves it; `undefined`
 * where no file can be checked. Java (`package.Class::method`) and .NET (`Assembly::Namespace.Class::Method`)
 * name a class inside a .jar, a .class tree or a .dll, not a file of the package.
 */
function handlerFiles(handler: string, runtime: string): { readonly files: readonly string[]; readonly loads: string } | undefined {
  // Node.js and Ruby: the directory part, then the file name up to its first dot; Python: everything up to the last
  // dot, a dotted module path (`package.module`), also written with slashes.
  const firstDot = (extensions: readonly string[]) => {
    const dir = path.posix.dirname(handler);
    const match = /^([^.]*)\.(.+)$/.exec(path.posix.basename(handler));
    if (!match || !match[1]) return undefined;
    const module = path.posix.join(dir, match[1]);
    return { files: extensions.map((extension) => `${module}${extension}`), loads: `the file ${module}` };
  };
  if (runtime.startsWith('python')) {
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) return { files: [], loads: 'a module' };
    const module = path.posix.normalize(handler.slice(0, dot).replace(/\./g, '/'));
    return { files: [`${module}.py`, `${module}/__init__.py`], loads: `the module ${handler.slice(0, dot).replace(/\//g, '.')}` };
  }
  if (runtime.startsWith('nodejs')) return firstDot(['.js', '.mjs', '.cjs']) ?? { files: [], loads: 'a file' };
  if (runtime.startsWith('ruby')) return firstDot(['.rb']) ?? { files: [], loads: 'a file' };
  if (runtime.startsWith('provided')) return { files: ['bootstrap'], loads: 'the executable bootstrap at the root of the package' };
  return undefined;
}

function checkHandler(handler: string, runtime: string, files: readonly string[], executables: Set<string>, modeless: Set<string>): void {
  const wanted = handlerFiles(handler, runtime);
  if (!wanted) return;
  if (wanted.files.length === 0) {
    throw new FunctionPackageError(`expected a handler of the form <file>.<function> for ${runtime}; found no file part in "${handler}"`, 'handler');
  }
  const present = wanted.files.find((file) => files.includes(file));
  if (!present) {
    throw new FunctionPackageError(
      `expected ${wanted.files.join(' or ')} in the function source (${runtime} loads ${wanted.loads}); found ${listed(files)}`,
      'handler',
    );
  }
  if (present === 'bootstrap' && !executables.has(present) && !modeless.has(present)) {
    // A custom runtime starts `bootstrap` as a program (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html).
    throw new FunctionPackageError('expected bootstrap to be executable (a custom runtime runs it as a program); found it without an execute bit');
  }
}

/**
 * Packages a function's code for Lambda, in-process and deterministically: entries sorted by name (UTF-8 bytes),
 * dated 1980-01-01 00:00 (the earliest DOS time), modes 0644 or 0755 (any execute bit kept), made on "Unix",
 * deflated by one pinned fflate. Two checkouts of one commit give the same bytes whatever their file times, umask
 * or Node.js version. A prebuilt `.zip` is shipped as it is, after its central directory is read and checked.
 *
 * Refused (FunctionPackageError): VCS folders only are left out, and a directory with no other file is refused;
 * symbolic links resolving outside the source, dangling or looping; sockets, FIFOs and devices; a `.zip` that is
 * not a zip; more than Lambda's 50 MB zipped or 250 MB unzipped; with `handler` and `runtime`, a handler whose
 * file is not in the package.
 */
export function packageFunction(source: FunctionSource, options: PackageOptions = {}): FunctionPackage {
  const stat = statSync(source.path, { throwIfNoEntry: false });
  if (source.type === 'directory' ? !stat?.isDirectory() : !stat?.isFile()) {
    throw new FunctionPackageError(`expected an existing ${source.type === 'directory' ? 'directory' : '.zip file'}; found ${stat ? 'something else' : 'nothing'} at ${source.path}`);
  }
  const built =
    source.type === 'directory' ? { ...packageDirectory(source.path, options), modeless: new Set<string>() } : readZip(source.path, options);
  const limit = limitsOf(options).zippedBytes;
  if (built.zip.length > limit) {
    throw new FunctionPackageError(`expected at most ${bytes(limit)} zipped (Lambda's limit for a direct upload: 50 MB); the package is ${bytes(built.zip.length)}`);
  }
  if (options.handler !== undefined && options.runtime !== undefined) {
    checkHandler(options.handler, options.runtime, built.files, built.executables, built.modeless);
  }
  return {
    zip: built.zip,
    sourceCodeHash: createHash('sha256').update(built.zip).digest('base64'),
    files: built.files,
    unzippedBytes: built.unzippedBytes,
  };
}
