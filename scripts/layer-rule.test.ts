import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Fixtures that break the layer rules of DESIGN.md; each must be flagged by `npm run lint`.
const violations: Array<{ file: string; code: string; expected: RegExp }> = [
  { file: 'src/remote/bad-node.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", expected: /no Node built-ins/ },
  { file: 'src/remote/bad-bare-node.ts', code: "import path from 'path';\nexport const x = path;\n", expected: /no Node built-ins/ },
  { file: 'src/domain/bad-electron.ts', code: "import { app } from 'electron';\nexport const x = app;\n", expected: /no electron/ },
  { file: 'src/metrics/bad-react.ts', code: "import { useState } from 'react';\nexport const x = useState;\n", expected: /no React/ },
  { file: 'src/recipes/bad-dom.ts', code: 'export const x = () => document.title;\n', expected: /no document/ },
  { file: 'src/contract/bad-main.ts', code: "import { x } from '../../main/services/backend.js';\nexport const y = x;\n", expected: /must not import main/ },
  { file: 'main/services/bad-electron.ts', code: "import { app } from 'electron';\nexport const x = app;\n", expected: /Only main\/electron/ },
  { file: 'main/web/bad-renderer.ts', code: "import { App } from '../../renderer/app/App.js';\nexport const x = App;\n", expected: /must not import renderer/ },
  { file: 'renderer/app/bad-main.ts', code: "import { x } from '../../main/services/backend.js';\nexport const y = x;\n", expected: /must not import main/ },
  { file: 'renderer/app/bad-node.ts', code: "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n", expected: /no Node built-ins/ },
];

const allowed: Array<{ file: string; code: string }> = [
  { file: 'src/contract/ok.ts', code: "import { z } from 'zod';\nimport { Settings } from '../domain/settings.js';\nexport const x = [z, Settings];\n" },
  { file: 'main/electron/ok.ts', code: "import { app } from 'electron';\nexport const x = app;\n" },
  { file: 'main/services/ok.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" },
  { file: 'renderer/app/ok.ts', code: "import { Settings } from '../../src/domain/settings.js';\nexport const x = Settings;\n" },
];

describe('layer rule', () => {
  const eslint = new ESLint({ cwd: process.cwd() });

  it.each(violations)('flags $file', async ({ file, code, expected }) => {
    const [result] = await eslint.lintText(code, { filePath: file });
    const messages = result!.messages.map((m) => m.message).join('\n');
    expect(messages).toMatch(expected);
    expect(result!.messages.some((m) => m.message.includes('(layer rule)'))).toBe(true);
  });

  it.each(allowed)('allows $file', async ({ file, code }) => {
    const [result] = await eslint.lintText(code, { filePath: file });
    expect(result!.messages.filter((m) => m.message.includes('(layer rule)'))).toEqual([]);
  });
});
