/**
 * A quote-aware pass over the raw line before shell-quote sees it. shell-quote forgets where
 * quotes and newlines were, so this pass settles what depends on them:
 *  - syntax this shell refuses (command substitution, subshells, here-documents, groups);
 *  - comments, and newlines that separate commands (they become `;`);
 *  - an unquoted leading `~` (home), marked so that a quoted '~' stays literal;
 *  - `2>`-style redirections, marked so that `echo 2 > f` still prints "2".
 */

/** Placeholder delimiters inside words: \u0001NAME\u0002 is a variable, expanded at run time. */
export const varOpen = '\u0001';
export const varClose = '\u0002';
/** \u0003N\u0003 stands for the fd number glued to the redirection after it. */
export const fdMark = '\u0003';
export const tildeMark = `${varOpen}~${varClose}`;
/** \u0004N\u0004 is a word of its own where line N of a script starts (for `bash: line N:`). */
export const lineMark = '\u0004';

export class ShellSyntaxError extends Error {}

export const unsupportedMessage = (what: string): string =>
  `demo box: this shell runs only the commands PGX Companion sends; ${what} is not supported here.`;

export const unsupported = (what: string): ShellSyntaxError => new ShellSyntaxError(unsupportedMessage(what));

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
/** Characters that end a word outside quotes. */
const isBreak = (c: string | undefined) => c === undefined || isSpace(c) || c === '\n' || ';&|<>()'.includes(c);

export const prepareLine = (line: string): string => {
  let out = '';
  let i = 0;
  const n = line.length;
  /** True where a new word may start (after blanks or an operator). */
  const atWordStart = () => out.length === 0 || isBreak(out[out.length - 1]);
  const lastCode = () => out.replace(new RegExp(`(\\s|${lineMark}\\d+${lineMark})+$`), '');

  while (i < n) {
    const c = line[i]!;
    const next = line[i + 1];
    if (c === '\\') {
      if (next === '\n') {
        i += 2; // a line continuation
        continue;
      }
      out += c + (next ?? '');
      i += 2;
      continue;
    }
    if (c === "'" || (c === '$' && next === "'")) {
      const ansi = c === '$';
      const start = i;
      i += ansi ? 2 : 1;
      while (i < n && line[i] !== "'") i += ansi && line[i] === '\\' ? 2 : 1;
      if (i >= n) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      out += line.slice(start, i + 1);
      i += 1;
      continue;
    }
    if (c === '"') {
      const start = i;
      i += 1;
      while (i < n && line[i] !== '"') {
        if (line[i] === '\\') i += 2;
        else if (line[i] === '`' || (line[i] === '$' && line[i + 1] === '(')) throw unsupported(line[i + 2] === '(' ? 'arithmetic expansion `$((…))`' : 'command substitution');
        else i += 1;
      }
      if (i >= n) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      out += line.slice(start, i + 1);
      i += 1;
      continue;
    }
    if (c === '`') throw unsupported('command substitution');
    if (c === '$' && next === '(') throw unsupported(line[i + 2] === '(' ? 'arithmetic expansion `$((…))`' : 'command substitution');
    if (c === '#') {
      if (atWordStart()) {
        while (i < n && line[i] !== '\n') i += 1;
      } else {
        // $# and ${#X} are variables; elsewhere inside a word `#` is text (shell-quote would
        // start a comment there).
        out += out.endsWith('$') || out.endsWith('${') ? c : '\\#';
        i += 1;
      }
      continue;
    }
    if (c === '\n') {
      // After an operator that wants more (`&&`, `|`, `&`, `;`) a newline is just a blank.
      const code = lastCode();
      out += code.length === 0 || /(&&|\|\||[|;&(])$/.test(code) ? ' ' : ';';
      // The next line's number counts newlines inside quotes too.
      const following = 2 + (line.slice(0, i).match(/\n/g)?.length ?? 0);
      out += ` ${lineMark}${following}${lineMark} `;
      i += 1;
      continue;
    }
    if ((c === '<' || c === '>') && next === '(') throw unsupported('process substitution');
    if (c === '<' && next === '<') throw unsupported(line[i + 2] === '<' ? 'a here-string' : 'a here-document');
    if (c === '(') {
      throw unsupported(/[A-Za-z_][\w-]*\s*$/.test(out) && /^\(\s*\)/.test(line.slice(i)) ? 'a function definition' : 'a subshell `( … )`');
    }
    if ((c === '{' || c === '}') && atWordStart() && isBreak(next)) throw unsupported('a command group `{ …; }`');
    if (c === '~' && atWordStart() && (next === '/' || isBreak(next))) {
      out += tildeMark;
      i += 1;
      continue;
    }
    if (/[0-9]/.test(c) && atWordStart() && (next === '>' || next === '<')) {
      out += `${fdMark}${c}${fdMark}`;
      i += 1;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
};
