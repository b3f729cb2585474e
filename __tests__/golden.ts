import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * With PRIVAPI_GOLDEN_DIR set, every synthesis a spec makes is written there, named after the spec and the test
 * (a fixture after itself, `fixture::<name>`: the globalSetup runs outside any test): two runs (before and after a
 * refactoring that must change no Terraform address or argument) are then compared file by file with `diff -r`.
 * Unset, nothing is written.
 */
const counters = new Map<string, number>();

export function recordGolden(json: Record<string, string>, name?: string): void {
  const dir = process.env.PRIVAPI_GOLDEN_DIR;
  if (!dir) return;
  const test = name ?? currentTest();
  const n = (counters.get(test) ?? 0) + 1;
  counters.set(test, n);
  const base = path.join(dir, `${test}#${n}`.replace(/[^A-Za-z0-9._#:-]+/g, '_').slice(0, 200));
  mkdirSync(base, { recursive: true });
  for (const [stack, text] of Object.entries(json)) writeFileSync(path.join(base, `${stack}.json`), text);
}

function currentTest(): string {
  const state = expect.getState();
  return `${path.basename(state.testPath ?? 'unknown')}::${state.currentTestName ?? 'collect'}`;
}
