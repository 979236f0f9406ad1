/**
 * Terminal throughput: `cat` of a large text file on the box, through the whole path (SSH
 * channel → backend → WebSocket → xterm in Chromium), against OpenSSH's own `ssh host cat` to
 * /dev/null on the same sshd, and against the screen's own limit: the same tab's xterm fed from the
 * page itself, with no SSH and no backend (what the whole path cannot beat). Memory (backend RSS, renderer JS heap) is read at the start, the
 * middle and the end of the run, to show it stays flat while hundreds of MiB go through.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startBrowserMode } from '../e2e/harness/browser-mode.js';
import { startSshd, type Sshd } from '../e2e/harness/sshd.js';
import { addSshdDevice, terminalId, terminalText, updateSettings, waitForPrompt } from '../e2e/helpers.js';
// The page's window.pgxTerminal (stats, text and size of each tab), declared by the renderer.
import type {} from '../renderer/terminal/terminal-store.js';
import { line, median } from './report.js';

const limits = {
  /** Random bytes behind the test file: base64 makes 256 MiB of text of them, in 200-column lines. */
  rawBytes: 192 * 2 ** 20,
  lineColumns: 200,
  /** The run is over once xterm parsed nothing for this long. */
  quietMs: 1000,
  /** How often the bench reads the page's counters while the file streams. */
  pollMs: 100,
  /** Output must start this soon after Enter (a missing file or a dead shell would never start it). */
  startTimeoutMs: 15_000,
  /** Generous for the slowest renderer: 256 MiB at 3 MiB/s. */
  runTimeoutMs: 90_000,
} as const;

const MiB = 2 ** 20;
const rate = (bytes: number, ms: number) => `${(bytes / MiB / (ms / 1000)).toFixed(1)} MiB/s`;

/** Milliseconds of `ssh host COMMAND`, stdout to /dev/null, with the harness's client key. */
const timeSsh = (sshd: Sshd, command: string): number => {
  const args = [
    '-F', '/dev/null',
    '-i', sshd.clientKey.privateKeyPath,
    '-p', String(sshd.port),
    '-o', 'StrictHostKeyChecking=no',
    '-o', `UserKnownHostsFile=${join(sshd.dir, 'bench_known_hosts')}`,
    '-o', 'BatchMode=yes',
    '-o', 'LogLevel=ERROR',
    `${sshd.user}@127.0.0.1`,
    command,
  ];
  const started = performance.now();
  const result = spawnSync('ssh', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`ssh ${command} failed (${String(result.status)}): ${result.stderr}`);
  return ms;
};

/**
 * OpenSSH's best case: the file straight to /dev/null. The median connection set-up (`ssh host
 * true`) is subtracted, since the full path is timed from its first byte on an open shell.
 */
const rawSshCat = (sshd: Sshd, file: string, bytes: number): { mibps: number; setupMs: number } => {
  // The harness key is not authorized (the box is added by password): authorize it for OpenSSH.
  appendFileSync(sshd.authorizedKeysPath, `${sshd.clientKey.publicKey}\n`);
  const setupMs = median([0, 1, 2].map(() => timeSsh(sshd, 'true')));
  const catMs = median([0, 1, 2].map(() => timeSsh(sshd, `cat ${file}`)));
  return { mibps: bytes / MiB / ((catMs - setupMs) / 1000), setupMs };
};

const waitFor = async (what: string, timeoutMs: number, check: () => Promise<boolean>) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, limits.pollMs));
  }
};

interface Sample {
  readonly parsedBytes: number;
  /** performance.now() in the page when xterm finished parsing the last batch. */
  readonly lastParsedAt: number;
  /** performance.now() in the page when this sample was read. */
  readonly now: number;
}

const sample = (page: Page, id: string): Promise<Sample> =>
  page.evaluate((tid) => {
    const stats = window.pgxTerminal!.stats(tid)!;
    return { parsedBytes: stats.parsedBytes, lastParsedAt: stats.lastParsedAt, now: performance.now() };
  }, id);

interface Memory {
  readonly rssMiB: number;
  readonly heapMiB: number;
}

/** Opens a box tab with tmux off (tmux redraws screens instead of passing every byte on); returns its terminal id. */
const openPlainTab = async (page: Page, url: string, sshd: Sshd): Promise<string> => {
  await page.goto(url);
  await updateSettings(page, { terminal: { useTmux: false } });
  await page.reload();
  // The Add device dialog, by password once (the app then installs its own key), as a user would.
  await addSshdDevice(page, sshd);
  await page.getByTestId('nav-terminal').click();
  await page.getByTestId('terminal-new').click();
  const id = await terminalId(page);
  await waitForPrompt(page, id, limits.startTimeoutMs);
  // The PTY takes the pane's size a moment after the prompt is drawn.
  await page.waitForTimeout(300);
  return id;
};

