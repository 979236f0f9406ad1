/**
 * nvidia-smi's command line, as far as the simulator supports it, with the real tool's messages
 * for what it rejects (captured from public issues): unknown options, missing values, --format
 * without a query, a query without --format, unknown fields.
 */
import { computeAppFields, gpuFields, splitFieldList } from '../../../../../src/remote/parsers/nvidia-smi-fields.js';
import { defaultDmonGroups, dmonLetters } from './smi-dmon.js';
import { displaySections } from './smi-q.js';

export type SmiCommand =
  | { readonly kind: 'table'; readonly loopMs: number | undefined }
  | { readonly kind: 'version' }
  | { readonly kind: 'help' }
  | { readonly kind: 'list' }
  | { readonly kind: 'q'; readonly loopMs: number | undefined; readonly display: readonly string[] | undefined }
  | { readonly kind: 'query-gpu' | 'query-compute-apps'; readonly fields: readonly string[]; readonly header: boolean; readonly units: boolean; readonly loopMs: number | undefined }
  | { readonly kind: 'dmon'; readonly groups: string; readonly count: number | undefined; readonly delaySeconds: number; readonly stamp: string }
  | { readonly kind: 'pmon'; readonly count: number | undefined; readonly delaySeconds: number };

export type SmiParse = { readonly ok: true; readonly command: SmiCommand } | { readonly ok: false; readonly message: string; readonly code: number };

/** Exit code of nvidia-smi for a bad command line (NVML_ERROR_INVALID_ARGUMENT). */
const badArgs = 2;

const help = "Please run 'nvidia-smi -h' for help.";
const notRecognized = (option: string): SmiParse => ({ ok: false, code: badArgs, message: `ERROR: Option ${option} is not recognized. ${help}\n\n` });
const missingValue = (option: string): SmiParse => ({ ok: false, code: badArgs, message: `ERROR: Option ${option} is missing its value. ${help}\n\n` });
const invalidCombination: SmiParse = { ok: false, code: badArgs, message: `Invalid combination of input arguments. ${help}\n\n` };

/** Splits `--name=value` and takes the next word for `--name value` / `-l 5`. */
const reader = (argv: readonly string[]) => {
  let i = 0;
  return {
    done: () => i >= argv.length,
    next: () => argv[i++]!,
    value: (word: string): string | undefined => {
      const eq = word.indexOf('=');
      if (word.startsWith('--') && eq > 0) return word.slice(eq + 1);
      return argv[i] === undefined ? undefined : argv[i++];
    },
  };
};

const positiveInt = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined);

const parseDmon = (argv: readonly string[]): SmiParse => {
  const args = reader(argv);
  let groups = defaultDmonGroups;
  let count: number | undefined;
  let delaySeconds = 1;
  let stamp = '';
  while (!args.done()) {
    const word = args.next();
    const name = word.split('=')[0]!;
    const value = ['-s', '-c', '-d', '-o', '-i', '--id'].includes(name) ? args.value(word) : undefined;
    if (['-s', '-c', '-d', '-o', '-i', '--id'].includes(name) && value === undefined) return missingValue(name);
    if (name === '-s') {
      if (![...value!].every((letter) => dmonLetters.has(letter))) return notRecognized(value!);
      groups = value!;
    } else if (name === '-c') {
      if (positiveInt(value) === undefined) return missingValue(name);
      count = positiveInt(value);
    } else if (name === '-d') {
      if (positiveInt(value) === undefined) return missingValue(name);
      delaySeconds = positiveInt(value)!;
    } else if (name === '-o') {
      if (!/^[DTdt]{1,2}$/.test(value!)) return notRecognized(value!);
      stamp = value!;
    } else if (name === '-i' || name === '--id') {
      if (value !== '0') return { ok: false, code: 6, message: 'No devices were found\n' };
    } else return notRecognized(word);
  }
  return { ok: true, command: { kind: 'dmon', groups, count, delaySeconds, stamp } };
};

