import { useNavStore } from '../state/nav-store.js';

/**
 * Opens a terminal tab on the box with `command` typed in (not run: the user reads it and presses
 * Enter), and shows the Terminal page. The terminal code loads on demand, so xterm stays out of
 * the bundles of the pages that offer this.
 */
export const openInTerminal = async (deviceId: string, title: string, command: string): Promise<void> => {
  const terminals = await import('./terminal-store.js');
  terminals.openInTerminal(deviceId, title, command);
  useNavStore.getState().go('terminal');
};
