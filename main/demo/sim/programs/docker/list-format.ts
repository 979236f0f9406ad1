/**
 * `--format` for the list commands (ps, images, stats), as formatter.Context does it: "table"
 * (default) with a header row and tabwriter columns, "json" meaning `{{json .}}`, or any Go
 * template, one rendered row per line. `\t` and `\n` typed literally become tab and newline.
 */
import { GoTemplateError, asListContext, checkTemplate, renderTemplate } from './go-template.js';
import { tabwrite } from './go-text.js';

export interface ListFormat {
  readonly defaultTable: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Go type of a row, for "can't evaluate field X in type T". */
  readonly rowType: string;
}

export type ListOutput = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

const unescape = (format: string) => format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');

export const formatList = (rows: readonly object[], format: string | undefined, list: ListFormat): ListOutput => {
  const source = format === undefined || format === '' || format === 'table' ? list.defaultTable : format === 'json' ? '{{json .}}' : format;
  const table = source.startsWith('table');
  const template = unescape((table ? source.slice('table'.length) : source).trim());
  try {
    checkTemplate(template);
    let body = '';
    for (const row of rows) body += `${renderTemplate(template, asListContext({ ...row }), { rootType: list.rowType })}\n`;
    if (!table) return { ok: true, text: body };
    const header = renderTemplate(template, list.headers, { rootType: list.rowType, header: true });
    return { ok: true, text: tabwrite(`${header}\n${body}`) };
  } catch (error) {
    if (error instanceof GoTemplateError) return { ok: false, error: `template parsing error: ${error.message}` };
    throw error;
  }
};
