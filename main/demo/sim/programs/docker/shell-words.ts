/**
 * Enough of POSIX shell word splitting to find the real program inside a container command
 * like `bash -c "cat > /tmp/x.yml <<EOF … EOF\ntrtllm-serve /models/x --port 8355"` (the
 * Spark playbooks start engines this way). Not a shell: no expansion, no globbing.
 */

/** The simple commands of a script, each as its words (assignments `K=V` in front dropped). */
export const scriptCommands = (script: string): string[][] => {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let heredoc: string | undefined;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    const start = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    if (start >= 0) commands.push(words.slice(start));
    words = [];
  };
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (heredoc !== undefined && c === '\n') {
      // Skip the here-document body up to its delimiter line.
      const end = script.indexOf(`\n${heredoc}\n`, i);
      const endAtEof = script.endsWith(`\n${heredoc}`) ? script.length - heredoc.length - 1 : -1;
      const stop = end >= 0 ? end : endAtEof;
      endCommand();
      i = stop >= 0 ? stop + heredoc.length + 1 : script.length;
      heredoc = undefined;
      continue;
    }
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      word += script.slice(i + 1, close < 0 ? undefined : close);
      inWord = true;
      i = close < 0 ? script.length : close + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < script.length && script[j] !== '"') {
        if (script[j] === '\\' && j + 1 < script.length && '"\\$`'.includes(script[j + 1]!)) {
          word += script[j + 1];
          j += 2;
        } else {
          word += script[j];
          j += 1;
        }
      }
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '\\') {
      if (script[i + 1] !== '\n') {
        word += script[i + 1] ?? '';
        inWord = true;
      }
      i += 2;
      continue;
    }
    if (c === '<' && script[i + 1] === '<') {
      endWord();
      const match = /^<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(script.slice(i));
      if (match) {
        heredoc = match[1];
        i += match[0].length;
        continue;
      }
    }
    if (c === ';' || c === '\n' || c === '|' || c === '&') {
      endCommand();
      i += script[i + 1] === c ? 2 : 1;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      i += 1;
      continue;
    }
    word += c;
    inWord = true;
    i += 1;
  }
  endCommand();
  return commands;
};
