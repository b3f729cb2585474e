/**
 * What a config file may be before its content is looked at: its size, its nesting, its keys; and how a received
 * value is shown back in a message. Everything here runs before the schema, so a hostile file fails with one line.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

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

/** Why a file cannot be read as a config: a message without the file's name (the caller adds it). */
export class InputError extends Error {}

/**
 * Reads at most `limit` bytes of a regular file as UTF-8. A FIFO, a device (`/dev/zero`) or a directory is refused
 * before any read; a file that grows past the limit while read is refused too.
 */
export function readBoundedFile(file: string, limit: number, what: string): string {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputError(`expected a regular file for ${what}; this is not one (a directory, device or pipe)`);
    if (stat.size > limit) throw new InputError(`expected ${what} of at most ${limit} bytes; the file has ${stat.size}`);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (let read = 1; read > 0 && length <= limit; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit) throw new InputError(`expected ${what} of at most ${limit} bytes; the file has more`);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** A path in the `customers[0].network` form. */
function fieldPath(parts: readonly (string | number)[]): string {
  return parts.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '') || '(top level)';
}

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
