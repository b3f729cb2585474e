/** Starts our moto wrapper (e2e/moto_server.py) on a free loopback port and guarantees it stops. */
import { ChildProcess, spawn } from 'node:child_process';
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

export function startEmulator(venvBin: string, timeoutMs = 60_000): Promise<Emulator> {
  const child = spawn(path.join(venvBin, 'python'), [path.join(PROJECT_ROOT, 'e2e', 'moto_server.py'), '--port', '0'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }).finally(() => running.delete(child));

  return new Promise<Emulator>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`moto did not start within ${timeoutMs / 1000}s:\n${stderr}`));
    }, timeoutMs);
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /^MOTO_READY (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new Error(`moto exited with ${code} before it was ready:\n${stderr}`));
    });
  });
}
