export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh';
export interface DenseLayer {
    inputs: number;
    outputs: number;
    /** Row-major [inputs][outputs], as TensorFlow.js stores a Dense kernel. */
    kernel: Float64Array;
    bias: Float64Array;
    activation: Activation;
}
export interface Mlp {
    layers: DenseLayer[];
    /** Whatever the trainer stored beside the weights (feature scaling, metrics, provenance). */
    metadata: Record<string, unknown>;
}
/** Reads a sequential Dense-only model saved by TensorFlow.js into a folder. */
export declare function loadMlp(folder: string): Mlp;
/** Forward pass for one input vector; `scratch` holds two buffers of the widest layer. */
export declare function forward(mlp: Mlp, input: ArrayLike<number>, out: Float64Array, scratch: [Float64Array, Float64Array]): Float64Array;
export declare function newScratch(mlp: Mlp): [Float64Array, Float64Array];
