/**
 * Command-line flags the way the docker CLI (cobra + pflag) reads them: `--name x`, `--name=x`,
 * `-p 8000:8000`, `-p8000:8000`, bundled shorthands `-dit`, `--rm=false`, `--` ending the flags.
 * `docker run`/`create`/`exec` stop at the first positional (the image or container), so the
 * container's own `--port` is never taken for docker's; other commands accept flags anywhere.
 */

export type FlagKind = 'bool' | 'value' | 'list';

export interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  readonly kind: FlagKind;
}

export class Flags {
  constructor(private readonly values: ReadonlyMap<string, readonly string[]>) {}

  has(long: string): boolean {
    return this.values.has(long);
  }

  /** A bool flag: set without value, or `--flag=true|false`. */
  bool(long: string): boolean {
    const last = this.values.get(long)?.at(-1);
    return last !== undefined && last !== 'false';
  }

  /** The last value given (pflag keeps the last for a plain string flag). */
  value(long: string): string | undefined {
    return this.values.get(long)?.at(-1);
  }

  list(long: string): readonly string[] {
    return this.values.get(long) ?? [];
  }
}

export type FlagParse = { readonly ok: true; readonly flags: Flags; readonly args: string[] } | { readonly ok: false; readonly error: string };

const boolText = /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/;
const normaliseBool = (value: string) => (/^(1|t|T|TRUE|true|True)$/.test(value) ? 'true' : 'false');

export const parseFlags = (argv: readonly string[], specs: readonly FlagSpec[], options: { interspersed: boolean }): FlagParse => {
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string[]>();
  const add = (spec: FlagSpec, value: string) => {
    const list = values.get(spec.long) ?? [];
    list.push(value);
    values.set(spec.long, list);
  };
  const args: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const word = argv[i]!;
    i += 1;
    if (word === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const spec = byLong.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      if (spec.kind === 'bool') {
        const value = eq < 0 ? 'true' : word.slice(eq + 1);
        if (!boolText.test(value)) return { ok: false, error: `invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax` };
        add(spec, normaliseBool(value));
      } else if (eq >= 0) add(spec, word.slice(eq + 1));
      else {
        if (i >= argv.length) return { ok: false, error: `flag needs an argument: --${name}` };
        add(spec, argv[i]!);
        i += 1;
      }
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j += 1) {
        const letter = word[j]!;
        const spec = byShort.get(letter);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${letter}' in ${word}` };
        if (spec.kind === 'bool') {
          if (word[j + 1] === '=') {
            const value = word.slice(j + 2);
            if (!boolText.test(value)) return { ok: false, error: `invalid argument "${value}" for "-${letter}, --${spec.long}" flag: strconv.ParseBool: parsing "${value}": invalid syntax` };
            add(spec, normaliseBool(value));
            break;
          }
          add(spec, 'true');
          continue;
        }
        const rest = word.slice(j + 1);
        if (rest) add(spec, rest.startsWith('=') ? rest.slice(1) : rest);
        else {
          if (i >= argv.length) return { ok: false, error: `flag needs an argument: '${letter}' in -${letter}` };
          add(spec, argv[i]!);
          i += 1;
        }
        break;
      }
      continue;
    }
    args.push(word);
    if (!options.interspersed) {
      args.push(...argv.slice(i));
      break;
    }
  }
  return { ok: true, flags: new Flags(values), args };
};
