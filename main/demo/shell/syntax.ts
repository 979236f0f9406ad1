/**
 * The demo box's command-line grammar: lists of and-or lists (`;`, `&`, `&&`, `||`) of
 * pipelines of simple commands with redirections — what PGX Companion sends. Tokens come from
 * shell-quote after scan.ts; variables stay placeholders until the command runs, so
 * `cd x && echo "$PWD"` and `X=1; echo $X` see the values of that moment.
 */
import { parse, type ParseEntry } from 'shell-quote';
import { fdMark, lineMark, prepareLine, ShellSyntaxError, unsupported, varClose, varOpen } from './scan.js';

export type Word = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'glob'; readonly pattern: string };

export interface Redirect {
  /** 0 stdin, 1 stdout, 2 stderr; 'both' for `&>` and `>&FILE`. */
  readonly fd: 0 | 1 | 2 | 'both';
  readonly mode: 'read' | 'write' | 'append' | 'dup';
  /** A file name, or for 'dup' the fd it copies. */
  readonly target: Word | 0 | 1 | 2;
}

export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
  /** The script line it is on, for bash's `line N:` in messages. */
  readonly line: number;
}

export interface Pipeline {
  readonly commands: readonly SimpleCommand[];
  /** `! cmd`: the status is inverted. */
  readonly negated: boolean;
}

export interface AndOr {
  readonly first: Pipeline;
  readonly rest: ReadonlyArray<{ readonly op: '&&' | '||'; readonly pipeline: Pipeline }>;
  /** Ended by `&`: the whole list runs as one background job. */
  readonly background: boolean;
}

const keywords = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', 'select', '[[', ']]']);

const redirectOps = new Set(['>', '>>', '<', '>&', '<&', '&>', '&>>', '>|', '<>']);

/** The operator of a token ('glob' for a glob), or undefined for a word. */
const opOf = (entry: ParseEntry | undefined): string | undefined => (typeof entry === 'object' && entry !== null && 'op' in entry ? entry.op : undefined);
const globOf = (entry: ParseEntry | undefined): string | undefined => (typeof entry === 'object' && entry !== null && 'pattern' in entry ? entry.pattern : undefined);

/** Shows a word as the user wrote it (for job names and messages). */
export const showWord = (word: Word): string =>
  (word.kind === 'glob' ? word.pattern : word.text).replace(new RegExp(`${varOpen}([^${varClose}]*)${varClose}`, 'g'), (_, name: string) =>
    name === '~' ? '~' : `$${name}`,
  );

const fdFromMark = (entry: ParseEntry | undefined): 0 | 1 | 2 | undefined => {
  if (typeof entry !== 'string' || entry.length !== 3 || entry[0] !== fdMark || entry[2] !== fdMark) return undefined;
  const fd = Number(entry[1]);
  if (fd === 0 || fd === 1 || fd === 2) return fd;
  throw unsupported(`file descriptor ${entry[1]}`);
};

