/**
 * The source of a worker thread that runs one of this folder's modules: it loads the module
 * (compiled .js, or TypeScript when the tests run the sources through tsx, whose loader a worker
 * thread does not inherit) and calls `entry` with the worker's data. `onError` is JavaScript run
 * with `error` in scope when that fails, so a worker that cannot start still answers.
 */
import { extname, join } from 'node:path';

export function moduleWorkerSource(module: string, entry: string, onError: string): string {
  const typescript = extname(__filename) === '.ts';
  const file = join(__dirname, `${module}${typescript ? '.ts' : '.js'}`);
  const register = typescript ? `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();` : '';
  return `const { workerData } = require('node:worker_threads');
try { ${register} require(${JSON.stringify(file)}).${entry}(workerData); }
catch (error) { ${onError} }`;
}
