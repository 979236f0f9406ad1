import { csvFileName, samplesCsv } from '../../telemetry/csv.js';
import { telemetryDayHub, telemetryHub } from '../../telemetry/telemetry-store.js';

/**
 * Saves a box's buffered samples (or, for the 24-hour view, its minutes) as CSV: the browser's
 * download, Electron's save.
 */
export const downloadSamplesCsv = (deviceId: string, box: string, minutes = false) => {
  const device = (minutes ? telemetryDayHub : telemetryHub).peek(deviceId);
  if (!device) return;
  const blob = new Blob([samplesCsv(device.ring, device.netNames)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(minutes ? `${box}-minutes` : box, new Date());
  link.click();
  // Revoked on the next turn: the click has handed the blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};