/** pmon takes dmon's -c/-d/-i; only the default utilization group (-s u) is simulated. */
const parsePmon = (argv: readonly string[]): SmiParse => {
  const groupsAt = argv.indexOf('-s');
  if (groupsAt >= 0 && argv[groupsAt + 1] !== 'u') return notRecognized(argv[groupsAt + 1] ?? '-s');
  const rest = groupsAt >= 0 ? [...argv.slice(0, groupsAt), ...argv.slice(groupsAt + 2)] : argv;
  const parsed = parseDmon(rest);
  if (!parsed.ok || parsed.command.kind !== 'dmon') return parsed;
  if (parsed.command.stamp !== '') return notRecognized(parsed.command.stamp);
  return { ok: true, command: { kind: 'pmon', count: parsed.command.count, delaySeconds: parsed.command.delaySeconds } };
};

export const parseSmiArgs = (argv: readonly string[]): SmiParse => {
  if (argv[0] === 'dmon') return parseDmon(argv.slice(1));
  if (argv[0] === 'pmon') return parsePmon(argv.slice(1));
  const args = reader(argv);
  let mode: 'table' | 'version' | 'help' | 'list' | 'q' | 'query-gpu' | 'query-compute-apps' = 'table';
  let fieldList: string | undefined;
  let format: string | undefined;
  let loopMs: number | undefined;
  let display: string[] | undefined;
  while (!args.done()) {
    const word = args.next();
    const name = word.startsWith('--') ? word.split('=')[0]! : word;
    switch (name) {
      case '-d':
      case '--display': {
        const value = args.value(word);
        if (value === undefined) return missingValue(name);
        display = value.split(',').map((type) => type.trim().toUpperCase());
        if (display.some((type) => displaySections[type] === undefined)) return invalidCombination;
        break;
      }
      case '--version':
        mode = 'version';
        break;
      case '-h':
      case '--help':
        mode = 'help';
        break;
      case '-L':
      case '--list-gpus':
        mode = 'list';
        break;
      case '-q':
      case '--query':
        mode = 'q';
        break;
      case '--query-gpu':
      case '--query-compute-apps': {
        const value = args.value(word);
        if (value === undefined) return missingValue(name);
        mode = name === '--query-gpu' ? 'query-gpu' : 'query-compute-apps';
        fieldList = value;
        break;
      }
      case '--format': {
        const value = args.value(word);
        if (value === undefined) return missingValue(name);
        format = value;
        break;
      }
      case '-l':
      case '--loop':
      case '-lms':
      case '--loop-ms': {
        const value = args.value(word);
        const n = positiveInt(value);
        if (n === undefined) return missingValue(name);
        loopMs = name === '-l' || name === '--loop' ? n * 1000 : n;
        break;
      }
      case '-i':
      case '--id': {
        const value = args.value(word);
        if (value === undefined) return missingValue(name);
        // One GPU: index 0, its UUID or bus id all name it; anything else finds nothing.
        if (!['0', '0000000f:01:00.0', '000f:01:00.0'].includes(value.toLowerCase()) && !value.startsWith('GPU-')) return { ok: false, code: 6, message: 'No devices were found\n' };
        break;
      }
      default:
        return notRecognized(word);
    }
  }
  if (mode === 'query-gpu' || mode === 'query-compute-apps') {
    if (format === undefined) return { ok: false, code: badArgs, message: `"--format=" switch is missing. ${help}\n\n` };
    const options = format.split(',').map((o) => o.trim());
    const unknown = options.find((o) => !['csv', 'noheader', 'nounits'].includes(o));
    if (unknown !== undefined) return notRecognized(unknown);
    if (!options.includes('csv')) return invalidCombination;
    const fields = splitFieldList(fieldList ?? '');
    const table = mode === 'query-gpu' ? gpuFields : computeAppFields;
    const invalid = fields.find((f) => !table.has(f));
    if (invalid !== undefined) return { ok: false, code: badArgs, message: `Field "${invalid}" is not a valid field to query.\n\n` };
    if (fields.length === 0) return invalidCombination;
    return { ok: true, command: { kind: mode, fields, header: !options.includes('noheader'), units: !options.includes('nounits'), loopMs } };
  }
  if (format !== undefined) return invalidCombination;
  if (display !== undefined && mode !== 'q') return invalidCombination;
  if (mode === 'q') return { ok: true, command: { kind: 'q', loopMs, display } };
  if (mode === 'table') return { ok: true, command: { kind: 'table', loopMs } };
  return { ok: true, command: { kind: mode } };
};
