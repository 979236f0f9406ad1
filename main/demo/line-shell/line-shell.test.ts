import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialState } from '../sim/box.js';
import type { Program } from '../sim/io.js';
import { rootedFs } from '../sim/sim-fs.js';
import { fileLogStore, memoryStateStore } from '../sim/state-store.js';
import { recordingServerHost } from '../sim/testing.js';
import { quote } from '../../../src/remote/quote.js';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { createProcessTable, runCommandLine, startInteractiveShell, type ShellHost } from './index.js';

/** A tool that prints its argv and stdin, and one that streams until interrupted. */
const echoArgs: Program = async (io) => {
  io.write(`${JSON.stringify(io.argv)} ${JSON.stringify(await io.stdin())} ${io.env['LC_ALL'] ?? ''}\n`);
  return 0;
};
const ticker: Program = async (io) => {
  for (let i = 0; ; i += 1) {
    io.write(`tick ${i}\n`);
    if (!(await io.sleep(5))) return 130;
  }
};

const makeHost = (missing: string[] = []): ShellHost => {
  const store = memoryStateStore(initialState({ now: Date.now() }));
  const root = mkdtempSync(join(tmpdir(), 'pgx-shell-'));
  const fs = rootedFs({ root, home: '/home/demo', diskFull: () => store.read().faults['disk-full'] === true });
  fs.mkdirp('/home/demo');
  return {
    store,
    fs,
    logs: fileLogStore(join(root, '.logs')),
    servers: recordingServerHost(),
    programs: { 'echo-args': echoArgs, ticker, docker: echoArgs },
    nativeScripts: { hello: async (io) => (io.write(`native ${io.argv.join(',')}\n`), 0) },
    virtualFile: (path) => (path === '/proc/loadavg' ? '0.10 0.20 0.30 1/500 4242\n' : undefined),
    missing: (name) => missing.includes(name),
    user: 'demo',
    hostname: 'pgx-demo',
    processes: createProcessTable(),
  };
};

const run = async (host: ShellHost, line: string, stdin?: string) => {
  let stdout = '';
  let stderr = '';
  const signal = new AbortController().signal;
  const status = await runCommandLine(
    host,
    line,
    {
      write: (t) => (stdout += t),
      error: (t) => (stderr += t),
      signal,
      ...(stdin !== undefined ? { stdin: (async function* () { yield stdin; })() } : {}),
    },
    { env: { HOME: '/home/demo', USER: 'demo' } },
  );
  return { stdout, stderr, status };
};

