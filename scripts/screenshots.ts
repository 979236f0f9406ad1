// Takes the README / docs screenshots with Debian's Chromium against browser mode.
//   npm run screenshots            (builds first; writes docs/screenshots/*.png)
// Each shot: language × theme × width, so English and 简体中文, light and dark, narrow and wide
// are all looked at before a UI change lands.
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startBrowserMode } from '../e2e/harness/browser-mode.js';
import { terminalId, updateSettings, waitForPrompt } from '../e2e/helpers.js';
import { fileStateStore } from '../main/demo/sim/state-store.js';
import { setActivity } from '../main/demo/sim/dynamics.js';
// The page's window.pgxTerminal, declared by the renderer.
import type {} from '../renderer/terminal/terminal-store.js';

interface Shot {
  readonly name: string;
  readonly language: 'en' | 'zh-CN';
  readonly theme: 'light' | 'dark';
  readonly width: number;
  readonly height: number;
  readonly visit: (page: Page, app: { readonly dataDir: string }) => Promise<void>;
}

const out = 'docs/screenshots';
const only = process.argv.slice(2);

const settle = async (page: Page) => {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
};

const go = (hash: string) => async (page: Page) => {
  await page.evaluate((h) => (location.hash = h), hash);
  await settle(page);
};

/** Adds the demo box (once per data folder) and waits until it is connected. */
const withDemo = (then: (page: Page) => Promise<void>) => async (page: Page) => {
  const tryDemo = page.getByTestId('try-demo').first();
  if (await tryDemo.isVisible()) await tryDemo.click();
  await page.getByTestId('device-bar-status').filter({ hasText: /Connected|已连接/ }).waitFor();
  await then(page);
};

const openFaults = async (page: Page) => {
  await page.getByTestId('fault-menu').click();
  await page.locator('.fault-menu__item').first().waitFor();
  await settle(page);
};

const openAddDevice = async (page: Page) => {
  await page.locator('[data-testid=add-device-open]:visible').first().click();
  const dialog = page.getByTestId('add-device');
  await dialog.locator('input[name=host]').fill('spark-1a2b.local');
  await dialog.locator('input[name=user]').fill('alice');
  await dialog.locator('input[name=password]').fill('secret');
  await settle(page);
};

/** The dashboard after a few samples; with `load`, the simulated GPU runs a model server's load. */
const dashboard =
  (load: boolean) =>
  async (page: Page, app: { readonly dataDir: string }) => {
    await withDemo(async () => {})(page);
    if (load) {
      // The demo box's state is a file the simulator re-reads: a busy engine and a loaded model.
      const store = fileStateStore(join(app.dataDir, 'demo-box', 'state'));
      store.update((state, now) => {
        setActivity(state, 'screenshot-load', { util: 96, cpuCores: 7, netRxBytesPerSec: 40e6 }, now);
        state.gpuProcesses.push({ pid: 52431, name: 'VLLM::EngineCore', type: 'C', memoryMiB: 71_000, startedAt: now - 60_000, loadMs: 1, containerId: undefined, fileCacheMiB: 16_000 });
      }, Date.now());
    }
    await go('#/overview')(page);
    await page.getByTestId('ov-gpu-util').filter({ hasText: /%/ }).waitFor();
    // Let the charts gather some history.
    await page.waitForTimeout(load ? 20_000 : 6_000);
  };

/** A terminal tab on the demo box with nvidia-smi's table in it. */
const terminal = withDemo(async (page) => {
  await go('#/terminal')(page);
  await page.getByTestId('terminal-new').click();
  const id = await terminalId(page);
  await waitForPrompt(page, id);
  await page.keyboard.type('nvidia-smi');
  await page.keyboard.press('Enter');
  await page.waitForFunction((tid) => (window.pgxTerminal?.text(tid) ?? []).some((l) => l.includes('Processes')), id);
  await page.waitForTimeout(500);
});

