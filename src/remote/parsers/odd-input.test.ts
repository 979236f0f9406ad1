import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDf } from './df.js';
import { parseFree } from './free.js';
import { parseLscpu } from './lscpu.js';
import { parseComputeApps } from './nvidia-smi-compute-apps.js';
import { parseDmon, parsePmon } from './nvidia-smi-dmon.js';
import { parseNvidiaSmiQ } from './nvidia-smi-q.js';
import { parseQueryGpu } from './nvidia-smi-query-gpu.js';
import { parseNvidiaSmiTable } from './nvidia-smi-table.js';
import { parseLoadAvg } from './proc-loadavg.js';
import { parseMeminfo } from './proc-meminfo.js';
import { parseNetDev } from './proc-net-dev.js';
import { parseProcStat } from './proc-stat.js';
import { parseProcUptime } from './proc-uptime.js';
import { parseDgxRelease, parseNvccVersion, parseOsRelease, parseSmiVersion, parseUname } from './system-info.js';
import { parseUptimeLine } from './uptime.js';

const parsers: ReadonlyArray<readonly [string, (text: string) => { ok: boolean }]> = [
  ['table', parseNvidiaSmiTable],
  ['query-gpu', (t) => parseQueryGpu(t, 'index,name,memory.total,power.draw')],
  ['compute-apps', (t) => parseComputeApps(t, 'pid,process_name,used_memory')],
  ['q', parseNvidiaSmiQ],
  ['dmon', parseDmon],
  ['pmon', parsePmon],
  ['version', parseSmiVersion],
  ['meminfo', parseMeminfo],
  ['stat', parseProcStat],
  ['net-dev', parseNetDev],
  ['loadavg', parseLoadAvg],
  ['uptime-file', parseProcUptime],
  ['lscpu', parseLscpu],
  ['df', parseDf],
  ['free', parseFree],
  ['uname', parseUname],
  ['os-release', parseOsRelease],
  ['dgx-release', parseDgxRelease],
  ['nvcc', parseNvccVersion],
  ['uptime', parseUptimeLine],
];

const dir = new URL('../../../e2e/fixtures/captures/', import.meta.url);
const captures = readdirSync(dir)
  .filter((name) => statSync(new URL(name, dir)).isFile())
  .map((name) => readFileSync(new URL(name, dir), 'utf8'));

/** Every capture cut short at odd places, every capture fed to every parser, and plain junk. */
const inputs = [
  '',
  '\n\n\n',
  '\u0000\u0001\u00ff|||:::',
  '| | |\n|===+===|\n| 0 | x | y |\n',
  'x'.repeat(100_000),
  '# gpu\n# Idx\n    0 1 2 3 4 5 6 7 8 9 10 11 12 13',
  'Inter-|\n lo: a b c',
  'MemTotal: lots kB',
  ...captures,
  ...captures.flatMap((text) => [0.13, 0.5, 0.77].map((cut) => text.slice(0, Math.floor(text.length * cut)))),
];

describe('every parser on odd input', () => {
  for (const [name, parse] of parsers) {
    it(`${name} returns a result and never throws`, () => {
      for (const input of inputs) {
        const result = parse(input);
        expect(typeof result.ok).toBe('boolean');
      }
    });
  }
});
