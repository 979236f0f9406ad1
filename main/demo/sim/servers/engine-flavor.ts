import type { WorkloadKind } from '../state.js';
import { logStamp } from './http-util.js';

/** What differs between engines that speak the OpenAI API: names, log lines, health body. */
export interface EngineFlavor {
  readonly ownedBy: string;
  readonly fingerprint: string | undefined;
  readonly healthBody: string;
  readonly readyLines: (port: number, pid: number, now: number) => string[];
  readonly requestLine: (path: string, status: number, pid: number, clientPort: number) => string;
}

const uvicornReady = (prefix: string, port: number, pid: number) => [
  `${prefix}INFO:     Started server process [${pid}]`,
  `${prefix}INFO:     Waiting for application startup.`,
  `${prefix}INFO:     Application startup complete.`,
  `${prefix}INFO:     Uvicorn running on http://0.0.0.0:${port} (Press CTRL+C to quit)`,
];

export const flavorOf = (kind: WorkloadKind): EngineFlavor => {
  switch (kind) {
    case 'vllm':
      return {
        ownedBy: 'vllm',
        fingerprint: 'vllm-0.10.1-2f4b5c6d',
        healthBody: '',
        // The GB10 capture (vllm-startup-tail-gb10.log): APIServer prefix, launcher lines, uvicorn lines.
        readyLines: (port, pid, now) => {
          const p = `(APIServer pid=${pid}) `;
          return [
            `${p}INFO ${logStamp(now)} [api_server.py:1880] Starting vLLM API server 0 on http://0.0.0.0:${port}`,
            `${p}INFO ${logStamp(now)} [launcher.py:99] API server: waiting for HTTP server to start`,
            `${p}INFO:     Started server process [${pid}]`,
            `${p}INFO:     Waiting for application startup.`,
            `${p}INFO:     Application startup complete.`,
            `${p}INFO ${logStamp(now)} [launcher.py:105] API server: HTTP server started`,
          ];
        },
        requestLine: (path, status, pid, clientPort) =>
          `(APIServer pid=${pid}) INFO:     127.0.0.1:${clientPort} - "${path}" ${status} ${status === 200 ? 'OK' : 'Not Found'}`,
      };
    case 'trtllm':
      return {
        ownedBy: 'tensorrt_llm',
        fingerprint: undefined,
        healthBody: '',
        readyLines: (port, pid) => uvicornReady('', port, pid),
        requestLine: (path, status, _pid, clientPort) => `INFO:     127.0.0.1:${clientPort} - "${path}" ${status} ${status === 200 ? 'OK' : 'Not Found'}`,
      };
    case 'sglang':
      return {
        ownedBy: 'sglang',
        fingerprint: undefined,
        healthBody: '',
        readyLines: (port, pid, now) => [
          ...uvicornReady('', port, pid),
          `[${new Date(now).toISOString().replace('T', ' ').slice(0, 19)}] The server is fired up and ready to roll!`,
        ],
        requestLine: (path, status, _pid, clientPort) => `INFO:     127.0.0.1:${clientPort} - "${path}" ${status} OK`,
      };
    case 'llama-server':
      return {
        ownedBy: 'llamacpp',
        fingerprint: 'b6500-cuda',
        healthBody: '{"status":"ok"}',
        readyLines: (port) => [
          `main: server is listening on http://0.0.0.0:${port} - starting the main loop`,
          'srv  update_slots: all slots are idle',
        ],
        requestLine: (path, status) => `srv  log_server_r: request: ${path.replace(' HTTP/1.1', '')} 127.0.0.1 ${status}`,
      };
    default:
      return {
        ownedBy: kind,
        fingerprint: undefined,
        healthBody: '',
        readyLines: (port, pid) => uvicornReady('', port, pid),
        requestLine: (path, status, _pid, clientPort) => `INFO:     127.0.0.1:${clientPort} - "${path}" ${status}`,
      };
  }
};
