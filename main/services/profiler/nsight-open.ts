/**
 * Opens a downloaded report in Nsight Systems on this computer: the first installed candidate
 * (src/recipes/nsight-locate.ts) is started detached with the file; none installed is an answer,
 * not an error — the page then offers the download link and the file in its folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { nsightCandidates, nsightDownloadUrl, nsightVersionRoots, type NsightCandidate } from '../../../src/recipes/nsight-locate.js';

const listDir = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

export const findNsight = (platform: string = process.platform, env: NodeJS.ProcessEnv = process.env): NsightCandidate | null => {
  const base = { path: env['PATH'] ?? env['Path'] ?? '', programFiles: env['ProgramFiles'], home: homedir() };
  const versions = nsightVersionRoots(platform, base).flatMap(listDir);
  return nsightCandidates(platform, { ...base, versions }).find((c) => existsSync(c.path)) ?? null;
};

export const openInNsight = (localPath: string, found: NsightCandidate | null = findNsight()): { opened: boolean; app: string | null; downloadUrl: string } => {
  if (!found || !existsSync(localPath)) return { opened: false, app: found?.path ?? null, downloadUrl: nsightDownloadUrl };
  const [command, args] = found.kind === 'mac-app' ? ['open', ['-a', found.path, localPath]] : [found.path, [localPath]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  return { opened: true, app: found.path, downloadUrl: nsightDownloadUrl };
};
