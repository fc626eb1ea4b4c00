/**
 * The one source of randomness in the economy: a seeded xoshiro128** generator.
 * Every random draw goes through an instance passed in explicitly, so the same seed
 * always gives the same economy (no Math.random anywhere).
 */
export declare class Rng {
    private s0;
    private s1;
    private s2;
    private s3;
    constructor(seed: number);
    /** Next 32 random bits as an unsigned integer. */
    nextUint32(): number;
    /** Uniform on [0, 1) with 53 random bits. */
    uniform(): number;
    /** Uniform on [low, high). */
    uniformIn(low: number, high: number): number;
    /**
     * Standard normal draw: the ziggurat of Marsaglia and Tsang (2000) with 128 layers, taking
     * the layer and the point from two separate 32-bit draws (Doornik 2005 shows that sharing
     * one draw between them correlates successive normals). About 99 % of draws cost two
     * 32-bit draws and a multiply; the rest fall to the exact wedge and tail tests.
     */
    normal(): number;
    /** Failures before the first success in Bernoulli(p) trials (Infinity when p = 0). */
    geometric(p: number): number;
    /** Uniform integer in [0, n). */
    int(n: number): number;
    /** k distinct indices from [0, n), uniformly (partial Fisher-Yates). */
    sampleWithoutReplacement(n: number, k: number): Int32Array;
    /**
     * k distinct indices drawn with probability proportional to weights, one after another
     * (successive sampling without replacement, as numpy's choice(p=..., replace=False)).
     * Uses Efraimidis-Spirakis keys u^(1/w): the k largest keys are such a draw.
     */
    weightedSampleWithoutReplacement(weights: ArrayLike<number>, k: number): Int32Array;
    /** n indices drawn independently with probability proportional to weights (inverse CDF). */
    weightedSampleWithReplacement(weights: ArrayLike<number>, n: number): Int32Array;
}
