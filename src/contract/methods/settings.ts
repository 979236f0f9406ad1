import { Empty } from '../schema-helpers.js';
import { Settings, SettingsPatch } from '../../domain/settings.js';

export const settingsMethods = {
  'settings:get': { request: Empty, response: Settings },
  'settings:update': { request: SettingsPatch, response: Settings },
} as const;
