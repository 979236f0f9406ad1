import { spawn } from 'node:child_process';

/** Whether a graphical browser could be opened here (headless Linux boxes and CI cannot). */
export const canOpenBrowser = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean =>
  platform === 'darwin' || platform === 'win32' || Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);

/** Opens a URL in the system browser without waiting for it; failures are reported, never thrown. */
export const openInBrowser = (url: string, onError: (error: Error) => void): void => {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', onError);
    child.unref();
  } catch (error) {
    onError(error as Error);
  }
};
