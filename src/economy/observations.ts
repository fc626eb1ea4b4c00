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
import { followsInOrder, householdAtRank, IndexSorter, radixKey, radixKeyOf } from './sort.js';

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
  const { top, bottom } = observationGroups(income.length);
  // the top group starts after the household firstTop: none when the group is empty
  const bounds: GroupBounds = {
    bottomIncome: income[lastBottom],
    bottomIndex: lastBottom,
    topIncome: top > 0 ? income[firstTop] : Infinity,
    topIndex: top > 0 ? firstTop : -1,
  };
  const sums = groupSums;
  sumGroupsByKey(income, ability, bounds, sums);
  // an infinite or NaN income or ability makes a sum NaN there (x * 0): the plain pass sums them
  if (Number.isNaN(sums[SUMS.bottomIncome] + sums[SUMS.bottomAbility] + sums[SUMS.topIncome] + sums[SUMS.topAbility])) sumGroups(income, ability, bounds, sums);
  if (sums[SUMS.bottomCount] !== bottom || sums[SUMS.topCount] !== top) return false;
  out[1] = mean(sums[SUMS.topIncome], top);
  out[2] = mean(sums[SUMS.topAbility], top);
  out[4] = mean(sums[SUMS.bottomIncome], bottom);
  out[5] = mean(sums[SUMS.bottomAbility], bottom);
  return true;
}

/** The households that bound the income groups, as (income, index) pairs. */
interface GroupBounds {
  bottomIncome: number;
  bottomIndex: number;
  topIncome: number;
  topIndex: number;
}

const SUMS = { bottomIncome: 0, bottomAbility: 1, bottomCount: 2, topIncome: 3, topAbility: 4, topCount: 5 } as const;
const groupSums = new Float64Array(Object.keys(SUMS).length);

/**
 * The groups' sums by the definition: (y, i) is in the bottom group unless it follows the bottom
 * bound in the rank order of income, in the top group unless the top bound follows it.
 */
function sumGroups(income: Float64Array, ability: Float64Array, bounds: GroupBounds, sums: Float64Array): void {
  const { bottomIncome: bottomY, bottomIndex, topIncome: topY, topIndex } = bounds;
  let topIncome = 0, topAbility = 0, topCount = 0, bottomIncome = 0, bottomAbility = 0, bottomCount = 0;
  for (let i = 0; i < income.length; i++) {
    const y = income[i];
    const e = ability[i];
    const inBottom = !followsInOrder(bottomY, bottomIndex, y, i);
    const inTop = !followsInOrder(y, i, topY, topIndex);
    bottomIncome += inBottom ? y : 0;
    bottomAbility += inBottom ? e : 0;
    bottomCount += inBottom ? 1 : 0;
    topIncome += inTop ? y : 0;
    topAbility += inTop ? e : 0;
    topCount += inTop ? 1 : 0;
  }
  writeSums(sums, bottomIncome, bottomAbility, bottomCount, topIncome, topAbility, topCount);
}

/**
 * sumGroups, bit for bit for finite values, in 5-8 ns per household against 12-20 here: the
 * incomes' order keys (sort.ts's radixKey, halved so that differences fit 32 bits) settle
 * nearly every household with integer arithmetic, and membership multiplies (by 0 or 1)
 * instead of branching (which group a household falls in is unpredictable). Households whose
 * halved key equals a bound's (a few per million) take the definition's comparison.
 */
function sumGroupsByKey(income: Float64Array, ability: Float64Array, bounds: GroupBounds, sums: Float64Array): void {
  const { bottomIncome: bottomY, bottomIndex, topIncome: topY, topIndex } = bounds;
  const bits = new Int32Array(income.buffer, income.byteOffset, 2 * income.length);
  const bottomKey = radixKeyOf(bottomY) >> 1;
  const topKey = radixKeyOf(topY) >> 1;
  let topIncome = 0, topAbility = 0, topCount = 0, bottomIncome = 0, bottomAbility = 0, bottomCount = 0;
  for (let i = 0; i < income.length; i++) {
    const y = income[i];
    const e = ability[i];
    const key = radixKey(bits[2 * i + 1], bits[2 * i]) >> 1;
    const belowBottom = key - bottomKey;
    const aboveTop = topKey - key;
    // the sign bit: 1 when the key is below the bottom bound's, or above the top bound's
    let inBottom = belowBottom >>> 31;
    let inTop = aboveTop >>> 31;
    if (belowBottom === 0) inBottom = followsInOrder(bottomY, bottomIndex, y, i) ? 0 : 1;
    if (aboveTop === 0) inTop = followsInOrder(y, i, topY, topIndex) ? 0 : 1;
    // y * 0 adds a zero, as sumGroups does
    bottomIncome += y * inBottom;
    bottomAbility += e * inBottom;
    bottomCount += inBottom;
    topIncome += y * inTop;
    topAbility += e * inTop;
    topCount += inTop;
  }
  writeSums(sums, bottomIncome, bottomAbility, bottomCount, topIncome, topAbility, topCount);
}

function writeSums(sums: Float64Array, bottomIncome: number, bottomAbility: number, bottomCount: number, topIncome: number, topAbility: number, topCount: number): void {
  sums[SUMS.bottomIncome] = bottomIncome;
  sums[SUMS.bottomAbility] = bottomAbility;
  sums[SUMS.bottomCount] = bottomCount;
  sums[SUMS.topIncome] = topIncome;
  sums[SUMS.topAbility] = topAbility;
  sums[SUMS.topCount] = topCount;
}

/**
 * incomeGroupMeans with the boundary households found from `rankedBy` (the values whose rank
 * order forms the groups: the economy passes post-tax income) and the same values sorted.
 * False also when a boundary value is NaN.
 */
export function incomeGroupMeansBySorted(income: Float64Array, ability: Float64Array, rankedBy: Float64Array, sortedRankedBy: Float64Array, out: Float64Array): boolean {
  const n = income.length;
  const { top, bottom } = observationGroups(n);
  const lastBottom = householdAtRank(rankedBy, sortedRankedBy, bottom - 1);
  const firstTop = top > 0 ? householdAtRank(rankedBy, sortedRankedBy, n - top) : -1;
  if (lastBottom < 0 || (top > 0 && firstTop < 0)) return false;
  return incomeGroupMeans(income, ability, lastBottom, firstTop, out);
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
  const global = out ?? new Float64Array(GLOBAL_OBSERVATION_NAMES.length);
  incomeGroupMeansBySorted(income, ability, income, sorter.sortValues(income, new Float64Array(n)), global);
  wealthGroupMeans(sorter.sortValues(wealth, new Float64Array(n)), global);
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
