import type { Figure } from './figures.js';
export declare const CHROMIUM = "/usr/bin/chromium";
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
export declare function drawnFigures(htmlPath: string, expected?: number, timeoutMs?: number): Promise<DrawnFigures>;
/** Saves a figure as a PNG image (drawn offline in headless Chromium). */
export declare function saveFigurePng(figure: Figure, pngPath: string, size?: {
    width: number;
    height: number;
}): Promise<void>;
