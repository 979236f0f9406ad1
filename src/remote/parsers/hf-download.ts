/**
 * Output of model downloads from Hugging Face (`hf download`, `huggingface-cli download`) and
 * ModelScope (`modelscope download`): tqdm progress frames, where the files landed, and what
 * went wrong. Both tools write bars with `\r` redraws, several bars may share one physical line
 * and other text can be glued to the end of a frame (`…?it/s]Warning: …`), so the text is split
 * on `\r` and `\n` and every frame is matched on its own.
 *
 * Also exports the generic tqdm frame parser (llamacpp-convert.ts reuses it: the converter's
 * `Writing:` bar is tqdm too).
 */

export interface TqdmFrame {
  /** Text before `: NN%|` (file name, `Fetching 12 files`, `Downloading [config.json]`, `Writing`). */
  readonly desc: string;
  readonly percent: number;
  /** Units done / total as displayed (SI prefixes expanded: `4.06G` → 4.06e9). */
  readonly done: number;
  readonly total: number | null;
  readonly elapsedS: number | null;
  /** null while tqdm shows `?`. */
  readonly etaS: number | null;
  /** Units per second; `30.6s/it` becomes 1/30.6. null while tqdm shows `?`. */
  readonly rate: number | null;
  /** `B`, `byte`, `it` … as printed after the scale prefix. */
  readonly unit: string | null;
}

const siScale: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

/** `4.06G` → 4.06e9, `728` → 728; undefined when not a tqdm number. */
const scaled = (text: string): number | undefined => {
  const m = /^(\d+(?:\.\d+)?)([kKMGTP]?)$/.exec(text.trim());
  if (!m) return undefined;
  return applyScale(Number(m[1]), m[2]);
};

/** Scaled values are whole bytes/items; avoid 4.06 * 1e9 = 4059999999.9999995. */
const applyScale = (value: number, prefix: string | undefined): number => {
  const scale = siScale[prefix ?? ''] ?? 1;
  return scale > 1 ? Math.round(value * scale) : value;
};

/** `00:23`, `1:02:03` → seconds; `?` → null. */
export const parseTqdmInterval = (text: string): number | null => {
  const parts = text.trim().split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.reduce((total, p) => total * 60 + Number(p), 0);
};

const parseRate = (text: string): { rate: number | null; unit: string | null } => {
  const t = text.trim();
  const inverse = /^(\d+(?:\.\d+)?)([kKMGTP]?)s\/(\w+)$/.exec(t);
  if (inverse) {
    const seconds = Number(inverse[1]) * (siScale[inverse[2] ?? ''] ?? 1);
    return { rate: seconds > 0 ? 1 / seconds : null, unit: inverse[3] ?? null };
  }
  const m = /^(\?|\d+(?:\.\d+)?)([kKMGTP]?)([A-Za-z]*)\/s$/.exec(t);
  if (!m) return { rate: null, unit: null };
  const unit = m[3] === '' ? null : (m[3] ?? null);
  if (m[1] === '?') return { rate: null, unit };
  return { rate: applyScale(Number(m[1]), m[2]), unit };
};

// desc: NNN%|bar| done/total [elapsed<eta, rate] — anything may follow the closing bracket.
const frameRe = /^(.*?):\s+(\d{1,3})%\|[^|]*\|\s*([\d.]+[kKMGTP]?)\/([\d.]+[kKMGTP]?|\?)\s*\[([\d:]+)<([\d:?]+),\s*([^\]]*?)\s*\]/;
// tqdm without a total: `desc: 4.06Gbyte [00:23, 176Mbyte/s]`.
const noTotalRe = /^(.*?):\s+([\d.]+[kKMGTP]?)[A-Za-z]*\s*\[([\d:]+),\s*([^\]]*?)\s*\]/;

/** One tqdm frame, or null when the text is not one. */
export const parseTqdmFrame = (text: string): TqdmFrame | null => {
  const line = text.trim();
  const m = frameRe.exec(line);
  if (m) {
    const done = scaled(m[3] ?? '');
    if (done === undefined) return null;
    const { rate, unit } = parseRate(m[7] ?? '');
    return {
      desc: (m[1] ?? '').trim(),
      percent: Number(m[2]),
      done,
      total: m[4] === '?' ? null : (scaled(m[4] ?? '') ?? null),
      elapsedS: parseTqdmInterval(m[5] ?? ''),
      etaS: parseTqdmInterval(m[6] ?? ''),
      rate,
      unit,
    };
  }
  const n = noTotalRe.exec(line);
  if (!n) return null;
  const done = scaled(n[2] ?? '');
  if (done === undefined) return null;
  const { rate, unit } = parseRate(n[4] ?? '');
  return { desc: (n[1] ?? '').trim(), percent: 0, done, total: null, elapsedS: parseTqdmInterval(n[3] ?? ''), etaS: null, rate, unit };
};

/** Splits tool output into the pieces tqdm redraws produce (`\r`, `\n`, `\r\n`). */
export const tqdmPieces = (text: string): string[] => text.split(/\r\n|\r|\n/).filter((p) => p.trim() !== '');

export interface FileProgress {
  readonly file: string;
  readonly bytes: number;
  readonly total: number | null;
  /** Bytes per second; null while the tool shows `?`. */
  readonly rate: number | null;
  /** Seconds left; null while the tool shows `?`. */
  readonly eta: number | null;
  readonly percent: number;
}

