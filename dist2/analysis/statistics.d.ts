/** Means and 95 % confidence intervals across seeds (Student t, the seeds' means as samples). */
export declare function tQuantile975(degreesOfFreedom: number): number;
export interface Interval {
    mean: number;
    sd: number;
    /** Half-width of the 95 % interval (NaN with one sample). */
    halfWidth: number;
    low: number;
    high: number;
    count: number;
}
export declare function meanInterval(values: number[]): Interval;
