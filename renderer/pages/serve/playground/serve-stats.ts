/**
 * Each server's last Playground reply stats (TTFT, tokens/s), as main keeps them: fed by
 * playground:stats events, and read once per box at first use so a window opened later has them.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ServerReplyStats } from '../../../../src/domain/playground.js';
import { bridge } from '../../../bridge/bridge.js';

export interface ServeStats {
  readonly ttftMs: number;
  readonly tokensPerSecond: number;
  readonly outputTokens: number;
  /** When the reply finished (epoch ms). */
  readonly at: number;
}

interface ServeStatsState {
  readonly byServer: Readonly<Record<string, ServeStats>>;
}

const keyOf = (deviceId: string, boxPort: number) => `${deviceId}:${boxPort}`;

export const useServeStatsStore = create<ServeStatsState>()(() => ({ byServer: {} }));

export const putServeStats = (entry: ServerReplyStats): void =>
  useServeStatsStore.setState((s) => ({
    byServer: { ...s.byServer, [keyOf(entry.deviceId, entry.boxPort)]: { ttftMs: entry.stats.ttftMs, tokensPerSecond: entry.stats.tokensPerSecond, outputTokens: entry.stats.outputTokens, at: entry.at } },
  }));

let following = false;
const loaded = new Set<string>();

/** Listens for new stats (once) and reads a box's current ones (once per box). */
export const loadServeStats = async (deviceId: string): Promise<void> => {
  if (!following) {
    following = true;
    bridge().on('playground:stats', putServeStats);
  }
  if (loaded.has(deviceId)) return;
  loaded.add(deviceId);
  const result = await bridge().call('playground:stats', { deviceId });
  if (result.ok) {
    // An event that came while the call was under way is newer than what the call read.
    const current = useServeStatsStore.getState().byServer;
    for (const entry of result.value) {
      const have = current[keyOf(entry.deviceId, entry.boxPort)];
      if (!have || have.at < entry.at) putServeStats(entry);
    }
  } else loaded.delete(deviceId);
};

/** The server's last reply stats, or null before any reply was measured. */
export const useServeStats = (deviceId: string, boxPort: number): ServeStats | null => {
  useEffect(() => {
    void loadServeStats(deviceId);
  }, [deviceId]);
  return useServeStatsStore((s) => s.byServer[keyOf(deviceId, boxPort)] ?? null);
};
