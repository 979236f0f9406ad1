/** Checksums and encodings: sha256sum, md5sum (with -c), base64; and the `read` builtin. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lines, readAll } from './streams.js';
import type { Builtin, CommandContext } from './types.js';
import { abs, flagsOr, statOf } from './util.js';

type Digest = { ok: true; hex: string } | { ok: false; reason: string };

/** Hashes a box file by its bytes (models are binary), a virtual file by its text, or stdin. */
const digestOf = async (ctx: CommandContext, algorithm: 'sha256' | 'md5', name: string): Promise<Digest> => {
  const hash = createHash(algorithm);
  if (name === '-') return { ok: true, hex: hash.update(await readAll(ctx.stdin, ctx.signal)).digest('hex') };
  const path = abs(ctx, name);
  const virtual = ctx.host.virtualFile(path);
  if (virtual !== undefined) return { ok: true, hex: hash.update(virtual).digest('hex') };
  const stat = statOf(ctx, path);
  if (!stat) return { ok: false, reason: 'No such file or directory' };
  if (stat.isDirectory) return { ok: false, reason: 'Is a directory' };
  for await (const chunk of createReadStream(ctx.host.fs.hostPath(path))) {
    hash.update(chunk as Buffer);
    if (ctx.signal.aborted) break;
  }
  return { ok: true, hex: hash.digest('hex') };
};

const checksum =
  (algorithm: 'sha256' | 'md5'): Builtin =>
  async (ctx) => {
    const flags = flagsOr(ctx, { bool: 'cbtwz', long: { check: { as: 'c', value: false }, status: { as: 'S', value: false }, quiet: { as: 'q', value: false }, binary: { as: 'b', value: false }, text: { as: 't', value: false } } });
    if (typeof flags === 'number') return flags;
    const tool = ctx.name;
    const names = flags.operands.length > 0 ? flags.operands : ['-'];
    let status = 0;
    if (!flags.has('c')) {
      for (const name of names) {
        const digest = await digestOf(ctx, algorithm, name);
        if (digest.ok) ctx.write(`${digest.hex}  ${name}\n`);
        else {
          ctx.error(`${tool}: ${name}: ${digest.reason}\n`);
          status = 1;
        }
      }
      return status;
    }
    let failed = 0;
    let unreadable = 0;
    for (const list of names) {
      const source = list === '-' ? ctx.stdin : (async function* () {
        const path = abs(ctx, list);
        yield ctx.host.virtualFile(path) ?? (statOf(ctx, path) ? ctx.host.fs.readText(path) : '');
      })();
      if (list !== '-' && !statOf(ctx, list)) {
        ctx.error(`${tool}: ${list}: No such file or directory\n`);
        status = 1;
        continue;
      }
      for await (const raw of lines(source)) {
        const match = /^([0-9a-fA-F]+) [ *](.+)$/.exec(raw.replace(/\n$/, ''));
        if (!match) continue;
        const digest = await digestOf(ctx, algorithm, match[2]!);
        if (!digest.ok) {
          ctx.error(`${tool}: ${match[2]}: ${digest.reason}\n`);
          if (!flags.has('S')) ctx.write(`${match[2]}: FAILED open or read\n`);
          unreadable += 1;
        } else if (digest.hex !== match[1]!.toLowerCase()) {
          if (!flags.has('S')) ctx.write(`${match[2]}: FAILED\n`);
          failed += 1;
        } else if (!flags.has('S') && !flags.has('q')) ctx.write(`${match[2]}: OK\n`);
      }
    }
    if (unreadable > 0 && !flags.has('S')) ctx.error(`${tool}: WARNING: ${unreadable} listed file${unreadable > 1 ? 's' : ''} could not be read\n`);
    if (failed > 0 && !flags.has('S')) ctx.error(`${tool}: WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match\n`);
    return status || (failed > 0 || unreadable > 0 ? 1 : 0);
  };

const base64: Builtin = async (ctx) => {
  const flags = flagsOr(ctx, { bool: 'di', value: 'w', long: { decode: { as: 'd', value: false }, wrap: { as: 'w', value: true }, 'ignore-garbage': { as: 'i', value: false } } });
  if (typeof flags === 'number') return flags;
  const name = flags.operands[0] ?? '-';
  let input: Buffer;
  if (name === '-') input = Buffer.from(await readAll(ctx.stdin, ctx.signal));
  else {
    const path = abs(ctx, name);
    const virtual = ctx.host.virtualFile(path);
    if (virtual === undefined && !statOf(ctx, path)) {
      ctx.error(`base64: ${name}: No such file or directory\n`);
      return 1;
    }
    input = virtual !== undefined ? Buffer.from(virtual) : Buffer.from(ctx.host.fs.readText(path));
  }
  if (flags.has('d')) {
    const text = input.toString().replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) && !flags.has('i')) {
      ctx.write(Buffer.from(text.replace(/[^A-Za-z0-9+/=].*$/, ''), 'base64').toString());
      ctx.error('base64: invalid input\n');
      return 1;
    }
    ctx.write(Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString());
    return 0;
  }
  const wrap = Number(flags.get('w') ?? 76);
  const encoded = input.toString('base64');
  const wrapped = wrap > 0 ? (encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []).join('\n') : encoded;
  ctx.write(wrapped.length > 0 ? `${wrapped}\n` : '');
  return 0;
};

/** `read [-r] NAME…`: one line of stdin into variables (the last takes the rest). */
const read: Builtin = async (ctx) => {
  const names = ctx.argv.filter((a) => !a.startsWith('-'));
  const raw = ctx.argv.includes('-r');
  let line: string | undefined;
  for await (const text of lines(ctx.stdin)) {
    line = text;
    break;
  }
  if (line === undefined) return 1;
  let body = line.replace(/\n$/, '');
  if (!raw) body = body.replace(/\\(.)/g, '$1');
  const targets = names.length > 0 ? names : ['REPLY'];
  const parts = targets.length === 1 ? [body.trim()] : body.trim().split(/[ \t]+/);
  targets.forEach((name, i) => {
    ctx.state.vars[name] = i === targets.length - 1 ? parts.slice(i).join(' ') : (parts[i] ?? '');
  });
  return line.endsWith('\n') ? 0 : 1;
};

export const dataBuiltins: Record<string, Builtin> = { sha256sum: checksum('sha256'), md5sum: checksum('md5'), base64, read };