/** The Apps page with what listens on the demo box offered for forwarding, and one forwarded. */
const ports = async (page: Page, app: { readonly dataDir: string }) => {
  await withDemo(async () => {})(page);
  // Ollama's host service answers on the box's loopback, as on a DGX OS box where it is enabled.
  fileStateStore(join(app.dataDir, 'demo-box', 'state')).update((state) => {
    state.ollama.serving = true;
  }, Date.now());
  await go('#/apps')(page);
  // Tunnels live in the backend, shared by the shots: start each from none.
  // (A string: tsx would wrap named functions in a helper the page does not have.)
  await page.evaluate(`(async () => {
    const socket = new WebSocket('ws://' + location.host + '/ws');
    const messages = [];
    let wake = () => {};
    socket.addEventListener('message', (e) => { messages.push(JSON.parse(String(e.data))); wake(); });
    const answer = async (id) => {
      for (;;) {
        const found = messages.find((m) => m.t === 'result' && m.id === id);
        if (found) return found.result;
        await new Promise((r) => (wake = r));
      }
    };
    await new Promise((r) => socket.addEventListener('open', r, { once: true }));
    socket.send(JSON.stringify({ t: 'call', id: 1, method: 'tunnels:list', payload: {} }));
    const list = await answer(1);
    let id = 2;
    for (const tunnel of list.value) {
      socket.send(JSON.stringify({ t: 'call', id, method: 'tunnels:close', payload: { tunnelId: tunnel.id } }));
      await answer(id++);
    }
    socket.close();
  })()`);
  await page.getByTestId('ports-empty').waitFor();
  await page.getByTestId('ports-scan').click();
  await page.getByTestId('ports-offer-11434').click();
  await page.getByTestId('tunnel-row').waitFor();
  await page.getByTestId('ports-scan').click();
  await page.locator('[data-testid=ports-scan]:not([disabled])').waitFor();
  await settle(page);
};

/** The Apps page on the demo box with JupyterLab launched from its card (and healthy). */
const apps = (dialogOnly: boolean) =>
  withDemo(async (page) => {
    await go('#/apps')(page);
    const card = page.getByTestId('app-card-jupyterlab');
    await card.getByTestId('app-status').waitFor();
    await page.waitForTimeout(500);
    const health = await card.getByTestId('app-status').getAttribute('data-health');
    if (dialogOnly || health === 'none') {
      await card.getByTestId('app-launch').click();
      await page.getByTestId('launch-command').waitFor();
      if (dialogOnly) return settle(page);
      await page.getByTestId('launch-submit').click();
    }
    await page.locator('[data-testid=app-card-jupyterlab] [data-testid=app-status][data-health=healthy]').waitFor({ timeout: 60_000 });
    // Tunnel byte counts (and a cleared first-probe error) follow at most every 500 ms.
    await page.waitForTimeout(1_000);
    await settle(page);
  });

/** The Containers page on the demo box with one container run from the form. */
const containers = withDemo(async (page) => {
  await go('#/containers')(page);
  if ((await page.locator('[data-testid=container-row][data-name=pytorch-dev]').count()) === 0) {
    await page.getByTestId('run-image').fill('nvcr.io/nvidia/pytorch:25.09-py3');
    await page.getByTestId('run-name').fill('pytorch-dev');
    await page.getByTestId('run-command').waitFor();
    await page.getByTestId('run-submit').click();
    await page.getByTestId('run-result').waitFor({ timeout: 90_000 });
  }
  await page.locator('[data-testid=container-row][data-name=pytorch-dev]').waitFor();
  await page.getByTestId('run-image').fill('vllm/vllm-openai:latest');
  await page.getByTestId('run-command').waitFor();
  await page.waitForTimeout(800);
  await page.getByTestId('containers-page').evaluate((el) => el.scrollIntoView());
  await settle(page);
});

