/**
 * The one place that chooses the tensor backend: @tensorflow/tfjs-node when it is installed
 * (native TensorFlow, much faster matmuls; it cannot be installed offline, so it is optional),
 * else the WebAssembly backend (its .wasm files ship inside the npm package), else plain JS.
 */
import { dirname, join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const tf: typeof import('@tensorflow/tfjs') = require('@tensorflow/tfjs');

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: BackendName | null = null;

function tryRequire(name: string): boolean {
  try {
    require(name);
    return true;
  } catch {
    return false;
  }
}

/** Selects the fastest available backend once and says which one runs. */
export async function useBestBackend(preferred?: BackendName): Promise<BackendName> {
  if (chosen && (!preferred || preferred === chosen)) return chosen;
  const order: BackendName[] = preferred ? [preferred] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    if (name === 'tensorflow' && !tryRequire('@tensorflow/tfjs-node')) continue;
    if (name === 'wasm') {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
        wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
      } catch {
        continue;
      }
    }
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (name === 'wasm') tf.registerGradient((await import('./matMulGradient.js')).matMulGradient);
        chosen = name;
        return name;
      }
    } catch {
      // try the next one
    }
  }
  throw new Error(`no tensor backend could be initialised (tried ${order.join(', ')})`);
}

/** The backend chosen by useBestBackend, or null before. */
export function chosenBackend(): BackendName | null {
  return chosen;
}

/** Learners differentiate with TensorFlow.js: they need a backend chosen first (await useBestBackend()). */
export function requireBackend(): BackendName {
  if (!chosen) throw new Error('no tensor backend chosen yet: await useBestBackend() before creating a learner');
  return chosen;
}
