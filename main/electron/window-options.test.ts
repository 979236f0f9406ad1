import { describe, expect, it } from 'vitest';
import { isExternalLinkAllowed, isTrustedSenderUrl, mainWindowOptions, rendererCsp, secureWebPreferences } from './window-options.js';

describe('Electron window security', () => {
  it('pins every web preference to its secure value', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
  });

  it('builds the main window from that same function', () => {
    expect(mainWindowOptions('/p.cjs', true).webPreferences).toEqual(secureWebPreferences('/p.cjs'));
  });

  it('has a strict CSP: no inline or eval scripts, nothing remote', () => {
    const csp = rendererCsp();
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('trusts IPC only from our own origin', () => {
    expect(isTrustedSenderUrl('app://pgx/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://pgx/index.html')).toBe(false);
    expect(isTrustedSenderUrl('file:///index.html')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('not a url')).toBe(false);
  });

  it('hands only web links and editor windows to the OS', () => {
    expect(isExternalLinkAllowed('http://127.0.0.1:8888/lab')).toBe(true);
    expect(isExternalLinkAllowed('https://developer.nvidia.com/nsight-systems')).toBe(true);
    expect(isExternalLinkAllowed('file:///etc/passwd')).toBe(false);
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false);
    expect(isExternalLinkAllowed('vscode://vscode-remote/ssh-remote+ada@pgx.local/home/ada')).toBe(true);
    expect(isExternalLinkAllowed('cursor://vscode-remote/ssh-remote+ada@pgx.local/home/ada')).toBe(true);
    expect(isExternalLinkAllowed('vscode://file/etc/passwd')).toBe(false);
  });
});
