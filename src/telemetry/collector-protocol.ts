/**
 * Reads the collector's stream (collector-script.ts) as it arrives: chunks in, complete ticks,
 * facts and GPU lines out. Lines may split across chunks; a half line waits for the rest.
 */

export interface RawTick {
  /** Box uptime in seconds when the tick was taken (deltas between ticks use it). */
  readonly uptime: number;
  /** Box wall clock, ms, where the collector says it (`@@at`; the demo box does, sh loops do not). */
  readonly at?: number | undefined;
  readonly files: Readonly<Record<string, string>>;
  readonly links: ReadonlyArray<{ readonly name: string; readonly state: string; readonly speedMbps: number | null }>;
  /** `df -B1 -P` output, only on every tenth tick. */
  readonly df: string | undefined;
}

export interface CollectorEvents {
  facts(lines: readonly string[]): void;
  cpuMax(core: number, kHz: number): void;
  tick(tick: RawTick): void;
  gpu(csvLine: string): void;
  app(csvLine: string, cgroup: string): void;
  problem(sentence: string): void;
}

export const createCollectorReader = (events: CollectorEvents): ((chunk: string) => void) => {
  let pending = '';
  let facts: string[] | undefined;
  let tick: { uptime: number; at?: number | undefined; files: Record<string, string>; links: Array<{ name: string; state: string; speedMbps: number | null }>; df: string | undefined } | undefined;
  let target: { kind: 'file'; path: string } | { kind: 'df' } | undefined;
  let buffer: string[] = [];

  const flushTarget = () => {
    if (tick && target?.kind === 'file') tick.files[target.path] = buffer.join('\n');
    if (tick && target?.kind === 'df') tick.df = buffer.join('\n');
    target = undefined;
    buffer = [];
  };

  const line = (text: string) => {
    if (facts) {
      if (text === '@@end-facts') {
        events.facts(facts);
        facts = undefined;
      } else facts.push(text);
      return;
    }
    if (text.startsWith('@@gpu ')) return events.gpu(text.slice(6));
    if (text.startsWith('@@app ')) {
      const [csv = '', cgroup = ''] = text.slice(6).split(' @@cg ');
      return events.app(csv, cgroup.trim());
    }
    if (text.startsWith('@@err ')) return events.problem(text.slice(6));
    if (text === '@@facts') {
      facts = [];
      return;
    }
    if (text.startsWith('@@cpumax ')) {
      const [, core, khz] = text.split(' ');
      return events.cpuMax(Number(core), Number(khz));
    }
    if (text === '@@tick' || text.startsWith('@@tick ')) {
      tick = { uptime: Number.NaN, files: {}, links: [], df: undefined };
      target = undefined;
      buffer = [];
      return;
    }
    if (!tick) return; // output before the first tick (a shell warning …): not ours
    if (text.startsWith('@@at ')) {
      const at = Number(text.slice(5));
      if (Number.isFinite(at)) tick.at = at;
      return;
    }
    if (text.startsWith('@@file ')) {
      flushTarget();
      target = { kind: 'file', path: text.slice(7) };
      return;
    }
    if (text === '@@df') {
      flushTarget();
      target = { kind: 'df' };
      return;
    }
    if (text.startsWith('@@link ')) {
      flushTarget();
      const [, name = '', state = 'unknown', speed = '-1'] = text.split(' ');
      const mbps = Number(speed);
      tick.links.push({ name, state, speedMbps: Number.isFinite(mbps) && mbps > 0 ? mbps : null });
      return;
    }
    if (text === '@@end') {
      flushTarget();
      const done = tick;
      tick = undefined;
      done.uptime = Number((done.files['/proc/uptime'] ?? '').split(' ')[0]);
      // /sys/class/net/IF/operstate and …/speed arrive as files: links are made from them.
      for (const [path, value] of Object.entries(done.files)) {
        const match = /^\/sys\/class\/net\/([^/]+)\/operstate$/.exec(path);
        if (!match) continue;
        const speed = Number((done.files[`/sys/class/net/${match[1]}/speed`] ?? '').trim());
        done.links.push({ name: match[1]!, state: value.trim() || 'unknown', speedMbps: Number.isFinite(speed) && speed > 0 ? speed : null });
      }
      return events.tick(done);
    }
    if (target) buffer.push(text);
  };

  return (chunk: string) => {
    pending += chunk;
    let cut: number;
    while ((cut = pending.indexOf('\n')) >= 0) {
      line(pending.slice(0, cut).replace(/\r$/, ''));
      pending = pending.slice(cut + 1);
    }
  };
};
