/**
 * Rank orders of Float64Arrays. An order is an Int32Array of indices that lists the values
 * ascending, equal values by descending index: read backwards it is Python's stable
 * `sorted(..., reverse=True)`, the order in which the authors group households.
 *
 * Every year the economy needs the order of incomes (Gini and observation) and of wealth (Gini,
 * and the observation of next year's assets). An order often carries over from one use to the
 * next (post-tax income is monotone in income, this year's post-tax wealth in this year's
 * assets, which were sorted as next year's assets a year ago), so its users check it in their
 * own pass (giniIfSorted, globalObservationInOrder, or `sortBy` here) and sort only when
 * it does not hold. The check is exact, ties included.
 */

/** Below this many values an insertion sort beats the radix sort's fixed costs. */
const INSERTION_THRESHOLD = 48;
const DIGIT_BITS = 8;
const BUCKETS = 1 << DIGIT_BITS;
const PASSES = 32 / DIGIT_BITS;

/**
 * Whether `value` at `index` may follow `previous` at `previousIndex` in a rank order:
 * ascending, equal values by descending index (NaN never may).
 */
export function followsInOrder(previous: number, previousIndex: number, value: number, index: number): boolean {
  return previous < value || (previous === value && previousIndex > index);
}

/** Whether `order` lists `values` ascending, equal values by descending index (NaN never is). */
export function isSortedBy(values: Float64Array, order: Int32Array): boolean {
  const n = values.length;
  if (order.length !== n) return false;
  let previousIndex = order[0];
  let previous = values[previousIndex];
  if (!(previous === previous)) return false;
  for (let k = 1; k < n; k++) {
    const index = order[k];
    const value = values[index];
    if (!followsInOrder(previous, previousIndex, value, index)) return false;
    previousIndex = index;
    previous = value;
  }
  return true;
}

export class IndexSorter {
  private readonly keys: Int32Array;
  private readonly keysScratch: Int32Array;
  private readonly indexScratch: Int32Array;
  /** Two interleaved histograms per digit, so that runs of equal digits do not serialise the counting. */
  private readonly counts = new Int32Array(2 * PASSES * BUCKETS);

  /** Scratch for arrays up to `capacity` long (longer ones get a one-off allocation). */
  constructor(readonly capacity: number) {
    this.keys = new Int32Array(capacity);
    this.keysScratch = new Int32Array(capacity);
    this.indexScratch = new Int32Array(capacity);
  }

  /** Makes `order` sort `values` (see the module comment); returns whether it had to sort. */
  sortBy(values: Float64Array, order: Int32Array): boolean {
    if (isSortedBy(values, order)) return false;
    this.argsort(values, order);
    return true;
  }

  /** Writes into `order` the indices of `values` ascending, equal values by descending index. */
  argsort(values: Float64Array, order: Int32Array): Int32Array {
    const n = values.length;
    if (order.length !== n) throw new RangeError(`order must have one entry per value (${n}), got ${order.length}`);
    if (n < INSERTION_THRESHOLD) return insertionArgsort(values, order);
    if (n > this.capacity) return new IndexSorter(n).argsort(values, order);
    orderWithinEqualHighWords(values, order, this.radixByHighWord(values, order));
    return order;
  }

  /**
   * LSD radix sort on the high 32 bits of the IEEE-754 pattern, mapped to signed integers whose
   * order is the numeric order (-0 mapped onto +0). Stable, fed indices in descending order.
   * Returns the sorted keys.
   */
  private radixByHighWord(values: Float64Array, order: Int32Array): Int32Array {
    const n = values.length;
    const bits = new Int32Array(values.buffer, values.byteOffset, 2 * n);
    const counts = this.counts;
    counts.fill(0);
    let keys = this.keys;
    const second = PASSES * BUCKETS;
    for (let p = 0; p < n; p++) {
      const i = n - 1 - p;
      let h = bits[2 * i + 1];
      // negative: flip all bits; positive: set the sign bit (then compare as unsigned)
      if (h < 0) h = h === -2147483648 && bits[2 * i] === 0 ? h : ~h;
      else h = h | -2147483648;
      keys[p] = h;
      const c = (p & 1) * second;
      counts[c + (h & 0xff)]++;
      counts[c + BUCKETS + ((h >>> 8) & 0xff)]++;
      counts[c + 2 * BUCKETS + ((h >>> 16) & 0xff)]++;
      counts[c + 3 * BUCKETS + (h >>> 24)]++;
    }
    // digits every key shares need no pass; choose the first buffer so the last pass ends in `order`
    let activePasses = 0;
    for (let pass = 0; pass < PASSES; pass++) if (!this.allShareDigit(pass, keys[0], n)) activePasses++;
    let from = activePasses % 2 === 1 ? this.indexScratch : order;
    let to = from === order ? this.indexScratch : order;
    for (let p = 0; p < n; p++) from[p] = n - 1 - p;
    let keysTo = this.keysScratch;
    for (let pass = 0; pass < PASSES; pass++) {
      if (this.allShareDigit(pass, keys[0], n)) continue;
      const base = pass * BUCKETS;
      const shift = pass * DIGIT_BITS;
      let offset = 0;
      for (let d = 0; d < BUCKETS; d++) {
        const c = counts[base + d] + counts[second + base + d];
        counts[base + d] = offset;
        offset += c;
      }
      for (let p = 0; p < n; p++) {
        const h = keys[p];
        const j = counts[base + ((h >>> shift) & 0xff)]++;
        keysTo[j] = h;
        to[j] = from[p];
      }
      let t = keys; keys = keysTo; keysTo = t;
      const u = from; from = to; to = u;
    }
    return keys;
  }

  private allShareDigit(pass: number, key: number, n: number): boolean {
    const d = pass * BUCKETS + ((key >>> (pass * DIGIT_BITS)) & 0xff);
    return this.counts[d] + this.counts[PASSES * BUCKETS + d] === n;
  }
}

/** Insertion sort inside the (rare) runs whose high words are equal, by the full value; stable. */
function orderWithinEqualHighWords(values: Float64Array, order: Int32Array, sortedKeys: Int32Array): void {
  const n = values.length;
  for (let k = 1; k < n; k++) {
    const key = sortedKeys[k];
    if (key !== sortedKeys[k - 1]) continue;
    const index = order[k];
    const value = values[index];
    let j = k - 1;
    while (j >= 0 && sortedKeys[j] === key && values[order[j]] > value) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = index;
  }
}

function insertionArgsort(values: Float64Array, order: Int32Array): Int32Array {
  const n = values.length;
  for (let k = 0; k < n; k++) {
    const index = n - 1 - k;
    const value = values[index];
    let j = k - 1;
    // NaN compares false, so it stays where it lands; any NaN makes the Gini NaN anyway
    while (j >= 0 && values[order[j]] > value) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = index;
  }
  return order;
}
