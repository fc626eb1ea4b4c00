/**
 * What the agents observe. Global (leader and followers): mean wealth, mean income and mean
 * ability of the top 10 % and of the bottom 50 %; private (household i): (e_i, a_i).
 * Normalisation (running mean and std) belongs to the learners, not to the economy.
 *
 * Groups as the authors form them: the top floor(0.1 N) and everyone below rank floor(0.5 N) of
 * a stable descending sort, by wealth for the wealth means and by income for the income and
 * ability means. In a rank order (ascending, ties by descending index: see sort.ts) that is the
 * last floor(0.1 N) and the first N - floor(0.5 N). An empty group (N < 10 for the top 10 %)
 * has mean 0.
 */
import { followsInOrder, IndexSorter } from './sort.js';

export const GLOBAL_OBSERVATION_NAMES = [
  'top10MeanWealth',
  'top10MeanIncome',
  'top10MeanAbility',
  'bottom50MeanWealth',
  'bottom50MeanIncome',
  'bottom50MeanAbility',
] as const;

/** Sizes of the two groups among n households. */
export function observationGroups(n: number): { top: number; bottom: number } {
  return { top: Math.floor(0.1 * n), bottom: n - Math.floor(0.5 * n) };
}

/**
 * The income and ability means of the two groups (entries 1, 2, 4 and 5 of the global
 * observation), from two households that bound the income groups: `lastBottom`, the last
 * household of the bottom 50 %, and `firstTop`, the first of the top 10 % (ignored when that
 * group is empty). One sequential pass puts every household in its groups by comparing
 * (income, index) with theirs. Returns false, leaving `out` untouched, when the groups so formed
 * do not have the sizes the ranks imply: the two households came from another order than
 * income's (the economy takes them from its order of post-tax income, which taxes rarely change).
 */
export function incomeGroupMeans(income: Float64Array, ability: Float64Array, lastBottom: number, firstTop: number, out: Float64Array): boolean {
  const n = income.length;
  const { top, bottom } = observationGroups(n);
  // the top group starts after the household firstTop: none when the group is empty
  const bottomIncomeBound = income[lastBottom];
  const topIncomeBound = top > 0 ? income[firstTop] : Infinity;
  const topIndexBound = top > 0 ? firstTop : -1;
  let topIncome = 0, topAbility = 0, topCount = 0, bottomIncome = 0, bottomAbility = 0, bottomCount = 0;
  for (let i = 0; i < n; i++) {
    const y = income[i];
    const e = ability[i];
    // (y, i) not after lastBottom, and not before firstTop, in the rank order of income
    const inBottom = !followsInOrder(bottomIncomeBound, lastBottom, y, i);
    const inTop = !followsInOrder(y, i, topIncomeBound, topIndexBound);
    bottomIncome += inBottom ? y : 0;
    bottomAbility += inBottom ? e : 0;
    bottomCount += inBottom ? 1 : 0;
    topIncome += inTop ? y : 0;
    topAbility += inTop ? e : 0;
    topCount += inTop ? 1 : 0;
  }
  if (bottomCount !== bottom || topCount !== top) return false;
  out[1] = mean(topIncome, top);
  out[2] = mean(topAbility, top);
  out[4] = mean(bottomIncome, bottom);
  out[5] = mean(bottomAbility, bottom);
  return true;
}

/** incomeGroupMeans with the boundary households taken from a rank order of income (see sort.ts). */
export function incomeGroupMeansInOrder(income: Float64Array, ability: Float64Array, order: Int32Array, out: Float64Array): boolean {
  const n = income.length;
  const { top, bottom } = observationGroups(n);
  return incomeGroupMeans(income, ability, order[bottom - 1], top > 0 ? order[n - top] : -1, out);
}

/** The wealth means of the two groups (entries 0 and 3 of the global observation), from wealth sorted ascending. */
export function wealthGroupMeans(sortedWealth: Float64Array, out: Float64Array): void {
  const n = sortedWealth.length;
  const { top, bottom } = observationGroups(n);
  let topWealth = 0, bottomWealth = 0;
  for (let k = 0; k < bottom; k++) bottomWealth += sortedWealth[k];
  for (let k = n - top; k < n; k++) topWealth += sortedWealth[k];
  out[0] = mean(topWealth, top);
  out[3] = mean(bottomWealth, bottom);
}

function mean(sum: number, count: number): number {
  return count > 0 ? sum / count : 0;
}

/** The global observation from unsorted values (sorts them; the economy keeps sorted copies instead). */
export function globalObservation(wealth: Float64Array, income: Float64Array, ability: Float64Array, out?: Float64Array): Float64Array {
  const n = wealth.length;
  const sorter = new IndexSorter(n);
  const order = new Int32Array(n);
  const sortedWealth = sorter.sort(wealth, order, new Float64Array(n));
  sorter.argsort(income, order);
  const global = out ?? new Float64Array(6);
  incomeGroupMeansInOrder(income, ability, order, global);
  wealthGroupMeans(sortedWealth, global);
  return global;
}

/** Private observations (e_i, a_i) interleaved: [e_0, a_0, e_1, a_1, ...]. */
export function privateObservation(ability: Float64Array, wealth: Float64Array, out: Float64Array = new Float64Array(2 * ability.length)): Float64Array {
  for (let i = 0; i < ability.length; i++) {
    out[2 * i] = ability[i];
    out[2 * i + 1] = wealth[i];
  }
  return out;
}
