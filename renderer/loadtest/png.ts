/**
 * Saves a chart as PNG: uPlot's canvas (transparent, axes drawn on it) laid on the theme's
 * background with the chart's title, then downloaded through an <a download> (the CSP allows
 * blob: and data: images; downloads of blob: URLs need nothing more).
 */
export const pngLayout = {
  /** Room above the plot for the title, px at device scale 1. */
  titleHeight: 28,
  padding: 12,
  font: '600 14px system-ui, sans-serif',
} as const;

const cssVar = (el: Element, name: string, fallback: string) => getComputedStyle(el).getPropertyValue(name).trim() || fallback;

export const downloadBlob = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked on the next turn: the click has handed the blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

export const downloadText = (text: string, type: string, fileName: string) => downloadBlob(new Blob([text], { type }), fileName);

export const downloadChartPng = (plotCanvas: HTMLCanvasElement, themeRoot: Element, title: string, fileName: string) => {
  const scale = window.devicePixelRatio || 1;
  const pad = pngLayout.padding * scale;
  const head = pngLayout.titleHeight * scale;
  const out = document.createElement('canvas');
  out.width = plotCanvas.width + pad * 2;
  out.height = plotCanvas.height + head + pad * 2;
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = cssVar(themeRoot, '--bg-elevated', '#ffffff');
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = cssVar(themeRoot, '--text', '#111111');
  ctx.font = pngLayout.font.replace('14px', `${14 * scale}px`);
  ctx.textBaseline = 'middle';
  ctx.fillText(title, pad, pad + head / 2);
  ctx.drawImage(plotCanvas, pad, pad + head);
  out.toBlob((blob) => blob && downloadBlob(blob, fileName), 'image/png');
};
