/**
 * What a model server's log says about its start: vLLM (`(APIServer pid=N) INFO:     Application
 * startup complete.`, `API server: HTTP server started`, `GPU KV cache size: 1,209,295 tokens`),
 * TensorRT-LLM (`[TRT-LLM] [I] …`, `Uvicorn running on http://0.0.0.0:8355`), SGLang and
 * llama.cpp (`server is listening on http://…`). Readiness from the log is a hint for the UI's
 * progress; the probe of record is /health.
 */

export interface EngineLogState {
  readonly engine: 'vllm' | 'trtllm' | 'sglang' | 'llama-server' | null;
  /** The HTTP server said it is up. */
  readonly ready: boolean;
  readonly port: number | null;
  readonly kvCacheTokens: number | null;
  /** `Maximum concurrency for N tokens per request: 1.15x`. */
  readonly maxConcurrency: number | null;
  /** The last ERROR / Traceback line, if the server is failing. */
  readonly lastError: string | null;
}

const noPrefix = (line: string) => line.replace(/^\((?:APIServer|EngineCore(?:_DP\d+)?|Worker[^)]*) pid=\d+\)\s*/, '');

export const readEngineLog = (text: string): EngineLogState => {
  let engine: EngineLogState['engine'] = null;
  let ready = false;
  let port: number | null = null;
  let kvCacheTokens: number | null = null;
  let maxConcurrency: number | null = null;
  let lastError: string | null = null;
  for (const raw of text.split('\n')) {
    const line = noPrefix(raw.trim());
    if (!line) continue;
    // vLLM's logger: `INFO 08-23 22:37:34 [file.py:N] …`, often behind an `(APIServer pid=N)` prefix.
    if (/^\((APIServer|EngineCore)/.test(raw.trim()) || /^(INFO|WARNING|ERROR|DEBUG) \d{2}-\d{2} \d{2}:\d{2}:\d{2} \[[\w.]+\.py:\d+\]/.test(line) || /vLLM API server/.test(line)) engine = 'vllm';
    else if (/\[TRT-LLM\]|\[TensorRT-LLM\]/.test(line)) engine = 'trtllm';
    else if (/sglang|\[TP\d+\]/i.test(line) && engine === null) engine = 'sglang';
    else if (/llama_model_loader|main: server is listening|srv\s+load_model/.test(line)) engine = 'llama-server';
    const kv = /GPU KV cache size: ([\d,]+) tokens/.exec(line);
    if (kv) kvCacheTokens = Number(kv[1]!.replace(/,/g, ''));
    const concurrency = /Maximum concurrency for [\d,]+ tokens per request: ([\d.]+)x/.exec(line);
    if (concurrency) maxConcurrency = Number(concurrency[1]);
    const listen = /(?:Uvicorn running on|Starting vLLM API server \d+ on|server is listening on) https?:\/\/[^\s:]+:(\d+)/.exec(line);
    if (listen) {
      port = Number(listen[1]);
      ready = ready || /Uvicorn running|server is listening/.test(line);
    }
    if (/Application startup complete\.|API server: HTTP server started|The server is fired up and ready to roll/.test(line)) ready = true;
    if (/^(ERROR|CRITICAL)\b|\bERROR\b.*\]|^Traceback|Error: /.test(line)) lastError = line;
  }
  return { engine, ready, port, kvCacheTokens, maxConcurrency, lastError };
};
