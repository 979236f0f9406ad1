/**
 * Names for what a transfer creates. A file keeps its name where the system allows it (Linux and
 * macOS take any byte but "/" and NUL, so quotes, newlines and emoji land intact); Windows refuses
 * `<>:"/\|?*`, control characters, trailing dots and spaces, and device names such as CON, so there
 * those become "_". A name already taken gets " (1)", " (2)" … before its extension, as browsers do.
 */
export type LocalPlatform = 'win32' | 'darwin' | 'linux' | (string & {});

const windowsDevice = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export const localName = (name: string, platform: LocalPlatform): string => {
  if (platform !== 'win32') return name.replace(/\//g, '_');
  let safe = [...name].map((c) => (c.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(c) ? '_' : c)).join('').replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
  if (windowsDevice.test(safe)) safe = `_${safe}`;
  return safe || '_';
};

/** `name` for n = 0, else "stem (n).ext". */
export const numberedName = (name: string, n: number): string => {
  if (n === 0) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${stem} (${n})${ext}`;
};

/** `name`, or the first of "stem (1).ext", "stem (2).ext" … that `taken` says is free. */
export const freeName = (name: string, taken: (candidate: string) => boolean): string => {
  for (let n = 0; ; n += 1) {
    const candidate = numberedName(name, n);
    if (!taken(candidate)) return candidate;
  }
};

/** The suffix of a file that is still arriving (it never collides with a finished name of ours). */
export const partSuffix = '.pgx-part';
