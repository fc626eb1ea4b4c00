/**
 * Showing tables and figures in a notebook (tslab kernel), or as text outside one.
 * A figure goes out as one display bundle with two formats: the Plotly JSON for front ends that
 * render it, and HTML that draws it with plotly.js inlined once per kernel session, so the
 * HTML export of a notebook shows its figures offline.
 */
import { readFileSync } from 'node:fs';
import type { Figure } from './figures.js';
import type { Table } from '../../data/frames.js';
import { formatCell, isEstimate, isInterval } from './format.js';

interface JupyterInternals {
  lastWriteDisplayData: ((message: { data: Record<string, unknown>; metadata: object; transient: object }, update: boolean) => void) | null;
}

function kernel(): JupyterInternals | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require('tslab/dist/jupyter') as JupyterInternals;
    return jupyter.lastWriteDisplayData ? jupyter : null;
  } catch {
    return null;
  }
}

/** Whether we run inside a notebook kernel that can show rich output. */
export function inNotebook(): boolean {
  return kernel() !== null;
}

function writeBundle(data: Record<string, unknown>): boolean {
  const jupyter = kernel();
  if (!jupyter?.lastWriteDisplayData) return false;
  jupyter.lastWriteDisplayData({ data, metadata: {}, transient: {} }, false);
  return true;
}

let plotlyInlined = false;
let figureCount = 0;

function plotlyScript(): string {
  const path = require.resolve('plotly.js-dist-min');
  return readFileSync(path, 'utf8').replace(/<\/script/gi, '<\\/script');
}

/** Standalone HTML that draws a figure (plotly.js inlined when `includePlotly`). */
export function figureHtml(figure: Figure, includePlotly: boolean, id = `smfg-figure-${++figureCount}-${Date.now()}`): string {
  const library = includePlotly ? `<script>${plotlyScript()}</script>` : '';
  const spec = JSON.stringify(figure).replace(/<\//g, '<\\/');
  return `${library}<div id="${id}" style="width:100%;max-width:900px;height:460px"></div>
<script>(function(){var f=${spec};var el=document.getElementById(${JSON.stringify(id)});
if(typeof Plotly==='undefined'){el.style.height='auto';el.textContent='plotly.js is not on this page: the kernel inlines it once per session, with its first figure, and this page was reloaded since. Kernel > Restart & Run All draws every figure again.';return;}
Plotly.newPlot(el,f.data,f.layout,{responsive:true,displaylogo:false});})();</script>`;
}

/** Show a figure inline (notebook) or print a one-line summary (terminal). */
export function showFigure(figure: Figure): void {
  const html = figureHtml(figure, !plotlyInlined);
  if (writeBundle({ 'application/vnd.plotly.v1+json': figure, 'text/html': html, 'text/plain': figureSummary(figure) })) {
    plotlyInlined = true;
    return;
  }
  console.log(figureSummary(figure));
}

function figureSummary(figure: Figure): string {
  const title = (figure.layout.title as { text?: string } | undefined)?.text ?? 'figure';
  return `[figure: ${title}; ${figure.data.length} traces: ${figure.data.map((d) => d.name ?? d.type).join(', ')}]`;
}

/**
 * Show an arquero table as HTML (notebook) or text (terminal). Cells print in their column's
 * style (format.ts): per-metric significant digits, integers as integers, interval cells as
 * "[low, high]" and estimate cells as "mean [low, high]". Wide tables scroll sideways inside
 * their own box instead of running off the page.
 */
export function showTable(table: Table, options: { caption?: string; limit?: number } = {}): void {
  const limit = options.limit ?? 100;
  const columns = table.columnNames();
  const format = Object.fromEntries(columns.map((c) => [c, (v: unknown) => formatCell(v, c)]));
  const align = Object.fromEntries(columns.map((c) => [c, rightAligned(table, c) ? 'r' : 'l'])) as Record<string, 'l' | 'r'>;
  const caption = options.caption ? `<p><b>${escapeHtml(options.caption)}</b></p>` : '';
  // cells keep to one line ("[1, 181.2]" must not wrap); a table wider than the page scrolls in its box
  const nowrap = { th: 'white-space: nowrap;', td: 'white-space: nowrap;' };
  const html = `${caption}<div class="smfg-table" style="overflow-x:auto;max-width:100%">${table.toHTML({ limit, format, align, style: nowrap })}</div>`;
  if (writeBundle({ 'text/html': html, 'text/plain': table.toMarkdown({ limit, format, align }) })) return;
  if (options.caption) console.log(options.caption);
  console.log(table.toMarkdown({ limit, format, align }));
}

/** Numbers, intervals and estimates line up on the right, text on the left. */
function rightAligned(table: Table, column: string): boolean {
  const values = table.array(column) as unknown[];
  return values.some((v) => v !== null && v !== undefined) && values.every((v) => v === null || v === undefined || typeof v === 'number' || isInterval(v) || isEstimate(v));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
