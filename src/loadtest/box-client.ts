/**
 * The load-test client that runs on the box itself ("place: box"), so Wi-Fi between the laptop
 * and the box is not in the numbers. It is a Python 3 script with the standard library only (every
 * DGX OS box has python3): it sends one level's requests to 127.0.0.1:PORT through `parallel`
 * threads, released at once or at the given arrival times, and prints one JSON line per request:
 * when it was sent and, for each SSE line of the reply, when it arrived (time.perf_counter(), a
 * monotonic clock) and its data. The app turns those lines into the same records its own client
 * makes (StreamMeter), so the metrics are computed by the same code either way.
 *
 * Input (stdin, one JSON object): port, path, bodies (request bodies, JSON text), warmup (bodies
 * sent first, not reported), parallel, arrivals (seconds from the level's start, or null),
 * stream, timeoutS. Output lines: {"pid": N} first, then {"i", "sent", "status", "events":
 * [[t, data], …], "end", "error"} (times in seconds from the level's start), then {"done": true}.
 */
import { sh } from '../remote/quote.js';

export const boxClientScript = String.raw`import http.client, json, os, sys, threading, time, queue

cfg = json.load(sys.stdin)
out_lock = threading.Lock()

def emit(obj):
    line = json.dumps(obj, separators=(",", ":")) + "\n"
    with out_lock:
        try:
            sys.stdout.write(line)
            sys.stdout.flush()
        except BrokenPipeError:
            os._exit(0)  # the app went away (a cancelled run): stop at once

emit({"pid": os.getpid()})
headers_stream = {"content-type": "application/json", "accept": "text/event-stream"}
headers_json = {"content-type": "application/json", "accept": "application/json"}

def one(conn, body, start):
    rec = {"events": [], "status": None, "error": None}
    data = body.encode("utf-8")
    try:
        rec["sent"] = time.perf_counter() - start
        conn.request("POST", cfg["path"], body=data, headers=headers_stream if cfg["stream"] else headers_json)
        rec["sent"] = time.perf_counter() - start
        resp = conn.getresponse()
        rec["status"] = resp.status
        if resp.status >= 400 or not cfg["stream"]:
            text = resp.read().decode("utf-8", "replace")
            rec["events"].append([time.perf_counter() - start, text])
        else:
            while True:
                line = resp.readline()
                if not line:
                    break
                if line.startswith(b"data:"):
                    rec["events"].append([time.perf_counter() - start, line[5:].strip().decode("utf-8", "replace")])
    except Exception as e:  # timeouts, resets: counted by the app with this reason
        rec["error"] = type(e).__name__ + ": " + str(e)
        conn.close()
    rec["end"] = time.perf_counter() - start
    return rec

def run(bodies, arrivals, report):
    start = time.perf_counter()
    work = queue.Queue()
    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", cfg["port"], timeout=cfg["timeoutS"])
        while True:
            item = work.get()
            if item is None:
                return
            i, body = item
            rec = one(conn, body, start)
            if rec["error"] is not None:
                conn = http.client.HTTPConnection("127.0.0.1", cfg["port"], timeout=cfg["timeoutS"])
            if report:
                rec["i"] = i
                emit(rec)
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(min(cfg["parallel"], max(1, len(bodies))))]
    for t in threads:
        t.start()
    for i, body in enumerate(bodies):
        if arrivals is not None:
            wait = start + arrivals[i] - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
        work.put((i, body))
    for _ in threads:
        work.put(None)
    for t in threads:
        t.join()

if cfg["warmup"]:
    run(cfg["warmup"], None, False)
run(cfg["bodies"], cfg["arrivals"], True)
emit({"done": True})
`;

/** Where the script is kept on the box (written before each run; it is small). */
export const boxClientPath = '~/.cache/pgx-companion/loadtest-client.py';

/** The command that runs it: Python unbuffered, from its folder. */
export const boxClientCommand = (): string => `python3 -u "$HOME"/.cache/pgx-companion/loadtest-client.py`;

/** Stops a running client by the pid it printed first (a cancelled run). */
export const boxClientKillCommand = (pid: number): string => sh`kill -TERM ${String(Math.trunc(pid))} 2>/dev/null; true`;
