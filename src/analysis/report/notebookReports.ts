/**
 * The notebooks' HTML reports, checked as a reader would open them: each executed notebook's
 * export in headless Chromium, offline, with a full-page PNG saved beside it. What `smfg
 * reproduce` prints after executing the notebooks (the notebook test asserts the same, in detail).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkReport, type ReportCheck } from './browser.js';

export interface ReportSummary {
  report: string;
  kilobytes: number;
  figuresExpected: number;
  figuresDrawn: number;
  failedLoads: number;
  consoleErrors: number;
  pageErrors: number;
  screenshot: string;
  /** Everything that is wrong with the report, in words (empty: it opens cleanly). */
  problems: string[];
}

const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Figure outputs of an executed notebook (each must be drawn in its export). */
function figureOutputs(ipynbPath: string): number {
  const notebook = JSON.parse(readFileSync(ipynbPath, 'utf8')) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
  return notebook.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && PLOTLY_MIME in o.data).length;
}

function problemsOf(name: string, check: ReportCheck, expected: number): string[] {
  const problems: string[] = [];
  const list = (what: string, items: string[]) => items.length > 0 && problems.push(`${name}: ${items.length} ${what}: ${items.slice(0, 3).join('; ')}`);
  list('references outside the file', check.outsideReferences);
  list('failed loads', check.failedLoads);
  list('console errors', check.consoleErrors);
  list('page errors', check.pageErrors);
  list('tables or text running off the page', check.offPage);
  if (check.withSvg !== expected) problems.push(`${name}: ${check.withSvg} of ${expected} figures drawn`);
  return problems;
}

/** Checks every <name>.html in `folder` that has its executed <name>.ipynb beside it; writes <name>.png. */
export async function checkReports(folder: string): Promise<ReportSummary[]> {
  if (!existsSync(folder)) throw new Error(`${folder} does not exist: execute the notebooks first (node scripts/run-notebooks.mjs)`);
  const names = readdirSync(folder)
    .filter((f) => f.endsWith('.html') && existsSync(join(folder, f.replace(/\.html$/, '.ipynb'))))
    .map((f) => basename(f, '.html'))
    .sort();
  const summaries: ReportSummary[] = [];
  for (const name of names) {
    const html = join(folder, `${name}.html`);
    const expected = figureOutputs(join(folder, `${name}.ipynb`));
    const screenshot = join(folder, `${name}.png`);
    const check = await checkReport(html, { expectedFigures: expected, screenshotPath: screenshot });
    summaries.push({
      report: `${name}.html`,
      kilobytes: Math.round(statSync(html).size / 1024),
      figuresExpected: expected,
      figuresDrawn: check.withSvg,
      failedLoads: check.failedLoads.length,
      consoleErrors: check.consoleErrors.length,
      pageErrors: check.pageErrors.length,
      screenshot,
      problems: problemsOf(`${name}.html`, check, expected),
    });
  }
  return summaries;
}
