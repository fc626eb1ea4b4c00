// Writes docs/cli.md from the commands' declarations, the text `smfg <command> --help` prints
// (npm run docs:cli); tests/cli.test.ts fails while the committed file differs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliReference } from '../src/cli.js';
import { projectRoot } from '../src/data/paths.js';

const path = join(projectRoot(), 'docs', 'cli.md');
writeFileSync(path, cliReference());
console.log(`wrote ${path}`);
