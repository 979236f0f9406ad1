/**
 * The link that opens a folder on the box in a local editor over its Remote-SSH extension:
 * `vscode://vscode-remote/ssh-remote+<authority><path>` (Cursor: `cursor://…`, the same extension
 * lineage). The authority is `user@host` on port 22; with another port it is the extension's other
 * form, the hex of `{"hostName","user","port"}` as JSON, which carries the port.
 */
export type Editor = 'vscode' | 'cursor';

export interface EditorTarget {
  readonly host: string;
  readonly user: string;
  readonly port: number;
}

/** UTF-8 bytes as lower-case hex; encodeURIComponent yields the UTF-8 bytes (src/ has no TextEncoder). */
const hex = (text: string): string =>
  (encodeURIComponent(text).match(/%[0-9A-F]{2}|[^%]/g) ?? [])
    .map((unit) => (unit.startsWith('%') ? unit.slice(1).toLowerCase() : unit.charCodeAt(0).toString(16).padStart(2, '0')))
    .join('');

export const remoteAuthority = (target: EditorTarget): string =>
  target.port === 22 ? `ssh-remote+${target.user}@${target.host}` : `ssh-remote+${hex(JSON.stringify({ hostName: target.host, user: target.user, port: target.port }))}`;

/** The user's home on DGX OS (and any Ubuntu): where a new remote window opens. */
export const boxHome = (user: string): string => `/home/${user}`;

export const remoteEditorUri = (editor: Editor, target: EditorTarget, folder: string = boxHome(target.user)): string => {
  if (!folder.startsWith('/')) throw new RangeError('The folder must be an absolute path on the box.');
  const path = folder.split('/').map(encodeURIComponent).join('/');
  return `${editor}://vscode-remote/${remoteAuthority(target)}${path}`;
};
