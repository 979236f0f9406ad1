/**
 * Faults the simulator can inject, by name. Tests switch them on per test; the demo box has a
 * menu for them. Each one makes the simulated tool print the real tool's own error text.
 */
export { faultNames, isFaultName, type FaultName } from '../../../src/domain/faults.js';
import type { FaultName } from '../../../src/domain/faults.js';

/** One line per fault for the demo box's menu and the test report. */
export const faultDescriptions: Record<FaultName, string> = {
  'connection-dropped': 'The SSH connection drops (TCP reset), as when Wi-Fi changes.',
  'connection-stalled': 'The SSH connection stops moving bytes without closing, as when a laptop sleeps.',
  'docker-missing': 'docker is not installed: `command not found`.',
  'docker-permission': 'The user is not in the docker group: permission denied on /var/run/docker.sock.',
  'nvidia-runtime-missing': '--gpus fails: could not select device driver "" with capabilities: [[gpu]].',
  'image-amd64-only': 'Pulled images are amd64 only: the container dies with "exec format error".',
  'disk-full': 'The root file system is full: writes fail with "No space left on device".',
  'out-of-memory': 'Unified memory runs out: the box stops answering for a while.',
  'server-never-ready': 'Model servers start but never answer /health.',
  'nvidia-smi-missing': 'nvidia-smi is not installed or the driver is not loaded.',
  'slow-network': 'Downloads and pulls crawl, so progress bars have time to move.',
};
