/**
 * The simulated `df` (GNU coreutils 9.4 on Ubuntu 24.04): -h/-H, -k, -B SIZE, -P, -T, -t/-x TYPE,
 * --output[=FIELDS] and path arguments, with coreutils' headers (`1B-blocks`, `Avail` vs
 * `Available`, `Capacity` with -P), column widths (source at least 14, numbers 5) and rounding up.
 */
import type { Program } from '../../io.js';
import { mountOf, mounts, type Mount } from './df-model.js';
import { humanSize } from './human-size.js';

type Field = 'source' | 'fstype' | 'itotal' | 'iused' | 'iavail' | 'ipcent' | 'size' | 'used' | 'avail' | 'pcent' | 'file' | 'target';

const fieldNames: readonly Field[] = ['source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent', 'size', 'used', 'avail', 'pcent', 'file', 'target'];

/** Minimum widths and alignment from coreutils' field_data[]. */
const layout: Readonly<Record<Field, { header: string; width: number; left: boolean }>> = {
  source: { header: 'Filesystem', width: 14, left: true },
  fstype: { header: 'Type', width: 4, left: true },
  itotal: { header: 'Inodes', width: 5, left: false },
  iused: { header: 'IUsed', width: 5, left: false },
  iavail: { header: 'IFree', width: 5, left: false },
  ipcent: { header: 'IUse%', width: 4, left: false },
  size: { header: 'blocks', width: 5, left: false },
  used: { header: 'Used', width: 5, left: false },
  avail: { header: 'Avail', width: 5, left: false },
  pcent: { header: 'Use%', width: 4, left: false },
  file: { header: 'File', width: 0, left: true },
  target: { header: 'Mounted on', width: 0, left: true },
};

type Units = { readonly kind: 'human'; readonly base: 1000 | 1024 } | { readonly kind: 'blocks'; readonly bytes: number; readonly label: string };

const usage = "Try 'df --help' for more information.\n";

/** `-B` SIZE: `1`, `K`, `1M`, `KB` (SI), `MiB`; undefined when invalid. */
const parseBlockSize = (text: string): Units | undefined => {
  const match = /^(\d*)([KMGTPE]?)(iB|B)?$/.exec(text);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const count = match[1] ? Number(match[1]) : 1;
  const power = match[2] ? 'KMGTPE'.indexOf(match[2]) + 1 : 0;
  const si = match[3] === 'B' && power > 0;
  const bytes = count * (si ? 1000 : 1024) ** power;
  if (bytes <= 0) return undefined;
  const label = power === 0 ? `${count}B` : `${count}${si && power === 1 ? 'k' : match[2]}${si ? 'B' : ''}`;
  return { kind: 'blocks', bytes, label };
};

const percent = (used: number, avail: number): string => (used + avail === 0 ? '-' : `${Math.ceil((used * 100) / (used + avail) - 1e-9)}%`);

const cellOf = (field: Field, m: Mount, units: Units, file: string): string => {
  const amount = (bytes: number) => (units.kind === 'human' ? humanSize(bytes, { base: units.base }) : String(Math.ceil(bytes / units.bytes)));
  switch (field) {
    case 'source':
      return m.source;
    case 'fstype':
      return m.fstype;
    case 'itotal':
      return String(m.inodes);
    case 'iused':
      return String(m.inodesUsed);
    case 'iavail':
      return String(m.inodes - m.inodesUsed);
    case 'ipcent':
      return percent(m.inodesUsed, m.inodes - m.inodesUsed);
    case 'size':
      return amount(m.sizeBytes);
    case 'used':
      return amount(m.usedBytes);
    case 'avail':
      return amount(m.availBytes);
    case 'pcent':
      return percent(m.usedBytes, m.availBytes);
    case 'file':
      return file;
    case 'target':
      return m.target;
  }
};

const table = (rows: ReadonlyArray<readonly string[]>, fields: readonly Field[]): string => {
  const widths = fields.map((f, i) => Math.max(layout[f].width, ...rows.map((r) => r[i]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (layout[fields[i]!].left ? (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)) : cell.padStart(widths[i]!)))
        .join(' '),
    )
    .map((line) => `${line}\n`)
    .join('');
};

