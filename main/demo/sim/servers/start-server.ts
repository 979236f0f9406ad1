import { startOpenAiServer, type RunningServer, type ServerDeps } from './openai-server.js';
import { startOllamaServer } from './ollama-server.js';
import { startWebAppServer } from './web-app-server.js';

/**
 * Starts the right simulated server for a workload. Engines that speak the OpenAI API share one
 * implementation; Ollama has its own; JupyterLab, Open WebUI, LlamaBoard and DGX Dashboard are
 * web apps (web-app-server.ts).
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
    case 'jupyter':
    case 'open-webui':
      return startWebAppServer(deps);
    case 'llamafactory':
      // `llamafactory-cli api` serves the OpenAI API; `webui` (and the host CLI's webui) is LlamaBoard.
      return deps.spec.subcommand === 'api' ? startOpenAiServer(deps) : startWebAppServer(deps);
    case 'dgx-dashboard':
      // A service of DGX OS, not a model server: the server-never-ready fault does not reach it (nor Ollama's daemon).
      return startWebAppServer({ ...deps, neverReady: false });
    case 'pytorch':
    case 'generic':
      return startOpenAiServer(deps);
  }
};
