/**
 * Rank orders of Float64Arrays. An order is an Int32Array of indices that lists the values
 * ascending, equal values by descending index: read backwards it is Python's stable
 * `sorted(..., reverse=True)`, the order in which the authors group households.
 *
 * The sorter hands back the sorted values along with the order, so that the Ginis and the
 * observation read them in one sequential pass. Reading values through an order instead
 * (values[order[k]]) costs a cache and TLB miss per household once N is large: about 40 ns at
 * N = 1,000,000 here, more than sorting them.
 */

/** Below this many values an insertion sort beats the radix sort's fixed costs. */
const INSERTION_THRESHOLD = 48;
/**
 * From this many values the radix sort takes 11-bit digits (3 passes over the 32-bit keys)
 * instead of 8-bit ones (4 passes): 20 % faster at N = 10,000 to 100,000, where a pass costs
 * more than the larger histograms; no faster at 1,000,000, slower below.
 */
const WIDE_DIGITS_FROM = 8192;
const MAX_BUCKETS = 1 << 11;
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
 * The high 32 bits of a double's IEEE-754 pattern as a signed integer that compares, unsigned,
 * like the value (-0 mapped onto +0): negatives flip every bit, positives set the sign bit.
 */
function radixKey(high: number, low: number): number {
  if (high >= 0) return high | SIGN_BIT;
  return high === SIGN_BIT && low === 0 ? high : ~high;
}

export class IndexSorter {
  private readonly indexScratch: Int32Array;
  private readonly valueScratch: Float64Array;
  /** Two interleaved histograms per digit, so that runs of equal digits do not serialise the counting. */
  private readonly counts = new Int32Array(2 * 3 * MAX_BUCKETS);

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
   */
  sort(values: Float64Array, order: Int32Array, sorted: Float64Array): Float64Array {
    const n = values.length;
    if (order.length !== n) throw new RangeError(`order must have one entry per value (${n}), got ${order.length}`);
    if (sorted.length !== n) throw new RangeError(`sorted must have one entry per value (${n}), got ${sorted.length}`);
    if (n > this.capacity) return new IndexSorter(n).sort(values, order, sorted);
    if (n >= INSERTION_THRESHOLD) this.radixByHighWord(values, order, sorted);
    else for (let k = 0; k < n; k++) {
      order[k] = n - 1 - k;
      sorted[k] = values[n - 1 - k];
    }
    insertionSortPairs(sorted, order);
    return sorted;
  }

  /**
   * LSD radix sort of (value, index) pairs on the high 32 bits of the values (radixKey), fed in
   * descending index order; being stable, it leaves equal values by descending index.
   */
  private radixByHighWord(values: Float64Array, order: Int32Array, sorted: Float64Array): void {
    const n = values.length;
    const bits = new Int32Array(values.buffer, values.byteOffset, 2 * n);
    const digitBits = n >= WIDE_DIGITS_FROM ? 11 : 8;
    const passes = Math.ceil(32 / digitBits);
    const buckets = 1 << digitBits;
    const counts = this.counts;
    const second = passes * buckets;
    counts.fill(0, 0, 2 * second);
    countDigits(bits, n, digitBits, passes, counts);
    // digits every value shares need no pass; the first pass reads `values` backwards
    const firstKey = radixKey(bits[2 * n - 1], bits[2 * n - 2]);
    const active: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      const d = pass * buckets + ((firstKey >>> (pass * digitBits)) & (buckets - 1));
      if (counts[d] + counts[second + d] !== n) active.push(pass);
    }
    if (active.length === 0) {
      for (let p = 0; p < n; p++) {
        order[p] = n - 1 - p;
        sorted[p] = values[n - 1 - p];
      }
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
      const toIndex = toScratch ? this.indexScratch : order;
      scatterPass(fromValues, fromIndex, toValues, toIndex, counts, base, pass * digitBits, buckets - 1, n);
      fromValues = toValues;
      fromIndex = toIndex;
      toScratch = !toScratch;
    }
  }
}

/**
 * Histograms of every digit of the keys (3 or 4 digits of digitBits), two interleaved per
 * digit, counted in the order the first pass reads the values (backwards).
 */
function countDigits(bits: Int32Array, n: number, digitBits: number, passes: number, counts: Int32Array): void {
  const buckets = 1 << digitBits;
  const mask = buckets - 1;
  const second = passes * buckets;
  for (let p = 0; p < n; p++) {
    const i = n - 1 - p;
    const key = radixKey(bits[2 * i + 1], bits[2 * i]);
    const c = (p & 1) * second;
    counts[c + (key & mask)]++;
    counts[c + buckets + ((key >>> digitBits) & mask)]++;
    counts[c + 2 * buckets + ((key >>> (2 * digitBits)) & mask)]++;
    if (passes === 4) counts[c + 3 * buckets + (key >>> 24)]++;
  }
}

/**
 * One stable counting-sort pass on one digit of radixKey: moves each (value, index) pair to its
 * bucket's next slot (`offsets` from `base` on, advanced in place). A null `fromIndex` means
 * the unsorted input, read backwards.
 */
function scatterPass(
  fromValues: Float64Array,
  fromIndex: Int32Array | null,
  toValues: Float64Array,
  toIndex: Int32Array,
  offsets: Int32Array,
  base: number,
  shift: number,
  mask: number,
  n: number,
): void {
  const bits = new Int32Array(fromValues.buffer, fromValues.byteOffset, 2 * n);
  if (fromIndex === null) {
    for (let p = 0; p < n; p++) {
      const i = n - 1 - p;
      const j = offsets[base + ((radixKey(bits[2 * i + 1], bits[2 * i]) >>> shift) & mask)]++;
      toValues[j] = fromValues[i];
      toIndex[j] = i;
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    const j = offsets[base + ((radixKey(bits[2 * p + 1], bits[2 * p]) >>> shift) & mask)]++;
    toValues[j] = fromValues[p];
    toIndex[j] = fromIndex[p];
  }
}

/**
 * Insertion sort of (value, index) pairs by value, stable. After the radix passes only runs of
 * values sharing their high 32 bits can be out of order, and they are short.
 */
function insertionSortPairs(sorted: Float64Array, order: Int32Array): void {
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
  }
}
