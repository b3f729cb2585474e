/**
 * What a config file may be before its content is looked at: its size, its nesting, its keys; and how a received
 * value is shown back in a message. Everything here runs before the schema, so a hostile file fails with one line.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, Stats } from 'node:fs';

/** A config file larger than this is refused unread: the largest example is 3 KB, 50 customers about 20 KB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Objects and lists nested deeper than this are refused; the config's deepest field (`customers[].network.subnetIds.<az>`) is at 4. */
export const MAX_CONFIG_DEPTH = 16;

/**
 * Keys that JavaScript gives a meaning on every object: JSON.parse keeps `__proto__` as an own key, but assigning
 * it (a merge) replaces the object's prototype instead, so the key would vanish from validation. Refused wherever
 * they appear, as the unknown keys they are.
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** A JSON object (not null, not a list): what a config file and an OpenAPI document are at the top level. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A received value in a message: cut past this many characters, with its full length given. */
const MAX_SHOWN = 120;

/** `"abc"`, `42`, `{"a":1}` or `"aaaa…" (50000000 characters)`: never the whole of a long value. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length <= MAX_SHOWN) return text;
  const length = typeof value === 'string' ? `${value.length} characters` : `${text.length} characters as JSON`;
  return `${text.slice(0, MAX_SHOWN)}… (${length})`;
}

/**
 * Why a file cannot be read; callers word the message. `detail`: the error code (`unreadable`), what the path is
 * (`not-regular`: "a FIFO"), or the size found (`too-large`: "7340032 bytes", "more than 6291456 bytes").
 */
export class InputError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'not-regular' | 'too-large',
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads at most `limit` bytes of a regular file as UTF-8, without the byte-order mark editors on Windows write
 * (JSON.parse and the YAML parser reject it; the content is fine). A FIFO or a device
 * (`/dev/zero`) never ends, and opening a FIFO waits for a writer: they are refused from their stat, before any
 * open. O_NONBLOCK keeps the open from waiting on a FIFO swapped in after the stat; the fstat of the open
 * descriptor then refuses it. A file that grew past the limit since the stat is refused too.
 */
export function readBoundedFile(file: string, limit: number): string {
  const failure = (error: unknown) => new InputError('unreadable', (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  const check = (stat: Stats) => {
    if (!stat.isFile()) throw new InputError('not-regular', fileKind(stat));
    if (stat.size > limit) throw new InputError('too-large', `${stat.size} bytes`);
  };
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (error) {
    throw failure(error);
  }
  check(stat);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw failure(error);
  }
  try {
    check(fstatSync(fd));
    // One byte past the limit tells a file that grew since the stat from one that is exactly at it.
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit) throw new InputError('too-large', `more than ${limit} bytes`);
    return buffer.toString('utf8', 0, length).replace(/^\uFEFF/, '');
  } catch (error) {
    throw error instanceof InputError ? error : failure(error);
  } finally {
    closeSync(fd);
  }
}

/** A field path in the form messages give it: `customers[0].network`; empty for the top level. */
export function formatPath(parts: readonly (string | number)[]): string {
  return parts.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

const fieldPath = (parts: readonly (string | number)[]) => formatPath(parts) || '(top level)';

/**
 * The structural problems of parsed JSON: nesting past MAX_CONFIG_DEPTH and RESERVED_KEYS, one message each
 * (`field: …`). Walks with an explicit stack: a recursive walk is what a deeply nested file would overflow.
 */
export function structuralIssues(root: unknown): string[] {
  const issues: string[] = [];
  const stack: { readonly node: unknown; readonly path: readonly (string | number)[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= MAX_CONFIG_DEPTH) {
      issues.push(`${fieldPath(path)}: nested deeper than ${MAX_CONFIG_DEPTH} levels; expected the shape of the configuration (at most a few levels)`);
      continue;
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => stack.push({ node: child, path: [...path, i] }));
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      if (RESERVED_KEYS.includes(key)) {
        issues.push(`${fieldPath([...path, key])}: unknown key; remove it (no field of the configuration has this name)`);
        continue;
      }
      stack.push({ node: child, path: [...path, key] });
    }
  }
  return issues.sort();
}
