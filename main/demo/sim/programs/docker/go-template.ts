/**
 * The part of Go's text/template that people pass to `docker … --format`: fields (`.A.B`),
 * pipelines, `if`/`else`/`range`/`with`, variables, and docker's functions (json, join, split,
 * lower, upper, title, pad, truncate) plus Go's builtins (index, len, eq, ne, not, and, or,
 * print, printf, println). Values print the way Go's fmt prints them (`map[a:b]`, `[x y]`).
 */
import { goJson } from './go-text.js';

/** Objects marked here print as Go maps (`map[k:v]`, sorted keys); others print as structs. */
const goMaps = new WeakSet<object>();

export const asGoMap = <T extends object>(value: T): T => {
  goMaps.add(value);
  return value;
};

export class GoTemplateError extends Error {
  constructor(
    readonly phase: 'parse' | 'exec',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Rows of `docker ps`/`images`/`stats` implement MarshalJSON with json.Marshal: `{{json .}}`
 * on them escapes `<`, `>` and `&` and sorts the keys; every other value goes through the
 * templates' own encoder, which does not escape.
 */
const listContexts = new WeakSet<object>();

export const asListContext = <T extends object>(value: T): T => {
  listContexts.add(value);
  return value;
};

const sortedObject = (value: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** encoding/json writes map keys sorted and struct fields in order: sort the marked maps, deeply. */
export const sortMaps = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortMaps);
  if (value && typeof value === 'object') {
    // A value with its own JSON form (MarshalJSON in Go) is encoded through it.
    const toJson = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJson === 'function') return sortMaps((toJson as () => unknown).call(value));
    const entries = Object.entries(value).map(([k, v]) => [k, sortMaps(v)] as const);
    if (goMaps.has(value)) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }
  return value;
};

/** A missing map key: Go prints `<no value>`. */
const noValue = Symbol('no value');
type Value = unknown;

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'print'; pipe: Pipe; pos: number }
  | { kind: 'if'; pipe: Pipe; then: Node[]; otherwise: Node[]; pos: number }
  | { kind: 'with'; pipe: Pipe; then: Node[]; otherwise: Node[]; pos: number }
  | { kind: 'range'; pipe: Pipe; keyVar?: string; valueVar?: string; body: Node[]; otherwise: Node[]; pos: number };

interface Pipe {
  readonly declare?: string;
  readonly commands: Operand[][];
}

type Operand =
  | { kind: 'field'; base: 'dot' | string; path: string[]; pos: number; text: string }
  | { kind: 'literal'; value: Value }
  | { kind: 'func'; name: string; pos: number }
  | { kind: 'paren'; pipe: Pipe; path: string[] };

const functionNames = new Set([
  'json', 'join', 'split', 'lower', 'upper', 'title', 'pad', 'truncate',
  'index', 'len', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'not', 'and', 'or', 'print', 'printf', 'println',
]);

// ---------------------------------------------------------------- lexing the template text

interface Action {
  readonly text: string;
  readonly pos: number; // offset of the action's content in the template
}

type Piece = { kind: 'text'; text: string } | { kind: 'action'; action: Action };

const splitTemplate = (source: string): Piece[] => {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) {
      pieces.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    let text = source.slice(i, open);
    let start = open + 2;
    if (source.startsWith('- ', start) || source.startsWith('-\t', start) || source.startsWith('-\n', start)) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    if (text) pieces.push({ kind: 'text', text });
    const close = findClose(source, start);
    if (close < 0) throw new GoTemplateError('parse', `template: :${lineOf(source, open)}: unclosed action`);
    let end = close;
    let trimAfter = false;
    if (source[close - 1] === '-' && /\s/.test(source[close - 2] ?? '')) {
      end = close - 1;
      trimAfter = true;
    }
    pieces.push({ kind: 'action', action: { text: source.slice(start, end), pos: start } });
    i = close + 2;
    if (trimAfter) while (i < source.length && /\s/.test(source[i]!)) i += 1;
  }
  return pieces;
};

