/**
 * The simulator as executables (shim mode). The test harness puts one small wrapper per tool
 * (`nvidia-smi`, `docker`, …) first on the test user's PATH; each runs
 *   node pgx-sim.mjs <program> <args…>
 * with PGX_SIM_STATE naming the box's state folder. Real bash on a real sshd runs the app's
 * commands, so quoting and pipes behave exactly as on a real box.
 */
import { join } from 'node:path';
import { homedir } from 'node:os';
import { runProgram } from './host.js';
import { programs } from './programs/index.js';
import { detachedServerHost } from './detached-server-host.js';
import { rootedFs } from './sim-fs.js';
import { fileLogStore, fileStateStore } from './state-store.js';
import { serveMain } from './servers/serve-cli.js';

const readStdin = (): Promise<string> =>
  new Promise((resolve) => {
    if (process.stdin.isTTY) return resolve('');
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', () => resolve(''));
  });

const main = async (): Promise<number> => {
  const [name, ...argv] = process.argv.slice(2);
  const stateDir = process.env['PGX_SIM_STATE'];
  if (name === '__serve') {
    await serveMain(argv[0]!, argv[1]!);
    return -1; // keeps running until stopped
  }
  if (!name || !stateDir) {
    process.stderr.write('pgx-sim: usage: PGX_SIM_STATE=<dir> pgx-sim <program> [args…]\n');
    return 2;
  }
  const program = programs[name];
  if (!program) {
    process.stderr.write(`${name}: command not found\n`);
    return 127;
  }
  const store = fileStateStore(stateDir);
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => controller.abort());
  // The reader went away (`| head`, a closed channel): stop like a real tool would.
  process.stdout.on('error', () => controller.abort());
  const home = process.env['HOME'] ?? homedir();
  return runProgram(
    {
      store,
      fs: rootedFs({ root: '/', home, diskFull: () => store.read().faults['disk-full'] === true }),
      logs: fileLogStore(join(stateDir, 'logs')),
      servers: detachedServerHost(stateDir, process.argv[1]!),
    },
    program,
    name,
    argv,
    {
      env: process.env,
      cwd: process.cwd(),
      stdin: readStdin,
      signal: controller.signal,
      write: (text) => {
        if (!controller.signal.aborted) process.stdout.write(text);
      },
      error: (text) => process.stderr.write(text),
    },
  );
};

main().then(
  (code) => {
    if (code >= 0) process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`pgx-sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(70);
  },
);