/** The Files page in a folder of uploads with hostile names (made once per data folder), a finished download in the queue, one row selected. */
const files = withDemo(async (page) => {
  const folder = 'uploads 上传';
  await go('#/files')(page);
  await page.getByTestId('files-row').first().waitFor();
  const names = () => page.getByTestId('files-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
  if (!(await names()).includes(folder)) {
    await page.getByTestId('files-mkdir').click();
    await page.getByTestId('files-name-input').fill(folder);
    await page.getByTestId('files-name-submit').click();
    await page.getByTestId('files-mkdir-dialog').waitFor({ state: 'detached' });
  }
  await page.getByTestId('files-row').nth((await names()).indexOf(folder)).dblclick();
  await page.getByTestId('files-crumbs').filter({ hasText: folder }).waitFor();
  if ((await page.getByTestId('files-row').count()) === 0) {
    const upload = ['report "final".pdf', 'notes\nsecond line.txt', '训练日志 🚀.log', "it's here.safetensors"].map((name, i) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.alloc(1000 * (i + 1) ** 4, i) }));
    await page.getByTestId('files-upload-input').setInputFiles(upload);
    await page.locator('[data-testid=transfer-row][data-direction=upload][data-state=done]').nth(upload.length - 1).waitFor({ timeout: 30_000 });
    await page.getByTestId('files-refresh').click();
    await page.getByTestId('files-row').nth(upload.length - 1).waitFor();
    await page.getByTestId('files-row').nth(2).click();
    await page.getByTestId('files-download').click();
    await page.locator('[data-testid=transfer-row][data-direction=download][data-state=done]').first().waitFor({ timeout: 30_000 });
  }
  await page.getByTestId('files-row').nth(1).click();
  await page.getByTestId('files-space-item').first().waitFor({ timeout: 30_000 });
  await settle(page);
});

/** The Profiler with a server window's and a system-wide capture's reports (made once per data folder), the first downloaded, its nsys stats summary open. */
const profiler = withDemo(async (page) => {
  await go('#/profiler')(page);
  await page.getByTestId('profiler-nsys').waitFor();
  const report = page.getByTestId('profiler-report-trtllm-window-1.nsys-rep');
  await page.locator('[data-testid=profiler-reports] .profiler__list, [data-testid=profiler-reports-empty]').first().waitFor();
  if ((await report.count()) === 0) {
    await page.getByTestId('profiler-name').fill('trtllm');
    await page.getByTestId('profiler-start').click();
    const session = page.getByTestId('profiler-session-trtllm');
    await session.getByTestId('profiler-window-name').fill('trtllm-window-1');
    await session.getByTestId('profiler-session-start').click();
    await session.getByTestId('profiler-session-stop').click();
    await report.waitFor({ timeout: 30_000 });
    await page.getByTestId('profiler-mode-system').click();
    await page.getByTestId('profiler-name').fill('system-wide-10s');
    await page.getByTestId('profiler-duration').fill('2');
    await page.getByTestId('profiler-start').click();
    await page.getByTestId('profiler-report-system-wide-10s.nsys-rep').waitFor({ timeout: 30_000 });
    await page.getByTestId('profiler-mode-server').click();
  }
  // Downloaded once per data folder; later shots find it in the queue.
  await report.locator('[data-testid=profiler-report-download], [data-testid=profiler-report-checksum]').first().waitFor();
  if (await report.getByTestId('profiler-report-download').isVisible()) await report.getByTestId('profiler-report-download').click();
  await report.getByTestId('profiler-report-checksum').waitFor({ timeout: 30_000 });
  await report.getByTestId('profiler-report-summary').click();
  await page.getByTestId('profiler-top-kernels').waitFor({ timeout: 30_000 });
  await settle(page);
});

/** The Models page on the demo box: the seeded library; with `dialog`, the download dialog open. */
const models = (dialog: boolean) =>
  withDemo(async (page) => {
    await go('#/models')(page);
    await page.getByTestId('model-row').first().waitFor({ timeout: 60_000 });
    if (dialog) {
      await page.getByTestId('models-download').click();
      await page.getByTestId('download-id').fill('nvidia/Qwen3-30B-A3B-NVFP4');
    }
    await settle(page);
  });

/** A download of Qwen/Qwen3-30B-A3B (~61 GB: minutes at the demo's speed) in progress, its rate and ETA shown. */
const modelsDownloading = withDemo(async (page) => {
  await go('#/models')(page);
  await page.getByTestId('model-row').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('models-download').click();
  await page.getByTestId('download-id').fill('Qwen/Qwen3-30B-A3B');
  await page.getByTestId('download-start').click();
  await page.locator('[data-testid=download-row][data-phase=running] [data-testid=download-eta]').waitFor({ timeout: 30_000 });
  await settle(page);
});

