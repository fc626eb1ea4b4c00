/**
 * Order statistics without a full sort: the k-th largest value by quickselect (expected O(n)),
 * and sums over the k largest with ties broken by index, as a stable descending sort would.
 */

/** The k-th largest value (k = 1 is the maximum) of values[0..n); `scratch` is overwritten. */
export function kthLargest(values: ArrayLike<number>, k: number, scratch: Float64Array): number {
  const n = values.length;
  if (k < 1 || k > n) throw new RangeError(`k must be in [1, ${n}], got ${k}`);
  const a = scratch.subarray(0, n);
  a.set(values);
  // k-th largest = (n - k)-th smallest (0-based)
  const target = n - k;
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // median of three as pivot
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target];
  }
  return a[target];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Marks the k members of the top group: the k largest keys, ties at the threshold taken in
 * index order (what Python's stable `sorted(..., reverse=True)` gives). Writes 1/0 into `inTop`.
 */
export function markTopK(keys: ArrayLike<number>, k: number, scratch: Float64Array, inTop: Uint8Array): void {
  const n = keys.length;
  if (k <= 0) {
    inTop.fill(0, 0, n);
    return;
  }
  const threshold = kthLargest(keys, k, scratch);
  let above = 0;
  for (let i = 0; i < n; i++) if (keys[i] > threshold) above++;
  let tiesLeft = k - above;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (key > threshold) inTop[i] = 1;
    else if (key === threshold && tiesLeft > 0) {
      inTop[i] = 1;
      tiesLeft--;
    } else inTop[i] = 0;
  }
}
