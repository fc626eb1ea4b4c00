/**
 * Rank orders of Float64Arrays. An order is an Int32Array of indices that lists the values
 * ascending, equal values by descending index: read backwards it is Python's stable
 * `sorted(..., reverse=True)`, the order in which the authors group households.
 *
 * The sorter hands back the sorted values along with the order, so that the Ginis and the
 * observation read them in one sequential pass. Reading values through an order instead
 * (values[order[k]]) costs a cache and TLB miss per household once N is large: about 40 ns at
 * N = 1,000,000 here, more than sorting them. When only a few positions of the order matter
 * (the income groups' two boundary households), sortValues skips the order and
 * householdAtRank finds those positions' indices.
 */

/** Below this many values an insertion sort beats the radix sort's fixed costs. */
const INSERTION_THRESHOLD = 48;
/**
 * From this many values the radix sort takes 11-bit digits instead of 8-bit ones: a first
 * try's two digits keep more bits of the key, and the full passes are 20 % faster at
 * N = 10,000 to 100,000; below, the larger histograms cost more than they save.
 */
const WIDE_DIGITS_FROM = 8192;
const MAX_BUCKETS = 1 << 11;
/**
 * Below this many values the first try is one pass on an 11-bit digit, from there two passes
 * (see IndexSorter.sort): at N = 1,000, 33-38 ns per value against 37-48 with two 8-bit
 * digits; each value then moves under one place on average.
 */
const ONE_PASS_BELOW = 4096;
/**
 * Places the insertion fix-up may move each value, on average, after a first try (the
 * economy's values move under half a place on average at N = 1,000,000).
 */
const MOVES_PER_VALUE = 8;
const SIGN_BIT = -2147483648;

/**
 * Whether `value` at `index` may follow `previous` at `previousIndex` in a rank order:
 * ascending, equal values by descending index (NaN never may).
 */
export function followsInOrder(previous: number, previousIndex: number, value: number, index: number): boolean {
  return previous < value || (previous === value && previousIndex > index);
}

/** ranks[order[k]] = k: the position of each index in a rank order. */
export function ranksOf(order: Int32Array, ranks: Int32Array): Int32Array {
  for (let k = 0; k < order.length; k++) ranks[order[k]] = k;
  return ranks;
}

/**
 * The high 32 bits of a double's IEEE-754 pattern as a signed integer that compares like the
 * value (-0 mapped onto +0): positives keep their bits, negatives flip all but the sign bit.
 */
export function radixKey(high: number, low: number): number {
  if (high >= 0) return high;
  return high === SIGN_BIT && low === 0 ? 0 : high ^ 0x7fffffff;
}

const keyScratch = new Float64Array(1);
const keyScratchBits = new Int32Array(keyScratch.buffer);

/** radixKey of one number. */
export function radixKeyOf(value: number): number {
  keyScratch[0] = value;
  return radixKey(keyScratchBits[1], keyScratchBits[0]);
}

export class IndexSorter {
  private readonly indexScratch: Int32Array;
  private readonly valueScratch: Float64Array;
  /** Two interleaved histograms per digit, so that runs of equal digits do not serialise the counting. */
  private readonly counts = new Int32Array(2 * 4 * MAX_BUCKETS);
  /**
   * The smallest and largest radixKey of the values being sorted. Int32 slots, not number
   * fields: keys beyond 2^30 would change such a field's representation (see BudgetTotals).
   */
  private readonly keyRange = new Int32Array(2);
  /** How many sorts gave up their first try and redid every pass (a diagnostic). */
  retries = 0;

  /** Scratch for arrays up to `capacity` long (longer ones get a one-off allocation). */
  constructor(readonly capacity: number) {
    this.indexScratch = new Int32Array(capacity);
    this.valueScratch = new Float64Array(capacity);
  }

  /**
   * Writes into `order` the indices of `values` ascending, equal values by descending index. Off
   * the hot path: the sorted values it drops get a one-off buffer (the economy calls sort()).
   */
  argsort(values: Float64Array, order: Int32Array): Int32Array {
    this.sort(values, order, new Float64Array(values.length));
    return order;
  }

