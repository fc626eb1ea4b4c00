/**
 * The classical rows of the paper's table: free market, Saez and US federal 2022 governments
 * against behaviour-cloned households, at N = 100 and 1,000, over several seeds.
 */
import { aq, type Table } from '../../data/frames.js';
import { governmentByName, householdsByName } from '../../policies/registry.js';
import type { GovernmentTask, Preset } from '../../economy/config.js';
import { comparisonTable, evaluate, type Evaluation } from './evaluate.js';

export const CLASSICAL_GOVERNMENTS = ['free-market', 'saez', 'us-federal-2022'] as const;

/** The authors' numbers (paper-results.md, their code on this machine, gdp task), for side-by-side tables. */
export const AUTHORS_CLASSICAL: { government: string; n: number; seed: string; years: string; governmentReward: string; socialWelfare: string; gdpPerHousehold: string; incomeGini: string; wealthGini: string }[] = [
  { government: 'Saez', n: 100, seed: '2 / 3', years: '300', governmentReward: '2676 / 2712', socialWelfare: '94.9', gdpPerHousehold: '8.9e11 / 8.0e11', incomeGini: '0.41 / 0.42', wealthGini: '0.37 / 0.38' },
  { government: 'Saez', n: 1000, seed: '2', years: '300', governmentReward: '2679', socialWelfare: '948.4', gdpPerHousehold: '9.0e11', incomeGini: '0.42', wealthGini: '0.39' },
  { government: 'US federal 2022', n: 100, seed: '2', years: '300', governmentReward: '2565', socialWelfare: '95.1', gdpPerHousehold: '4.1e11', incomeGini: '0.41', wealthGini: '0.38' },
  { government: 'US federal 2022', n: 100, seed: 'others (and N = 1000)', years: '1-2', governmentReward: '-400 to -730', socialWelfare: '31-35 (350 at N = 1000)', gdpPerHousehold: '1.4e5', incomeGini: '0.85-0.91', wealthGini: '0.92-0.95' },
  { government: 'free market', n: 100, seed: 'all (also N = 1000)', years: '1-2', governmentReward: '-440 to -770', socialWelfare: '32-38 (324-355 at N = 1000)', gdpPerHousehold: '1.4e5', incomeGini: '0.79-0.92', wealthGini: '0.85-0.95' },
];

export function authorsClassicalTable(): Table {
  return aq.from(AUTHORS_CLASSICAL);
}

export interface ClassicalOptions {
  ns?: number[];
  seeds?: number | number[];
  episodes?: number;
  households?: string;
  governments?: string[];
  task?: GovernmentTask;
  preset?: Preset;
  onProgress?: (label: string, done: number, total: number) => void;
}

export interface ClassicalResult {
  evaluations: Evaluation[];
  /** One row per (government, N): comparisonTable (mean, 95 % bootstrap interval and survivors' mean of every metric; survival with its Wilson interval). */
  table: Table;
}

export function classicalComparison(options: ClassicalOptions = {}): ClassicalResult {
  const ns = options.ns ?? [100, 1000];
  const governments = options.governments ?? [...CLASSICAL_GOVERNMENTS];
  const households = householdsByName(options.households ?? 'bc');
  const evaluations: Evaluation[] = [];
  for (const n of ns) {
    for (const name of governments) {
      evaluations.push(
        evaluate(governmentByName(name), households, {
          n,
          seeds: options.seeds ?? 5,
          episodes: options.episodes ?? 1,
          task: options.task,
          preset: options.preset,
          keepTrajectories: true,
          onProgress: (done, total) => options.onProgress?.(`${name} N=${n}`, done, total),
        }),
      );
    }
  }
  return { evaluations, table: comparisonTable(evaluations) };
}