/** The `}}` that closes an action, skipping quoted strings. */
const findClose = (source: string, from: number): number => {
  let quote: string | undefined;
  for (let i = from; i < source.length; i += 1) {
    const c = source[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === '`') quote = c;
    else if (c === '}' && source[i + 1] === '}') return i;
  }
  return -1;
};

const lineOf = (source: string, pos: number) => source.slice(0, pos).split('\n').length;

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string; pos: number; value?: Value };

const tokenize = (action: Action): Token[] => {
  const tokens: Token[] = [];
  const s = action.text;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const pos = action.pos + i;
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      const raw = s.slice(i, j + 1);
      tokens.push({ kind: 'string', text: raw, pos, value: JSON.parse(raw) as string });
      i = j + 1;
    } else if (c === '`') {
      const j = s.indexOf('`', i + 1);
      tokens.push({ kind: 'string', text: s.slice(i, j + 1), pos, value: s.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '|' || c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, pos });
      i += 1;
    } else if (c === ':' && s[i + 1] === '=') {
      tokens.push({ kind: 'punct', text: ':=', pos });
      i += 2;
    } else if (/^[-+]?\d/.test(s.slice(i))) {
      const number = /^[-+]?\d+(\.\d+)?/.exec(s.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'number', text: number, pos, value: Number(number) });
      i += number.length;
    } else {
      const match = /^[^\s|(),]+/.exec(s.slice(i))!;
      let word = match[0];
      if (word.includes(':=')) word = word.slice(0, word.indexOf(':='));
      tokens.push({ kind: 'word', text: word, pos });
      i += word.length;
    }
  }
  return tokens;
};

// ---------------------------------------------------------------- parsing

const parsePipe = (tokens: Token[], source: string): Pipe => {
  let declare: string | undefined;
  let rest = tokens;
  if (tokens.length >= 2 && tokens[0]!.text.startsWith('$') && tokens[1]!.text === ':=') {
    declare = tokens[0]!.text;
    rest = tokens.slice(2);
  }
  const commands: Operand[][] = [];
  let current: Operand[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const token = rest[i]!;
    if (token.text === '|' && token.kind === 'punct') {
      commands.push(current);
      current = [];
      continue;
    }
    if (token.text === '(' && token.kind === 'punct') {
      let depth = 1;
      let j = i + 1;
      while (j < rest.length && depth > 0) {
        if (rest[j]!.text === '(') depth += 1;
        if (rest[j]!.text === ')') depth -= 1;
        j += 1;
      }
      const inner = parsePipe(rest.slice(i + 1, j - 1), source);
      const next = rest[j];
      const path = next && next.kind === 'word' && next.text.startsWith('.') && next.pos === rest[j - 1]!.pos + 1 ? next.text.split('.').filter(Boolean) : [];
      if (path.length) j += 1;
      current.push({ kind: 'paren', pipe: inner, path });
      i = j - 1;
      continue;
    }
    current.push(operandOf(token, source));
  }
  commands.push(current);
  if (commands.some((c) => c.length === 0)) throw new GoTemplateError('parse', `template: :${lineOf(source, tokens[0]?.pos ?? 0)}: missing value for command`);
  return { ...(declare ? { declare } : {}), commands };
};

const operandOf = (token: Token, source: string): Operand => {
  if (token.kind === 'string' || token.kind === 'number') return { kind: 'literal', value: token.value };
  const text = token.text;
  if (text === 'true' || text === 'false') return { kind: 'literal', value: text === 'true' };
  if (text === 'nil') return { kind: 'literal', value: null };
  if (text === '.') return { kind: 'field', base: 'dot', path: [], pos: token.pos, text };
  if (text.startsWith('.')) return { kind: 'field', base: 'dot', path: text.split('.').filter(Boolean), pos: token.pos, text };
  if (text.startsWith('$')) {
    const [name = '$', ...path] = text.split('.');
    return { kind: 'field', base: name, path, pos: token.pos, text };
  }
  if (functionNames.has(text)) return { kind: 'func', name: text, pos: token.pos };
  throw new GoTemplateError('parse', `template: :${lineOf(source, token.pos)}: function "${text}" not defined`);
};

