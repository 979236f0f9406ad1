/**
 * The Content-Security-Policy for the renderer, in Electron and in browser mode alike.
 * No inline scripts, no eval, nothing loaded from the network; styles may be inline because
 * React style props, xterm.js and uPlot set element styles.
 */
export const contentSecurityPolicy = (options: { connectSrc: readonly string[] }): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...options.connectSrc].join(' ')}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
