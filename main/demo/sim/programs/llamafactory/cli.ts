/**
 * `llamafactory-cli` (alias `lmf`): version, help, env, train (with do_predict), export, api, webui; eval raises like upstream;
 * unknown commands print `Unknown command: X.` and the usage box (launcher.py).
 */
import type { Program } from '../../io.js';
import { SimFsError } from '../../io.js';
import { api } from './api.js';
import { bool, LmfError, loadConfig, str } from './config.js';
import { lmfVersion, traceback, usage, welcome } from './console.js';
import { exportModel } from './export.js';
import { predict } from './predict.js';
import { train } from './train.js';

const env = `
- \`llamafactory\` version: ${lmfVersion}
- Platform: Linux-6.17.0-1014-nvidia-aarch64-with-glibc2.39
- Python version: 3.12.3
- PyTorch version: 2.9.0+cu130 (GPU)
- Transformers version: 4.57.1
- Datasets version: 4.0.0
- Accelerate version: 1.11.0
- PEFT version: 0.17.1
- GPU type: NVIDIA GB10
- GPU number: 1
- GPU memory: 119.70GB
- TRL version: 0.9.6
- Bitsandbytes version: 0.48.2
- Git commit: ff6d4d1
- Default data directory: detected

`;

export const llamafactoryCli: Program = async (io) => {
  const [command, ...rest] = io.argv;
  try {
    switch (command) {
      case 'version':
        io.write(welcome);
        return 0;
      case undefined:
      case 'help':
      case '-h':
      case '--help':
        io.write(usage);
        return 0;
      case 'env':
        io.write(env);
        return 0;
      case 'eval':
        throw new LmfError('NotImplementedError', 'Evaluation will be deprecated in the future.');
      case 'train': {
        const [file, ...overrides] = rest;
        if (file === undefined) throw new LmfError('ValueError', 'Please provide a config file (yaml or json) or arguments.');
        const config = loadConfig(io, file, overrides);
        if (bool(config, 'do_predict') && !bool(config, 'do_train')) return await predict(io, config);
        const code = await train(io, config);
        // run_sft predicts after training with the adapter it just trained.
        return code === 0 && bool(config, 'do_predict') ? await predict(io, config, str(config, 'output_dir') ?? 'saves') : code;
      }
      case 'export': {
        const [file, ...overrides] = rest;
        if (file === undefined) throw new LmfError('ValueError', 'Please provide a config file (yaml or json) or arguments.');
        return await exportModel(io, loadConfig(io, file, overrides));
      }
      case 'api':
        return await api(io, rest);
      case 'webui': {
        const port = Number(io.env['GRADIO_SERVER_PORT'] ?? 7860);
        const tuning = io.read().tuning;
        io.servers.start({ id: 'llamafactory-webui', kind: 'llamafactory', port, model: '', servedName: '', readyAfterMs: 2000, ttftMs: tuning.ttftMs, tokenDelayMs: tuning.tokenDelayMs, maxConcurrency: 1, defaultMaxTokens: 0 });
        io.write(`* Running on local URL:  http://0.0.0.0:${port}\n* To create a public link, set \`share=True\` in \`launch()\`.\n`);
        while (await io.sleep(60_000)) {
          // LlamaBoard serves until interrupted.
        }
        io.servers.stop('llamafactory-webui');
        io.write('Keyboard interruption in main thread... closing server.\n');
        return 130;
      }
      default:
        io.write(`Unknown command: ${command}.\n${usage}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof LmfError) {
      io.error(traceback(error.exception, error.message));
      return 1;
    }
    if (error instanceof SimFsError && error.code === 'ENOSPC') {
      io.error(traceback('OSError', `[Errno 28] No space left on device: '${error.path}'`));
      return 1;
    }
    throw error;
  }
};
