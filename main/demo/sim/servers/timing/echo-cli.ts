/**
 * The far end of the timing test's machine floor as its own process (echo-floor.ts), so it can
 * sit on the simulated server's core.
 *   node --import tsx echo-cli.ts <port> <hold-ms>
 */
import { serveHoldingEcho } from './echo-floor.js';

const [port, holdMs] = process.argv.slice(2).map(Number);
serveHoldingEcho(port!, holdMs!);
