import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../e2e/harness/hostile-strings.js';
import { ModelFolders, modelFolderLimits, modelFolderProblem, normalizeModelFolder } from './model-folder.js';
import { SettingsPatch } from './settings.js';

describe('modelFolderProblem', () => {
  it('takes full paths and paths in the box user’s home', () => {
    for (const folder of ['/data/llm-model', '/', '~', '~/models', '/mnt/nas/模型 库', "/data/it's", '/data/$(not run)']) expect(modelFolderProblem(folder), folder).toBeNull();
  });

  it('refuses relative paths, ~user, .. and line breaks', () => {
    expect(modelFolderProblem('models')).toBe('not-absolute');
    expect(modelFolderProblem('./models')).toBe('not-absolute');
    expect(modelFolderProblem('~root/models')).toBe('not-absolute');
    expect(modelFolderProblem('/data/../etc')).toBe('not-absolute');
    expect(modelFolderProblem('~/..')).toBe('not-absolute');
    expect(modelFolderProblem('/data/a\nb')).toBe('bad-characters');
    expect(modelFolderProblem('/data/a\0b')).toBe('bad-characters');
    expect(modelFolderProblem(`/${'a'.repeat(modelFolderLimits.maxLength)}`)).toBe('too-long');
    for (const value of hostileStrings) if (!value.startsWith('/') && !value.startsWith('~')) expect(modelFolderProblem(value), value).not.toBeNull();
  });
});

describe('normalizeModelFolder', () => {
  it('drops surrounding space, trailing and doubled slashes', () => {
    expect(normalizeModelFolder('  /data//llm-model/ ')).toBe('/data/llm-model');
    expect(normalizeModelFolder('~/models///')).toBe('~/models');
    expect(normalizeModelFolder('/')).toBe('/');
    expect(normalizeModelFolder('//')).toBe('/');
  });
});

describe('the settings patch', () => {
  it('accepts a list of folders and refuses a relative one or too many', () => {
    expect(SettingsPatch.parse({ modelFolders: ['~/models', '/data/llm-model'] }).modelFolders).toEqual(['~/models', '/data/llm-model']);
    expect(SettingsPatch.safeParse({ modelFolders: ['models'] }).success).toBe(false);
    expect(ModelFolders.safeParse(Array.from({ length: modelFolderLimits.maxFolders + 1 }, (_, i) => `/m/${i}`)).success).toBe(false);
  });
});
