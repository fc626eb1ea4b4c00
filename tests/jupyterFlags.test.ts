// `npm run notebooks -- --port 8877` (issue 22): scripts/jupyter.sh adds its own port, address
// and token; the user's standard Jupyter flags must replace them, not collide with them (Jupyter
// stops on "port only accepts one value"). First the final argument list for each spelling
// (SMFG_JUPYTER_PRINT_ARGS), then a real server started with the user's --port and token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.js';
import { projectRoot } from '../src/data/paths.js';

const PY = process.env.SMFG_PYTHON ?? '/usr/bin/python3';
const script = join(projectRoot(), 'scripts', 'jupyter.sh');
const hasNotebook = spawnSync(PY, ['-c', 'import notebook']).status === 0;

function finalArgs(...args: string[]): { argv: string[]; url: string } {
  const r = spawnSync('bash', [script, 'notebook', 'notebooks', ...args], { encoding: 'utf8', env: { ...process.env, SMFG_JUPYTER_PRINT_ARGS: '1', SMFG_QUIET_JUPYTER: '1' } });
  assert.equal(r.status, 0, r.stderr);
  return { argv: r.stdout.trim().split('\n').slice(3), url: /open\n\[notebooks\]\s+(\S+)/.exec(r.stderr)![1] };
}

/** Every setting of one trait in an argument list, in any spelling: [--port, 1] or --port=1 or --NotebookApp.port=1. */
function settings(argv: string[], alias: string, trait: string): string[] {
  const out: string[] = [];
  argv.forEach((a, k) => {
    for (const name of [`--${alias}`, `--NotebookApp.${trait}`]) {
      if (a === name) out.push(argv[k + 1]);
      else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
    }
  });
  return out;
}

test('scripts/jupyter.sh notebook: the user\'s --port, --ip and --NotebookApp.token replace the defaults, in every spelling', { skip: !hasNotebook && 'Jupyter Notebook is not installed (bash scripts/setup.sh)' }, () => {
  const defaults = finalArgs();
  assert.equal(settings(defaults.argv, 'port', 'port').length, 1);
  assert.deepEqual(settings(defaults.argv, 'ip', 'ip'), ['127.0.0.1']);
  assert.equal(settings(defaults.argv, 'token', 'token').length, 1);

  for (const spelling of [['--port', '8877'], ['--port=8877'], ['--NotebookApp.port=8877'], ['--NotebookApp.port', '8877']]) {
    const { argv, url } = finalArgs(...spelling, '--ip', '0.0.0.0', '--NotebookApp.token=abc');
    assert.deepEqual(settings(argv, 'port', 'port'), ['8877'], spelling.join(' '));
    assert.deepEqual(settings(argv, 'ip', 'ip'), ['0.0.0.0']);
    assert.deepEqual(settings(argv, 'token', 'token'), ['abc']);
    assert.equal(url, 'http://127.0.0.1:8877/tree?token=abc');
    assert.ok(argv.includes('notebooks'));
  }
  const retries = finalArgs('--port-retries', '5');
  assert.deepEqual(settings(retries.argv, 'port-retries', 'port_retries'), ['5']);
});


test('scripts/jupyter.sh notebook --port P --NotebookApp.token=T serves on port P with token T', { skip: !hasNotebook && 'Jupyter Notebook is not installed (bash scripts/setup.sh)', timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-jupyter-flags-'));
  const port = await freePort();
  const token = 'flags-test-token';
  const server = spawn('bash', [script, 'notebook', dir, '--port', String(port), `--NotebookApp.token=${token}`], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise((r) => server.once('exit', r));
  try {
    let answer: Response | null = null;
    for (const end = Date.now() + 60_000; !answer; await new Promise((r) => setTimeout(r, 250))) {
      assert.equal(server.exitCode, null, `Jupyter stopped:\n${stderr}`);
      assert.ok(Date.now() < end, `no server on port ${port} within 60 s:\n${stderr}`);
      answer = await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`).catch(() => null);
    }
    assert.equal(answer.status, 200);
    assert.equal(typeof (await answer.json()).started, 'string');
    const wrongToken = await fetch(`http://127.0.0.1:${port}/api/status?token=wrong`);
    assert.equal(wrongToken.status, 403);
    assert.match(stderr, new RegExp(`http://127\\.0\\.0\\.1:${port}/tree\\?token=${token}`));
    assert.doesNotMatch(stderr, /only accepts one value/);
  } finally {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already stopped
    }
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
