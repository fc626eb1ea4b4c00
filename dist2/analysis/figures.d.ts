import type { YearResult } from '../economy/economy.js';
export interface Figure {
    data: Record<string, unknown>[];
    layout: Record<string, unknown>;
}
/** Lorenz curves of several distributions, with the line of equality. */
export declare function lorenzFigure(series: {
    name: string;
    values: ArrayLike<number>;
}[], title?: string, points?: number): Figure;
/** Tax schedules: a rate (or the tax) as a function of income, one line per schedule. */
export declare function taxScheduleFigure(series: {
    name: string;
    incomeUsd: number[];
    value: number[];
}[], options?: {
    title?: string;
    yTitle?: string;
    logX?: boolean;
    steps?: boolean;
    markers?: {
        name: string;
        incomeUsd: number[];
    };
}): Figure;
export type TrajectoryMetric = 'gdpPerHousehold' | 'incomeGini' | 'wealthGini' | 'totalAssetsNext' | 'capital' | 'meanHouseholdReward' | 'governmentReward' | 'wageRate';
/** One metric over the years of several episodes (e.g. one per government). */
export declare function trajectoryFigure(series: {
    name: string;
    trajectory: readonly YearResult[];
}[], metric: TrajectoryMetric, options?: {
    logY?: boolean;
}): Figure;
/** Distribution of wealth (or income) across households, log10 scale. */
export declare function distributionFigure(series: {
    name: string;
    values: ArrayLike<number>;
}[], title?: string, xTitle?: string): Figure;
