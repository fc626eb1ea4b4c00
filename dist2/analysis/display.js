"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.inNotebook = inNotebook;
exports.figureHtml = figureHtml;
exports.showFigure = showFigure;
exports.showTable = showTable;
/**
 * Showing tables and figures in a notebook (tslab kernel), or as text outside one.
 * A figure goes out as one display bundle with two formats: the Plotly JSON for front ends that
 * render it, and HTML that draws it with plotly.js inlined once per kernel session, so the
 * HTML export of a notebook shows its figures offline.
 */
const node_fs_1 = require("node:fs");
const textTable_js_1 = require("./textTable.js");
function kernel() {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const jupyter = require('tslab/dist/jupyter');
        return jupyter.lastWriteDisplayData ? jupyter : null;
    }
    catch {
        return null;
    }
}
/** Whether we run inside a notebook kernel that can show rich output. */
function inNotebook() {
    return kernel() !== null;
}
function writeBundle(data) {
    const jupyter = kernel();
    if (!jupyter?.lastWriteDisplayData)
        return false;
    jupyter.lastWriteDisplayData({ data, metadata: {}, transient: {} }, false);
    return true;
}
let plotlyInlined = false;
let figureCount = 0;
function plotlyScript() {
    const path = require.resolve('plotly.js-dist-min');
    return (0, node_fs_1.readFileSync)(path, 'utf8').replace(/<\/script/gi, '<\\/script');
}
/** Standalone HTML that draws a figure (plotly.js inlined when `includePlotly`). */
function figureHtml(figure, includePlotly, id = `smfg-figure-${++figureCount}-${Date.now()}`) {
    const library = includePlotly ? `<script>${plotlyScript()}</script>` : '';
    const spec = JSON.stringify(figure).replace(/<\//g, '<\\/');
    return `${library}<div id="${id}" style="width:100%;max-width:900px;height:460px"></div>
<script>(function(){var f=${spec};Plotly.newPlot(${JSON.stringify(id)},f.data,f.layout,{responsive:true,displaylogo:false});})();</script>`;
}
/** Show a figure inline (notebook) or print a one-line summary (terminal). */
function showFigure(figure) {
    const html = figureHtml(figure, !plotlyInlined);
    if (writeBundle({ 'application/vnd.plotly.v1+json': figure, 'text/html': html, 'text/plain': figureSummary(figure) })) {
        plotlyInlined = true;
        return;
    }
    console.log(figureSummary(figure));
}
function figureSummary(figure) {
    const title = figure.layout.title?.text ?? 'figure';
    return `[figure: ${title}; ${figure.data.length} traces: ${figure.data.map((d) => d.name ?? d.type).join(', ')}]`;
}
/** Show an arquero table as HTML (notebook) or text (terminal). */
function showTable(table, options = {}) {
    const limit = options.limit ?? 100;
    const format = { limit, format: Object.fromEntries(table.columnNames().map((c) => [c, (v) => formatCell(v, options.digits)])) };
    const html = `${options.caption ? `<p><b>${options.caption}</b></p>` : ''}${table.toHTML(format)}`;
    if (writeBundle({ 'text/html': html, 'text/plain': table.toMarkdown(format) }))
        return;
    if (options.caption)
        console.log(options.caption);
    console.log(table.toMarkdown(format));
}
function formatCell(value, digits = 4) {
    if (typeof value === 'number')
        return (0, textTable_js_1.formatNumber)(value, digits);
    return value === null || value === undefined ? '' : String(value);
}
//# sourceMappingURL=display.js.map