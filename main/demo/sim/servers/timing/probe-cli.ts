/**
 * The timing probe as its own process (so it can sit on a core of its own, away from the test
 * runner): measures the machine's floor against a holding echo process (echo-floor.ts) and 64
 * concurrent streams against the simulated server, taking turns, and prints the raw numbers as
 * one JSON line.
 *   node --import tsx probe-cli.ts <echo-port> <server-port> <model> <max-tokens>
 */
import { openEchoFloor } from './echo-floor.js';
import { mean, prepareStream, timings } from './stream-client.js';

const streams = 64;

/** Opens and warms 64 streams; `run()` then sends the timed burst on them. */
const prepareBurst = async (port: number, model: string, maxTokens: number) => {
  const prepared = await Promise.all(
    Array.from({ length: streams }, (_, i) => prepareStream(port, { model, messages: [{ role: 'user', content: `q${i}` }], max_tokens: maxTokens, stream: true })),
  );
  // The warm-up replies have all arrived, but the server may still be logging them: one more
  // round trip is answered only after that, so the timed burst meets an idle server.
  await fetch(`http://127.0.0.1:${port}/health`);
  return { run: async () => (await Promise.all(prepared.map((p) => p.start()))).map(timings) };
};

const [echoPort, serverPort, model, maxTokens] = process.argv.slice(2);
const floor = await openEchoFloor(Number(echoPort), streams);
await floor.round(); // warm-up
// Three bursts, and two floor rounds just before each (the simulator idle by then), so the floor
// and the bursts sample the same stretch of time. The fastest burst is reported, and the fastest
// floor round: on a shared machine noise only ever adds delay (another process on the core, a
// late wake-up), so the fastest are the closest to what the simulator and the machine themselves
// do; a bias of the simulator moves all three bursts, and fails.
const floorRounds: number[][] = [];
const bursts = [];
for (let i = 0; i < 3; i += 1) {
  const burst = await prepareBurst(Number(serverPort), model!, Number(maxTokens));
  floorRounds.push(await floor.round(), await floor.round());
  bursts.push(await burst.run());
}
floor.close();
floorRounds.sort((a, b) => mean(a) - mean(b));
bursts.sort((a, b) => mean(a.map((r) => r.ttft)) - mean(b.map((r) => r.ttft)));
const runs = bursts[0]!;
process.stdout.write(`${JSON.stringify({ floor: floorRounds[0]!, ttfts: runs.map((r) => r.ttft), gaps: runs.flatMap((r) => r.gaps), burstTtftMeans: bursts.map((b) => mean(b.map((r) => r.ttft))) })}\n`);