  /**
   * Writes into `order` the rank order of `values` (see the module comment) and into `sorted`
   * the values in that order; returns `sorted`.
   *
   * The radix passes sort the high words relative to the smallest one. When their range is
   * wider than two digits (one below ONE_PASS_BELOW), a first try sorts only its leading digits
   * and leaves the rest to the insertion fix-up: the economy's incomes and wealth span about 25
   * bits of high word, so two passes replace three (four below WIDE_DIGITS_FROM, one from 1,000
   * to 4,095 values), and each value moves under one place on average. Values that crowd into
   * a few leading digits (outliers, NaN) would make that fix-up quadratic: past a budget of
   * moves the sorter redoes every pass.
   */
  sort(values: Float64Array, order: Int32Array, sorted: Float64Array): Float64Array {
    const n = values.length;
    if (order.length !== n) throw new RangeError(`order must have one entry per value (${n}), got ${order.length}`);
    return this.sortInto(values, order, sorted);
  }

  /**
   * Writes `values` ascending into `sorted` and returns it: sort() without the order, whose
   * indices the radix passes would otherwise carry along (a quarter less time at N = 1,000,000).
   * The sorted values are the same, bit for bit. householdAtRank finds the few indices needed.
   */
  sortValues(values: Float64Array, sorted: Float64Array): Float64Array {
    return this.sortInto(values, null, sorted);
  }

  private sortInto(values: Float64Array, order: Int32Array | null, sorted: Float64Array): Float64Array {
    const n = values.length;
    if (sorted.length !== n) throw new RangeError(`sorted must have one entry per value (${n}), got ${sorted.length}`);
    if (n > this.capacity) return new IndexSorter(n).sortInto(values, order, sorted);
    if (n < INSERTION_THRESHOLD) {
      for (let k = 0; k < n; k++) sorted[k] = values[n - 1 - k];
      if (order === null) {
        insertionSortValues(sorted, Infinity);
        return sorted;
      }
      for (let k = 0; k < n; k++) order[k] = n - 1 - k;
      insertionSortPairs(sorted, order, Infinity);
      return sorted;
    }
    const digitBits = n >= WIDE_DIGITS_FROM ? 11 : 8;
    const firstPasses = n < ONE_PASS_BELOW ? 1 : 2;
    const firstDigitBits = n < ONE_PASS_BELOW ? 11 : digitBits;
    const bits = new Int32Array(values.buffer, values.byteOffset, 2 * n);
    this.findKeyRange(bits, n);
    const rangeBits = 32 - Math.clz32(this.keyRange[1] - this.keyRange[0]);
    const droppedBits = Math.max(0, rangeBits - firstPasses * firstDigitBits);
    const maxMoves = droppedBits > 0 ? MOVES_PER_VALUE * n : Infinity;
    this.radixByHighWord(values, order, sorted, firstDigitBits, droppedBits, rangeBits);
    if (order === null ? insertionSortValues(sorted, maxMoves) : insertionSortPairs(sorted, order, maxMoves)) return sorted;
    this.retries++;
    this.radixByHighWord(values, order, sorted, digitBits, 0, rangeBits);
    if (order === null) insertionSortValues(sorted, Infinity);
    else insertionSortPairs(sorted, order, Infinity);
    return sorted;
  }

  private findKeyRange(bits: Int32Array, n: number): void {
    let min = radixKey(bits[1], bits[0]);
    let max = min;
    for (let i = 1; i < n; i++) {
      const key = radixKey(bits[2 * i + 1], bits[2 * i]);
      min = key < min ? key : min;
      max = key > max ? key : max;
    }
    this.keyRange[0] = min;
    this.keyRange[1] = max;
  }

