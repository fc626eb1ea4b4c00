/**
 * The gradient of a matrix product, each operand transposed explicitly. TensorFlow.js's own
 * gradient asks for products with the transpose flags set (dA = dY B^T as matMul(dY, B, false,
 * true)), and the WebAssembly backend takes those 6-13 times longer than a transpose followed by a
 * plain product (a 256 x 4,015 by 4,015 x 64 layer's dA: 77 ms against 12.6 ms; docs/learning.md,
 * The autodiff). Registered once, for the WebAssembly backend only (backend.ts); the values are
 * the same products, summed in another order.
 */
import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs';
import { tf } from './backend.js';

/** x with its last two axes swapped. */
function swapLastTwo(x: Tensor): Tensor {
  const axes = [...Array(x.rank).keys()];
  [axes[x.rank - 2], axes[x.rank - 1]] = [axes[x.rank - 1], axes[x.rank - 2]];
  return tf.transpose(x, axes);
}

/** op(x) op(y), where op transposes when its flag is set, as a plain product. */
function product(x: Tensor, transposeX: boolean, y: Tensor, transposeY: boolean): Tensor {
  return tf.matMul(transposeX ? swapLastTwo(x) : x, transposeY ? swapLastTwo(y) : y);
}

export const matMulGradient: GradConfig = {
  kernelName: 'BatchMatMul',
  inputsToSave: ['a', 'b'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const g = dy as Tensor;
    const [a, b] = saved;
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    // C = op(A) op(B): dA and dB as in TensorFlow.js's BatchMatMul_grad, flags made explicit
    if (!transposeA && !transposeB) return { a: () => product(g, false, b, true), b: () => product(a, true, g, false) };
    if (!transposeA && transposeB) return { a: () => product(g, false, b, false), b: () => product(g, true, a, false) };
    if (transposeA && !transposeB) return { a: () => product(b, false, g, true), b: () => product(a, false, g, false) };
    return { a: () => product(b, true, g, true), b: () => product(g, true, a, true) };
  },
};