const parse = (source: string): Node[] => {
  const pieces = splitTemplate(source);
  let index = 0;
  const block = (terminators: readonly string[]): { nodes: Node[]; ended: string; endAction?: Action } => {
    const nodes: Node[] = [];
    while (index < pieces.length) {
      const piece = pieces[index]!;
      index += 1;
      if (piece.kind === 'text') {
        nodes.push({ kind: 'text', text: piece.text });
        continue;
      }
      const content = piece.action.text.trim();
      if (content.startsWith('/*')) continue;
      const tokens = tokenize(piece.action);
      const head = tokens[0]?.text;
      if (head && terminators.includes(head) && tokens[0]!.kind === 'word') return { nodes, ended: head, endAction: piece.action };
      if (head === 'if' || head === 'with' || head === 'range') {
        nodes.push(control(head, tokens.slice(1), piece.action.pos));
        continue;
      }
      if (head === 'end' || head === 'else') throw new GoTemplateError('parse', `template: :${lineOf(source, piece.action.pos)}: unexpected {{${head}}}`);
      if (tokens.length === 0) throw new GoTemplateError('parse', `template: :${lineOf(source, piece.action.pos)}: missing value for command`);
      nodes.push({ kind: 'print', pipe: parsePipe(tokens, source), pos: piece.action.pos });
    }
    if (terminators.length) throw new GoTemplateError('parse', `template: :${lineOf(source, source.length)}: unexpected EOF`);
    return { nodes, ended: 'eof' };
  };
  const control = (head: 'if' | 'with' | 'range', tokens: Token[], pos: number): Node => {
    let keyVar: string | undefined;
    let valueVar: string | undefined;
    let pipeTokens = tokens;
    if (head === 'range') {
      const assign = tokens.findIndex((t) => t.text === ':=');
      if (assign > 0) {
        const vars = tokens.slice(0, assign).filter((t) => t.text !== ',').map((t) => t.text);
        if (vars.length === 2) [keyVar, valueVar] = vars;
        else valueVar = vars[0];
        pipeTokens = tokens.slice(assign + 1);
      }
    }
    const pipe = parsePipe(pipeTokens, source);
    const body = block(['end', 'else']);
    let otherwise: Node[] = [];
    if (body.ended === 'else') {
      const elseTokens = tokenize(body.endAction!).slice(1);
      if (elseTokens[0]?.text === 'if') {
        // `{{else if …}}` shares the chain's single `{{end}}`, which the nested if consumes.
        otherwise = [control('if', elseTokens.slice(1), body.endAction!.pos)];
      } else otherwise = block(['end']).nodes;
    }
    if (head === 'range') return { kind: 'range', pipe, ...(keyVar ? { keyVar } : {}), ...(valueVar ? { valueVar } : {}), body: body.nodes, otherwise, pos };
    return { kind: head, pipe, then: body.nodes, otherwise, pos };
  };
  return block([]).nodes;
};

// ---------------------------------------------------------------- executing

export interface TemplateOptions {
  /**
   * Go type name of the top-level value (the list contexts of `docker ps`/`images`/`stats`):
   * an unknown field is "can't evaluate field X in type T". Without it an unknown field on a
   * struct is "map has no entry for key" (inspect's retry on the raw JSON). Objects marked with
   * asGoMap are maps: a missing key prints `<no value>`.
   */
  readonly rootType?: string;
  /** Rendering a table header: docker's header functions leave their argument unchanged. */
  readonly header?: boolean;
}

interface Scope {
  readonly dot: Value;
  readonly vars: Map<string, Value>;
}