  /**
   * LSD radix sort of (value, index) pairs on the high 32 bits of the values (radixKey) minus
   * the smallest, without their lowest `droppedBits`; fed in descending index order, and being
   * stable, it leaves equal values by descending index. A null `order` sorts the values alone.
   */
  private radixByHighWord(values: Float64Array, order: Int32Array | null, sorted: Float64Array, digitBits: number, droppedBits: number, rangeBits: number): void {
    const n = values.length;
    const bits = new Int32Array(values.buffer, values.byteOffset, 2 * n);
    const minKey = this.keyRange[0];
    const passes = Math.ceil((rangeBits - droppedBits) / digitBits);
    const buckets = 1 << digitBits;
    const counts = this.counts;
    const second = passes * buckets;
    counts.fill(0, 0, 2 * second);
    countDigits(bits, n, minKey, droppedBits, digitBits, passes, counts);
    // digits every value shares need no pass; the first pass reads `values` backwards
    const firstDigits = ((radixKey(bits[2 * n - 1], bits[2 * n - 2]) - minKey) | 0) >>> droppedBits;
    const active: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      const d = pass * buckets + ((firstDigits >>> (pass * digitBits)) & (buckets - 1));
      if (counts[d] + counts[second + d] !== n) active.push(pass);
    }
    if (active.length === 0) {
      for (let p = 0; p < n; p++) sorted[p] = values[n - 1 - p];
      if (order !== null) for (let p = 0; p < n; p++) order[p] = n - 1 - p;
      return;
    }
    // choose the buffers so that the last pass writes `order` and `sorted`
    let toScratch = active.length % 2 === 0;
    let fromValues = values;
    let fromIndex: Int32Array | null = null;
    for (const pass of active) {
      const base = pass * buckets;
      let offset = 0;
      for (let d = 0; d < buckets; d++) {
        const c = counts[base + d] + counts[second + base + d];
        counts[base + d] = offset;
        offset += c;
      }
      const toValues = toScratch ? this.valueScratch : sorted;
      const shift = droppedBits + pass * digitBits;
      if (order === null) {
        scatterValuesPass(fromValues, fromValues === values, toValues, counts, base, minKey, shift, buckets - 1, n);
      } else {
        const toIndex = toScratch ? this.indexScratch : order;
        scatterPass(fromValues, fromIndex, toValues, toIndex, counts, base, minKey, shift, buckets - 1, n);
        fromIndex = toIndex;
      }
      fromValues = toValues;
      toScratch = !toScratch;
    }
  }
}

/**
 * Histograms of every digit of the keys (radixKey minus minKey, shifted right by droppedBits;
 * up to 4 digits of digitBits), two interleaved per digit, counted in the order the first pass
 * reads the values (backwards).
 */
function countDigits(bits: Int32Array, n: number, minKey: number, droppedBits: number, digitBits: number, passes: number, counts: Int32Array): void {
  const buckets = 1 << digitBits;
  const mask = buckets - 1;
  const second = passes * buckets;
  for (let p = 0; p < n; p++) {
    const i = n - 1 - p;
    // the difference of two int32 keys, taken modulo 2^32 and read unsigned, is exact
    const key = ((radixKey(bits[2 * i + 1], bits[2 * i]) - minKey) | 0) >>> droppedBits;
    const c = (p & 1) * second;
    counts[c + (key & mask)]++;
    if (passes > 1) counts[c + buckets + ((key >>> digitBits) & mask)]++;
    if (passes > 2) counts[c + 2 * buckets + ((key >>> (2 * digitBits)) & mask)]++;
    if (passes > 3) counts[c + 3 * buckets + (key >>> (3 * digitBits))]++;
  }
}

/**
 * The digit a pass sorts value i on (`bits`: the values' 32-bit words): its radixKey minus
 * minKey (a difference taken modulo 2^32 and read unsigned, which is exact), shifted right by
 * `shift`, masked.
 */
function digitOf(bits: Int32Array, i: number, minKey: number, shift: number, mask: number): number {
  return (((radixKey(bits[2 * i + 1], bits[2 * i]) - minKey) | 0) >>> shift) & mask;
}

