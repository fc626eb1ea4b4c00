import type { Figure } from './figures.js';
import type { Table } from '../data/frames.js';
/** Whether we run inside a notebook kernel that can show rich output. */
export declare function inNotebook(): boolean;
/** Standalone HTML that draws a figure (plotly.js inlined when `includePlotly`). */
export declare function figureHtml(figure: Figure, includePlotly: boolean, id?: string): string;
/** Show a figure inline (notebook) or print a one-line summary (terminal). */
export declare function showFigure(figure: Figure): void;
/** Show an arquero table as HTML (notebook) or text (terminal). */
export declare function showTable(table: Table, options?: {
    caption?: string;
    limit?: number;
    digits?: number;
}): void;
