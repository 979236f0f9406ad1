/**
 * One command that lists every model on the box: the Hugging Face cache (HF_HUB_CACHE, else
 * HF_HOME/hub, else ~/.cache/huggingface/hub), the ModelScope cache (MODELSCOPE_CACHE, else
 * ~/.cache/modelscope/hub; models under `models/ORG/NAME`), the user's folders (each folder's
 * subfolders holding a config.json or GGUF files, its own *.gguf files, or the folder itself when
 * it is a model), and `ollama list`. The first word names it (`: pgx-companion:model-library`)
 * so the demo box can run its native twin.
 *
 * Output is a stream of NUL-terminated fields (paths may hold spaces, quotes and newlines; no
 * field can hold a NUL: config text has its NULs dropped). A record is a tag, then its fields:
 *   dir    SOURCE PATH CONTENT REVISION BYTES CONFIG
 *            PATH is what deleting removes (an HF repo folder `models--ORG--NAME`), CONTENT the
 *            folder an engine reads (its `snapshots/REV`); BYTES is `du -sDb PATH` (the HF
 *            snapshot's links are not followed, so each blob counts once); CONFIG is the first
 *            `configBytes` of CONTENT/config.json, empty when there is none
 *   gguf   SOURCE OWNER FILE BYTES      a *.gguf file; OWNER is the CONTENT of the dir record
 *                                       it belongs to, empty for a file lying in a user folder;
 *                                       BYTES follows the link (`du -sLb`)
 *   missing FOLDER                      a user folder that is not there
 *   ollama STATUS TEXT                  `ollama list`'s exit status and its output (stderr too)
 *   ollama-missing                      no ollama on the PATH
 *   end                                 the listing ran to its end
 * SOURCE is hf, modelscope or folder.
 */
import { quote } from '../quote.js';
import { InvalidDockerArgument } from './docker-names.js';

export const modelLibraryScriptName = 'model-library';

/** How much of each config.json comes back: real ones are 1–8 KiB; a bound keeps a stray giant from flooding the channel. */
export const configBytes = 65_536;

const script = `: pgx-companion:${modelLibraryScriptName}
export LC_ALL=C
size() { s=$(du -s\${2:-D}b -- "$1" 2>/dev/null); s=\${s%%[!0-9]*}; printf '%s' "\${s:-0}"; }
ggufs() { for g in "$3"/*.gguf; do [ -f "$g" ] && printf 'gguf\\0%s\\0%s\\0%s\\0%s\\0' "$1" "$2" "$g" "$(size "$g" L)"; done; }
has_model() { [ -f "$1/config.json" ] && return 0; for g in "$1"/*.gguf; do [ -f "$g" ] && return 0; done; return 1; }
model() {
  printf 'dir\\0%s\\0%s\\0%s\\0%s\\0%s\\0' "$1" "$2" "$3" "$4" "$(size "$2")"
  [ -f "$3/config.json" ] && head -c ${configBytes} -- "$3/config.json" 2>/dev/null | tr -d '\\000'
  printf '\\0'
  ggufs "$1" "$3" "$3"
}
hub=\${HF_HUB_CACHE:-\${HUGGINGFACE_HUB_CACHE:-\${HF_HOME:-$HOME/.cache/huggingface}/hub}}
for r in "$hub"/models--*; do
  [ -d "$r/snapshots" ] || continue
  rev=
  [ -f "$r/refs/main" ] && { IFS= read -r rev < "$r/refs/main" || :; }
  if [ -z "$rev" ] || [ ! -d "$r/snapshots/$rev" ]; then
    rev=
    for s in "$r"/snapshots/*; do [ -d "$s" ] && rev=\${s##*/}; done
  fi
  [ -n "$rev" ] && model hf "$r" "$r/snapshots/$rev" "$rev"
done
ms=\${MODELSCOPE_CACHE:-$HOME/.cache/modelscope/hub}
for d in "$ms"/models/*/*; do
  [ -d "$d" ] && has_model "$d" && model modelscope "$d" "$d" ""
done
for top in "$@"; do
  case $top in "~") top=$HOME ;; "~/"*) top=$HOME/\${top#??} ;; esac
  if [ ! -d "$top" ]; then printf 'missing\\0%s\\0' "$top"; continue; fi
  if [ -f "$top/config.json" ]; then model folder "$top" "$top" ""; continue; fi
  for d in "$top"/*; do
    if [ -d "$d" ]; then has_model "$d" && model folder "$d" "$d" ""
    else case $d in *.gguf) [ -f "$d" ] && printf 'gguf\\0folder\\0\\0%s\\0%s\\0' "$d" "$(size "$d" L)" ;; esac
    fi
  done
done
if command -v ollama >/dev/null 2>&1; then
  o=$(timeout 20 ollama list 2>&1); printf 'ollama\\0%s\\0%s\\0' "$?" "$o"
else
  printf 'ollama-missing\\0'
fi
printf 'end\\0'`;

/** The script as sent (tests run it with a real sh). */
export const modelLibraryScript = (): string => script;

/**
 * The command line: `sh -c SCRIPT sh FOLDER…`. Folders are the user's list (`/data/llm-model`,
 * `~/models`); `~` is expanded on the box. Every folder is one quoted argument.
 */
export const modelLibraryCommand = (folders: readonly string[]): string => {
  for (const folder of folders) {
    if (folder === '' || folder.includes('\0')) throw new InvalidDockerArgument('A model folder is a non-empty path without NUL bytes.');
  }
  return ['sh', '-c', quote(script), 'sh', ...folders.map((f) => quote(f))].join(' ');
};
