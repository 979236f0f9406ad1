import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface BrowserModeApp {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built backend (dist/main/web.mjs) exactly as `npm start` does in browser mode, in a
 * throwaway data folder, and resolves once it printed its URL. Never touches the real home.
 */
export const startBrowserMode = async (options: { dataDir?: string; env?: NodeJS.ProcessEnv; sshDir?: string; mdnsLoopback?: boolean; args?: readonly string[] } = {}): Promise<BrowserModeApp> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pgx-e2e-'));
  // Tests never read the real ~/.ssh: an empty folder unless the test brings a fixture.
  const sshDir = options.sshDir ?? join(dataDir, 'fixture-ssh');
  mkdirSync(sshDir, { recursive: true });
  const args = ['dist/main/web.mjs', '--port', '0', '--no-open', '--data-dir', dataDir, '--ssh-dir', sshDir, '--downloads-dir', join(dataDir, 'downloads'), ...(options.mdnsLoopback ? ['--mdns-loopback'] : []), ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, PGX_COMPANION_HOME: dataDir },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${stderr}`)));
  });

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token')!,
    dataDir,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
