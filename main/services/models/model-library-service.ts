/**
 * The model library of each box: one scan (modelLibraryCommand) read into ModelEntry rows, and
 * deleting one of them. A delete takes the path from this service's last scan of that box —
 * never from the renderer — so a forged request cannot remove anything the scan did not list.
 */
import type { ModelEntry, ModelSource } from '../../../src/domain/model.js';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { ModelScanProblem } from '../../../src/contract/methods/models.js';
import { modelDeleteCommand } from '../../../src/remote/commands/model-delete.js';
import { modelLibraryCommand } from '../../../src/remote/commands/model-library.js';
import { parseModelLibrary } from '../../../src/remote/parsers/model-library.js';
import type { ExecResult, SshConnection } from '../../ssh/connection.js';
import { refusingInvalid } from '../bad-request.js';

export const modelLibraryLimits = {
  /** du over a few hundred GB of sparse-free weights takes seconds; a slow NFS folder longer. */
  scanTimeoutMs: 120_000,
  /** `ollama rm` and `rm -rf` of a model folder (tens of files). */
  deleteTimeoutMs: 120_000,
} as const;

export interface LibraryScan {
  readonly models: ModelEntry[];
  readonly scannedAt: number;
  readonly problems: ModelScanProblem[];
}

const failed = (what: string, result: ExecResult): AppFailure =>
  new AppFailure(appError('remote-command-failed', `${what} failed on the box (exit code ${String(result.code)}).`, 'Try again; if it keeps failing, run the same in a terminal on the box to see why.', (result.stderr || result.stdout).trim().split('\n').slice(-5)));

export class ModelLibraryService {
  readonly #last = new Map<string, LibraryScan>();

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      readonly folders: () => readonly string[];
      readonly now?: () => number;
    },
  ) {}

  async scan(deviceId: string): Promise<LibraryScan> {
    const result = await this.deps.connection(deviceId).exec(modelLibraryCommand(this.deps.folders()), { timeoutMs: modelLibraryLimits.scanTimeoutMs });
    const library = parseModelLibrary(result.stdout);
    if (result.code !== 0 && library.entries.length === 0) throw failed('Listing the models', result);
    const problems: ModelScanProblem[] = [];
    if (!library.complete) problems.push({ code: 'incomplete', path: null, detail: null, message: 'The listing stopped before its end (the connection dropped or it took too long); some models may be missing.' });
    for (const folder of library.missingFolders) problems.push({ code: 'folder-missing', path: folder, detail: null, message: `The model folder ${folder} is not on this box (Settings → Model folders).` });
    if (library.ollama.kind === 'error') problems.push({ code: 'ollama-error', path: null, detail: library.ollama.message, message: `Ollama did not answer: ${library.ollama.message}` });
    const scan = { models: [...library.entries], scannedAt: (this.deps.now ?? Date.now)(), problems };
    this.#last.set(deviceId, scan);
    return scan;
  }

  /** Deletes a model the last scan listed; answers what it occupied (null when the scan knew no size). */
  async delete(deviceId: string, id: string, source: ModelSource): Promise<{ freedBytes: number | null }> {
    const entry = this.#last.get(deviceId)?.models.find((m) => m.id === id && m.source === source);
    if (!entry) throw new AppFailure(appError('not-found', `${id} is not in this box's model list any more.`, 'Refresh the Models page and try again.'));
    const command = refusingInvalid(() => modelDeleteCommand(entry), 'Delete it in a terminal on the box if you mean it.');
    const result = await this.deps.connection(deviceId).exec(command, { timeoutMs: modelLibraryLimits.deleteTimeoutMs });
    if (result.code !== 0) throw failed(`Deleting ${id}`, result);
    const last = this.#last.get(deviceId);
    if (last) this.#last.set(deviceId, { ...last, models: last.models.filter((m) => m !== entry) });
    return { freedBytes: entry.sizeBytes };
  }

  forgetDevice(deviceId: string): void {
    this.#last.delete(deviceId);
  }
}
