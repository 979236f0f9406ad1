import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { quote } from '../../../src/remote/quote.js';
import { makeHost, run } from './shell-testing.js';

type Expected = { stdout?: string | RegExp; stderr?: string | RegExp; status?: number };

/**
 * Command line → what bash prints. The expectations were checked against GNU bash 5.2 and
 * coreutils 9 where the construct exists there (the fakes aside).
 */
const cases: Array<[string, Expected]> = [
  // Sequences and conditions
  ['echo hello world', { stdout: 'hello world\n', status: 0 }],
  ['echo -n a; echo b', { stdout: 'ab\n' }],
  ['false && echo no || echo yes', { stdout: 'yes\n', status: 0 }],
  ['true && echo one; false; echo $?', { stdout: 'one\n1\n', status: 0 }],
  ['false || false', { status: 1 }],
  ['! false && echo negated', { stdout: 'negated\n' }],
  ['echo a; ; echo b', { stderr: "bash: -c: line 1: syntax error near unexpected token `;'\n", status: 2 }],
  ['echo a &&', { stderr: 'bash: -c: line 1: syntax error: unexpected end of file\n', status: 2 }],
  ["echo 'unterminated", { stderr: "bash: -c: line 1: unexpected EOF while looking for matching `''\n", status: 2 }],
  ['echo a # a comment; echo hidden', { stdout: 'a\n' }],
  ['echo a#b', { stdout: 'a#b\n' }],
  ['echo one\necho two', { stdout: 'one\ntwo\n' }],
  ['echo one &&\necho two', { stdout: 'one\ntwo\n' }],
  // Variables and assignments
  ['X=1; echo "$X" ${X}y $X-z', { stdout: '1 1y 1-z\n' }],
  ['X=1 Y="a b"; echo "$Y" $X', { stdout: 'a b 1\n' }],
  ['LC_ALL=C show-args a "b c"', { stdout: '["a","b c"] "" C /home/demo\n' }],
  ['X=1 show-args; echo "[$X]"', { stdout: '[] "" - /home/demo\n[]\n' }],
  ['X=local; sh -c \'echo "[$X]"\'', { stdout: '[]\n' }],
  ['export X=exported; sh -c \'echo "[$X]"\'', { stdout: '[exported]\n' }],
  ['echo "$HOME"/x $HOME ${HOME}', { stdout: '/home/demo/x /home/demo /home/demo\n' }],
  ['echo ${UNSET:-fallback} ${HOME:+set} "${#HOME}"', { stdout: 'fallback set 10\n' }],
  ['echo "$"', { stdout: '$\n' }],
  ['echo $$ | grep -cE "^[0-9]+$"', { stdout: '1\n' }],
  ['cd /tmp && echo "$PWD" && cd - >/dev/null && echo "$PWD"', { stdout: '/tmp\n/home/demo\n' }],
  ['unset HOME; echo "[$HOME]"', { stdout: '[]\n' }],
  // Quoting
  ["echo 'single $HOME' \"double $USER\" mixed'\"'", { stdout: 'single $HOME double demo mixed"\n' }],
  ['echo a\\ b "c\\"d" \'e\\f\'', { stdout: 'a b c"d e\\f\n' }],
  ["echo $'tab\\there'", { stdout: 'tab\there\n' }],
  ['echo ~ "~" ~/x \'~/y\' a~', { stdout: '/home/demo ~ /home/demo/x ~/y a~\n' }],
  ['echo "中文 🚀"', { stdout: '中文 🚀\n' }],
  // Redirections
  ['echo hi > f.txt && cat f.txt && echo more >> f.txt && wc -l f.txt', { stdout: 'hi\n2 f.txt\n' }],
  ['cat missing 2>&1', { stdout: 'cat: missing: No such file or directory\n', stderr: '', status: 1 }],
  ['cat missing 2>/dev/null; echo $?', { stdout: '1\n', stderr: '' }],
  ['cat missing 2> err.txt; cat err.txt', { stdout: 'cat: missing: No such file or directory\n', stderr: '' }],
  ['cat missing 2>> err.txt; cat missing 2>>err.txt; wc -l < err.txt', { stdout: '2\n' }],
  ['echo to-stderr >&2', { stdout: '', stderr: 'to-stderr\n' }],
  ['echo both &> both.log; cat both.log; fail-with 3 &>> both.log; cat both.log', { stdout: 'both\nboth\nfail-with: failing with 3\n' }],
  ['echo x >/dev/null; echo y 1>/dev/null; echo z', { stdout: 'z\n' }],
  ['fail-with 4 2>&1 >/dev/null', { stdout: 'fail-with: failing with 4\n', status: 4 }],
  ['echo 2 > two.txt; cat two.txt', { stdout: '2\n' }],
  ['echo in > in.txt; show-args < in.txt', { stdout: '[] "in\\n" - /home/demo\n' }],
  ['show-args < /dev/null', { stdout: '[] "" - /home/demo\n' }],
  ['cat < nowhere.txt', { stderr: 'bash: line 1: nowhere.txt: No such file or directory\n', status: 1 }],
  ['echo x > /no/such/dir/file', { stderr: 'bash: line 1: /no/such/dir/file: No such file or directory\n', status: 1 }],
  ['> empty.txt; wc -c empty.txt', { stdout: '0 empty.txt\n' }],
  // Pipelines
  ['echo a | show-args', { stdout: '[] "a\\n" - /home/demo\n' }],
  ['printf "b\\na\\nc\\n" | sort | head -n 2', { stdout: 'a\nb\n' }],
  ['fail-with 2 2>/dev/null | cat; echo $?', { stdout: '0\n' }],
  ['echo x | fail-with 5 2>/dev/null', { status: 5 }],
  ['cd /tmp | true; pwd', { stdout: '/home/demo\n' }],
  // sh -c, prefixes, exit
  ["sh -c 'echo $0 $1 \"$@\" $#' zero one 'two words'", { stdout: 'zero one one two words 2\n' }],
  ["bash -c 'exit 7'; echo $?", { stdout: '7\n' }],
  ["sh -c 'cd /tmp; pwd'; pwd", { stdout: '/tmp\n/home/demo\n' }],
  ["sh -c 'nosuch'", { stderr: 'sh: 1: nosuch: not found\n', status: 127 }],
  ["bash -c 'cd /nowhere\n\necho \"two\nlines\"\nnosuch'", { stdout: 'two\nlines\n', stderr: 'bash: line 1: cd: /nowhere: No such file or directory\nbash: line 5: nosuch: command not found\n', status: 127 }],
  ["sh -c 'true\ncd /nowhere'", { stderr: "sh: 2: cd: can't cd to /nowhere\n", status: 2 }],
  ["bash -lc 'echo login'", { stdout: 'login\n' }],
  ['exit 3; echo never', { stdout: '', status: 3 }],
  ['exit', { status: 0 }],
  ['false; exit', { status: 1 }],
  ['nohup setsid echo prefixed', { stdout: 'prefixed\n' }],
  ['exec echo replaced; echo never', { stdout: 'replaced\n' }],
  ['env -i A=1 env', { stdout: 'A=1\n' }],
  ['env LC_ALL=C show-args x', { stdout: '["x"] "" C /home/demo\n' }],
  ['env nosuch', { stderr: 'env: ‘nosuch’: No such file or directory\n', status: 127 }],
  ['timeout 0.05 ticker > /dev/null; echo $?', { stdout: '124\n' }],
  ['timeout 5 echo quick; echo $?', { stdout: 'quick\n0\n' }],
  ['timeout x echo', { stderr: /^timeout: invalid time interval ‘x’/, status: 125 }],
  ['/usr/bin/echo absolute', { stdout: 'absolute\n' }],
  ['./nothing.sh', { stderr: 'bash: line 1: ./nothing.sh: No such file or directory\n', status: 127 }],
  ["printf '#!/bin/sh\\necho script \"$1\"\\n' > run.sh; chmod 2>/dev/null; sh run.sh arg", { stdout: 'script arg\n' }],
  // Commands that are not there
  ['nosuchtool x', { stderr: 'bash: line 1: nosuchtool: command not found\n', status: 127 }],
  ['command -v docker cat cd nosuch', { stdout: '/usr/bin/docker\n/usr/bin/cat\ncd\n', status: 1 }],
  ['type cd ls', { stdout: 'cd is a shell builtin\nls is /usr/bin/ls\n' }],
  ['which echo sh nosuch', { stdout: '/usr/bin/echo\n/usr/bin/sh\n', status: 1 }],
  // Globs
  ['mkdir -p a/b && touch a/b/x.json a/b/y.json a/b/z.txt && ls a/b/*.json', { stdout: 'a/b/x.json\na/b/y.json\n' }],
  ['mkdir -p c && touch c/checkpoint-1 c/checkpoint-20 c/other && cd c && echo checkpoint-*', { stdout: 'checkpoint-1 checkpoint-20\n' }],
  ['touch "$HOME"/g1.json && echo "$HOME"/*.json', { stdout: '/home/demo/g1.json\n' }],
  ['echo nothing*.json', { stdout: 'nothing*.json\n' }],
  ['ls nothing*.json', { stderr: "ls: cannot access 'nothing*.json': No such file or directory\n", status: 2 }],
  ['touch f1 f2; echo "f*" f?', { stdout: 'f* f1 f2\n' }],
  // Refused syntax
  ['echo $(date)', { stderr: 'demo box: this shell runs only the commands PGX Companion sends; command substitution is not supported here.\n', status: 2 }],
  ['echo "`date`"', { stderr: /command substitution is not supported here/, status: 2 }],
  ['echo $((1+2))', { stderr: /arithmetic expansion `\$\(\(…\)\)` is not supported here/, status: 2 }],
  ['(cd /tmp; ls)', { stderr: /a subshell `\( … \)` is not supported here/, status: 2 }],
  ['f() { echo; }', { stderr: /a function definition is not supported here/, status: 2 }],
  ['{ echo a; echo b; }', { stderr: /a command group `\{ …; \}` is not supported here/, status: 2 }],
  ['if true; then echo; fi', { stderr: /`if` is not supported here/, status: 2 }],
  ['for i in 1 2; do echo $i; done', { stderr: /`for` is not supported here/, status: 2 }],
  ['while true; do :; done', { stderr: /`while` is not supported here/, status: 2 }],
  ['cat <<EOF', { stderr: /a here-document is not supported here/, status: 2 }],
  ['diff <(ls) <(ls)', { stderr: /process substitution is not supported here/, status: 2 }],
  ["echo '$(not substituted)' '`nor this`'", { stdout: '$(not substituted) `nor this`\n', status: 0 }],
];

