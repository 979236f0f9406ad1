/**
 * LLaMA Factory's console pieces: its logger format
 * (`[%(levelname)s|%(asctime)s] %(name)s:%(lineno)s >> %(message)s`, datefmt `%Y-%m-%d %H:%M:%S`),
 * the HF Trainer tqdm bar without a description (`  2%|▎         | 10/400 [01:50<15:45,  2.43s/it]`),
 * the banner and the usage box of launcher.py.
 */
import { formatBar, formatInterval } from '../downloads/tqdm.js';

const stamp = (now: number): string => new Date(now).toISOString().slice(0, 19).replace('T', ' ');

export const logLine = (now: number, level: 'INFO' | 'WARNING' | 'ERROR', name: string, line: number, message: string): string =>
  `[${level}|${stamp(now)}] ${name}:${line} >> ${message}\n`;

/**
 * Line numbers LLaMA Factory's own records carry: info_rank0 / warning_rank0 /
 * warning_rank0_once call the logger from extras/logging.py, so that file's lines show.
 */
export const lmfLines = { info: 144, warning: 149, warningOnce: 155 } as const;

/** transformers' explicit format (stderr): `[INFO|trainer.py:2405] 2025-03-06 12:04:09,913 >> …`. */
export const hfLine = (now: number, file: string, line: number, message: string): string =>
  `[INFO|${file}:${line}] ${new Date(now).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',')} >> ${message}\n`;

/** tqdm.format_meter with no desc and unit 'it': slow steps read as s/it. */
export const tqdm = (n: number, total: number, secondsPerStep: number): string => {
  const fraction = total > 0 ? n / total : 0;
  const elapsed = secondsPerStep * n;
  const remaining = secondsPerStep > 0 ? formatInterval((total - n) * secondsPerStep) : '?';
  const rate = secondsPerStep <= 0 ? '?it/s' : secondsPerStep >= 1 ? `${secondsPerStep.toFixed(2).padStart(5)}s/it` : `${(1 / secondsPerStep).toFixed(2).padStart(5)}it/s`;
  return `${(fraction * 100).toFixed(0).padStart(3)}%|${formatBar(fraction)}| ${n}/${total} [${formatInterval(elapsed)}<${remaining}, ${rate}]`;
};

export const lmfVersion = '0.9.6.dev0';

export const welcome = `----------------------------------------------------------
| Welcome to LLaMA Factory, version ${lmfVersion}           |
|                                                        |
| Project page: https://github.com/hiyouga/LLaMA-Factory |
----------------------------------------------------------
`;

export const usage = `----------------------------------------------------------------------
| Usage:                                                             |
|   llamafactory-cli api -h: launch an OpenAI-style API server       |
|   llamafactory-cli chat -h: launch a chat interface in CLI         |
|   llamafactory-cli export -h: merge LoRA adapters and export model |
|   llamafactory-cli train -h: train models                          |
|   llamafactory-cli webchat -h: launch a chat interface in Web UI   |
|   llamafactory-cli webui: launch LlamaBoard                        |
|   llamafactory-cli env: show environment info                      |
|   llamafactory-cli version: show version info                      |
| Hint: You can use \`lmf\` as a shortcut for \`llamafactory-cli\`.      |
----------------------------------------------------------------------
`;

/** `raise Last from First`: both tracebacks, joined the way Python prints a chained exception. */
export const chainedTraceback = (first: readonly [string, string], last: readonly [string, string]): string =>
  `${traceback(first[0], first[1])}\nThe above exception was the direct cause of the following exception:\n\n${traceback(last[0], last[1])}`;

/** The tail of a Python traceback for an exception raised while parsing the config or data. */
export const traceback = (exception: string, message: string): string =>
  `Traceback (most recent call last):\n  File "/usr/local/bin/llamafactory-cli", line 8, in <module>\n    sys.exit(main())\n             ^^^^^^\n${exception}: ${message}\n`;
