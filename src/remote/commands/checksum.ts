/**
 * sha256 of a file on the box, to compare with the copy on this computer after a transfer.
 * `sha256sum` prints "<hex>  <name>" (a name with a newline or backslash gets a leading "\" and
 * escapes), so only the first 64 hex digits are read.
 */
import { inCLocale, sh } from '../quote.js';

export const sha256Command = (path: string): string => inCLocale(sh`sha256sum -- ${path}`);

/** The digest from sha256sum's output, or null when there is none (an error went to stderr). */
export const parseSha256 = (stdout: string): string | null => /^\\?([0-9a-f]{64}) /.exec(stdout)?.[1] ?? null;
