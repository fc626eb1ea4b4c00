/**
 * Sorting Float64Arrays fast. Below a few thousand values, the native sort. Above, an LSD radix
 * sort on the high 32 bits of the IEEE-754 pattern (4 passes of 8 bits, carrying the low word),
 * then an insertion sort on the low word inside the rare runs that share the high word. The
 * two Ginis of every year sort N values each, so at large N this sort sets the step's floor.
 * The result equals the native ascending sort (NaNs last, -0 before +0).
 */

const RADIX_THRESHOLD = 4096;

export class Float64Sorter {
  private readonly keysLo: Uint32Array;
  private readonly keysHi: Uint32Array;
  private readonly tempLo: Uint32Array;
  private readonly tempHi: Uint32Array;
  private readonly counts = new Uint32Array(4 * 256);

  /** Buffers for arrays up to `capacity` long (longer ones fall back to the native sort). */
  constructor(readonly capacity: number) {
    const size = capacity >= RADIX_THRESHOLD ? capacity : 0;
    this.keysLo = new Uint32Array(size);
    this.keysHi = new Uint32Array(size);
    this.tempLo = new Uint32Array(size);
    this.tempHi = new Uint32Array(size);
  }

  /** Copies `values` into `out` (length >= n) sorted ascending and returns the filled view. */
  sortedCopy(values: ArrayLike<number>, out: Float64Array): Float64Array {
    const n = values.length;
    const result = out.subarray(0, n);
    result.set(values);
    if (n < RADIX_THRESHOLD || n > this.capacity) return result.sort();
    this.radixSort(result);
    return result;
  }

  private radixSort(a: Float64Array): void {
    const n = a.length;
    const bits = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
    let lo = this.keysLo, hi = this.keysHi, lo2 = this.tempLo, hi2 = this.tempHi;
    const counts = this.counts;
    counts.fill(0);
    // map doubles to unsigned 64-bit keys (hi, lo) whose order is the numeric order
    for (let i = 0; i < n; i++) {
      let l = bits[2 * i];
      let h = bits[2 * i + 1];
      if (h & 0x80000000) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else {
        h = (h | 0x80000000) >>> 0;
      }
      lo[i] = l;
      hi[i] = h;
      counts[h & 0xff]++;
      counts[256 + ((h >>> 8) & 0xff)]++;
      counts[512 + ((h >>> 16) & 0xff)]++;
      counts[768 + (h >>> 24)]++;
    }
    for (let pass = 0; pass < 4; pass++) {
      const base = pass * 256;
      const shift = pass * 8;
      // a pass where every key has the same digit changes nothing
      if (counts[base + ((hi[0] >>> shift) & 0xff)] === n) continue;
      let offset = 0;
      for (let d = 0; d < 256; d++) {
        const c = counts[base + d];
        counts[base + d] = offset;
        offset += c;
      }
      for (let i = 0; i < n; i++) {
        const h = hi[i];
        const j = counts[base + ((h >>> shift) & 0xff)]++;
        hi2[j] = h;
        lo2[j] = lo[i];
      }
      let t = lo; lo = lo2; lo2 = t;
      t = hi; hi = hi2; hi2 = t;
    }
    // order by the low word inside runs of equal high words (insertion sort: runs are short)
    for (let start = 0; start < n; ) {
      let end = start + 1;
      while (end < n && hi[end] === hi[start]) end++;
      for (let i = start + 1; i < end; i++) {
        const key = lo[i];
        let j = i - 1;
        while (j >= start && lo[j] > key) {
          lo[j + 1] = lo[j];
          j--;
        }
        lo[j + 1] = key;
      }
      start = end;
    }
    for (let i = 0; i < n; i++) {
      let l = lo[i];
      let h = hi[i];
      if (h & 0x80000000) {
        h = (h & 0x7fffffff) >>> 0;
      } else {
        h = ~h >>> 0;
        l = ~l >>> 0;
      }
      bits[2 * i] = l;
      bits[2 * i + 1] = h;
    }
  }
}
