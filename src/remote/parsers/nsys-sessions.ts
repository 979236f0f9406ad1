/**
 * `nsys sessions list`. Its column layout was never captured (README §10); what is known is
 * that session names look like `profile-30763` and that scripts find them with
 * `grep -oE "profile-[0-9A-Za-z]+"`. So this parser reads a header row when there is one
 * (any order of ID / TIME / STATE / LAUNCH / NAME columns, whitespace-separated), and otherwise
 * falls back to the `profile-…` names alone. Names are the last column when a header says so.
 */

export interface NsysSession {
  readonly name: string;
  readonly id: number | null;
  /** As printed (`Collection`, `Launched`, …); null when the output has no STATE column. */
  readonly state: string | null;
  /** Seconds since the session began, when a TIME column (`HH:MM:SS` or `MM:SS`) is there. */
  readonly seconds: number | null;
  /** True while a collection runs (STATE mentions collection / collecting / started). */
  readonly collecting: boolean | null;
}

const timeToSeconds = (text: string | undefined): number | null => {
  if (text === undefined || !/^\d+(:\d{2}){1,2}$/.test(text)) return null;
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
};

const knownColumns = ['ID', 'TIME', 'STATE', 'LAUNCH', 'NAME'];

export const parseNsysSessions = (text: string): NsysSession[] => {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const headerIndex = lines.findIndex((l) => {
    const words = l.toUpperCase().split(/\s+/);
    return words.includes('NAME') && words.filter((w) => knownColumns.includes(w)).length >= 2;
  });
  if (headerIndex < 0) {
    const names = new Set<string>();
    for (const m of text.matchAll(/profile-[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*/g)) names.add(m[0]);
    return [...names].map((name) => ({ name, id: Number(/^profile-(\d+)$/.exec(name)?.[1] ?? Number.NaN) || null, state: null, seconds: null, collecting: null }));
  }
  const columns = lines[headerIndex]!.toUpperCase().split(/\s+/);
  const at = (name: string) => columns.indexOf(name);
  const sessions: NsysSession[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    const cells = line.split(/\s+/);
    if (cells.length < columns.length) continue;
    // NAME is last in every layout seen; if it is not, a name with spaces cannot be split anyway.
    const nameAt = at('NAME');
    const name = nameAt === columns.length - 1 ? cells.slice(nameAt).join(' ') : cells[nameAt]!;
    const id = at('ID') >= 0 ? Number(cells[at('ID')]) : Number.NaN;
    const state = at('STATE') >= 0 ? (cells[at('STATE')] ?? null) : null;
    sessions.push({
      name,
      id: Number.isInteger(id) ? id : null,
      state,
      seconds: at('TIME') >= 0 ? timeToSeconds(cells[at('TIME')]) : null,
      collecting: state === null ? null : /collect|start/i.test(state),
    });
  }
  return sessions;
};
