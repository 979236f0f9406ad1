/**
 * The file manager's browse calls against the demo box's SFTP server and shell: hostile names
 * made, listed and renamed intact; folders first; a link to a folder shows as one; rename never
 * replaces; a folder is deleted with everything in it; the cache sizes come from du.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src/contract/errors.js';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { laptopOn, runCleanups, testDemoBox } from '../service-test-kit.js';
import { BrowseService } from './browse-service.js';

afterEach(runCleanups);

const setUp = async () => {
  const box = await testDemoBox('browse');
  const laptop = await laptopOn(box);
  const browse = new BrowseService(() => laptop.connection);
  const home = (await browse.list('demo', '~')).path;
  return { box, laptop, browse, home };
};

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw error;
  }
  throw new Error('expected a failure');
};

/** Names a file manager must show and pass back byte for byte (no NUL, no slash: those cannot be names). */
const hostileNames = [...new Set(hostileStrings.filter((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('/') && !s.includes('\0') && s.length <= 255))];

describe('browsing the box over SFTP', () => {
  it('expands ~, lists folders first then by name, and gives each entry its kind, size, time and mode', async () => {
    const { laptop, browse, home } = await setUp();
    expect(home).toMatch(/^\/home\/\w+$/);
    await laptop.connection.exec("mkdir -p ~/t/zeta ~/t/Alpha && printf 12345 > ~/t/b.txt && printf x > ~/t/a10 && printf x > ~/t/a9 && chmod 640 ~/t/b.txt");
    const listed = await browse.list('demo', '~/t');
    expect(listed.path).toBe(`${home}/t`);
    expect(listed.parent).toBe(home);
    expect(listed.entries.map((e) => e.name)).toEqual(['Alpha', 'zeta', 'a9', 'a10', 'b.txt']);
    const file = listed.entries.find((e) => e.name === 'b.txt')!;
    expect(file).toMatchObject({ path: `${home}/t/b.txt`, kind: 'file', target: null, size: 5, mode: 0o640 });
    expect(Math.abs(file.mtime - Date.now())).toBeLessThan(60_000);
    expect((await browse.list('demo', `${home}/t/zeta/..`)).path).toBe(`${home}/t`);
    expect((await browse.list('demo', '/')).parent).toBeNull();
  });

  it('shows a link to a folder as a folder to open, and a broken link without a target', async () => {
    const { laptop, browse } = await setUp();
    await laptop.connection.exec('mkdir -p ~/l/real && ln -s ~/l/real ~/l/to-dir && ln -s ~/l/nothing ~/l/broken');
    const { entries } = await browse.list('demo', '~/l');
    expect(entries.map((e) => [e.name, e.kind, e.target])).toEqual([
      ['real', 'dir', null],
      ['to-dir', 'link', 'dir'],
      ['broken', 'link', null],
    ]);
  });

  it('makes, lists and renames hostile names intact', async () => {
    const { browse, home } = await setUp();
    const dir = (await browse.mkdir('demo', home, 'hostile')).path;
    for (const [i, name] of hostileNames.entries()) {
      const made = await browse.mkdir('demo', dir, name);
      expect(made, JSON.stringify(name)).toMatchObject({ name, path: `${dir}/${name}`, kind: 'dir' });
      if (i % 3 === 0) expect((await browse.rename('demo', made.path, `${name} renamed`)).name).toBe(`${name} renamed`);
    }
    const names = (await browse.list('demo', dir)).entries.map((e) => e.name).sort();
    expect(names).toEqual(hostileNames.map((n, i) => (i % 3 === 0 ? `${n} renamed` : n)).sort());
  });

  it('refuses to make or rename onto a name that is there, and says what is missing', async () => {
    const { laptop, browse, home } = await setUp();
    await laptop.connection.exec('mkdir -p ~/r && printf keep > ~/r/kept && printf other > ~/r/other');
    expect(await failure(browse.rename('demo', `${home}/r/other`, 'kept'))).toMatchObject({ code: 'conflict', message: `“kept” already exists in ${home}/r.` });
    expect(await failure(browse.mkdir('demo', `${home}/r`, 'kept'))).toMatchObject({ code: 'conflict' });
    expect((await laptop.connection.exec('cat ~/r/kept')).stdout).toBe('keep');
    expect(await failure(browse.list('demo', '~/nowhere'))).toMatchObject({ code: 'not-found' });
    expect(await failure(browse.rename('demo', 'r/other', 'x'))).toMatchObject({ code: 'bad-request' });
  });

  it('deletes a file, and a folder with everything in it, but never the home folder or the root', async () => {
    const { laptop, browse, home } = await setUp();
    await laptop.connection.exec(`mkdir -p ~/d/"it's \\"deep\\""/inner && printf x > ~/d/"it's \\"deep\\""/inner/f && printf y > ~/d/loose`);
    await browse.delete('demo', `${home}/d/loose`);
    await browse.delete('demo', `${home}/d/it's "deep"`);
    expect((await browse.list('demo', '~/d')).entries).toEqual([]);
    expect(await failure(browse.delete('demo', home))).toMatchObject({ code: 'bad-request' });
    expect(await failure(browse.delete('demo', '/home'))).toMatchObject({ code: 'bad-request' });
    expect((await browse.list('demo', '~')).entries.some((e) => e.name === 'd')).toBe(true);
  });

  it('measures the caches with one du, and a folder that is not there is null', async () => {
    const { laptop, browse, home } = await setUp();
    await laptop.connection.exec('mkdir -p ~/pgx-companion/profiles && printf 1234567890 > ~/pgx-companion/profiles/r.nsys-rep');
    const before = laptop.executed.length;
    const folders = await browse.cacheSizes('demo');
    expect(laptop.executed.length - before).toBe(1);
    const byKey = Object.fromEntries(folders.map((f) => [f.key, f]));
    expect(byKey['nsys-reports']).toEqual({ key: 'nsys-reports', path: `${home}/pgx-companion/profiles`, bytes: 4096 + 10 });
    expect(byKey['llamafactory-output']).toEqual({ key: 'llamafactory-output', path: `${home}/LLaMA-Factory/saves`, bytes: null });
    expect(byKey['huggingface']!.path).toBe(`${home}/.cache/huggingface/hub`);
  });
});