const truthy = (value: Value): boolean => {
  if (value === null || value === undefined || value === noValue || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
};

/** Go's fmt %v. */
export const goPrint = (value: Value): string => {
  if (value === noValue || value === undefined) return '<no value>';
  if (value === null) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goPrint).join(' ')}]`;
  if (typeof value === 'object') {
    if (goMaps.has(value)) {
      const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `map[${entries.map(([k, v]) => `${k}:${goPrint(v)}`).join(' ')}]`;
    }
    return `{${Object.values(value).map(goPrint).join(' ')}}`;
  }
  return String(value);
};

const printf = (format: string, args: Value[]): string => {
  let i = 0;
  return format.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([svdqf%])/g, (_m, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[i];
    i += 1;
    if (verb === 'q') return JSON.stringify(goPrint(arg));
    if (verb === 'd') return typeof arg === 'number' ? String(Math.trunc(arg)) : `%!d(${goPrint(arg)})`;
    return goPrint(arg);
  });
};

/** Functions a table header renders as identity (templates.HeaderFunctions), so headers stay intact. */
const headerIdentity = new Set(['json', 'split', 'join', 'title', 'lower', 'upper', 'truncate']);

const callFunction = (name: string, args: Value[], header = false): Value => {
  if (header && headerIdentity.has(name)) return args[0];
  const str = (v: Value) => (typeof v === 'string' ? v : goPrint(v));
  switch (name) {
    case 'json': {
      const value = args[0] === noValue ? null : args[0];
      if (value && typeof value === 'object' && listContexts.has(value)) return goJson(sortedObject(value), { escapeHtml: true });
      return goJson(sortMaps(value), { escapeHtml: false });
    }
    case 'join':
      return (Array.isArray(args[0]) ? args[0] : []).map(str).join(str(args[1] ?? ''));
    case 'split':
      return str(args[0]).split(str(args[1]));
    case 'lower':
      return str(args[0]).toLowerCase();
    case 'upper':
      return str(args[0]).toUpperCase();
    case 'title':
      return str(args[0]).replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
    case 'pad': {
      const source = str(args[0]);
      return source === '' ? source : ' '.repeat(Number(args[1] ?? 0)) + source + ' '.repeat(Number(args[2] ?? 0));
    }
    case 'truncate': {
      const source = str(args[0]);
      const length = Number(args[1] ?? 0);
      return source.length < length ? source : source.slice(0, length);
    }
    case 'index': {
      let value = args[0];
      for (const key of args.slice(1)) {
        if (Array.isArray(value)) value = value[Number(key)];
        // A missing map key gives the element's zero value: "" for docker's string maps.
        else if (value && typeof value === 'object') value = Object.hasOwn(value, String(key)) ? (value as Record<string, Value>)[String(key)] : '';
        else throw new Error(`can't index item of type ${typeof value}`);
      }
      return value === undefined ? noValue : value;
    }
    case 'len': {
      const v = args[0];
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      throw new Error(`len of type ${typeof v}`);
    }
    case 'eq':
      return args.slice(1).some((other) => other === args[0]);
    case 'ne':
      return args[0] !== args[1];
    case 'lt':
      return (args[0] as number) < (args[1] as number);
    case 'le':
      return (args[0] as number) <= (args[1] as number);
    case 'gt':
      return (args[0] as number) > (args[1] as number);
    case 'ge':
      return (args[0] as number) >= (args[1] as number);
    case 'not':
      return !truthy(args[0]);
    case 'and':
      return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case 'or':
      return args.find((a) => truthy(a)) ?? args[args.length - 1];
    case 'print':
      return args.map(goPrint).join('');
    case 'println':
      return `${args.map(goPrint).join(' ')}\n`;
    case 'printf':
      return printf(str(args[0]), args.slice(1));
    default:
      throw new Error(`function "${name}" not defined`);
  }
};