/** The delete confirmation of the NVFP4 model (path and space freed); a download left running by the shot before is cancelled and removed first. */
const modelsDelete = withDemo(async (page) => {
  await go('#/models')(page);
  await page.getByTestId('model-row').first().waitFor({ timeout: 60_000 });
  for (const cancel of await page.getByTestId('download-cancel').all()) await cancel.click();
  await page.locator('[data-testid=download-row][data-phase=running]').waitFor({ state: 'detached', timeout: 30_000 });
  for (let left = await page.getByTestId('download-row').count(); left > 0; left -= 1) {
    await page.getByTestId('download-remove').first().click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=download-row]').length < n, left);
  }
  await page.locator('[data-testid=model-row][data-model="nvidia/Qwen3-30B-A3B-NVFP4"]').getByTestId('model-delete').click();
  await page.getByTestId('model-delete-dialog').waitFor();
  await settle(page);
});

/** The Serve wizard on the demo box up to its review step (command + memory guard); with `launch`, the server card once ready. */
const serve = (launch: boolean) =>
  withDemo(async (page) => {
    await go('#/serve')(page);
    await page.getByTestId('serve-tab-new').click();
    // The review's model from the library: DGX OS's vLLM image is too old for it, which the review step says.
    await page.locator('label', { hasText: 'nvidia/Qwen3-30B-A3B-NVFP4' }).getByTestId('serve-model-entry').check();
    await page.getByTestId('serve-next').click();
    await page.getByTestId('serve-engine-vllm').click();
    await page.getByTestId('serve-next').click();
    await page.getByTestId('serve-guard').waitFor();
    await page.getByTestId('serve-image-advice').waitFor();
    if (!launch) return settle(page);
    await page.getByTestId('serve-image-switch').click();
    await page.getByTestId('serve-review-image').filter({ hasText: '26.03' }).waitFor();
    await page.getByTestId('serve-launch').click();
    await page.locator('[data-testid=serve-card][data-state=ready]').waitFor({ timeout: 180_000 });
    await settle(page);
  });

/** The Playground on the demo box: a served model's streamed reply with its stats line, and the request as curl. */
const playground = withDemo(async (page) => {
  await go('#/serve')(page);
  await page.locator('[data-testid=serve-card], [data-testid=serve-empty]').first().waitFor();
  if ((await page.locator('[data-testid=serve-card][data-state=ready]').count()) === 0) await serve(true)(page);
  await page.getByTestId('serve-tab-playground').click();
  await page.getByTestId('playground-max-tokens').fill('60');
  await page.getByTestId('playground-system').fill('Answer in one short paragraph.');
  await page.getByTestId('playground-prompt').fill('What makes the GB10 good for local inference?');
  await page.getByTestId('playground-send').click();
  await page.getByTestId('playground-stats').last().waitFor({ timeout: 30_000 });
  await page.getByTestId('playground-code').locator('summary').click();
  await settle(page);
});

/** A vLLM + NVFP4 sweep 1 → 64 on the demo box's server (its report); with `compare`, three runs of different max tokens side by side. */
const benchmark = (compare: boolean) =>
  withDemo(async (page) => {
    await go('#/serve')(page);
    await page.locator('[data-testid=serve-card], [data-testid=serve-empty]').first().waitFor();
    if ((await page.locator('[data-testid=serve-card][data-state=ready]').count()) === 0) await serve(true)(page);
    await go('#/benchmark')(page);
    for (const tokens of compare ? ['32', '64', '128'] : ['64']) {
      await page.getByTestId('bm-name').fill(`vLLM + NVFP4 · ${tokens} tokens`);
      await page.getByTestId('bm-parallel').fill('1,2,4,8,16,32,64');
      await page.getByTestId('bm-requests').fill('16');
      await page.getByTestId('bm-max-tokens').fill(tokens);
      await page.getByTestId('bm-start').click();
      await page.getByTestId('bm-report').locator('h2', { hasText: `${tokens} tokens` }).waitFor({ timeout: 180_000 });
    }
    if (compare) {
      await page.getByTestId('bm-tab-saved').click();
      for (const row of (await page.getByTestId('bm-saved-row').all()).slice(0, 3)) await row.getByTestId('bm-saved-pick').check();
      await page.getByTestId('bm-compare-selected').click();
    } else if (page.viewportSize()!.width > 1000) await page.getByTestId('bm-report').evaluate((el) => el.scrollIntoView());
    await settle(page);
  });

