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

  /**
   * @param seed any integer in [0, 2^53)
   * @param stream independent streams of one seed (0 is the default stream)
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isInteger(seed) || seed < 0 || seed > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`seed must be an integer in [0, ${Number.MAX_SAFE_INTEGER}], got ${seed}`);
    }
    if (!Number.isInteger(stream) || stream < 0 || stream > 0xffff) throw new RangeError(`stream must be an integer in [0, 65535], got ${stream}`);
    // splitmix32 expands the seed into a state that is never all zero
    let x = ((seed >>> 0) ^ Math.imul(Math.floor(seed / 0x100000000), 0x2c1b3c6d) ^ Math.imul(stream, 0x632be5ab)) | 0;
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

  /** Writes the generator's state (4 words) at `offset`: the economy hands streams between threads. */
  saveState(into: Int32Array, offset: number): void {
    into[offset] = this.s0;
    into[offset + 1] = this.s1;
    into[offset + 2] = this.s2;
    into[offset + 3] = this.s3;
  }

  /** Continues from a state written by saveState. */
  loadState(from: Int32Array, offset: number): void {
    this.s0 = from[offset];
    this.s1 = from[offset + 1];
    this.s2 = from[offset + 2];
    this.s3 = from[offset + 3];
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

  /**
   * Standard normal draw: the ziggurat of Marsaglia and Tsang (2000) with 128 layers, taking
   * the layer and the point from two separate 32-bit draws (Doornik 2005 shows that sharing
   * one draw between them correlates successive normals). About 99 % of draws cost two
   * 32-bit draws and a multiply; the rest fall to the exact wedge and tail tests.
   */
  normal(): number {
    for (;;) {
      const layer = this.nextUint32() & 127;
      const point = this.nextUint32() | 0;
      if (Math.abs(point) < ZIGGURAT.threshold[layer]) return point * ZIGGURAT.width[layer];
      const x = this.outsideRectangle(layer, point);
      if (x === x) return x;
    }
  }

  /**
   * Fills out[0, count) with normal draws: exactly what `count` calls of normal() return, at about
   * half the cost, because the generator's state stays in local variables (the two xoshiro
   * steps below are nextUint32's, inlined; tests/rng.test.ts checks the two agree).
   */
  fillNormal(out: Float64Array, count = out.length): Float64Array {
    const { threshold, width } = ZIGGURAT;
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    for (let k = 0; k < count; ) {
      let m = Math.imul(s1, 5);
      const layer = Math.imul((m << 7) | (m >>> 25), 9) & 127;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      m = Math.imul(s1, 5);
      const point = Math.imul((m << 7) | (m >>> 25), 9) | 0;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      if (Math.abs(point) < threshold[layer]) {
        out[k++] = point * width[layer];
        continue;
      }
      // about 1 % of draws: the wedge and tail tests draw more through the state fields
      this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
      const x = this.outsideRectangle(layer, point);
      s0 = this.s0; s1 = this.s1; s2 = this.s2; s3 = this.s3;
      if (x === x) out[k++] = x;
    }
    this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
    return out;
  }

  /**
   * A ziggurat point outside its layer's rectangle: the normal draw it gives after the tail or
   * wedge test, or NaN when rejected (draw again).
   */
  private outsideRectangle(layer: number, point: number): number {
    const x = point * ZIGGURAT.width[layer];
    if (layer === 0) {
      // the tail beyond r, by Marsaglia's exponential method
      let tail: number, y: number;
      do {
        tail = -Math.log(1 - this.uniform()) / ZIGGURAT_R;
        y = -Math.log(1 - this.uniform());
      } while (y + y < tail * tail);
      return point > 0 ? ZIGGURAT_R + tail : -ZIGGURAT_R - tail;
    }
    // the wedge between the layer's rectangle and the density
    const f = ZIGGURAT.density;
    return f[layer] + this.uniform() * (f[layer - 1] - f[layer]) < Math.exp(-0.5 * x * x) ? x : NaN;
  }

  /** Failures before the first success in Bernoulli(p) trials (Infinity when p = 0). */
  geometric(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`geometric: p must be in [0, 1], got ${p}`);
    if (p === 0) return Infinity;
    return Math.floor(Math.log(1 - this.uniform()) / Math.log1p(-p));
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

/** Start of the tail of the 128-layer ziggurat. */
const ZIGGURAT_R = 3.442619855899;

/** Layer tables of the ziggurat (Marsaglia and Tsang 2000, "The ziggurat method"), scaled to signed 32-bit points. */
const ZIGGURAT = ((): { threshold: Float64Array; width: Float64Array; density: Float64Array } => {
  const scale = 2147483648;
  const area = 9.91256303526217e-3;
  const threshold = new Float64Array(128);
  const width = new Float64Array(128);
  const density = new Float64Array(128);
  let d = ZIGGURAT_R;
  let t = d;
  const q = area / Math.exp(-0.5 * d * d);
  threshold[0] = (d / q) * scale;
  threshold[1] = 0;
  width[0] = q / scale;
  width[127] = d / scale;
  density[0] = 1;
  density[127] = Math.exp(-0.5 * d * d);
  for (let i = 126; i >= 1; i--) {
    d = Math.sqrt(-2 * Math.log(area / d + Math.exp(-0.5 * d * d)));
    threshold[i + 1] = (d / t) * scale;
    t = d;
    density[i] = Math.exp(-0.5 * d * d);
    width[i] = d / scale;
  }
  return { threshold, width, density };
})();

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
