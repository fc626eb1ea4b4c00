/**
 * Headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): draw the figures of
 * an HTML report, check them, and save figures as PNG images.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../data/atomic.js';
import type { Figure } from './figures.js';
import { figureHtml } from './display.js';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Browser = Awaited<ReturnType<(typeof import('playwright-core'))['chromium']['launch']>>;

async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium package (scripts/setup.sh does)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  // playwright gives every launch a fresh temporary profile
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

export interface DrawnFigures {
  /** Plotly figures drawn on the page (elements with class js-plotly-plot). */
  figures: number;
  /** Of those, the ones that contain a drawn svg.main-svg. */
  withSvg: number;
  /** Trace count of each figure. */
  traces: number[];
  /** Errors the page reported while loading. */
  pageErrors: string[];
}

/**
 * Opens an HTML file offline and reports the Plotly figures it drew. With `expected`, waits
 * (up to `timeoutMs`) until that many figures have an svg, so a slow machine is not a failure.
 */
export async function drawnFigures(htmlPath: string, expected = 0, timeoutMs = 30_000): Promise<DrawnFigures> {
  return withBrowser(async (browser) => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    if (expected > 0) {
      await page
        .waitForFunction(`document.querySelectorAll('.js-plotly-plot svg.main-svg').length > 0 && document.querySelectorAll('.js-plotly-plot').length >= ${expected}`, undefined, { timeout: timeoutMs })
        .catch(() => undefined); // report what was drawn; the caller's assertion says what is missing
    }
    await page.waitForTimeout(200);
    // evaluated in the page (kept as a string: the library is compiled without DOM types)
    const result = (await page.evaluate(`(() => {
      const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
      return { figures: plots.length, withSvg: plots.filter((p) => p.querySelector('svg.main-svg')).length, traces: plots.map((p) => (p.data || []).length) };
    })()`)) as Omit<DrawnFigures, 'pageErrors'>;
    return { ...result, pageErrors };
  });
}

/** Saves a figure as a PNG image (drawn offline in headless Chromium). */
export async function saveFigurePng(figure: Figure, pngPath: string, size = { width: 900, height: 480 }): Promise<void> {
  await withBrowser(async (browser) => {
    const page = await browser.newPage({ viewport: size });
    await page.setContent(`<html><body style="margin:0">${figureHtml(figure, true, 'figure')}</body></html>`, { waitUntil: 'load' });
    await page.waitForSelector('#figure svg.main-svg');
    const png = await page.locator('#figure').screenshot();
    writeFileAtomic(pngPath, png);
  });
}
