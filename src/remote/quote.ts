/**
 * The one quoting helper. Every remote command is a string for a POSIX shell on the box, built
 * here: literal parts are ours, and every value interpolated into them is quoted so the shell
 * sees it as exactly one word, byte for byte — whatever a user typed.
 */

/** Words that need no quotes (kept readable in the command previews users see). */
const safeWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

export class UnquotableValue extends Error {}

/** Quotes one value as a single POSIX shell word. */
export const quote = (value: string | number): string => {
  const text = String(value);
  if (text.includes('\0')) throw new UnquotableValue('A shell argument cannot contain a NUL byte.');
  if (text.length > 0 && safeWord.test(text)) return text;
  // Inside single quotes nothing is special; a single quote itself is closed, escaped, reopened.
  return `'${text.replace(/'/g, `'\\''`)}'`;
};

/** A piece of command text we wrote ourselves and that must not be quoted again. */
export class Raw {
  constructor(readonly text: string) {}
}

export const raw = (text: string): Raw => new Raw(text);

/**
 * A path on the box. `~` and `~/…` become "$HOME"/… (the shell expands $HOME inside double quotes
 * but nothing else), everything after it is quoted.
 */
export const remotePath = (path: string): Raw => {
  if (path === '~') return raw('"$HOME"');
  if (path.startsWith('~/')) return raw(`"$HOME"/${quote(path.slice(2))}`);
  return raw(quote(path));
};

export type ShellValue = string | number | Raw | readonly (string | number | Raw)[];

const render = (value: ShellValue): string => {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return (value as readonly (string | number | Raw)[]).map((v) => render(v)).join(' ');
  return quote(value as string | number);
};

/**
 * Tagged template for remote commands: `sh\`docker logs --tail ${n} ${name}\``. Interpolated
 * strings and numbers are quoted, arrays become several quoted words, Raw passes through.
 */
export const sh = (strings: TemplateStringsArray, ...values: ShellValue[]): string =>
  strings.reduce((out, literal, i) => out + literal + (i < values.length ? render(values[i]!) : ''), '');

/** `LC_ALL=C` in front of every command we run, so numbers never come with comma decimals. */
export const inCLocale = (command: string): string => `LC_ALL=C ${command}`;
