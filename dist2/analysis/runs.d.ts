export declare function newRunFolder(kind: string, root?: string): string;
export declare function writeJson(path: string, value: unknown): void;
/** Rows of objects as CSV (columns from the first row). */
export declare function toCsv(rows: Record<string, unknown>[]): string;
export declare function writeCsv(path: string, rows: Record<string, unknown>[]): void;
