/**
 * The timing probe as its own process (so it can sit on a core of its own, away from the test
 * runner): measures the machine's floor against a bare echo server, then 64 concurrent streams
 * against the simulated server, and prints the raw numbers as one JSON line.
 *   node --import tsx probe-cli.ts <echo-port> <server-port> <model> <max-tokens>
 */
import { connect, type Socket } from 'node:net';
import { mean, prepareStream, timings } from './stream-client.js';

const streams = 64;

/**
 * The machine's own floor for the same traffic shape, with no simulator in it: 64 warm
 * connections to a bare echo process, each sending a request-sized message at once and timing
 * the reply. The fastest of five rounds, as for the bursts below (noise only ever adds).
 */
const echoFloor = async (port: number): Promise<number[]> => {
  const sockets = await Promise.all(
    Array.from(
      { length: streams },
      () =>
        new Promise<Socket>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.setNoDelay(true);
        }),
    ),
  );
  const message = Buffer.alloc(300, 'x');
  const round = () =>
    Promise.all(
      sockets.map(
        (socket) =>
          new Promise<number>((resolve) => {
            let got = 0;
            let firstAt = 0;
            const onData = (data: Buffer) => {
              if (got === 0) firstAt = performance.now();
              got += data.length;
              if (got >= message.length) {
                socket.off('data', onData);
                resolve(firstAt - sent);
              }
            };
            socket.on('data', onData);
            socket.write(message);
            const sent = performance.now();
          }),
      ),
    );
  await round();
  const rounds: number[][] = [];
  for (let i = 0; i < 5; i += 1) rounds.push(await round());
  rounds.sort((a, b) => mean(a) - mean(b));
  for (const socket of sockets) socket.destroy();
  return rounds[0]!;
};

const measureStreams = async (port: number, model: string, maxTokens: number) => {
  const prepared = await Promise.all(
    Array.from({ length: streams }, (_, i) => prepareStream(port, { model, messages: [{ role: 'user', content: `q${i}` }], max_tokens: maxTokens, stream: true })),
  );
  // The warm-up replies have all arrived, but the server may still be logging them: one more
  // round trip is answered only after that, so the timed burst meets an idle server.
  await fetch(`http://127.0.0.1:${port}/health`);
  return (await Promise.all(prepared.map((p) => p.start()))).map(timings);
};

const [echoPort, serverPort, model, maxTokens] = process.argv.slice(2);
const floor = await echoFloor(Number(echoPort));
// Three bursts; the one with the lowest mean TTFT is reported. On a shared machine noise only
// ever adds delay (another process on the core, a late wake-up), so the fastest burst is the
// closest to what the simulator itself does; a bias of the simulator moves all three, and fails.
const bursts = [];
for (let i = 0; i < 3; i += 1) bursts.push(await measureStreams(Number(serverPort), model!, Number(maxTokens)));
bursts.sort((a, b) => mean(a.map((r) => r.ttft)) - mean(b.map((r) => r.ttft)));
const runs = bursts[0]!;
process.stdout.write(`${JSON.stringify({ floor, ttfts: runs.map((r) => r.ttft), gaps: runs.flatMap((r) => r.gaps), burstTtftMeans: bursts.map((b) => mean(b.map((r) => r.ttft))) })}\n`);
