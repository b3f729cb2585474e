import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh temporary directory, removed after the spec file (some hold Terraform working directories). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `privapi-${prefix}-`));
  dirs.push(dir);
  return dir;
}

/** Registers a directory made elsewhere (e.g. by Testing.fullSynth) for the same clean-up. */
export function removeAfterAll(dir: string): string {
  dirs.push(dir);
  return dir;
}
