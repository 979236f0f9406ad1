/**
 * `tail -f` / `tail -F`: prints the end of each file, then what is appended, until interrupted.
 * -F follows the name: a file that is missing, replaced or truncated is picked up again.
 */
import { sleep } from './streams.js';
import type { CommandContext } from './types.js';
import { abs, readBoxFile, shq } from './util.js';

const timing = {
  /** GNU tail polls once a second without inotify; a quarter second keeps the demo lively. */
  pollMs: 250,
} as const;

interface Options {
  readonly lines: boolean;
  readonly count: number;
  readonly fromStart: boolean;
  readonly follow: 'f' | 'F' | undefined;
}

const tailBytes = (text: string, opts: Options): Buffer => {
  const bytes = Buffer.from(text);
  if (!opts.lines) return opts.fromStart ? bytes.subarray(Math.max(0, opts.count - 1)) : bytes.subarray(Math.max(0, bytes.length - opts.count));
  const all = text.split(/(?<=\n)/).filter((part) => part !== '');
  const kept = opts.fromStart ? all.slice(Math.max(0, opts.count - 1)) : opts.count === 0 ? [] : all.slice(-opts.count);
  return Buffer.from(kept.join(''));
};

export const follow = async (ctx: CommandContext, names: readonly string[], opts: Options, headers: boolean): Promise<number> => {
  const byName = opts.follow === 'F';
  const files = names.map((name) => ({ name, path: abs(ctx, name), offset: -1, mtime: 0 }));
  let lastShown: string | undefined;
  const show = (name: string, text: string) => {
    if (text.length === 0) return;
    if (headers && lastShown !== name) ctx.write(`${lastShown === undefined ? '' : '\n'}==> ${name} <==\n`);
    lastShown = name;
    ctx.write(text);
  };
  for (const file of files) {
    const read = readBoxFile(ctx, file.name);
    if (!read.ok) {
      ctx.error(`tail: cannot open ${shq(file.name)} for reading: ${read.reason}\n`);
      continue;
    }
    if (headers) {
      ctx.write(`${lastShown === undefined ? '' : '\n'}==> ${file.name} <==\n`);
      lastShown = file.name;
    }
    ctx.write(tailBytes(read.text, opts).toString());
    file.offset = Buffer.byteLength(read.text);
    file.mtime = ctx.host.fs.stat(file.path).mtimeMs;
  }
  if (!byName && files.every((f) => f.offset < 0)) {
    ctx.error('tail: no files remaining\n');
    return 1;
  }
  while (await sleep(timing.pollMs, ctx.signal)) {
    for (const file of files) {
      if (!byName && file.offset < 0) continue;
      let size: number;
      let mtime: number;
      try {
        const stat = ctx.host.fs.stat(file.path);
        size = stat.size;
        mtime = stat.mtimeMs;
      } catch {
        if (byName && file.offset >= 0) {
          ctx.error(`tail: ${shq(file.name)} has become inaccessible: No such file or directory\n`);
          file.offset = -1;
        }
        continue;
      }
      if (file.offset < 0) {
        ctx.error(`tail: ${shq(file.name)} has appeared;  following new file\n`);
        file.offset = 0;
      } else if (size < file.offset) {
        ctx.error(`tail: ${file.name}: file truncated\n`);
        file.offset = 0;
      } else if (size === file.offset && mtime === file.mtime) continue;
      const read = readBoxFile(ctx, file.name);
      if (!read.ok) continue;
      const bytes = Buffer.from(read.text);
      show(file.name, bytes.subarray(file.offset).toString());
      file.offset = bytes.length;
      file.mtime = mtime;
    }
  }
  return 130;
};
