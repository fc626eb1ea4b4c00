"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CHROMIUM = void 0;
exports.drawnFigures = drawnFigures;
exports.saveFigurePng = saveFigurePng;
/**
 * Headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): draw the figures of
 * an HTML report, check them, and save figures as PNG images.
 */
const node_fs_1 = require("node:fs");
const node_url_1 = require("node:url");
const atomic_js_1 = require("../data/atomic.js");
const display_js_1 = require("./display.js");
exports.CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
async function withBrowser(work) {
    if (!(0, node_fs_1.existsSync)(exports.CHROMIUM))
        throw new Error(`${exports.CHROMIUM} not found: install Debian's chromium package (scripts/setup.sh does)`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('playwright-core');
    // playwright gives every launch a fresh temporary profile
    const browser = await chromium.launch({ executablePath: exports.CHROMIUM, args: FLAGS });
    try {
        return await work(browser);
    }
    finally {
        await browser.close();
    }
}
/**
 * Opens an HTML file offline and reports the Plotly figures it drew. With `expected`, waits
 * (up to `timeoutMs`) until that many figures have an svg, so a slow machine is not a failure.
 */
async function drawnFigures(htmlPath, expected = 0, timeoutMs = 30_000) {
    return withBrowser(async (browser) => {
        const page = await browser.newPage();
        const pageErrors = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto((0, node_url_1.pathToFileURL)(htmlPath).href, { waitUntil: 'load' });
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
    })()`));
        return { ...result, pageErrors };
    });
}
/** Saves a figure as a PNG image (drawn offline in headless Chromium). */
async function saveFigurePng(figure, pngPath, size = { width: 900, height: 480 }) {
    await withBrowser(async (browser) => {
        const page = await browser.newPage({ viewport: size });
        await page.setContent(`<html><body style="margin:0">${(0, display_js_1.figureHtml)(figure, true, 'figure')}</body></html>`, { waitUntil: 'load' });
        await page.waitForSelector('#figure svg.main-svg');
        const png = await page.locator('#figure').screenshot();
        (0, atomic_js_1.writeFileAtomic)(pngPath, png);
    });
}
//# sourceMappingURL=browser.js.map