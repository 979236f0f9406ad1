// Renders assets/icon.svg to assets/icon.png (1024×1024) with Debian's Chromium.
// electron-builder derives .icns / .ico from that PNG. Run after editing the SVG:
//   npx tsx scripts/render-icon.ts
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const svg = readFileSync('assets/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env['PGX_CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: 'assets/icon.png', omitBackground: true });
await browser.close();
process.stdout.write('assets/icon.png\n');
