/**
 * The export chain's script, run by real bash against stand-in tools that record each call: a
 * quantize that fails (a full disk), then the same script again once it is fixed, goes on from
 * quantize — merge and convert are not done again (issue 12, Done-when 2, at the script's level).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportChainScript, exportFiles, parseExportLog, type ExportPlan } from './chain.js';

const tool = (dir: string, name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho "$0 $*" >> "${join(dir, 'calls')}"\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
};

const setup = () => {
  const root = mkdtempSync(join(tmpdir(), 'pgx-export-chain-'));
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const work = join(root, 'work dir');
  mkdirSync(work);
  const plan: ExportPlan = {
    workDir: work,
    launcher: tool(bin, 'llamafactory-cli', `mkdir -p "${join(root, 'merged')}"`),
    modelDir: join(root, 'merged'),
    convertScript: join(bin, 'convert_hf_to_gguf.py'),
    python: 'python3',
    quantizeTool: tool(bin, 'llama-quantize', `test -f "${join(root, 'disk-full')}" && { echo 'basic_ios::clear: iostream error' >&2; exit 1; }; cp "$1" "$2"`),
    outtype: 'f16',
    quant: 'Q4_K_M',
    ollamaName: 'qwen3-huanhuan:q4_k_m',
    testPrompt: '你是谁？',
  };
  // python3 and ollama are found on PATH: stand-ins that record their calls too.
  tool(bin, 'python3', 'while [ "$1" != "--outfile" ]; do shift; done; echo gguf > "$2"');
  tool(bin, 'ollama', 'echo ok');
  writeFileSync(exportFiles(plan).mergeYaml, 'x: 1\n');
  writeFileSync(exportFiles(plan).modelfile, 'FROM ./model-Q4_K_M.gguf\n');
  const run = () => {
    const r = spawnSync('bash', ['-c', exportChainScript(plan)], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
    return { log: r.stdout + r.stderr, code: r.status };
  };
  const calls = () => (existsSync(join(bin, 'calls')) ? readFileSync(join(bin, 'calls'), 'utf8').trim().split('\n') : []).map((l) => l.split(' ')[0]!.split('/').pop()!);
  return { root, plan, run, calls };
};

describe('the export chain script', () => {
  it('a failed quantize, fixed and run again, goes on from quantize: merge and convert are not redone', () => {
    const { root, plan, run, calls } = setup();
    writeFileSync(join(root, 'disk-full'), '');
    const first = run();
    expect(first.code).toBe(1);
    expect(parseExportLog(first.log, { exitCode: 1 })).toEqual({ merge: 'done', convert: 'done', quantize: 'failed', create: 'waiting', test: 'waiting' });
    expect(first.log).toContain('basic_ios::clear: iostream error');
    expect(calls()).toEqual(['llamafactory-cli', 'python3', 'llama-quantize']);

    rmSync(join(root, 'disk-full'));
    const second = run();
    expect(second.code).toBe(0);
    expect(parseExportLog(second.log, { exitCode: 0 })).toEqual({ merge: 'skipped', convert: 'skipped', quantize: 'done', create: 'done', test: 'done' });
    // Only quantize, create and the test prompt ran the second time.
    expect(calls()).toEqual(['llamafactory-cli', 'python3', 'llama-quantize', 'llama-quantize', 'ollama', 'ollama']);
    expect(existsSync(exportFiles(plan).final)).toBe(true);
  });

  it('a full model (no adapter) starts at convert; no quantize type stops at convert’s GGUF', () => {
    const { plan } = setup();
    const script = exportChainScript({ ...plan, launcher: null, quant: null });
    expect(script).not.toContain('PGX-STEP merge');
    expect(script).not.toContain('llama-quantize');
    expect(exportFiles({ ...plan, quant: null }).final).toBe(exportFiles(plan).converted);
  });

  it('names Ollama refuses are refused here; a running step with no end yet stays running', () => {
    const { plan } = setup();
    expect(() => exportChainScript({ ...plan, ollamaName: 'My Model' })).toThrow(/not an Ollama model name/);
    expect(parseExportLog('PGX-STEP merge\nPGX-DONE merge\nPGX-STEP convert\n', null)).toMatchObject({ merge: 'done', convert: 'running', quantize: 'waiting' });
  });
});