/** Fine-tune on the demo box: the sample role-play set uploaded, registered and trained with LoRA (once), then predicted; shows `step`. */
const finetune = (step: 'dataset' | 'run' | 'evaluate') =>
  withDemo(async (page) => {
    await go('#/finetune')(page);
    await page.locator('[data-testid=ft-env][data-kind]').waitFor({ timeout: 30_000 });
    await page.getByTestId('ft-step-run').click();
    if ((await page.locator('[data-testid=ft-runlist-item][data-state=done]').count()) === 0) {
      await page.getByTestId('ft-step-dataset').click();
      await page.getByTestId('ft-upload-input').setInputFiles('e2e/fixtures/huanhuan-sample.json');
      await page.locator('[data-testid=ft-check][data-ok=true]').waitFor({ timeout: 30_000 });
      await page.getByTestId('ft-register-name').fill('huanhuan');
      await page.getByTestId('ft-register').click();
      await page.getByTestId('ft-registered').waitFor();
      await page.getByTestId('ft-dataset-next').click();
      await page.getByTestId('ft-f-baseModel').fill('Qwen/Qwen3-8B');
      await page.getByTestId('ft-f-loggingSteps').fill('1');
      await page.getByTestId('ft-f-evalSteps').fill('4');
      await page.getByTestId('ft-f-epochs').fill('5');
      await page.waitForFunction(() => (document.querySelector('[data-testid=ft-yaml]') as HTMLTextAreaElement | null)?.value.includes('num_train_epochs: 5'));
      await page.getByTestId('ft-run-name').fill('Qwen3-8B · huanhuan · LoRA');
      await page.getByTestId('ft-launch').click();
      await page.locator('[data-testid=ft-run][data-state=done]').waitFor({ timeout: 120_000 });
      await page.getByTestId('ft-to-evaluate').click();
      await page.getByTestId('ft-eval-samples').fill('10');
      await page.getByTestId('ft-predict').click();
      await page.locator('[data-testid=ft-prediction][data-state=done]').first().waitFor({ timeout: 120_000 });
      await page.getByTestId('ft-predict-base').click();
      await page.locator('[data-testid=ft-prediction][data-state=done]').nth(1).waitFor({ timeout: 120_000 });
    }
    await page.getByTestId(`ft-step-${step}`).click();
    if (step === 'run') await page.locator('[data-testid=ft-runlist-item][data-state=done]').last().click();
    if (step === 'evaluate') await page.getByTestId('ft-scores').waitFor({ timeout: 30_000 });
    await settle(page);
  });

/** Try it: the trained run's base and tuned servers (started once), one prompt, the two replies side by side. */
const finetuneTry = async (page: Page) => {
  await finetune('run')(page);
  await page.getByTestId('ft-step-try').click();
  await page.locator('[data-testid=ft-try-plan], [data-testid=ft-try-stop]').first().waitFor({ timeout: 30_000 });
  if (await page.getByTestId('ft-try-plan').isVisible()) await page.getByTestId('ft-try-start').click();
  await page.locator('[data-testid=ft-try-tuned][data-state=ready]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid=ft-try-base][data-state=ready]').waitFor({ timeout: 60_000 });
  await page.getByTestId('ft-try-prompt').fill('你是谁？');
  await page.getByTestId('ft-try-prompt').press('Enter');
  await page.locator('[data-testid=ft-try-tuned] [data-testid=playground-turn-assistant][data-state=done]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=ft-try-base] [data-testid=playground-turn-assistant][data-state=done]').waitFor({ timeout: 30_000 });
  await settle(page);
};

