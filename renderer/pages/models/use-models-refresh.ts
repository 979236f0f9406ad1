import { useEffect } from 'react';
import { loadDownloads, loadLibrary } from '../../models/models-store.js';

export const modelsRefresh = {
  /**
   * An open, visible Models page reads the box again this often: models arrive from outside the
   * app too (a terminal `hf download`, another laptop). A scan runs `du` over every model folder,
   * so not much oftener; a running download pushes its own progress every second anyway.
   */
  intervalMs: 30_000,
} as const;

/**
 * Reads the library and downloads when the page opens (or the box connects), then quietly every
 * `intervalMs` while the window is visible, and at once when it becomes visible after a longer
 * absence. Quiet reads keep the list as it is unless something changed, so nothing flickers.
 */
export const useModelsRefresh = (deviceId: string | undefined, connected: boolean): void => {
  useEffect(() => {
    if (!deviceId || !connected) return;
    void loadLibrary(deviceId);
    void loadDownloads(deviceId);
    let last = Date.now();
    const quietly = () => {
      last = Date.now();
      void loadLibrary(deviceId, { quiet: true });
      void loadDownloads(deviceId, { quiet: true });
    };
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') quietly();
    }, modelsRefresh.intervalMs);
    const shown = () => {
      if (document.visibilityState === 'visible' && Date.now() - last >= modelsRefresh.intervalMs) quietly();
    };
    document.addEventListener('visibilitychange', shown);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', shown);
    };
  }, [deviceId, connected]);
};
