import type { SimFs } from './sim/io.js';

/**
 * What a demo box has on disk before the user does anything: a home folder with a note saying
 * what this is, and a llama.cpp checkout. Later features add their own seed through this module.
 */
export const seedDemoFiles = (fs: SimFs): void => {
  fs.mkdirp(fs.home);
  for (const dir of ['/tmp', `${fs.home}/models`, `${fs.home}/.cache/huggingface`]) fs.mkdirp(dir);
  const note = `${fs.home}/README-demo-box.txt`;
  if (!fs.exists(note)) {
    fs.writeText(
      note,
      'This is the PGX Companion demo box: a simulated GB10 (NVIDIA DGX Spark class) box that runs\n' +
        'inside the app. Its GPU, memory, containers and model servers are simulated; nothing here\n' +
        'touches a real machine. Remove it from the sidebar at any time.\n',
    );
  }
  // A llama.cpp checkout as NVIDIA's playbooks leave one in ~/llama.cpp (the export chain finds its
  // converter here; `python3` runs the simulated one for this file, llama-quantize is on the PATH).
  const converter = `${fs.home}/llama.cpp/convert_hf_to_gguf.py`;
  if (!fs.exists(converter)) {
    fs.mkdirp(`${fs.home}/llama.cpp`);
    fs.writeText(converter, '#!/usr/bin/env python3\n# The demo box runs its simulated converter for this file (ggml-org/llama.cpp convert_hf_to_gguf.py).\n', { mode: 0o755 });
  }
};