describe('demo box shell: the language', () => {
  const cases: Array<[string, { stdout?: string | RegExp; stderr?: string | RegExp; status?: number }]> = [
    ['echo hello world', { stdout: 'hello world\n', status: 0 }],
    ['echo -n a; echo b', { stdout: 'ab\n' }],
    ['false && echo no || echo yes', { stdout: 'yes\n' }],
    ['true && echo one; false; echo $?', { stdout: 'one\n1\n' }],
    ['X=1; echo "$X" ${X}y', { stdout: '1 1y\n' }],
    ['LC_ALL=C echo-args a "b c"', { stdout: '["a","b c"] "" C\n' }],
    ['echo "$HOME"/x', { stdout: '/home/demo/x\n' }],
    ['mkdir -p /tmp && cd /tmp && pwd; pwd', { stdout: '/tmp\n/tmp\n' }],
    ['cd /nowhere', { stderr: 'bash: cd: /nowhere: No such file or directory\n', status: 1 }],
    ["printf '%s-%d\\n' a 1 b 2", { stdout: 'a-1\nb-2\n' }],
    ['echo hi > f.txt && cat f.txt && echo more >> f.txt && wc -l f.txt', { stdout: 'hi\n2 f.txt\n' }],
    ['cat missing 2>&1', { stdout: 'cat: missing: No such file or directory\n', status: 1 }],
    ['cat missing 2>/dev/null; echo $?', { stdout: '1\n' }],
    ['nosuchtool x', { stderr: 'bash: line 1: nosuchtool: command not found\n', status: 127 }],
    ['echo a | echo-args', { stdout: '[] "a\\n" \n' }],
    ["sh -c 'echo $0 $1 \"$@\"' zero one two", { stdout: 'zero one one two\n' }],
    ["sh -c ': pgx-companion:hello; exit 1' sh a b", { stdout: 'native a,b\n', status: 0 }],
    ['echo $(date)', { stderr: /command substitution is not supported here/, status: 2 }],
    ['if true; then echo; fi', { stderr: /`if` is not supported here/, status: 2 }],
    ['test -d /home/demo && [ 1 -lt 2 ] && echo ok', { stdout: 'ok\n' }],
    ['exit 3; echo never', { stdout: '', status: 3 }],
    ['command -v docker cat cd nosuch', { stdout: '/usr/bin/docker\n/usr/bin/cat\ncd\n', status: 1 }],
    ['cat /proc/loadavg', { stdout: '0.10 0.20 0.30 1/500 4242\n' }],
    ['env -i A=1 env', { stdout: 'A=1\n' }],
    ['timeout 0.05 ticker > /dev/null; echo $?', { stdout: '124\n' }],
    ['mkdir -p a/b && touch a/b/x.json a/b/y.json a/b/z.txt && ls a/b/*.json', { stdout: 'a/b/x.json\na/b/y.json\n' }],
    ['ls nothing*.json', { stderr: "ls: cannot access 'nothing*.json': No such file or directory\n", status: 2 }],
    ['echo a # a comment', { stdout: 'a\n' }],
    ['echo x &> both.log; cat both.log', { stdout: 'x\n' }],
  ];
  for (const [line, expected] of cases) {
    it(line, async () => {
      const result = await run(makeHost(), line);
      if (expected.stdout !== undefined) expect(result.stdout).toEqual(typeof expected.stdout === 'string' ? expected.stdout : expect.stringMatching(expected.stdout));
      if (expected.stderr !== undefined) expect(result.stderr).toEqual(typeof expected.stderr === 'string' ? expected.stderr : expect.stringMatching(expected.stderr));
      if (expected.status !== undefined) expect(result.status).toBe(expected.status);
    });
  }

  it('brings every hostile string back byte for byte through quote() and printf %s', async () => {
    const host = makeHost();
    for (const value of hostileStrings) {
      const result = await run(host, `printf %s ${quote(value)}`);
      expect(result.stdout, JSON.stringify(value)).toBe(value);
    }
  });

  it('ends a pipeline when its reader is done, like SIGPIPE', async () => {
    const result = await run(makeHost(), 'ticker | head -n 3');
    expect(result.stdout).toBe('tick 0\ntick 1\ntick 2\n');
  });

  it('says which tools a fault removed', async () => {
    const result = await run(makeHost(['docker']), 'docker ps');
    expect(result).toMatchObject({ status: 127, stderr: 'bash: line 1: docker: command not found\n' });
  });

  it('runs the job-launcher shape detached: the job outlives the command and writes its files', async () => {
    const host = makeHost();
    const line =
      'mkdir -p "$HOME"/.pgx-companion/jobs/J && cd "$HOME"/.pgx-companion/jobs/J && setsid nohup sh -c \'echo working; sleep 0.05; echo $? > exit-code\' > log 2>&1 < /dev/null & echo $!';
    const result = await run(host, line);
    const pid = Number(result.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    expect(host.processes.list().map((p) => p.pid)).toContain(pid);
    for (let i = 0; i < 100 && host.processes.list().length > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(host.fs.readText('/home/demo/.pgx-companion/jobs/J/log')).toBe('working\n');
    expect(host.fs.readText('/home/demo/.pgx-companion/jobs/J/exit-code')).toBe('0\n');
  });

  it('kills a background job by pid, and kill -0 then says it is gone', async () => {
    const host = makeHost();
    const pid = Number((await run(host, 'sleep 30 & echo $!')).stdout.trim());
    expect((await run(host, `kill -0 ${pid}; echo $?`)).stdout).toBe('0\n');
    expect((await run(host, `kill ${pid}`)).status).toBe(0);
    await new Promise((r) => setTimeout(r, 10));
    expect(await run(host, `kill -0 ${pid}`)).toMatchObject({ status: 1, stderr: `bash: kill: (${pid}) - No such process\n` });
  });

  it('reports a full disk the way bash and coreutils do', async () => {
    const host = makeHost();
    host.store.update((s) => {
      s.faults['disk-full'] = true;
    }, Date.now());
    expect(await run(host, 'echo x > big.bin')).toMatchObject({ status: 1, stderr: 'bash: line 1: big.bin: No space left on device\n' });
  });
});

describe('demo box shell: the interactive terminal', () => {
  const terminal = () => {
    let output = '';
    let listener: (data: string) => void = () => {};
    let ended: number | undefined;
    return {
      output: () => output,
      ended: () => ended,
      type: (data: string) => listener(data),
      term: {
        write: (data: string) => (output += data),
        onData: (l: (data: string) => void) => ((listener = l), () => (listener = () => {})),
        end: (status: number) => (ended = status),
      },
    };
  };
  const settle = () => new Promise((r) => setTimeout(r, 20));

  it('greets, runs a line with CR-LF output, edits and recalls history, keeps Chinese intact', async () => {
    const t = terminal();
    startInteractiveShell(makeHost(), t.term, { cols: 80, rows: 24 });
    expect(t.output()).toContain('Welcome to the PGX Companion demo box');
    expect(t.output()).toContain('demo@pgx-demo');
    t.type('echo 你好🚀x');
    t.type('\x7f'); // backspace removes the x
    t.type('\r');
    await settle();
    expect(t.output()).toContain('你好🚀\r\n');
    t.type('\x1b[A'); // history
    t.type('\r');
    await settle();
    expect(t.output().split('你好🚀\r\n').length).toBeGreaterThanOrEqual(3);
  });

  it('Ctrl-C interrupts a running command and gives the prompt back; Ctrl-D logs out', async () => {
    const t = terminal();
    startInteractiveShell(makeHost(), t.term, { cols: 80, rows: 24 });
    t.type('ticker\r');
    await settle();
    expect(t.output()).toContain('tick 0');
    t.type('\x03');
    await settle();
    const after = t.output().length;
    await settle();
    expect(t.output().length).toBe(after); // it stopped
    expect(t.output()).toMatch(/\^C[\s\S]*\$ $/);
    t.type('\x04');
    expect(t.ended()).toBe(0);
  });

  it('a bracketed paste does not run its lines until Enter', async () => {
    const t = terminal();
    startInteractiveShell(makeHost(), t.term, { cols: 80, rows: 24 });
    t.type('\x1b[200~echo one\necho two\x1b[201~');
    await settle();
    expect(t.output()).not.toContain('one\r\n');
    t.type('\r');
    await settle();
    expect(t.output()).toContain('one echo two\r\n');
  });
});