/**
 * One stable counting-sort pass on one digit of the keys (radixKey minus minKey, shifted right
 * by `shift`): moves each (value, index) pair to its bucket's next slot (`offsets` from `base`
 * on, advanced in place). A null `fromIndex` means the unsorted input, read backwards.
 */
function scatterPass(
  fromValues: Float64Array,
  fromIndex: Int32Array | null,
  toValues: Float64Array,
  toIndex: Int32Array,
  offsets: Int32Array,
  base: number,
  minKey: number,
  shift: number,
  mask: number,
  n: number,
): void {
  const bits = new Int32Array(fromValues.buffer, fromValues.byteOffset, 2 * n);
  if (fromIndex === null) {
    for (let p = 0; p < n; p++) {
      const i = n - 1 - p;
      const j = offsets[base + digitOf(bits, i, minKey, shift, mask)]++;
      toValues[j] = fromValues[i];
      toIndex[j] = i;
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    const j = offsets[base + digitOf(bits, p, minKey, shift, mask)]++;
    toValues[j] = fromValues[p];
    toIndex[j] = fromIndex[p];
  }
}

/** scatterPass without indices: moves the values alone (`backwards` for the unsorted input). */
function scatterValuesPass(
  fromValues: Float64Array,
  backwards: boolean,
  toValues: Float64Array,
  offsets: Int32Array,
  base: number,
  minKey: number,
  shift: number,
  mask: number,
  n: number,
): void {
  const bits = new Int32Array(fromValues.buffer, fromValues.byteOffset, 2 * n);
  if (backwards) {
    for (let p = 0; p < n; p++) {
      const i = n - 1 - p;
      toValues[offsets[base + digitOf(bits, i, minKey, shift, mask)]++] = fromValues[i];
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    toValues[offsets[base + digitOf(bits, p, minKey, shift, mask)]++] = fromValues[p];
  }
}

/**
 * Insertion sort of (value, index) pairs by value, stable. After the radix passes only runs of
 * values sharing their sorted key bits can be out of order. Gives up, returning false, once it
 * has moved pairs more than `maxMoves` places in all.
 */
function insertionSortPairs(sorted: Float64Array, order: Int32Array, maxMoves: number): boolean {
  let moves = 0;
  for (let k = 1; k < sorted.length; k++) {
    const value = sorted[k];
    // NaN compares false, so it stays where it lands; any NaN makes the Gini NaN anyway
    if (!(value < sorted[k - 1])) continue;
    const index = order[k];
    let j = k - 1;
    while (j >= 0 && sorted[j] > value) {
      sorted[j + 1] = sorted[j];
      order[j + 1] = order[j];
      j--;
    }
    sorted[j + 1] = value;
    order[j + 1] = index;
    moves += k - 1 - j;
    if (moves > maxMoves) return false;
  }
  return true;
}

/** insertionSortPairs without indices (the same moves, so the same budget decisions). */
function insertionSortValues(sorted: Float64Array, maxMoves: number): boolean {
  let moves = 0;
  for (let k = 1; k < sorted.length; k++) {
    const value = sorted[k];
    if (!(value < sorted[k - 1])) continue;
    let j = k - 1;
    while (j >= 0 && sorted[j] > value) {
      sorted[j + 1] = sorted[j];
      j--;
    }
    sorted[j + 1] = value;
    moves += k - 1 - j;
    if (moves > maxMoves) return false;
  }
  return true;
}

/**
 * The index at position `rank` of the rank order of `values` (see the module comment), given
 * the values sorted: of the households holding that value, ranks list the highest index first.
 * One backward scan, which stops there (half of `values` on average). -1 for a NaN value.
 */
export function householdAtRank(values: Float64Array, sorted: Float64Array, rank: number): number {
  const value = sorted[rank];
  // how many equal values come before it in the order, itself included
  let equalBefore = 1;
  for (let k = rank - 1; k >= 0 && sorted[k] === value; k--) equalBefore++;
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] === value && --equalBefore === 0) return i;
  }
  return -1;
}