export const renderTemplate = (source: string, data: Value, options: TemplateOptions = {}): string => {
  const nodes = parse(source);
  const location = (pos: number) => {
    const before = source.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - (before.lastIndexOf('\n') + 1);
    return `${line}:${column}`;
  };
  const fail = (pos: number, at: string, message: string): never => {
    throw new GoTemplateError('exec', `template: :${location(pos)}: executing "" at <${at}>: ${message}`);
  };

  const field = (value: Value, path: readonly string[], operand: { pos: number; text: string }, isRoot: boolean): Value => {
    let current = value;
    for (const [i, name] of path.entries()) {
      if (current === null || current === undefined || current === noValue) {
        if (current === noValue) return noValue;
        return fail(operand.pos, operand.text, `nil pointer evaluating interface {}.${name}`);
      }
      if (typeof current !== 'object' || Array.isArray(current)) {
        return fail(operand.pos, operand.text, `can't evaluate field ${name} in type ${Array.isArray(current) ? '[]interface {}' : typeof current}`);
      }
      if (!Object.hasOwn(current, name)) {
        if (goMaps.has(current)) return noValue;
        if (isRoot && i === 0 && options.rootType) return fail(operand.pos, operand.text, `can't evaluate field ${name} in type ${options.rootType}`);
        // docker inspect retries a failed template on the raw JSON with missingkey=error.
        return fail(operand.pos, operand.text, `map has no entry for key "${name}"`);
      }
      current = (current as Record<string, Value>)[name];
    }
    return current;
  };

  const operandValue = (operand: Operand, scope: Scope): Value => {
    switch (operand.kind) {
      case 'literal':
        return operand.value;
      case 'func':
        return callOrFail(operand.name, [], operand.pos);
      case 'paren':
        return field(pipeValue(operand.pipe, scope), operand.path, { pos: 0, text: operand.path.join('.') }, false);
      case 'field': {
        if (operand.base === 'dot') return field(scope.dot, operand.path, operand, scope.dot === data);
        if (!scope.vars.has(operand.base)) throw new GoTemplateError('parse', `template: :${location(operand.pos).split(':')[0]}: undefined variable "${operand.base}"`);
        return field(scope.vars.get(operand.base), operand.path, operand, operand.base === '$');
      }
    }
  };

  const callOrFail = (name: string, args: Value[], pos: number): Value => {
    try {
      return callFunction(name, args, options.header === true);
    } catch (error) {
      return fail(pos, name, `error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const pipeValue = (pipe: Pipe, scope: Scope): Value => {
    let result: Value = undefined;
    pipe.commands.forEach((command, i) => {
      const [head, ...rest] = command;
      if (!head) return;
      if (head.kind === 'func') {
        const args = rest.map((o) => operandValue(o, scope));
        if (i > 0) args.push(result);
        result = callOrFail(head.name, args, head.pos);
      } else {
        result = operandValue(head, scope);
      }
    });
    if (pipe.declare) scope.vars.set(pipe.declare, result);
    return result;
  };

  const run = (list: readonly Node[], scope: Scope): string => {
    let out = '';
    for (const node of list) {
      switch (node.kind) {
        case 'text':
          out += node.text;
          break;
        case 'print': {
          const value = pipeValue(node.pipe, scope);
          if (!node.pipe.declare) out += goPrint(value);
          break;
        }
        case 'if':
          out += truthy(pipeValue(node.pipe, scope)) ? run(node.then, scope) : run(node.otherwise, scope);
          break;
        case 'with': {
          const value = pipeValue(node.pipe, scope);
          out += truthy(value) ? run(node.then, { dot: value, vars: scope.vars }) : run(node.otherwise, scope);
          break;
        }
        case 'range': {
          const value = pipeValue(node.pipe, scope);
          const entries: Array<[Value, Value]> = Array.isArray(value)
            ? value.map((v, i) => [i, v])
            : value && typeof value === 'object'
              ? Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              : [];
          if (entries.length === 0) out += run(node.otherwise, scope);
          for (const [key, item] of entries) {
            if (node.keyVar) scope.vars.set(node.keyVar, key);
            if (node.valueVar) scope.vars.set(node.valueVar, item);
            out += run(node.body, { dot: item, vars: scope.vars });
          }
          break;
        }
      }
    }
    return out;
  };

  return run(nodes, { dot: data, vars: new Map([['$', data]]) });
};

/** Parses only (docker validates `--format` before it talks to the daemon). */
export const checkTemplate = (source: string): void => {
  parse(source);
};
