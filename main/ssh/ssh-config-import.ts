/**
 * Imports hosts from the user's ~/.ssh/config (read, never written) with the ssh-config library:
 * Host, HostName, User, Port, IdentityFile and ProxyJump chains (each hop may itself be an alias),
 * with Include files inlined where they appear, as OpenSSH reads them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import SSHConfig from 'ssh-config';

export interface ImportedHop {
  readonly host: string;
  readonly port: number;
  readonly user: string;
}

export interface ImportedHost {
  /** The alias the user types (`ssh gb10`). */
  readonly alias: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly identityFile: string | undefined;
  /** ProxyJump chain, outermost first. */
  readonly jump: readonly ImportedHop[];
}

const maxIncludeDepth = 16;

const expandHome = (path: string, home: string) => (path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path);

const globFiles = (pattern: string): string[] => {
  const dir = dirname(pattern);
  const base = basename(pattern);
  if (!/[*?]/.test(base)) return existsSync(pattern) ? [pattern] : [];
  if (!existsSync(dir)) return [];
  const regex = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return readdirSync(dir)
    .filter((name) => regex.test(name))
    .sort()
    .map((name) => join(dir, name));
};

/** The config text with every Include replaced by the files it names (relative to ~/.ssh). */
export const inlineIncludes = (text: string, sshDir: string, home: string, depth = 0): string =>
  text
    .split(/\r?\n/)
    .map((line) => {
      const match = /^\s*Include\s+(.+?)\s*$/i.exec(line);
      if (!match) return line;
      if (depth >= maxIncludeDepth) return `# Include skipped: nested more than ${maxIncludeDepth} deep`;
      return match[1]!
        .split(/\s+/)
        .flatMap((pattern) => {
          const expanded = expandHome(pattern.replace(/^"|"$/g, ''), home);
          return globFiles(isAbsolute(expanded) ? expanded : join(sshDir, expanded));
        })
        .map((file) => inlineIncludes(readFileSync(file, 'utf8'), sshDir, home, depth + 1))
        .join('\n');
    })
    .join('\n');

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export const importSshConfig = (options: { sshDir?: string; home?: string; localUser?: string } = {}): ImportedHost[] => {
  const home = options.home ?? homedir();
  const sshDir = options.sshDir ?? join(home, '.ssh');
  const file = join(sshDir, 'config');
  if (!existsSync(file)) return [];
  const config = SSHConfig.parse(inlineIncludes(readFileSync(file, 'utf8'), sshDir, home));
  const localUser = options.localUser ?? process.env['USER'] ?? process.env['USERNAME'] ?? 'root';

  const resolveHop = (spec: string, seen: Set<string>): ImportedHop[] => {
    // [user@]host[:port], where host may be an alias with its own settings (and its own jumps).
    const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec.trim());
    if (!match) return [];
    const alias = match[2]!.replace(/^\[|\]$/g, '');
    const computed = config.compute(alias) as Record<string, string | string[] | undefined>;
    const chain = seen.has(alias) ? [] : jumpsOf(computed, new Set([...seen, alias]));
    return [...chain, { host: first(computed['HostName']) ?? alias, port: Number(match[3] ?? first(computed['Port']) ?? 22), user: match[1] ?? first(computed['User']) ?? localUser }];
  };
  const jumpsOf = (computed: Record<string, string | string[] | undefined>, seen: Set<string>): ImportedHop[] => {
    const jump = first(computed['ProxyJump']);
    if (!jump || jump.toLowerCase() === 'none') return [];
    return jump.split(',').flatMap((hop) => resolveHop(hop, seen));
  };

  // A Host line's value is a string, or (several patterns) a list of { val } objects.
  const patternsOf = (value: unknown): string[] =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'object' && v !== null && 'val' in v ? String((v as { val: unknown }).val) : String(v))) : String(value).split(/\s+/);
  const aliases = config
    .filter((line) => 'param' in line && String(line.param).toLowerCase() === 'host')
    .flatMap((line) => patternsOf((line as { value: unknown }).value))
    .filter((alias) => alias && !/[*?!]/.test(alias));
  return [...new Set(aliases)].map((alias) => {
    const computed = config.compute(alias) as Record<string, string | string[] | undefined>;
    const identity = first(computed['IdentityFile']);
    return {
      alias,
      host: first(computed['HostName']) ?? alias,
      port: Number(first(computed['Port']) ?? 22),
      user: first(computed['User']) ?? localUser,
      identityFile: identity ? expandHome(identity, home) : undefined,
      jump: jumpsOf(computed, new Set([alias])),
    };
  });
};