export const df: Program = async (io) => {
  let units: Units = { kind: 'blocks', bytes: 1024, label: '1K' };
  let human = false;
  let posix = false;
  let printType = false;
  let output: Field[] | undefined;
  const include: string[] = [];
  const exclude: string[] = [];
  const paths: string[] = [];
  const fail = (message: string) => {
    io.error(`df: ${message}\n${usage}`);
    return 1;
  };
  const argv = [...io.argv];
  while (argv.length > 0) {
    const word = argv.shift()!;
    if (word === '--') {
      paths.push(...argv.splice(0));
    } else if (word.startsWith('--output')) {
      const list = word.includes('=') ? word.slice(word.indexOf('=') + 1).split(',') : [...fieldNames];
      const unknown = list.find((f) => !(fieldNames as readonly string[]).includes(f));
      if (unknown !== undefined) return fail(`option --output: field '${unknown}' unknown`);
      output = list as Field[];
    } else if (word.startsWith('--block-size=')) {
      const parsed = parseBlockSize(word.slice('--block-size='.length));
      if (!parsed) return fail(`invalid --block-size argument '${word.slice(13)}'`);
      units = parsed;
    } else if (word === '--human-readable') human = true;
    else if (word === '--si') units = { kind: 'human', base: 1000 };
    else if (word === '--portability') posix = true;
    else if (word === '--print-type') printType = true;
    else if (word === '--local' || word === '--all' || word === '--sync' || word === '--no-sync') continue;
    else if (word.startsWith('--type=')) include.push(word.slice(7));
    else if (word.startsWith('--exclude-type=')) exclude.push(word.slice(15));
    else if (word.startsWith('--')) return fail(`unrecognized option '${word}'`);
    else if (word.startsWith('-') && word.length > 1) {
      for (let i = 1; i < word.length; i += 1) {
        const flag = word[i]!;
        const rest = word.slice(i + 1);
        if (flag === 'h') human = true;
        else if (flag === 'H') units = { kind: 'human', base: 1000 };
        else if (flag === 'k') units = { kind: 'blocks', bytes: 1024, label: '1K' };
        else if (flag === 'P') posix = true;
        else if (flag === 'T') printType = true;
        else if (flag === 'l' || flag === 'a') continue;
        else if (flag === 'B' || flag === 't' || flag === 'x') {
          const value = rest !== '' ? rest : argv.shift();
          if (value === undefined) return fail(`option requires an argument -- '${flag}'`);
          if (flag === 'B') {
            const parsed = parseBlockSize(value);
            if (!parsed) return fail(`invalid -B argument '${value}'`);
            units = parsed;
          } else (flag === 't' ? include : exclude).push(value);
          break;
        } else return fail(`invalid option -- '${flag}'`);
      }
    } else paths.push(word);
  }
  if (human) units = { kind: 'human', base: 1024 };
  if (posix && output) return fail('options -P and --output are mutually exclusive');

  const all = mounts(io.read()).filter((m) => (include.length === 0 || include.includes(m.fstype)) && !exclude.includes(m.fstype));
  const selected: Array<{ mount: Mount; file: string }> = [];
  let code = 0;
  if (paths.length === 0) selected.push(...all.map((mount) => ({ mount, file: '-' })));
  for (const path of paths) {
    const resolved = io.fs.resolve(path, io.cwd);
    const known = all.some((m) => m.target === resolved);
    if (!known && !io.fs.exists(resolved)) {
      io.error(`df: ${path}: No such file or directory\n`);
      code = 1;
      continue;
    }
    selected.push({ mount: mountOf(all, resolved), file: path });
  }
  if (selected.length === 0) {
    if (code === 0) io.error('df: no file systems processed\n');
    return 1;
  }

  const fields: Field[] = output ?? ['source', ...(printType ? (['fstype'] as const) : []), 'size', 'used', 'avail', 'pcent', 'target'];
  const header = fields.map((f) => {
    if (f === 'size') {
      if (units.kind === 'human') return 'Size';
      return `${posix ? String(units.bytes) : units.label}-blocks`;
    }
    if (f === 'avail' && !output && units.kind !== 'human') return 'Available';
    if (f === 'pcent' && posix) return 'Capacity';
    return layout[f].header;
  });
  io.write(table([header, ...selected.map(({ mount, file }) => fields.map((f) => cellOf(f, mount, units, file)))], fields));
  return code;
};
