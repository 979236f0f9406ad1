import { startOpenAiServer, type RunningServer, type ServerDeps } from './openai-server.js';
import { startOllamaServer } from './ollama-server.js';

/**
 * Starts the right simulated server for a workload. Engines that speak the OpenAI API share one
 * implementation; Ollama, JupyterLab, Open WebUI and LlamaBoard have their own.
 */
export const startServer = (deps: ServerDeps): RunningServer => {
  switch (deps.spec.kind) {
    case 'vllm':
    case 'trtllm':
    case 'sglang':
    case 'llama-server':
      return startOpenAiServer(deps);
    case 'ollama':
      return startOllamaServer(deps);
    default:
      return startOpenAiServer(deps);
  }
};