/** Export on the demo box: the fine-tuned run (finetune's shot makes it) exported to Ollama once; shows the new export's plan or the finished one. */
const exportPage = (tab: 'new' | 'exports') => async (page: Page) => {
  await finetune('run')(page);
  await go('#/export')(page);
  await page.getByTestId('ex-tab-exports').click();
  await page.locator('[data-testid=ex-list-item], [data-testid=ex-none]').first().waitFor({ timeout: 30_000 });
  if ((await page.locator('[data-testid=ex-list-item][data-state=done]').count()) === 0) {
    await page.getByTestId('ex-tab-new').click();
    await page.locator('[data-testid=ex-preview][data-ready=true]').waitFor({ timeout: 30_000 });
    await page.getByTestId('ex-start').click();
    await page.locator('[data-testid=ex-run][data-state=done]').waitFor({ timeout: 180_000 });
  }
  await page.getByTestId(`ex-tab-${tab}`).click();
  if (tab === 'new') await page.locator('[data-testid=ex-preview][data-ready=true]').waitFor({ timeout: 30_000 });
  await settle(page);
};

/** The bell after an export ended while the window watched: its end listed (with a link to its page). */
const bellAfterExport = (name: string) => async (page: Page) => {
  await exportPage('new')(page);
  await page.getByTestId('ex-f-ollamaName').fill(name);
  await page.locator('[data-testid=ex-preview][data-ready=true]').waitFor({ timeout: 30_000 });
  await page.getByTestId('ex-start').click();
  await page.locator('[data-testid=ex-run][data-state=done]').waitFor({ timeout: 180_000 });
  await page.getByTestId('alerts-bell').click();
  await page.locator('[data-testid=alert-item][data-kind=job-export]').first().waitFor({ timeout: 10_000 });
  await settle(page);
};