describe('demo box shell: the language', () => {
  for (const [line, expected] of cases) {
    it(line, async () => {
      const result = await run(makeHost(), line);
      const match = (value: string | RegExp) => (typeof value === 'string' ? value : expect.stringMatching(value));
      if (expected.stdout !== undefined) expect(result.stdout).toEqual(match(expected.stdout));
      if (expected.stderr !== undefined) expect(result.stderr).toEqual(match(expected.stderr));
      if (expected.status !== undefined) expect(result.status).toBe(expected.status);
    });
  }

  it('brings every hostile string back byte for byte through quote() and printf %s', async () => {
    const host = makeHost();
    for (const value of hostileStrings) {
      const result = await run(host, `printf %s ${quote(value)}`);
      expect(result, JSON.stringify(value)).toEqual({ stdout: value, stderr: '', status: 0 });
      const viaFile = await run(host, `printf '%s' ${quote(value)} > hostile.txt && cat hostile.txt`);
      expect(viaFile.stdout, JSON.stringify(value)).toBe(value);
    }
  });

  it('passes hostile strings through sh -c and "$@" unchanged', async () => {
    const host = makeHost();
    const result = await run(host, `sh -c ${quote('printf "[%s]" "$@"')} sh ${hostileStrings.map((s) => quote(s)).join(' ')}`);
    expect(result.stdout).toBe(hostileStrings.map((s) => `[${s}]`).join(''));
  });

  it('says a tool a fault removed is not installed, everywhere it is looked up', async () => {
    const host = makeHost({ missing: ['docker'] });
    expect(await run(host, 'docker ps')).toEqual({ stdout: '', stderr: 'bash: line 1: docker: command not found\n', status: 127 });
    expect(await run(host, 'command -v docker || echo absent')).toEqual({ stdout: 'absent\n', stderr: '', status: 0 });
    expect((await run(host, 'type docker')).stderr).toBe('bash: line 1: type: docker: not found\n');
  });

  it('runs a native script for `: pgx-companion:NAME` with the arguments after $0', async () => {
    const host = makeHost();
    const line = `cd /tmp && sh -c ${quote(': pgx-companion:collector; while :; do cat /proc/stat; sleep 1; done')} sh 'a b' c`;
    expect(await run(host, line)).toEqual({ stdout: 'native collector ["a b","c"] in /tmp\n', stderr: '', status: 3 });
    // Unknown names are interpreted: ':' is a no-op and the rest runs.
    expect(await run(host, `sh -c ${quote(': pgx-companion:unknown; echo interpreted "$1"')} sh x`)).toEqual({ stdout: 'interpreted x\n', stderr: '', status: 0 });
  });

  it('reads the channel input for a program and for cat', async () => {
    const host = makeHost();
    expect((await run(host, 'show-args', { stdin: 'from channel\n' })).stdout).toBe('[] "from channel\\n" - /home/demo\n');
    expect((await run(host, 'cat > up.txt && cat up.txt', { stdin: '中文 data\n' })).stdout).toBe('中文 data\n');
  });

  it('reports a full disk on redirection and in cp, as bash and coreutils do', async () => {
    const host = makeHost();
    await run(host, 'echo data > src.txt');
    host.store.update((state) => {
      state.faults['disk-full'] = true;
    }, Date.now());
    expect(await run(host, 'echo x > out.txt')).toEqual({ stdout: '', stderr: 'bash: line 1: out.txt: No space left on device\n', status: 1 });
    expect(await run(host, 'cp src.txt copy.txt')).toEqual({ stdout: '', stderr: "cp: error writing 'copy.txt': No space left on device\n", status: 1 });
  });
});