export const terminalThroughput = async () => {
  process.stdout.write('\nTerminal: sustained output through the whole path (target: ≥ 0.5× raw ssh cat)\n');
  const sshd = await startSshd({ authorizeClientKey: false });
  const file = join(sshd.home, 'bench-cat.txt');
  try {
    if (!sshd.canPassword) {
      line('  skipped', '—', 'adding a box by password needs the harness to run as root');
      return;
    }
    const made = spawnSync('sh', ['-c', `head -c ${limits.rawBytes} /dev/urandom | base64 -w ${limits.lineColumns} > ${file} && chown ${sshd.user} ${file}`], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`could not write the test file: ${made.stderr}`);
    const fileBytes = statSync(file).size;
    const fileLines = Math.ceil(fileBytes / (limits.lineColumns + 1));
    line('  test file', `${(fileBytes / MiB).toFixed(1)} MiB`, `base64 text in ${limits.lineColumns}-column lines (${fileLines.toLocaleString('en')} lines)`);

    const raw = rawSshCat(sshd, file, fileBytes);
    line('  OpenSSH ssh cat > /dev/null (median of 3)', `${raw.mibps.toFixed(1)} MiB/s`, `connection set-up (${raw.setupMs.toFixed(0)} ms) subtracted`);

    const app = await startBrowserMode();
    const browser = await chromium.launch({ executablePath: process.env['PGX_CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      const id = await openPlainTab(page, app.url, sshd);
      const cdp = await page.context().newCDPSession(page);
      // The heap after a forced GC: what the page holds, not the garbage it has yet to collect.
      // (One collection each at the start and the middle costs the timed run a few ms.)
      const memory = async (): Promise<Memory> => {
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${app.process.pid}/status`, 'utf8'))![1]) * 1024;
        return { rssMiB: rss / MiB, heapMiB: heap.usedSize / MiB };
      };

      const command = `cat ${file}`;
      await page.keyboard.type(command);
      // The typed command's echo is not part of the run: wait for it before Enter.
      await waitFor('the command echo', limits.startTimeoutMs, async () => (await terminalText(page, id)).includes(command));
      const before = await sample(page, id);
      await page.keyboard.press('Enter');

      let first = before;
      await waitFor('output to start', limits.startTimeoutMs, async () => (first = await sample(page, id)).parsedBytes > before.parsedBytes);
      const atStart = await memory();
      let atMiddle: Memory | undefined;
      let last = first;
      await waitFor('output to stop', limits.runTimeoutMs, async () => {
        last = await sample(page, id);
        if (!atMiddle && last.parsedBytes - before.parsedBytes >= fileBytes / 2) atMiddle = await memory();
        return last.now - last.lastParsedAt >= limits.quietMs;
      });
      const atEnd = await memory();
      const renderer = await page.evaluate((tid) => window.pgxTerminal!.size(tid)!.renderer, id);
      const total = last.parsedBytes - before.parsedBytes;
      if (!atMiddle || total < fileBytes) throw new Error(`the cat stopped early: ${total} of ${fileBytes} bytes parsed`);

      // Timed between two parse completions, both page-side: the bytes parsed in between over the time between.
      const ms = last.lastParsedAt - first.lastParsedAt;
      const bytes = last.parsedBytes - first.parsedBytes;
      const mibps = bytes / MiB / (ms / 1000);
      line('  PGX Companion: ssh → backend → ws → xterm', rate(bytes, ms), `ratio ${(mibps / raw.mibps).toFixed(2)}× (target ≥ 0.5×)`);
      line('  timed window (page clock)', `${(bytes / MiB).toFixed(1)} MiB in ${(ms / 1000).toFixed(1)} s`, 'from the first parsed batch to the last');
      line('  bytes xterm parsed after Enter', `${(total / MiB).toFixed(1)} MiB`, `the file + ${(total - fileBytes).toLocaleString('en')} B (the PTY’s \\r before each \\n, the prompt)`);
      line(
        '  xterm renderer',
        renderer,
        renderer === 'dom' ? 'Chromium here has no GPU (SwiftShader): the app draws with xterm’s DOM renderer' : 'WebGL on a real GPU',
      );
      // The screen's own limit, in the same page and tab: xterm fed from the page, no SSH, no backend.
      const limitLines = Math.round((64 * MiB) / (limits.lineColumns + 2));
      const screen = await page.evaluate(({ tid, n, columns, queue }) => window.pgxTerminal!.screenLimit(tid, n, columns, queue)!, { tid: id, n: limitLines, columns: limits.lineColumns, queue: 256 * 1024 });
      line('  xterm alone in this page (the screen’s limit)', `${screen.toFixed(1)} MiB/s`, `64 MiB fed from the page; the whole path reaches ${(mibps / screen).toFixed(2)}× of it`);
      const memories = [atStart, atMiddle, atEnd];
      const trend = (pick: (m: Memory) => number) => memories.map((m) => pick(m).toFixed(0)).join(' → ') + ' MiB';
      line('  backend RSS: start → middle → end', trend((m) => m.rssMiB), 'VmRSS of the Node backend (its GC runs when it will)');
      line('  renderer JS heap: start → middle → end', trend((m) => m.heapMiB), 'after a forced GC (xterm’s cell buffers are typed arrays, outside it)');
    } finally {
      await browser.close();
      await app.stop();
    }
  } finally {
    rmSync(file, { force: true });
    // Nothing should run tmux with it off; anything left goes with the test user.
    spawnSync('pkill', ['-u', sshd.user, 'tmux']);
    await sshd.stop();
  }
};