export interface OverallProgress {
  readonly done: number;
  readonly total: number | null;
}

export type DownloadProblemKind = 'gated' | 'not-found' | 'revision-not-found' | 'file-not-found' | 'no-space' | 'network' | 'unauthorized';

export interface DownloadProblem {
  readonly kind: DownloadProblemKind;
  /** The line that told us. */
  readonly line: string;
}

export interface DownloadOutput {
  /** Latest frame per file, in the order files first appeared. */
  readonly files: FileProgress[];
  /** `Fetching N files` (hf) / `Processing N items` (ModelScope). */
  readonly overall: OverallProgress | null;
  /** Where the files are: the path hf prints on stdout, or ModelScope's target directory. */
  readonly path: string | null;
  /** True once the tool said it finished (path printed / `Download model '…' successfully.`). */
  readonly completed: boolean;
  readonly problem: DownloadProblem | null;
}

const problemRules: ReadonlyArray<readonly [DownloadProblemKind, RegExp]> = [
  ['no-space', /No space left on device|\[Errno 28\]|os error 28|Not enough free disk space/],
  ['gated', /GatedRepoError|Cannot access gated repo|This repository requires approval|is restricted\. You must have access|not in the authorized list/],
  ['revision-not-found', /RevisionNotFoundError|Revision not found|Revision Not Found for url|Invalid rev id/],
  ['file-not-found', /\bEntryNotFoundError|RemoteEntryNotFoundError|File not found in repository|Entry Not Found for url|NotExistError: The file path/],
  ['not-found', /RepositoryNotFoundError|Repository not found\.|Repository Not Found for url|not exists on either|NotExistError/],
  [
    'network',
    /ConnectionError|ConnectError|ConnectTimeout|Max retries exceeded|Temporary failure in name resolution|Name or service not known|Network is unreachable|Connection (?:refused|reset|timed out)|Read timed out|LocalEntryNotFoundError|check your internet connection|SSLError|ProxyError|50[234] Server Error/,
  ],
  ['unauthorized', /Invalid (?:credentials|username or password)|401 Client Error|Not logged in/],
];

/** The first known failure in the text, by the rules' priority (disk before auth before network). */
export const classifyDownloadError = (text: string): DownloadProblem | null => {
  const lines = text.split(/\r\n|\r|\n/);
  for (const [kind, rule] of problemRules) {
    const line = lines.find((l) => rule.test(l));
    if (line !== undefined) return { kind, line: line.trim() };
  }
  return null;
};

const overallRe = /^(?:Fetching|Processing) \d+ (?:files|items)$/;
/** Lines that are never the result path. */
const noise = /^(?:Warning:|⚠️|Set HF_DEBUG|Hint:|Error:|Traceback|Ignoring --|usage:|Usage:|Try '|\[dry-run\]|Downloading Model from|✓|\(|\d{4}-\d\d-\d\d )/;
/** A path as hf prints it: one word with a slash (absolute, ~/…, or relative like `models/x`). */
const pathLike = /^(?:\/|~\/|\.{1,2}\/)?[^\s:'"]*\/[^\s'"]*$|^\/$/;

/** The text left after a tqdm frame's closing `]` (merged logs glue other output there). */
const afterFrame = (piece: string): string => {
  const m = frameRe.exec(piece.trim()) ?? noTotalRe.exec(piece.trim());
  return m ? piece.trim().slice(m[0].length) : piece;
};

/**
 * Everything the app wants from one download's output (either tool). Pass stdout and stderr
 * separately when you have them, or a merged job log as `stdout` alone.
 */
export const parseDownloadOutput = (stdout: string, stderr = ''): DownloadOutput => {
  const files = new Map<string, FileProgress>();
  let overall: OverallProgress | null = null;
  const all = `${stderr}\n${stdout}`;
  for (const piece of tqdmPieces(all)) {
    const frame = parseTqdmFrame(piece);
    if (!frame) continue;
    if (overallRe.test(frame.desc)) {
      overall = { done: frame.done, total: frame.total };
      continue;
    }
    const bracketed = /^Downloading \[(.+)\]$/.exec(frame.desc);
    const file = bracketed ? (bracketed[1] ?? frame.desc) : frame.desc;
    if (!files.has(file) && /\s/.test(file) && !bracketed) continue; // a prefixed log line, not a file bar
    files.set(file, { file, bytes: frame.done, total: frame.total, rate: frame.rate, eta: frame.etaS, percent: frame.percent });
  }
  const problem = classifyDownloadError(all);
  const msDir = /Downloading Model from \S+ to directory: (.+)$/m.exec(all)?.[1]?.trim() ?? null;
  const msDone = /- modelscope - INFO - Download model '[^']+' successfully\./.test(all);
  // The newest hf prints `✓ Downloaded` then `  path: …`; earlier releases print the bare path.
  const newStyle = /^\s*path: (.+)$/m.exec(stdout)?.[1]?.trim() ?? null;
  const bare =
    tqdmPieces(stdout)
      .map((piece) => afterFrame(piece).trim())
      .filter((l) => l !== '' && !noise.test(l) && pathLike.test(l))
      .pop() ?? null;
  const printed = problem ? null : (newStyle ?? bare);
  return {
    files: [...files.values()],
    overall,
    path: printed ?? msDir,
    completed: problem === null && (msDone || printed !== null),
    problem,
  };
};
