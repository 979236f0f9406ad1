/**
 * The box side of fine-tuning before a run: where LLaMA Factory is, the datasets registered in the
 * workspace's dataset_info.json, checking a dataset file, registering it (refused without touching
 * the file when the name is taken; written atomically, and only over the bytes it merged into),
 * and the YAML of the form with its memory estimate.
 */
import { createHash } from 'node:crypto';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { DatasetCheck, DatasetEntry, DatasetFormat, FinetuneEnvironment, FinetuneMemoryEstimate, TrainingSettings } from '../../../src/domain/finetune.js';
import { boxMemoryFromMeminfo } from '../../../src/recipes/memory-guard.js';
import { checkDataset } from '../../../src/recipes/finetune/dataset-check.js';
import { copyIntoDataDirCommand, dataFileName, datasetInfoWritten, entryFromCheck, mergeDatasetInfo, parseDatasetInfoRead, readDatasetInfoCommand, writeDatasetInfoCommand } from '../../../src/recipes/finetune/dataset-info.js';
import { finetuneEnvironmentCommand, parseFinetuneEnvironment } from '../../../src/recipes/finetune/environment.js';
import { estimateFinetuneMemory, modelShapeFromConfig } from '../../../src/recipes/finetune/memory.js';
import { modelConfigCommand } from '../../../src/recipes/finetune/run-commands.js';
import { parseDatasetInfo } from '../../../src/remote/parsers/llamafactory-results.js';
import { parseMeminfo } from '../../../src/remote/parsers/proc-meminfo.js';
import { remotePath, sh } from '../../../src/remote/quote.js';
import type { SshConnection } from '../../ssh/connection.js';

export const datasetLimits = { maxBytes: 256 * 1024 ** 2, timeoutMs: 60_000 } as const;

const failed = (what: string, stderr: string) => new AppFailure(appError('remote-command-failed', `${what} failed on the box.`, 'Try again; the lines below say what the box answered.', stderr.trim().split('\n').slice(-5)));

export class FinetuneDatasets {
  constructor(private readonly connection: (deviceId: string) => SshConnection) {}

