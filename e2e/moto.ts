/** Starts our moto wrapper (e2e/moto_server.py) on a free loopback port and guarantees it stops. */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../tools/terraform-env';

export interface Emulator {
  readonly url: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
function killAll(): void {
  for (const child of running) child.kill('SIGTERM');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/**
 * `logFile` receives the server's request log. It must not be a pipe to this process: the tests run `cdktf`
 * with spawnSync, which blocks our event loop, and a pipe nobody drains fills up and freezes the server.
 */
export function startEmulator(venvBin: string, logFile: string, timeoutMs = 60_000): Promise<Emulator> {
  const log = openSync(logFile, 'a');
  const child = spawn(path.join(venvBin, 'python'), [path.join(PROJECT_ROOT, 'e2e', 'moto_server.py'), '--port', '0'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    // stdout carries the one MOTO_READY line, read before any spawnSync; everything else goes to the log.
    stdio: ['ignore', 'pipe', log],
  });
  closeSync(log);
  running.add(child);
  const logTail = () => readFileSync(logFile, 'utf8').slice(-4000);

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }).finally(() => running.delete(child));

  return new Promise<Emulator>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`moto did not start within ${timeoutMs / 1000}s:\n${logTail()}`));
    }, timeoutMs);
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /^MOTO_READY (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        // Nothing else is expected on stdout; stop reading so a stray print cannot fill the pipe unread.
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ url: match[1], stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new Error(`moto exited with ${code} before it was ready:\n${logTail()}`));
    });
  });
}
