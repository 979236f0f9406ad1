/**
 * The laptop's own shell through node-pty (a native module). It is loaded on first use, so an
 * install where it could not be built still starts, and the local tab says why it is missing.
 */
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import type * as NodePty from 'node-pty';

type NodePtyModule = typeof NodePty;

let loaded: { ok: true; pty: NodePtyModule } | { ok: false; reason: string } | undefined;

export const loadNodePty = (): { ok: true; pty: NodePtyModule } | { ok: false; reason: string } => {
  if (!loaded) {
    try {
      loaded = { ok: true, pty: createRequire(import.meta.url)('node-pty') as NodePtyModule };
    } catch (error) {
      loaded = {
        ok: false,
        reason: `The local terminal needs node-pty, which did not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Reinstall with build tools present (python3, make, a C++ compiler), then restart the app.`,
      };
    }
  }
  return loaded;
};

/** The user's shell on this computer: $SHELL on macOS and Linux, PowerShell (or cmd) on Windows. */
export const localShell = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string => {
  if (platform === 'win32') return env['PGX_LOCAL_SHELL'] ?? 'powershell.exe';
  return env['PGX_LOCAL_SHELL'] ?? env['SHELL'] ?? '/bin/sh';
};

export interface LocalPty {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(): void;
}

export const spawnLocalPty = (
  cols: number,
  rows: number,
  on: { data(text: string): void; exit(code: number | null, signal: number | null): void },
): LocalPty => {
  const module = loadNodePty();
  if (!module.ok) throw new Error(module.reason);
  const shell = localShell();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env['TERM'] = 'xterm-256color';
  env['COLORTERM'] = 'truecolor';
  env['LANG'] ??= 'C.UTF-8';
  // A login shell on macOS and Linux, as a terminal app opens it (profile read, PATH as usual).
  const args = process.platform === 'win32' ? [] : ['-l'];
  const child = module.pty.spawn(shell, args, { name: 'xterm-256color', cols, rows, cwd: homedir(), env });
  child.onData((text) => on.data(text));
  child.onExit(({ exitCode, signal }) => on.exit(exitCode, signal ?? null));
  return {
    write: (data) => child.write(data),
    resize: (c, r) => child.resize(c, r),
    pause: () => child.pause(),
    resume: () => child.resume(),
    kill: () => child.kill(),
  };
};
