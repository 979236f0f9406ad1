/**
 * The machine floor of the timing test, both ends: a bare TCP process that answers each message
 * `holdMs` after it came, as the simulated server answers a request with its first token `ttftMs`
 * after it came, and the probe's side, which times 64 such round trips at once and takes off the
 * hold the far end reports in its answer.
 *
 * The far end has no HTTP, no JSON and no simulator code (its scheduler included: a late timer
 * here only changes the hold that is reported and taken off). What is left of a round trip is the
 * machine's own cost for the simulator's traffic shape: 64 messages read as they come, answers
 * written as they fall due (one after another when due together), and read by a client that is
 * idle by then, as it is 80 ms after sending.
 */
import { connect, createServer, type Socket } from 'node:net';

/** Request-sized, both ways. */
const messageBytes = 300;

/** The answer: the hold in milliseconds, padded to the message's size. */
const answer = (heldMs: number): Buffer => Buffer.from(heldMs.toFixed(4).padEnd(messageBytes, ' '));

/** Close to a deadline the timer gives way to event-loop turns, as a sub-millisecond timer must. */
const spinWindowMs = 2;

export const serveHoldingEcho = (port: number, holdMs: number): void => {
  const waiting: Array<{ socket: Socket; at: number }> = []; // arrival order is deadline order
  let timer: NodeJS.Timeout | undefined;
  let turning = false;
  // As in mini-http.ts: a read is stamped when the event loop picked up its batch of reads, the
  // earliest this process could know the bytes were there.
  let batchStamp: number | undefined;
  const stamp = () => {
    if (batchStamp === undefined) {
      batchStamp = performance.now();
      setImmediate(() => (batchStamp = undefined));
    }
    return batchStamp;
  };

  const answerDue = () => {
    timer = undefined;
    turning = false;
    // One clock reading per pass: of answers due together, the later ones' wait for the writes
    // before them is the machine's fan-out cost, and stays in the floor.
    const now = performance.now();
    while (waiting.length > 0 && waiting[0]!.at + holdMs <= now) {
      const { socket, at } = waiting.shift()!;
      if (!socket.destroyed) socket.write(answer(now - at));
    }
    arm();
  };
  const arm = () => {
    if (timer !== undefined || turning || waiting.length === 0) return;
    const wait = waiting[0]!.at + holdMs - performance.now() - spinWindowMs;
    if (wait > 0) timer = setTimeout(answerDue, wait);
    else {
      turning = true;
      setImmediate(answerDue);
    }
  };

  createServer((socket) => {
    socket.setNoDelay(true);
    let got = 0;
    socket.on('data', (data: Buffer) => {
      const at = stamp();
      got += data.length;
      for (; got >= messageBytes; got -= messageBytes) waiting.push({ socket, at });
      arm();
    });
    socket.on('error', () => socket.destroy());
  }).listen(port, '127.0.0.1');
};

/**
 * The probe's side: warm connections to the far end, each sending a message at once per round.
 * A round trip counts from just after its send (as stream-client.ts stamps a request) to the read
 * that completed the answer, less the hold.
 */
export const openEchoFloor = async (port: number, streams: number): Promise<{ round(): Promise<number[]>; close(): void }> => {
  const sockets = await Promise.all(
    Array.from(
      { length: streams },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.once('error', reject);
          socket.setNoDelay(true);
        }),
    ),
  );
  const message = Buffer.alloc(messageBytes, 'x');
  const round = () =>
    Promise.all(
      sockets.map(
        (socket) =>
          new Promise<number>((resolve) => {
            const reads: Buffer[] = [];
            let got = 0;
            const onData = (data: Buffer) => {
              const at = performance.now();
              reads.push(data);
              got += data.length;
              if (got < messageBytes) return;
              socket.off('data', onData);
              const held = Number(Buffer.concat(reads).subarray(0, 32).toString('latin1').trim());
              resolve(at - sent - held);
            };
            socket.on('data', onData);
            socket.write(message);
            const sent = performance.now();
          }),
      ),
    );
  return { round, close: () => sockets.forEach((socket) => socket.destroy()) };
};
