/**
 * The interactive shell's line editor, without any I/O: it takes keys and returns what to
 * write to the terminal. Characters are grapheme clusters (an emoji with modifiers is one) and
 * wide characters (Chinese, emoji) take two columns, so the cursor lands where xterm draws it.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
export const graphemes = (text: string): string[] => [...segmenter.segment(text)].map((s) => s.segment);

/** Columns a grapheme takes in a terminal (East Asian wide/fullwidth and emoji: 2). */
export const columnsOf = (grapheme: string): number => {
  const code = grapheme.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (/\p{Extended_Pictographic}/u.test(grapheme) && (code >= 0x1f000 || grapheme.includes('\ufe0f'))) return 2;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
};

const width = (parts: readonly string[]): number => parts.reduce((sum, g) => sum + columnsOf(g), 0);
const left = (n: number) => (n > 0 ? `\x1b[${n}D` : '');
const right = (n: number) => (n > 0 ? `\x1b[${n}C` : '');

export type EditResult = { readonly output: string; readonly submit?: string; readonly eof?: boolean };

export class LineEditor {
  private chars: string[] = [];
  private cursor = 0;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private draft = '';

  get text(): string {
    return this.chars.join('');
  }

  /** Rewrites the line from the prompt on, leaving the cursor at `cursor`. */
  private redraw(oldCursor: number): string {
    const after = this.chars.slice(this.cursor);
    return `${left(width(this.chars.slice(0, oldCursor)))}\x1b[K${this.text}${left(width(after))}`;
  }

  private replace(text: string): string {
    const old = this.cursor;
    this.chars = graphemes(text);
    this.cursor = this.chars.length;
    return this.redraw(old);
  }

  insert(text: string): string {
    // eslint-disable-next-line no-control-regex -- control characters are keys, not text
    const added = graphemes(text.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ''));
    if (added.length === 0) return '';
    const old = this.cursor;
    this.chars.splice(this.cursor, 0, ...added);
    this.cursor += added.length;
    if (this.cursor === this.chars.length) return added.join('');
    return this.redraw(old);
  }

  /** Clears the line (after Ctrl-C or a run) without drawing anything. */
  reset(): void {
    this.chars = [];
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.draft = '';
  }

  /** The current line as drawn after a fresh prompt (Ctrl-L). */
  render(): string {
    return `${this.text}${left(width(this.chars.slice(this.cursor)))}`;
  }

  /** One key: a control character or an escape sequence. */
  key(key: string): EditResult {
    const old = this.cursor;
    switch (key) {
      case '\r':
      case '\n': {
        const line = this.text;
        if (line.trim() !== '' && this.history.at(-1) !== line) this.history.push(line);
        this.reset();
        return { output: '\r\n', submit: line };
      }
      case '\x7f':
      case '\b':
        if (this.cursor === 0) return { output: '\x07' };
        this.chars.splice(this.cursor - 1, 1);
        this.cursor -= 1;
        return { output: this.redraw(old) };
      case '\x04':
        if (this.chars.length === 0) return { output: '', eof: true };
        if (this.cursor === this.chars.length) return { output: '' };
        this.chars.splice(this.cursor, 1);
        return { output: this.redraw(old) };
      case '\x1b[3~':
        if (this.cursor === this.chars.length) return { output: '' };
        this.chars.splice(this.cursor, 1);
        return { output: this.redraw(old) };
      case '\x01':
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        this.cursor = 0;
        return { output: left(width(this.chars.slice(0, old))) };
      case '\x05':
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        this.cursor = this.chars.length;
        return { output: right(width(this.chars.slice(old))) };
      case '\x1b[D':
      case '\x1bOD':
      case '\x02':
        if (this.cursor === 0) return { output: '' };
        this.cursor -= 1;
        return { output: left(columnsOf(this.chars[this.cursor]!)) };
      case '\x1b[C':
      case '\x1bOC':
      case '\x06':
        if (this.cursor === this.chars.length) return { output: '' };
        this.cursor += 1;
        return { output: right(columnsOf(this.chars[this.cursor - 1]!)) };
      case '\x15':
        this.chars = this.chars.slice(this.cursor);
        this.cursor = 0;
        return { output: this.redraw(old) };
      case '\x0b':
        this.chars = this.chars.slice(0, this.cursor);
        return { output: '\x1b[K' };
      case '\x17': {
        let start = this.cursor;
        while (start > 0 && /\s/.test(this.chars[start - 1]!)) start -= 1;
        while (start > 0 && !/\s/.test(this.chars[start - 1]!)) start -= 1;
        this.chars.splice(start, this.cursor - start);
        this.cursor = start;
        return { output: this.redraw(old) };
      }
      case '\x1b[A':
      case '\x1bOA':
      case '\x10':
        if (this.historyIndex === 0) return { output: '' };
        if (this.historyIndex === this.history.length) this.draft = this.text;
        this.historyIndex -= 1;
        return { output: this.replace(this.history[this.historyIndex]!) };
      case '\x1b[B':
      case '\x1bOB':
      case '\x0e':
        if (this.historyIndex >= this.history.length) return { output: '' };
        this.historyIndex += 1;
        return { output: this.replace(this.history[this.historyIndex] ?? this.draft) };
      default:
        // Tab (no completion here), other control keys and unknown sequences do nothing.
        return { output: '' };
    }
  }
}
