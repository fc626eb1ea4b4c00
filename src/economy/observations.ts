/**
 * What the agents observe. Global (leader and followers): mean wealth, mean income and mean
 * ability of the top 10 % and of the bottom 50 %; private (household i): (e_i, a_i).
 * Normalisation (running mean and std) belongs to the learners, not to the economy.
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

/**
 * The six global numbers, in GLOBAL_OBSERVATION_NAMES order, from rank orders of wealth and
 * income (ascending, ties by descending index: see sort.ts). Groups as the authors form them:
 * the top floor(0.1 N) and everyone below rank floor(0.5 N) of a descending stable sort — by
 * wealth for the wealth means, by income for the income and ability means. An empty group
 * (N < 10 for the top 10 %) has mean 0. With `checkIncomeOrder`, the same pass checks that
 * `incomeOrder` sorts `income` and returns false, `out` untouched, when it does not.
 */
export function globalObservationInOrder(
  wealth: Float64Array,
  wealthOrder: Int32Array,
  income: Float64Array,
  incomeOrder: Int32Array,
  ability: Float64Array,
  out: Float64Array,
  checkIncomeOrder = false,
): boolean {
  const n = wealth.length;
  const top = Math.floor(0.1 * n);
  const bottom = n - Math.floor(0.5 * n);
  let topWealth = 0, topIncome = 0, topAbility = 0, bottomWealth = 0, bottomIncome = 0, bottomAbility = 0;
  let previous = -Infinity;
  let previousIndex = -1;
  for (let k = 0; k < n; k++) {
    const i = incomeOrder[k];
    const y = income[i];
    if (checkIncomeOrder) {
      if (!followsInOrder(previous, previousIndex, y, i)) return false;
      previous = y;
      previousIndex = i;
    }
    if (k < bottom) {
      bottomWealth += wealth[wealthOrder[k]];
      bottomIncome += y;
      bottomAbility += ability[i];
    } else if (k >= n - top) {
      topWealth += wealth[wealthOrder[k]];
      topIncome += y;
      topAbility += ability[i];
    }
  }
  const mean = (sum: number, count: number): number => (count > 0 ? sum / count : 0);
  out[0] = mean(topWealth, top);
  out[1] = mean(topIncome, top);
  out[2] = mean(topAbility, top);
  out[3] = mean(bottomWealth, bottom);
  out[4] = mean(bottomIncome, bottom);
  out[5] = mean(bottomAbility, bottom);
  return true;
}

/** The same from unsorted values (sorts them; the economy keeps its orders between years instead). */
export function globalObservation(wealth: Float64Array, income: Float64Array, ability: Float64Array, out?: Float64Array): Float64Array {
  const n = wealth.length;
  const sorter = new IndexSorter(n);
  const wealthOrder = sorter.argsort(wealth, new Int32Array(n));
  const incomeOrder = sorter.argsort(income, new Int32Array(n));
  const global = out ?? new Float64Array(6);
  globalObservationInOrder(wealth, wealthOrder, income, incomeOrder, ability, global);
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