export const parseLine = (line: string): AndOr[] => {
  const entries = parse(prepareLine(line), (name) => `${varOpen}${name}${varClose}`);
  const lists: AndOr[] = [];
  let pipelines: Array<{ op: '&&' | '||' | undefined; pipeline: Pipeline }> = [];
  let commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  let negated = false;
  let pendingOp: '&&' | '||' | undefined;
  let lineNo = 1;
  const lineWord = new RegExp(`^${lineMark}(\\d+)${lineMark}$`);

  const nearToken = (token: string) => new ShellSyntaxError(`syntax error near unexpected token \`${token}'`);
  const endCommand = (token: string) => {
    if (words.length === 0 && redirects.length === 0) throw nearToken(token);
    const head = words[0];
    if (head?.kind === 'text' && keywords.has(head.text)) throw unsupported(`\`${head.text}\``);
    if (head?.kind === 'text' && (head.text === '{' || head.text === '}')) throw unsupported('a command group `{ …; }`');
    commands.push({ words, redirects, line: lineNo });
    words = [];
    redirects = [];
  };
  const endPipeline = (token: string) => {
    endCommand(token);
    pipelines.push({ op: pendingOp, pipeline: { commands, negated } });
    commands = [];
    negated = false;
  };
  const endList = (token: string, background: boolean) => {
    endPipeline(token);
    const [first, ...rest] = pipelines;
    lists.push({ first: first!.pipeline, rest: rest.map((p) => ({ op: p.op!, pipeline: p.pipeline })), background });
    pipelines = [];
    pendingOp = undefined;
  };
  const empty = () => words.length === 0 && redirects.length === 0 && commands.length === 0 && pipelines.length === 0 && !negated;

  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i]!;
    if (typeof entry === 'string') {
      const mark = lineWord.exec(entry);
      if (mark) {
        lineNo = Number(mark[1]);
        continue;
      }
      const fd = fdFromMark(entry);
      if (fd !== undefined && redirectOps.has(opOf(entries[i + 1]) ?? '')) {
        i = readRedirect(entries, i + 1, fd, redirects);
        continue;
      }
      if (entry === '!' && words.length === 0 && commands.length === 0 && redirects.length === 0) {
        negated = !negated;
        continue;
      }
      words.push({ kind: 'text', text: fd === undefined ? entry : entry.slice(1, 2) });
      continue;
    }
    const op = opOf(entry);
    if (op === undefined) continue; // comments were removed by the scan; nothing else is expected
    if (op === 'glob') {
      words.push({ kind: 'glob', pattern: globOf(entry) ?? '' });
      continue;
    }
    if (redirectOps.has(op)) {
      i = readRedirect(entries, i, op === '<' || op === '<&' || op === '<>' ? 0 : op.startsWith('&') ? 'both' : 1, redirects);
      continue;
    }
    switch (op) {
      case ';':
        endList(';', false);
        break;
      case '&':
        endList('&', true);
        break;
      case '&&':
      case '||':
        endPipeline(op);
        pendingOp = op;
        break;
      case '|':
        endCommand('|');
        break;
      case '|&':
        throw unsupported('`|&`');
      case ';;':
        throw nearToken(';;');
      default:
        throw unsupported(`\`${op}\``);
    }
  }
  if (!empty()) {
    if (words.length === 0 && redirects.length === 0) throw new ShellSyntaxError('syntax error: unexpected end of file');
    endList('newline', false);
  }
  return lists;
};

/** Reads the target of the redirection operator at entries[i]; returns the index of the target. */
const readRedirect = (entries: ParseEntry[], i: number, fd: 0 | 1 | 2 | 'both', into: Redirect[]): number => {
  const op = opOf(entries[i]) ?? '';
  const target = entries[i + 1];
  if (op === '>&' || op === '<&') {
    if (target === '0' || target === '1' || target === '2') {
      into.push({ fd: fd === 'both' ? 1 : fd, mode: 'dup', target: Number(target) as 0 | 1 | 2 });
      return i + 1;
    }
    if (target === '-') throw unsupported('closing a file descriptor');
    // `>&FILE` is `&>FILE`.
    if (op === '>&' && fd !== 0 && typeof target === 'string') {
      into.push({ fd: fd === 1 ? 'both' : fd, mode: 'write', target: { kind: 'text', text: target } });
      return i + 1;
    }
  }
  const pattern = globOf(target);
  const word: Word | undefined = typeof target === 'string' ? { kind: 'text', text: target } : pattern !== undefined ? { kind: 'glob', pattern } : undefined;
  if (word === undefined) throw new ShellSyntaxError(`syntax error near unexpected token \`${opOf(target) ?? 'newline'}'`);
  const mode = op === '<' || op === '<>' ? 'read' : op === '>>' || op === '&>>' ? 'append' : 'write';
  into.push({ fd, mode, target: word });
  return i + 1;
};
