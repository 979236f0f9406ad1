/**
 * LLaMA Factory's LlamaBoard (`llamafactory-cli webui`, a gradio app): its page at /. Gradio
 * sets uvicorn's log level to warning, so requests leave no lines in the container log.
 * `llamafactory-cli api` is the OpenAI-compatible server instead (start-server.ts).
 */
import { sendJson } from './http-util.js';
import { htmlPage, requestUrl, sendHtml, type WebSite } from './web-pages.js';

const page = (): string =>
  htmlPage(
    'LLaMA Board',
    [
      '<h1>LLaMA Board</h1>',
      "<p>This is the PGX Companion demo box's stand-in for LLaMA Factory's web UI. On a real box this is where fine-tuning runs are configured, started and watched.</p>",
    ].join('\n'),
  );

export const llamaBoardSite = (): WebSite => ({
  handle: (req, res) => {
    const path = requestUrl(req).pathname;
    if (path !== '/') return sendJson(res, 404, { detail: 'Not Found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { detail: 'Method Not Allowed' });
    return sendHtml(res, 200, page());
  },
});
