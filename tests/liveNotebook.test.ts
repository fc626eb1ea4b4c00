// The live notebook, as a person uses it: `bash scripts/jupyter.sh notebook <dir>` (what
// `npm run notebooks` runs) serves a copy of notebooks/01-economy.ipynb on a free loopback port
// with a known token; headless Chromium opens it, clicks Cell > Run All in the classic Notebook
// UI, waits until the kernel is idle and every code cell has its execution count, and checks that
// no cell shows an error (an error output, or tslab's error text on stderr) and that every Plotly
// figure draws (svg.main-svg inside .js-plotly-plot). Then the server's process group is stopped
// and the test checks that no kernel outlived it. The notebook in notebooks/ is never opened
// (Jupyter autosaves): the copy lives in a temporary folder beside notebooks/ (so its
// `../dist` import resolves), removed at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from '../src/analysis/report/browser.js';
import { freePort } from './freePort.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOTEBOOK = '01-economy.ipynb';
const PY = process.env.SMFG_PYTHON ?? '/usr/bin/python3';
const RUN_TIMEOUT_MS = 240_000;


const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Processes whose command line mentions `needle` (kernels name their connection file). */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(needle)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid!, 'SIGTERM'); // the server and everything it started
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

const skip = !existsSync(CHROMIUM) ? 'no /usr/bin/chromium' : !existsSync(path.join(ROOT, 'dist', 'index.js')) ? 'run npm run build first' : false;

test(`live Jupyter: ${NOTEBOOK} runs all cells through the browser UI and draws its figures`, { skip, timeout: RUN_TIMEOUT_MS + 120_000 }, async (t) => {
  const original = path.join(ROOT, 'notebooks', NOTEBOOK);
  const originalHash = sha256(original);
  const dir = mkdtempSync(path.join(ROOT, '.live-notebook-'));
  copyFileSync(original, path.join(dir, NOTEBOOK));
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();

  let log = '';
  const server = spawn('bash', [path.join(ROOT, 'scripts', 'jupyter.sh'), 'notebook', dir], {
    cwd: ROOT,
    detached: true, // its own process group, stopped as one
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SMFG_NOTEBOOK_PORT: String(port), SMFG_NOTEBOOK_TOKEN: token, SMFG_PYTHON: PY, DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  server.stdout!.on('data', (d) => (log += d));
  server.stderr!.on('data', (d) => (log += d));
  const kernelIds = new Set<string>();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  let failure: unknown = null;
  const orphans: number[] = [];
  try {
    // the URL printed to open, with the token
    const deadline = Date.now() + 60_000;
    while (!log.includes(`${base}/tree?token=${token}`) || !/Jupyter Notebook [\d.]+ is running/.test(log)) {
      assert.ok(server.exitCode === null, `the server stopped:\n${log}`);
      assert.ok(Date.now() < deadline, `the server did not start within 60 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.doesNotMatch(log, /Running as root is not recommended/);
    const status = await fetch(`${base}/api/status?token=${token}`);
    assert.equal(status.status, 200);
    assert.equal((await fetch(`${base}/api/status`)).status, 403, 'the server answers only with the token');

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${base}/notebooks/${NOTEBOOK}?token=${token}`, { waitUntil: 'load' });
    // the tslab kernel is found, started and idle
    await page.waitForFunction(
      `(() => { const nb = window.Jupyter && Jupyter.notebook; return !!(nb && nb.kernel && nb.kernel.is_connected() && nb.kernel.name === 'tslab' && document.querySelector('#kernel_indicator_icon.kernel_idle_icon')); })()`,
      undefined,
      { timeout: 60_000 },
    ).catch((e: Error) => {
      throw new Error(`the tslab kernel did not start and go idle within 60 s (${e.message}); server log:\n${log}`);
    });
    const ids = (await (await fetch(`${base}/api/kernels?token=${token}`)).json()) as { id: string; name: string }[];
    ids.forEach((k) => kernelIds.add(k.id));
    assert.deepEqual(ids.map((k) => k.name), ['tslab']);

    // Cell > Run All, as a person clicks it
    await page.click('#menubar a.dropdown-toggle:text-is("Cell")');
    await page.click('#run_all_cells > a');
    await page.waitForFunction(
      `(() => {
        const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code' && c.get_text().trim() !== '');
        return cells.length > 0 && cells.every((c) => typeof c.input_prompt_number === 'number') && !Jupyter.notebook.kernel_busy && !!document.querySelector('#kernel_indicator_icon.kernel_idle_icon');
      })()`,
      undefined,
      { timeout: RUN_TIMEOUT_MS, polling: 500 },
    ).catch((e: Error) => {
      throw new Error(`Run All did not finish within ${RUN_TIMEOUT_MS / 1000} s (${e.message}); server log:\n${log}`);
    });
    // let the figures' scripts run
    await page
      .waitForFunction(`Array.from(document.querySelectorAll('.js-plotly-plot')).every((p) => p.querySelector('svg.main-svg'))`, undefined, { timeout: 30_000 })
      .catch(() => undefined); // the assertions below say what is missing

    const state = (await page.evaluate(`(() => {
      const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
      return {
        counts: cells.map((c) => c.input_prompt_number),
        problems: cells.flatMap((c, i) => c.output_area.outputs
          .filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'))
          .map((o) => 'code cell ' + i + ': ' + (o.output_type === 'error' ? o.ename + ': ' + o.evalue : o.text))),
        errorElements: document.querySelectorAll('.output_error, .output_stderr').length,
        figureOutputs: cells.flatMap((c) => c.output_area.outputs).filter((o) => o.data && 'application/vnd.plotly.v1+json' in o.data).length,
        plots: document.querySelectorAll('.js-plotly-plot').length,
        drawn: Array.from(document.querySelectorAll('.js-plotly-plot')).filter((p) => p.querySelector('svg.main-svg')).length,
        traces: Array.from(document.querySelectorAll('.js-plotly-plot')).map((p) => (p.data || []).length),
      };
    })()`)) as { counts: (number | null)[]; problems: string[]; errorElements: number; figureOutputs: number; plots: number; drawn: number; traces: number[] };

    assert.deepEqual(state.problems, [], 'cells with errors');
    assert.equal(state.errorElements, 0, 'error outputs shown');
    assert.ok(state.counts.every((c) => typeof c === 'number'), `execution counts ${JSON.stringify(state.counts)}`);
    assert.ok(state.figureOutputs >= 1, `${NOTEBOOK} shows no figure`);
    assert.equal(state.plots, state.figureOutputs, `${state.plots} Plotly figures on the page for ${state.figureOutputs} figure outputs`);
    assert.equal(state.drawn, state.figureOutputs, 'figures without a drawn svg.main-svg');
    assert.ok(state.traces.every((n) => n >= 1), `traces per figure ${JSON.stringify(state.traces)}`);
    assert.deepEqual(pageErrors, [], 'errors in the notebook page');
    t.diagnostic(`server start to all cells run and drawn: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    failure = error;
  } finally {
    await browser.close();
    await stopGroup(server);
    // no kernel outlives the server (each names its connection file kernel-<id>.json)
    orphans.push(...[...kernelIds].flatMap((id) => processesMentioning(`kernel-${id}.json`)));
    for (const pid of orphans) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (failure) throw failure;
  assert.deepEqual(orphans, [], `kernels left running after the server stopped:\n${log}`);
  assert.match(log, /Shutting down 1 kernel/, `the server did not shut its kernel down:\n${log}`);
  assert.equal(sha256(original), originalHash, `notebooks/${NOTEBOOK} was modified`);
  assert.ok(!existsSync(dir));
});
