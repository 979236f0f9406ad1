import type { Bridge } from '../../src/contract/bridge.js';
import { electronBridge, type PreloadApi } from './electron-bridge.js';
import { connectSocketBridge, type SocketState } from './socket-bridge.js';

declare global {
  interface Window {
    readonly pgx?: PreloadApi;
  }
}

let current: Bridge | undefined;

/** Picks the transport once at start-up. The renderer bundle is the same in both shells. */
export const openBridge = async (onSocketState: (state: SocketState) => void): Promise<Bridge> => {
  if (window.pgx) {
    current = electronBridge(window.pgx);
  } else {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    current = await connectSocketBridge(`${scheme}://${location.host}/ws`, onSocketState);
  }
  return current;
};

/** The bridge opened at start-up; components call through feature stores, not directly. */
export const bridge = (): Bridge => {
  if (!current) throw new Error('bridge used before openBridge()');
  return current;
};
