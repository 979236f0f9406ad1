/**
 * Open in Nsight Systems on this computer: an `nsys-ui` on PATH is found and started with the
 * report (a stand-in script records what it was given); none installed, or a report that is no
 * longer there, answers "not opened" with the download link instead of starting anything.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nsightDownloadUrl } from '../../../src/recipes/nsight-locate.js';
import { findNsight, openInNsight } from './nsight-open.js';
import { until } from '../service-test-kit.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgx-nsight-'));
  dirs.push(dir);
  return dir;
};

describe.runIf(process.platform === 'linux')('openInNsight', () => {
  it('finds nsys-ui on PATH and starts it with the report', async () => {
    const bin = temp();
    const seen = join(bin, 'argv.txt');
    writeFileSync(join(bin, 'nsys-ui'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\n`);
    chmodSync(join(bin, 'nsys-ui'), 0o755);
    const report = join(temp(), 'trt window "1".nsys-rep');
    writeFileSync(report, 'report');

    const found = findNsight('linux', { PATH: `/nonexistent:${bin}` });
    expect(found).toEqual({ kind: 'executable', path: join(bin, 'nsys-ui') });
    expect(openInNsight(report, found)).toEqual({ opened: true, app: join(bin, 'nsys-ui'), downloadUrl: nsightDownloadUrl });
    await until(() => existsSync(seen) && readFileSync(seen, 'utf8') !== '', 5_000, 'nsys-ui to start');
    expect(readFileSync(seen, 'utf8')).toBe(`${report}\n`);
  });

  it('none installed: not opened, with where to get it', () => {
    const report = join(temp(), 'r.nsys-rep');
    writeFileSync(report, 'report');
    expect(findNsight('linux', { PATH: temp() })).toBeNull();
    expect(openInNsight(report, null)).toEqual({ opened: false, app: null, downloadUrl: nsightDownloadUrl });
  });

  it('a report that is gone is not handed to Nsight', () => {
    const bin = temp();
    writeFileSync(join(bin, 'nsys-ui'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'nsys-ui'), 0o755);
    const found = findNsight('linux', { PATH: bin });
    expect(openInNsight(join(bin, 'missing.nsys-rep'), found)).toEqual({ opened: false, app: join(bin, 'nsys-ui'), downloadUrl: nsightDownloadUrl });
  });
});
