/**
 * What a training run records about where it ran: versions and the compute path. Gradients come
 * from TensorFlow.js on the backend backend.ts chose (wasm here; tfjs-node's native TensorFlow
 * where it is installed); the optimiser, targets and acting run on float64 arrays
 * (docs/learning.md, The autodiff). A resumed run on another backend continues, with numbers that
 * differ in the last bits of float32.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../data/paths.js';

import { chosenBackend } from './backend.js';

/** The compute path in words, for headers and config.json. */
export function computeDescription(): string {
  return `TensorFlow.js ${chosenBackend() ?? '(no backend chosen)'} (float32 gradients), float64 optimiser and acting`;
}

function gitCommit(root: string): string | null {
  try {
    const head = readFileSync(join(root, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = join(root, '.git', head.slice(5));
    if (existsSync(ref)) return readFileSync(ref, 'utf8').trim();
    const packed = readFileSync(join(root, '.git', 'packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(head.slice(5)));
    return packed ? packed.split(' ')[0] : null;
  } catch {
    return null;
  }
}

export function trainingEnvironment(): Record<string, unknown> {
  const root = projectRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { smfg: pkg.version, commit: gitCommit(root), node: process.version, platform: `${process.platform}-${process.arch}`, compute: { autodiff: 'tfjs', backend: chosenBackend() } };
}
