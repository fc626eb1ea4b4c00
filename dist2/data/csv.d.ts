export declare class DataFileError extends Error {
    constructor(message: string);
}
export interface CsvTable {
    path: string;
    columns: string[];
    rows: string[][];
}
export declare function readCsv(path: string): CsvTable;
export declare function parseCsv(text: string, path?: string): CsvTable;
/** Index of a column, or an error listing the columns that exist. */
export declare function columnIndex(table: CsvTable, name: string): number;
export interface NumberRule {
    /** Allow empty cells (read as NaN). */
    optional?: boolean;
    min?: number;
    integer?: boolean;
}
/** A numeric column as a Float64Array; non-numbers and out-of-range values are errors naming the cell. */
export declare function numberColumn(table: CsvTable, name: string, rule?: NumberRule): Float64Array;
export declare function stringColumn(table: CsvTable, name: string): string[];
