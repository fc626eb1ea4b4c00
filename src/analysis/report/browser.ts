/**
 * Headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): open an HTML report
 * offline, check that it loads cleanly and draws its figures, screenshot it, and save figures as
 * PNG images.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../data/atomic.js';
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

export interface ReportCheck extends DrawnFigures {
  /**
   * Every resource load that failed: requests the browser reported failed (e.g.
   * `net::ERR_FILE_NOT_FOUND`), responses with status >= 400, and requests for anything outside
   * the report itself (other files, the network), which are blocked so that a report that works
   * only on the machine that made it, or only online, fails here too.
   */
  failedLoads: string[];
  /** URLs the page asked for other than the report file and data:/blob: URLs (a subset of failedLoads). */
  externalRequests: string[];
  /** src/href/url() references in the file to anything outside it (see outsideReferences). */
  outsideReferences: string[];
  /** Console messages of type error. */
  consoleErrors: string[];
  /** Width of the laid-out page and of the viewport, in CSS pixels (wider page = something runs off it). */
  pageWidth: number;
  viewportWidth: number;
  /**
   * Tables and preformatted blocks that run off the right of the window with no scroll box to
   * reach the rest (a box can be wider than the window and still not widen the page, when an
   * ancestor clips it), as "tag.class (right edge px)".
   */
  offPage: string[];
  /**
   * For each table: how many px of it are hidden until one scrolls (0 = it fits where it is), and
   * whether it scrolls in a box of its own (the table itself or its parent scrolls sideways and
   * fits the window), rather than with the whole output area or not at all.
   */
  tables: { hiddenPx: number; ownScrollBox: boolean }[];
  /** The full-page PNG screenshot, when one was asked for. */
  screenshot?: string;
}

export interface ReportOptions {
  /** Wait (up to `timeoutMs`) until this many figures have a drawn svg. */
  expectedFigures?: number;
  timeoutMs?: number;
  /** Save a full-page PNG screenshot here (written atomically). */
  screenshotPath?: string;
  viewport?: { width: number; height: number };
}

/**
 * src/href attributes and CSS url() values in an HTML file that point outside it (anything but
 * data:, blob:, javascript: and #fragment). The bodies of inline scripts are left out: plotly.js
 * holds strings such as "https://plotly.com/" that are no reference of the page. Hyperlinks
 * (<a href>) to other pages are no resource, but the reports have none, so they count too.
 */
export function outsideReferences(html: string): string[] {
  const markup = html.replace(/<script\b([^>]*)>[\s\S]*?<\/script>/gi, '<script$1></script>');
  const found: string[] = [];
  const inside = (url: string) => /^(data:|blob:|javascript:|#|$)/i.test(url.trim());
  for (const m of markup.matchAll(/\b(?:src|href|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const url = m[1] ?? m[2] ?? m[3] ?? '';
    if (!inside(url)) found.push(m[0]);
  }
  for (const m of markup.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)/gi)) {
    const url = m[1] ?? m[2] ?? m[3] ?? '';
    if (!inside(url)) found.push(m[0]);
  }
  for (const m of markup.matchAll(/@import\s+[^;]+;/gi)) found.push(m[0]);
  return found;
}

/**
 * Opens an HTML report offline in headless Chromium, lets it draw, and reports everything that
 * went wrong: references outside the file, failed or outside loads, console errors, page errors,
 * and the Plotly figures it drew. With `screenshotPath`, saves a full-page PNG of it.
 */
export async function checkReport(htmlPath: string, options: ReportOptions = {}): Promise<ReportCheck> {
  const { expectedFigures = 0, timeoutMs = 30_000, screenshotPath, viewport = { width: 1100, height: 900 } } = options;
  return withBrowser(async (browser) => {
    const page = await browser.newPage({ viewport });
    const self = pathToFileURL(htmlPath).href;
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    const failedLoads: string[] = [];
    const externalRequests: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()}${message.location().url ? ` (${message.location().url})` : ''}`);
    });
    page.on('requestfailed', (request) => failedLoads.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failedLoads.push(`${response.url()}: HTTP ${response.status()}`);
    });
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === self || /^(data|blob|about):/.test(url)) return route.continue();
      externalRequests.push(url);
      return route.abort('blockedbyclient');
    });
    await page.goto(self, { waitUntil: 'load' });
    if (expectedFigures > 0) {
      await page
        .waitForFunction(
          `(() => { const plots = document.querySelectorAll('.js-plotly-plot'); return plots.length >= ${expectedFigures} && Array.from(plots).every((p) => p.querySelector('svg.main-svg')); })()`,
          undefined,
          { timeout: timeoutMs },
        )
        .catch(() => undefined); // report what was drawn; the caller's assertion says what is missing
    }
    await page.waitForTimeout(200);
    // evaluated in the page (kept as a string: the library is compiled without DOM types)
    const result = (await page.evaluate(`(() => {
      const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
      return {
        figures: plots.length,
        withSvg: plots.filter((p) => p.querySelector('svg.main-svg')).length,
        traces: plots.map((p) => (p.data || []).length),
        pageWidth: document.documentElement.scrollWidth,
        viewportWidth: window.innerWidth,
        offPage: (() => {
          const right = document.documentElement.clientWidth + 1;
          const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.getBoundingClientRect().right <= right;
          return Array.from(document.querySelectorAll('table, pre')).filter((element) => {
            if (element.getBoundingClientRect().right <= right) return false;
            for (let e = element; e && e !== document.body; e = e.parentElement) if (scrolls(e)) return false;
            return true;
          }).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
        })(),
        tables: Array.from(document.querySelectorAll('table')).map((table) => {
          const left = table.getBoundingClientRect().left;
          const right = document.documentElement.clientWidth + 1;
          let clip = document.documentElement.clientWidth;
          for (let e = table; e && e !== document.documentElement; e = e.parentElement) {
            if (getComputedStyle(e).overflowX !== 'visible') clip = Math.min(clip, e.getBoundingClientRect().left + e.clientLeft + e.clientWidth);
          }
          const box = (e) => !!e && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.getBoundingClientRect().right <= right;
          return { hiddenPx: Math.max(0, Math.round(left + table.scrollWidth - clip)), ownScrollBox: box(table) || box(table.parentElement) };
        }),
      };
    })()`)) as Omit<ReportCheck, 'pageErrors' | 'consoleErrors' | 'failedLoads' | 'externalRequests' | 'outsideReferences'>;
    if (screenshotPath) writeFileAtomic(screenshotPath, await page.screenshot({ fullPage: true, type: 'png' }));
    return { ...result, outsideReferences: outsideReferences(readFileSync(htmlPath, 'utf8')), pageErrors, consoleErrors, failedLoads, externalRequests, ...(screenshotPath ? { screenshot: screenshotPath } : {}) };
  });
}

/**
 * Opens an HTML file offline and reports the Plotly figures it drew. With `expected`, waits
 * (up to `timeoutMs`) until that many figures have an svg, so a slow machine is not a failure.
 */
export async function drawnFigures(htmlPath: string, expected = 0, timeoutMs = 30_000): Promise<DrawnFigures> {
  const { figures, withSvg, traces, pageErrors } = await checkReport(htmlPath, { expectedFigures: expected, timeoutMs });
  return { figures, withSvg, traces, pageErrors };
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
