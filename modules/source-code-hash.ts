import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Files of `dir`, relative, `/`-separated, in a fixed order (the file system's order differs between machines). */
function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return filesOf(path.join(dir, entry.name), relative);
      return entry.isFile() ? [relative] : [];
    });
}

/**
 * `source_code_hash` of a function's code: base64 SHA-256 of what the code *is* (for a directory: each file's
 * relative path, mode and bytes in a fixed order; for a zip: its bytes, i.e. `filebase64sha256`), so the same
 * commit gives the same hash on every machine. A zip built from a directory records file modification times,
 * which differ between checkouts; hashing that zip would make every other clone plan an update of the function.
 */
export function sourceCodeHash(sourcePath: string): string {
  const hash = createHash('sha256');
  if (statSync(sourcePath).isDirectory()) {
    for (const file of filesOf(sourcePath)) {
      const absolute = path.join(sourcePath, file);
      // The executable bit travels in the zip and matters to Lambda (a `bootstrap` must be executable).
      const executable = (statSync(absolute).mode & 0o111) !== 0;
      hash.update(`${file}\0${executable ? 'x' : '-'}\0`);
      hash.update(readFileSync(absolute));
      hash.update('\0');
    }
  } else {
    hash.update(readFileSync(sourcePath));
  }
  return hash.digest('base64');
}
