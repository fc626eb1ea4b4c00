import type { MacroCalibration } from '../economy/macro.js';
import { type Recording } from '../data/recording.js';
export interface ColumnError {
    file: 'expected_aggregates.csv' | 'expected_households.csv' | 'meta.json';
    column: string;
    maxRelativeError: number;
    /** Step (and household) where the largest error occurs. */
    step: number;
    household: number | null;
    expected: number;
    actual: number;
}
export interface ReplayReport {
    folder: string;
    n: number;
    steps: number;
    columns: ColumnError[];
    maxRelativeError: number;
    /** Recorded columns we do not model (listed, not compared). */
    skippedColumns: string[];
}
/** |a - b| / max(|a|, |b|), 0 when both are 0; NaN-safe (NaN vs NaN counts as equal). */
export declare function relativeError(actual: number, expected: number): number;
export interface ReplayOptions {
    macro?: MacroCalibration;
    /** Called after each step (for progress). */
    onStep?: (step: number, steps: number) => void;
}
export declare function replayRecording(recordingOrFolder: Recording | string, options?: ReplayOptions): ReplayReport;
