import type { SimFs } from './sim/io.js';

/**
 * What a demo box has on disk before the user does anything: a home folder with a note saying
 * what this is. Later features add their own seed (models, datasets) through this module.
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
};
