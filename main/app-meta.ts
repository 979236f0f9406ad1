import pkg from '../package.json' with { type: 'json' };

export const appName = 'PGX Companion';
export const appVersion: string = pkg.version;