export const shots: Shot[] = [
  { name: 'shell-en-light', language: 'en', theme: 'light', width: 1280, height: 800, visit: go('#/overview') },
  { name: 'shell-zh-dark', language: 'zh-CN', theme: 'dark', width: 1280, height: 800, visit: go('#/overview') },
  { name: 'settings-en-dark', language: 'en', theme: 'dark', width: 1280, height: 800, visit: go('#/settings') },
  { name: 'settings-zh-light', language: 'zh-CN', theme: 'light', width: 1280, height: 800, visit: go('#/settings') },
  { name: 'shell-en-light-narrow', language: 'en', theme: 'light', width: 700, height: 760, visit: go('#/serve') },
  { name: 'demo-en-light', language: 'en', theme: 'light', width: 1280, height: 800, visit: withDemo(async (page) => (await go('#/overview')(page), await openFaults(page))) },
  { name: 'demo-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 800, visit: withDemo(async (page) => (await go('#/containers')(page), await openFaults(page))) },
  { name: 'overview-en-light', language: 'en', theme: 'light', width: 1440, height: 960, visit: dashboard(false) },
  { name: 'overview-load-zh-dark', language: 'zh-CN', theme: 'dark', width: 1440, height: 960, visit: dashboard(true) },
  { name: 'terminal-en-dark', language: 'en', theme: 'dark', width: 1280, height: 800, visit: terminal },
  { name: 'terminal-zh-light-narrow', language: 'zh-CN', theme: 'light', width: 760, height: 800, visit: terminal },
  { name: 'ports-en-light', language: 'en', theme: 'light', width: 1280, height: 800, visit: ports },
  { name: 'ports-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 900, visit: ports },
  { name: 'containers-en-light', language: 'en', theme: 'light', width: 1440, height: 1000, visit: containers },
  { name: 'containers-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1000, visit: containers },
  { name: 'apps-launch-en-light', language: 'en', theme: 'light', width: 1280, height: 900, visit: apps(true) },
  { name: 'apps-en-dark', language: 'en', theme: 'dark', width: 1440, height: 1000, visit: apps(false) },
  { name: 'apps-zh-light-narrow', language: 'zh-CN', theme: 'light', width: 760, height: 1000, visit: apps(false) },
  { name: 'models-en-light', language: 'en', theme: 'light', width: 1440, height: 1000, visit: models(false) },
  { name: 'models-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1100, visit: models(false) },
  { name: 'models-download-en-dark', language: 'en', theme: 'dark', width: 1280, height: 900, visit: models(true) },
  { name: 'models-progress-zh-light', language: 'zh-CN', theme: 'light', width: 1280, height: 900, visit: modelsDownloading },
  { name: 'models-delete-en-dark-narrow', language: 'en', theme: 'dark', width: 760, height: 1000, visit: modelsDelete },
  { name: 'files-en-light', language: 'en', theme: 'light', width: 1440, height: 1200, visit: files },
  { name: 'files-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1500, visit: files },
  { name: 'profiler-en-light', language: 'en', theme: 'light', width: 1440, height: 2000, visit: profiler },
  { name: 'profiler-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 3000, visit: profiler },
  { name: 'serve-review-en-light', language: 'en', theme: 'light', width: 1280, height: 1000, visit: serve(false) },
  { name: 'serve-review-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1100, visit: serve(false) },
  { name: 'serve-servers-en-dark', language: 'en', theme: 'dark', width: 1440, height: 900, visit: serve(true) },
  { name: 'playground-en-light', language: 'en', theme: 'light', width: 1440, height: 1000, visit: playground },
  { name: 'playground-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1200, visit: playground },
  { name: 'benchmark-en-light', language: 'en', theme: 'light', width: 1440, height: 1600, visit: benchmark(false) },
  { name: 'benchmark-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1800, visit: benchmark(false) },
  { name: 'benchmark-compare-en-dark', language: 'en', theme: 'dark', width: 1440, height: 1100, visit: benchmark(true) },
  { name: 'finetune-en-light', language: 'en', theme: 'light', width: 1440, height: 1500, visit: finetune('run') },
  { name: 'finetune-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1900, visit: finetune('run') },
  { name: 'finetune-eval-en-dark', language: 'en', theme: 'dark', width: 1440, height: 1300, visit: finetune('evaluate') },
  { name: 'finetune-try-en-light', language: 'en', theme: 'light', width: 1440, height: 1100, visit: finetuneTry },
  { name: 'finetune-try-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1700, visit: finetuneTry },
  { name: 'export-en-light', language: 'en', theme: 'light', width: 1440, height: 1300, visit: exportPage('exports') },
  { name: 'export-zh-dark-narrow', language: 'zh-CN', theme: 'dark', width: 760, height: 1700, visit: exportPage('exports') },
  { name: 'export-new-en-dark', language: 'en', theme: 'dark', width: 1440, height: 2000, visit: exportPage('new') },
  { name: 'bell-jobs-en-light', language: 'en', theme: 'light', width: 1280, height: 900, visit: bellAfterExport('huanhuan-bell-en:q4_k_m') },
  { name: 'bell-jobs-zh-dark', language: 'zh-CN', theme: 'dark', width: 1280, height: 900, visit: bellAfterExport('huanhuan-bell-zh:q4_k_m') },
  { name: 'export-new-zh-light-narrow', language: 'zh-CN', theme: 'light', width: 760, height: 3000, visit: exportPage('new') },
  { name: 'add-device-en-dark', language: 'en', theme: 'dark', width: 1280, height: 860, visit: openAddDevice },
  { name: 'add-device-zh-light-narrow', language: 'zh-CN', theme: 'light', width: 700, height: 900, visit: openAddDevice },
];

const main = async () => {
  mkdirSync(out, { recursive: true });
  const app = await startBrowserMode();
  const browser = await chromium.launch({
    executablePath: process.env['PGX_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    for (const shot of shots.filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)))) {
      const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.waitForSelector('.sidebar');
      // Settings are per data folder; set them through the UI's own bridge.
      await updateSettings(page, { language: shot.language, theme: shot.theme });
      await page.reload();
      await page.waitForSelector('.sidebar');
      await shot.visit(page, app);
      await page.screenshot({ path: `${out}/${shot.name}.png` });
      await context.close();
      process.stdout.write(`${out}/${shot.name}.png\n`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
};

await main();
