import type { Program } from '../../io.js';
import { convertHfToGguf } from './convert.js';
import { llamaQuantize } from './quantize.js';
import { llamaServer } from './server.js';
import { loadtestClient } from '../loadtest-client.js';

/** llama.cpp's tools by the name they are invoked as. */
export const llamacppPrograms: Record<string, Program> = {
  'llama-quantize': llamaQuantize,
  'llama-server': llamaServer,
  'convert_hf_to_gguf.py': convertHfToGguf,
};

/** Python scripts by basename, for the `python3` dispatcher (`python3 …/convert_hf_to_gguf.py …`). */
export const pythonScripts: Record<string, Program> = {
  'convert_hf_to_gguf.py': convertHfToGguf,
  // The app's on-box load-test client (python3 on a real box).
  'loadtest-client.py': loadtestClient,
};
