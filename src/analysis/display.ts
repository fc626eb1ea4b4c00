/**
 * Showing tables and figures in a notebook (tslab kernel), or as text outside one.
 * A figure goes out as one display bundle with two formats: the Plotly JSON for front ends that
 * render it, and HTML that draws it with plotly.js inlined once per kernel session, so the
 * HTML export of a notebook shows its figures offline.
 */
import { readFileSync } from 'node:fs';
import type { Figure } from './figures.js';
import type { Table } from '../data/frames.js';
import { formatNumber } from './textTable.js';

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
<script>(function(){var f=${spec};Plotly.newPlot(${JSON.stringify(id)},f.data,f.layout,{responsive:true,displaylogo:false});})();</script>`;
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

/** Show an arquero table as HTML (notebook) or text (terminal). */
export function showTable(table: Table, options: { caption?: string; limit?: number; digits?: number } = {}): void {
  const limit = options.limit ?? 100;
  const format = { limit, format: Object.fromEntries(table.columnNames().map((c) => [c, (v: unknown) => formatCell(v, options.digits)])) };
  const html = `${options.caption ? `<p><b>${options.caption}</b></p>` : ''}${table.toHTML(format)}`;
  if (writeBundle({ 'text/html': html, 'text/plain': table.toMarkdown(format) })) return;
  if (options.caption) console.log(options.caption);
  console.log(table.toMarkdown(format));
}

function formatCell(value: unknown, digits = 4): string {
  if (typeof value === 'number') return formatNumber(value, digits);
  return value === null || value === undefined ? '' : String(value);
}
