/**
 * The one source of randomness in the economy: a seeded xoshiro128** generator.
 * Every random draw goes through an instance passed in explicitly, so the same seed
 * always gives the same economy (no Math.random anywhere).
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`seed must be an integer in [0, ${Number.MAX_SAFE_INTEGER}], got ${seed}`);
    }
    // splitmix32 expands the seed into a state that is never all zero
    let x = (seed >>> 0) ^ Math.floor(seed / 0x100000000);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform on [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Standard normal draw (Marsaglia polar method, second value cached). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    this.hasSpareNormal = true;
    return u * m;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** k distinct indices from [0, n), uniformly (partial Fisher-Yates). */
  sampleWithoutReplacement(n: number, k: number): Int32Array {
    if (k > n) throw new RangeError(`cannot draw ${k} distinct items from ${n}`);
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return pool.slice(0, k);
  }

  /**
   * k distinct indices drawn with probability proportional to weights, one after another
   * (successive sampling without replacement, as numpy's choice(p=..., replace=False)).
   * Uses Efraimidis-Spirakis keys u^(1/w): the k largest keys are such a draw.
   */
  weightedSampleWithoutReplacement(weights: ArrayLike<number>, k: number): Int32Array {
    const n = weights.length;
    let positive = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} must be a finite number >= 0, got ${w}`);
      if (w > 0) positive++;
    }
    if (k > positive) throw new RangeError(`cannot draw ${k} distinct items: only ${positive} have a positive weight`);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // log(u)/w is a monotone transform of u^(1/w); -Infinity for zero weights
      keys[i] = weights[i] > 0 ? Math.log(this.uniform() || Number.MIN_VALUE) / weights[i] : -Infinity;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[b] - keys[a] || a - b);
    return Int32Array.from(order.slice(0, k));
  }

  /** n indices drawn independently with probability proportional to weights (inverse CDF). */
  weightedSampleWithReplacement(weights: ArrayLike<number>, n: number): Int32Array {
    const cumulative = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} must be a finite number >= 0, got ${w}`);
      total += w;
      cumulative[i] = total;
    }
    if (!(total > 0)) throw new RangeError('at least one weight must be positive');
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const target = this.uniform() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      out[k] = lo;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
