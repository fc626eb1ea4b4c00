/**
 * What a training run records about where it ran: versions and the compute path. The networks
 * run in plain TypeScript (float64, src/learning/network.ts): measured faster than TensorFlow.js's
 * wasm and cpu backends for these sizes (docs/learning.md, Compute), and bit-for-bit
 * deterministic, which exact resumes need.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../data/paths.js';

export const COMPUTE = 'plain-ts-float64';

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
  return { smfg: pkg.version, commit: gitCommit(root), node: process.version, platform: `${process.platform}-${process.arch}`, compute: COMPUTE };
}