  async #exec(deviceId: string, command: string, stdin?: string) {
    return this.connection(deviceId).exec(command, { timeoutMs: datasetLimits.timeoutMs, ...(stdin !== undefined ? { stdin } : {}) });
  }

  async environment(deviceId: string): Promise<FinetuneEnvironment> {
    return parseFinetuneEnvironment((await this.#exec(deviceId, finetuneEnvironmentCommand())).stdout);
  }

  /** dataset_info.json's text (null: no file yet). */
  async #readInfo(deviceId: string, dataDir: string): Promise<string | null> {
    const result = await this.#exec(deviceId, readDatasetInfoCommand(dataDir));
    try {
      return parseDatasetInfoRead(result.stdout);
    } catch {
      throw failed('Reading dataset_info.json', result.stderr);
    }
  }

  async datasets(deviceId: string): Promise<{ infoPath: string; entries: DatasetEntry[] }> {
    const env = await this.environment(deviceId);
    const infoPath = `${env.dataDir}/dataset_info.json`;
    const text = await this.#readInfo(deviceId, env.dataDir);
    if (text === null) return { infoPath, entries: [] };
    const parsed = parseDatasetInfo(text);
    if (!parsed.ok) throw new AppFailure(appError('io-error', `dataset_info.json is ${parsed.reason}.`, `Fix ${infoPath} by hand (or move it away), then try again.`));
    const files = new Set((await this.#exec(deviceId, sh`ls -1 ${remotePath(env.dataDir)}`)).stdout.split('\n'));
    return { infoPath, entries: parsed.value.map((e) => ({ name: e.name, fileName: e.fileName, hubUrl: e.hubUrl, formatting: e.formatting, columns: { ...e.columns }, present: e.fileName !== null && files.has(e.fileName) })) };
  }

  async check(deviceId: string, path: string, cutoffLen?: number): Promise<DatasetCheck> {
    const size = await this.#exec(deviceId, sh`wc -c ${remotePath(path)}`);
    const bytes = Number(/^\s*(\d+)/.exec(size.stdout)?.[1] ?? NaN);
    if (size.code !== 0 || !Number.isFinite(bytes)) throw new AppFailure(appError('not-found', `${path} could not be read on the box.`, 'Upload the file again, or pick another one.', [size.stderr.trim()]));
    if (bytes > datasetLimits.maxBytes) throw new AppFailure(appError('unsupported', `${path} is ${(bytes / 1024 ** 2).toFixed(0)} MiB; datasets are checked up to ${datasetLimits.maxBytes / 1024 ** 2} MiB.`, 'Split it into smaller files, or register it by hand in dataset_info.json.'));
    const read = await this.#exec(deviceId, sh`cat ${remotePath(path)}`);
    if (read.code !== 0) throw failed('Reading the dataset', read.stderr);
    return checkDataset(path, read.stdout, cutoffLen);
  }

  async register(deviceId: string, name: string, path: string, format?: DatasetFormat): Promise<{ infoPath: string; entry: DatasetEntry }> {
    const env = await this.environment(deviceId);
    const infoPath = `${env.dataDir}/dataset_info.json`;
    const inDataDir = path.slice(0, path.lastIndexOf('/')) === env.dataDir;
    const fileName = dataFileName(path);
    const check = await this.check(deviceId, path);
    if (!check.ok) throw new AppFailure(appError('bad-request', `${fileName} has problems that stop LLaMA Factory from using it (${check.problemCount}).`, `Fix the lines the check lists (the first is line ${check.problems[0]?.line ?? 1}), upload it again, then register it.`));
    const entry = entryFromCheck(name, fileName, check, format);
    if (entry === null) throw new AppFailure(appError('bad-request', 'The dataset’s format could not be told.', 'Choose Alpaca or ShareGPT.'));
    const current = await this.#readInfo(deviceId, env.dataDir);
    const merged = mergeDatasetInfo(current, entry);
    if (!merged.ok) throw new AppFailure(appError(merged.reason === 'exists' ? 'conflict' : 'io-error', merged.message, merged.reason === 'exists' ? 'Choose another name; the registered dataset was left as it was.' : `Fix ${infoPath} by hand, then try again.`));
    if (!inDataDir) {
      const copied = await this.#exec(deviceId, copyIntoDataDirCommand(path, env.dataDir, fileName));
      if (copied.stdout.includes('PGX-EXISTS')) throw new AppFailure(appError('conflict', `A file named ${fileName} is already in ${env.dataDir}.`, 'Rename the file before uploading it, or upload it straight into the data folder.'));
      if (copied.code !== 0) throw failed('Copying the dataset into the data folder', copied.stderr);
    }
    const sha = current === null ? null : createHash('sha256').update(Buffer.from(current, 'utf8')).digest('hex');
    const suffix = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
    const written = await this.#exec(deviceId, writeDatasetInfoCommand(env.dataDir, sha, suffix), merged.text);
    if (!written.stdout.includes(datasetInfoWritten)) {
      const now = await this.#readInfo(deviceId, env.dataDir);
      if (now !== current) throw new AppFailure(appError('conflict', 'dataset_info.json changed on the box while it was being merged; nothing was written.', 'Register the dataset again.'));
      throw failed('Writing dataset_info.json', written.stderr);
    }
    return { infoPath, entry: { name, fileName, hubUrl: null, formatting: entry.format, columns: { ...entry.columns }, present: true } };
  }

  async memory(deviceId: string, settings: TrainingSettings, workspace: string): Promise<FinetuneMemoryEstimate> {
    const [config, meminfo] = await Promise.all([this.#exec(deviceId, modelConfigCommand(settings.baseModel, workspace)), this.#exec(deviceId, 'cat /proc/meminfo')]);
    const parsed = parseMeminfo(meminfo.stdout);
    const box = parsed.ok ? boxMemoryFromMeminfo(parsed.meminfo) : null;
    return estimateFinetuneMemory(settings, config.code === 0 ? modelShapeFromConfig(config.stdout) : null, box);
  }
}
