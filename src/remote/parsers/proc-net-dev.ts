/**
 * /proc/net/dev (kernel net/core/net-procfs.c): two header lines, then one line per interface.
 * Names of up to six characters are right-aligned (`    lo:`); longer ones (`enP2p1s0f0np0:`)
 * abut the colon with no space before the first number, so a line is split on its first ':'.
 */
import { outputLines } from './nvidia-smi-values.js';

export interface NetDevCounters {
  readonly name: string;
  readonly rxBytes: number;
  readonly rxPackets: number;
  readonly rxErrors: number;
  readonly rxDropped: number;
  readonly rxFifo: number;
  readonly rxFrame: number;
  readonly rxCompressed: number;
  readonly rxMulticast: number;
  readonly txBytes: number;
  readonly txPackets: number;
  readonly txErrors: number;
  readonly txDropped: number;
  readonly txFifo: number;
  readonly txCollisions: number;
  readonly txCarrier: number;
  readonly txCompressed: number;
}

export type NetDevResult = { readonly ok: true; readonly interfaces: readonly NetDevCounters[] } | { readonly ok: false; readonly reason: string };

export const parseNetDev = (text: string): NetDevResult => {
  const lines = outputLines(text);
  if (!lines.some((line) => line.startsWith('Inter-|'))) return { ok: false, reason: 'No "Inter-|" header: not /proc/net/dev.' };
  const interfaces: NetDevCounters[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const n = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (name === '' || n.length < 16 || !n.every(Number.isFinite)) continue;
    const at = (i: number) => n[i]!;
    interfaces.push({
      name,
      rxBytes: at(0), rxPackets: at(1), rxErrors: at(2), rxDropped: at(3), rxFifo: at(4), rxFrame: at(5), rxCompressed: at(6), rxMulticast: at(7),
      txBytes: at(8), txPackets: at(9), txErrors: at(10), txDropped: at(11), txFifo: at(12), txCollisions: at(13), txCarrier: at(14), txCompressed: at(15),
    });
  }
  return { ok: true, interfaces };
};

/** Bytes per second in and out between two samples `seconds` apart; null for a counter reset. */
export const netRates = (before: NetDevCounters, after: NetDevCounters, seconds: number): { rxBytesPerSec: number; txBytesPerSec: number } | null => {
  const rx = after.rxBytes - before.rxBytes;
  const tx = after.txBytes - before.txBytes;
  if (seconds <= 0 || rx < 0 || tx < 0) return null;
  return { rxBytesPerSec: rx / seconds, txBytesPerSec: tx / seconds };
};
