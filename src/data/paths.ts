/** Where the project's shipped data lives, wherever the code runs from (src via tsx or dist). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The project root: the nearest folder above this file with a package.json and a data/ folder. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root (a folder with package.json and data/) above ${__dirname}`);
    dir = parent;
  }
}

export function dataPath(...parts: string[]): string {
  return join(projectRoot(), 'data', ...parts);
}

/** The shared folder beside the project (../shared), where the team's raw data and references live. */
export function sharedPath(...parts: string[]): string {
  return resolve(projectRoot(), '..', 'shared', ...parts);
}
