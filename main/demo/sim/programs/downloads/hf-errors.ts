/**
 * Error texts of the two Hugging Face CLIs. `hf` (huggingface_hub 1.x) maps known errors to one
 * `Error:` line on stderr plus the HF_DEBUG hint (cli/_errors.py, cli/hf.py); the deprecated
 * `huggingface-cli` (0.3x) lets the exception escape, so a Python traceback ends in the
 * exception's own text (GatedRepoError / RepositoryNotFoundError / RevisionNotFoundError, as
 * quoted in countless public issues). Disk-full is an unmapped OSError in both.
 */
import { digestHex } from '../../catalogue.js';

export type HfFailure = 'not-found' | 'gated' | 'revision' | 'no-space';

export type HfFlavour = 'hf' | 'huggingface-cli';

const sitePackages = (home: string) => `${home}/.local/lib/python3.12/site-packages`;

/** `Root=1-<8 hex>-<24 hex>;<uuid>`, the shape of the Hub's request ids. */
export const requestId = (seed: string): string => {
  const h = digestHex(`request:${seed}`, 64);
  return `Root=1-${h.slice(0, 8)}-${h.slice(8, 32)};${h.slice(32, 40)}-${h.slice(40, 44)}-${h.slice(44, 48)}-${h.slice(48, 52)}-${h.slice(52, 64)}`;
};

/** hf 1.x: CLI_ERROR_MAPPINGS messages. */
const hfMessages: Record<Exclude<HfFailure, 'no-space'>, string> = {
  'not-found': 'Repository not found. Check the `repo_id` and `repo_type` parameters. If the repo is private, make sure you are authenticated.',
  gated: 'Access denied. This repository requires approval.',
  revision: 'Revision not found. Check the `revision` parameter.',
};

export interface HfErrorContext {
  readonly repoId: string;
  readonly revision: string;
  /** The file whose request failed (gated repos fail on the first file, not the listing). */
  readonly file: string;
  readonly home: string;
  readonly seed: string;
}

const httpError = (failure: Exclude<HfFailure, 'no-space'>, c: HfErrorContext): string[] => {
  const id = requestId(c.seed);
  switch (failure) {
    case 'gated': {
      const url = `https://huggingface.co/${c.repoId}/resolve/${c.revision}/${c.file}`;
      return [
        `requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: ${url}`,
        `huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: ${id})`,
        '',
        `Cannot access gated repo for url ${url}.`,
        `Access to model ${c.repoId} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
      ];
    }
    case 'not-found': {
      const url = `https://huggingface.co/api/models/${c.repoId}/revision/${c.revision}`;
      return [
        `requests.exceptions.HTTPError: 404 Client Error: Not Found for url: ${url}`,
        `huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error. (Request ID: ${id})`,
        '',
        `Repository Not Found for url: ${url}.`,
        'Please make sure you specified the correct `repo_id` and `repo_type`.',
        'If you are trying to access a private or gated repo, make sure you are authenticated. For more details, see https://huggingface.co/docs/huggingface_hub/authentication',
      ];
    }
    case 'revision': {
      const url = `https://huggingface.co/api/models/${c.repoId}/revision/${c.revision}`;
      return [
        `requests.exceptions.HTTPError: 404 Client Error: Not Found for url: ${url}`,
        `huggingface_hub.errors.RevisionNotFoundError: 404 Client Error. (Request ID: ${id})`,
        '',
        `Revision Not Found for url: ${url}.`,
        `Invalid rev id: ${c.revision}`,
      ];
    }
  }
};

/** A Python traceback through the CLI entry point into huggingface_hub (frames abbreviated as Python prints them). */
const traceback = (c: HfErrorContext, cause: string[], flavour: HfFlavour): string => {
  const site = sitePackages(c.home);
  const entry = flavour === 'hf' ? 'hf' : 'huggingface-cli';
  const [first, ...rest] = cause;
  const head = first?.startsWith('requests.') ? [
    'Traceback (most recent call last):',
    `  File "${site}/huggingface_hub/utils/_http.py", line 409, in hf_raise_for_status`,
    '    response.raise_for_status()',
    `  File "${site}/requests/models.py", line 1024, in raise_for_status`,
    '    raise HTTPError(http_error_msg, response=self)',
    first,
    '',
    'The above exception was the direct cause of the following exception:',
    '',
  ] : [];
  const tail = head.length > 0 ? rest : cause;
  return [
    ...head,
    'Traceback (most recent call last):',
    `  File "${c.home}/.local/bin/${entry}", line 8, in <module>`,
    '    sys.exit(main())',
    '             ^^^^^^',
    `  File "${site}/huggingface_hub/_snapshot_download.py", line 332, in snapshot_download`,
    '    thread_map(',
    `  File "${site}/huggingface_hub/file_download.py", line 1010, in hf_hub_download`,
    '    return _hf_hub_download_to_cache_dir(',
    '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    ...tail,
    '',
  ].join('\n');
};

/** stderr (and the hint hf prints on stdout) for a failure; exit code 1 in every case. */
export const hfFailureOutput = (
  failure: HfFailure,
  flavour: HfFlavour,
  c: HfErrorContext & { readonly expectedBytes?: number; readonly targetDir?: string },
): { stderr: string; stdout: string } => {
  if (failure === 'no-space') {
    const site = sitePackages(c.home);
    const warning =
      `${site}/huggingface_hub/file_download.py:752: UserWarning: Not enough free disk space to download the file. ` +
      `The expected file size is: ${((c.expectedBytes ?? 0) / 1e6).toFixed(2)} MB. The target location ${c.targetDir ?? ''} only has 0.00 MB free disk space.\n` +
      '  warnings.warn(\n';
    return { stderr: `${warning}${traceback(c, ['OSError: [Errno 28] No space left on device'], flavour)}`, stdout: '' };
  }
  if (flavour === 'hf') {
    // huggingface_hub 1.x prints the hint with print() (stdout), the error on stderr.
    return { stderr: `Error: ${hfMessages[failure]}\n`, stdout: 'Set HF_DEBUG=1 as environment variable for full traceback.\n' };
  }
  return { stderr: traceback(c, httpError(failure, c), flavour), stdout: '' };
};
