/**
 * The demo box's command-line syntax: what PGX Companion sends (simple commands, `;`, `&&`,
 * `||`, pipes, `&`, redirections, `sh -c`), tokenized by shell-quote. Variables are left as
 * placeholders and expanded when the command runs, so `cd x && echo "$PWD"` sees the new value.
 * Anything else is refused with a sentence, never guessed at.
 */
import { parse, type ParseEntry } from 'shell-quote';

/** Marks a variable reference inside a word: \u0001NAME\u0002. */
const varOpen = '\u0001';
const varClose = '\u0002';

export type Word = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'glob'; readonly pattern: string };

export interface Redirect {
  /** 0 stdin, 1 stdout, 2 stderr; 'both' for `&>`. */
  readonly fd: 0 | 1 | 2 | 'both';
  readonly mode: 'read' | 'write' | 'append' | 'dup';
  /** A file (a word) or, for 'dup', the fd it copies. */
  readonly target: Word | 1 | 2;
}

export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

export interface Pipeline {
  readonly commands: readonly SimpleCommand[];
  readonly background: boolean;
}

/** `a && b || c ; d`: each pipeline runs if the connector before it allows. */
export interface Step {
  readonly connector: ';' | '&&' | '||';
  readonly pipeline: Pipeline;
}

export class ShellSyntaxError extends Error {}

export const unsupported = (what: string): ShellSyntaxError =>
  new ShellSyntaxError(`demo box: this shell runs only the commands PGX Companion sends; ${what} is not supported here.`);

/** Expands the variable placeholders in a word. */
export const expandVariables = (text: string, lookup: (name: string) => string): string =>
  // eslint-disable-next-line no-control-regex -- the placeholders are control characters on purpose
  text.replace(/\u0001([^\u0002]*)\u0002/g, (_, name: string) => lookup(name));

const isFdWord = (entry: ParseEntry | undefined): entry is '1' | '2' | '0' => entry === '1' || entry === '2' || entry === '0';

export const parseLine = (line: string): Step[] => {
  if (/\$\(|`/.test(line.replace(/'[^']*'/g, ''))) throw unsupported('command substitution');
  if (/<<-?\s*\S/.test(line.replace(/'[^']*'/g, ''))) throw unsupported('a here-document');
  const entries = parse(line, (name) => `${varOpen}${name}${varClose}`);
  const steps: Step[] = [];
  let connector: Step['connector'] = ';';
  let commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];

  const endCommand = () => {
    if (words.length === 0 && redirects.length === 0) return false;
    commands.push({ words, redirects });
    words = [];
    redirects = [];
    return true;
  };
  const endPipeline = (background: boolean, next: Step['connector']) => {
    const had = endCommand();
    if (!had && commands.length === 0) {
      if (next === ';' && !background && steps.length === 0) return; // a lone `;` or empty line
      throw new ShellSyntaxError(`bash: syntax error near unexpected token \`${next === ';' ? (background ? '&' : ';') : next}'`);
    }
    if (!had) throw new ShellSyntaxError("bash: syntax error near unexpected token `|'");
    steps.push({ connector, pipeline: { commands, background } });
    commands = [];
    connector = next;
  };

  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i]!;
    if (typeof entry === 'string') {
      // `2>&1`, `2>/dev/null`: a lone fd number glued to the operator after it.
      const after = entries[i + 1];
      if (isFdWord(entry) && typeof after === 'object' && after !== null && 'op' in after && ['>', '>>', '>&', '<'].includes(after.op)) {
        i += 1;
        i = redirect(entries, i, Number(entry) as 0 | 1 | 2, redirects);
        continue;
      }
      words.push({ kind: 'text', text: entry });
      continue;
    }
    if ('comment' in entry) break;
    if (!('op' in entry)) throw unsupported('that syntax');
    switch (entry.op) {
      case 'glob':
        words.push({ kind: 'glob', pattern: (entry as { pattern: string }).pattern });
        break;
      case ';':
        endPipeline(false, ';');
        break;
      case '&':
        endPipeline(true, ';');
        break;
      case '&&':
      case '||':
        endPipeline(false, entry.op);
        break;
      case '|':
        if (!endCommand()) throw new ShellSyntaxError("bash: syntax error near unexpected token `|'");
        break;
      case '>':
      case '>>':
      case '<':
      case '>&':
        i = redirect(entries, i, entry.op === '<' ? 0 : 1, redirects);
        break;
      case '&>':
        i = redirect(entries, i, 'both', redirects);
        break;
      case '(':
      case ')':
        throw unsupported('a subshell');
      case '|&':
        throw unsupported('`|&`');
      default:
        throw unsupported(`\`${entry.op}\``);
    }
  }
  if (words.length > 0 || redirects.length > 0 || commands.length > 0) endPipeline(false, ';');
  else if (connector !== ';') throw new ShellSyntaxError('bash: syntax error: unexpected end of file');
  for (const step of steps) {
    for (const command of step.pipeline.commands) {
      const head = command.words[0];
      if (head?.kind === 'text' && ['if', 'for', 'while', 'until', 'case', 'function', 'select'].includes(head.text)) throw unsupported(`\`${head.text}\``);
      if (head?.kind === 'text' && /^[A-Za-z_][A-Za-z0-9_]*\(\)$/.test(head.text)) throw unsupported('a function definition');
    }
  }
  return steps;
};

/** Reads the target of the redirection operator at entries[i]; returns the index of the target. */
const redirect = (entries: ParseEntry[], i: number, fd: 0 | 1 | 2 | 'both', into: Redirect[]): number => {
  const op = (entries[i] as { op: string }).op;
  const target = entries[i + 1];
  if (op === '>&') {
    if (target === '1' || target === '2') {
      into.push({ fd: fd === 'both' ? 1 : fd, mode: 'dup', target: Number(target) as 1 | 2 });
      return i + 1;
    }
    if (typeof target === 'string') {
      into.push({ fd: 'both', mode: 'write', target: { kind: 'text', text: target } });
      return i + 1;
    }
  }
  if (typeof target !== 'string') throw new ShellSyntaxError(`bash: syntax error near unexpected token \`${op}'`);
  const mode = op === '<' ? 'read' : op === '>>' ? 'append' : 'write';
  into.push({ fd, mode, target: { kind: 'text', text: target } });
  return i + 1;
};
