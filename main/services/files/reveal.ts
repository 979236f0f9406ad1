/**
 * Shows a file in this computer's file browser. Electron has shell.showItemInFolder; browser mode
 * runs its backend on the same computer as the browser (it answers on 127.0.0.1 only), so it asks
 * the system's own tool: `open -R` (macOS), `explorer /select,` (Windows), `xdg-open` on the
 * folder (Linux desktops). Arguments go as argv, never through a shell. Answers whether a tool
 * started; a machine with none (a server, CI) answers false and the renderer shows the path.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';

export type Reveal = (path: string) => Promise<boolean>;

const launch = (command: string, args: readonly string[]): Promise<boolean> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });

export const revealWithSystemTool: Reveal = (path) => {
  if (process.platform === 'darwin') return launch('open', ['-R', path]);
  if (process.platform === 'win32') return launch('explorer.exe', [`/select,${path}`]);
  // Without a display (a server, CI) xdg-open starts and shows nothing: say so instead.
  if (!process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) return Promise.resolve(false);
  return launch('xdg-open', [dirname(path)]);
};
