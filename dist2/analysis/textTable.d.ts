/** Plain-text tables for the terminal: right-aligned numbers, a header rule. */
export type Cell = string | number | boolean | null | undefined;
/** Numbers for people: integers as they are, large and tiny ones in exponent form, `digits` significant-ish digits. */
export declare function formatNumber(value: number, digits?: number): string;
export declare function textTable(columns: string[], rows: Cell[][]): string;
