#!/usr/bin/env node
// Execute notebooks headless with the project-local tslab kernel and export HTML.
//
//   node scripts/run-notebooks.mjs                       # every notebooks/*.ipynb
//   node scripts/run-notebooks.mjs notebooks/00-smoke.ipynb [more.ipynb ...]
//   options: --out DIR (default reports/notebooks)  --timeout SECONDS (default 600)
//            --no-html  --bail (stop at the first failing notebook)
//
// For each notebook this runs
//   bash scripts/jupyter.sh nbconvert --execute --to notebook --output-dir <tmp>
//        --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=tslab
// then `nbconvert --to html` on the executed copy, and renames both results into
// the output dir (so a failed or interrupted run never leaves a half-written
// report). The kernel runs with the notebook's directory as cwd, so notebooks
// can `import ... from '../dist/...'` after `npm run build`.
// Exit status is non-zero if any notebook fails; the failing notebook, cell
// source and error text are printed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const JUPYTER_SH = path.join(ROOT, "scripts", "jupyter.sh");
const NBCONVERT_CONFIG = path.join(ROOT, "scripts", "nbconvert_config.py");

function usage(msg) {
  if (msg) console.error(`run-notebooks: ${msg}`);
  console.error(
    "usage: node scripts/run-notebooks.mjs [--out DIR] [--timeout SEC] [--no-html] [--bail] [notebook.ipynb ...]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { out: path.join(ROOT, "reports", "notebooks"), timeout: 600, html: true, bail: false, notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") opts.out = path.resolve(argv[++i] ?? usage("--out needs a value"));
    else if (a === "--timeout") {
      opts.timeout = Number(argv[++i]);
      if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage("--timeout needs a positive number");
    } else if (a === "--no-html") opts.html = false;
    else if (a === "--bail") opts.bail = true;
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("--")) usage(`unknown option ${a}`);
    else opts.notebooks.push(path.resolve(a));
  }
  if (opts.notebooks.length === 0) {
    const dir = path.join(ROOT, "notebooks");
    opts.notebooks = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(".ipynb"))
          .sort()
          .map((f) => path.join(dir, f))
      : [];
  }
  return opts;
}

/** Make sure the project-local tslab kernel exists; run setup.sh if not. */
function ensureKernel() {
  const spec = path.join(ROOT, ".jupyter", "share", "jupyter", "kernels", "tslab", "kernel.json");
  if (existsSync(spec)) return;
  console.error("run-notebooks: tslab kernel not registered yet; running scripts/setup.sh");
  const r = spawnSync("bash", [path.join(ROOT, "scripts", "setup.sh")], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error("run-notebooks: scripts/setup.sh failed");
    process.exit(1);
  }
}

/** Run `bash scripts/jupyter.sh <args>`; resolves with {code, stderr, stdout}. */
function jupyter(args, { cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const child = spawn("bash", [JUPYTER_SH, ...args], {
      cwd,
      env: { ...process.env, SMFG_QUIET_JUPYTER: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => resolve({ code: 127, stdout, stderr: stderr + String(e) }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Extract a readable failure description from nbconvert's stderr. */
function describeFailure(stderr) {
  const blocks = [...stderr.matchAll(/@@SMFG-CELL-ERROR-BEGIN (.*)\n([\s\S]*?)@@SMFG-CELL-ERROR-END/g)];
  if (blocks.length > 0) return blocks.map((m) => `${m[1]}\n${m[2].trimEnd()}`).join("\n");
  // Timeouts, dead kernels, missing kernelspecs...: keep nbconvert's ERROR log
  // lines and the final Python exception (not the long traceback frames).
  const lines = stderr.trimEnd().split("\n");
  const errors = lines.filter((l) => /^\[NbConvertApp\] (ERROR|CRITICAL)/.test(l));
  let last = -1;
  lines.forEach((l, i) => {
    if (/^[A-Za-z_][\w.]*(Error|Exception|Interrupt)\b.*:/.test(l)) last = i;
  });
  if (last >= 0) return [...errors, ...lines.slice(last)].join("\n").trim();
  return lines.slice(-40).join("\n").trim();
}

async function runOne(nbPath, opts) {
  const name = path.basename(nbPath, ".ipynb");
  const tmp = path.join(opts.out, `.tmp-${name}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const t0 = performance.now();
  try {
    const exec = await jupyter([
      "nbconvert",
      "--config",
      NBCONVERT_CONFIG,
      "--execute",
      "--to",
      "notebook",
      "--output-dir",
      tmp,
      `--ExecutePreprocessor.timeout=${opts.timeout}`,
      "--ExecutePreprocessor.kernel_name=tslab",
      nbPath,
    ]);
    const executed = path.join(tmp, `${name}.ipynb`);
    if (exec.code !== 0 || !existsSync(executed)) {
      return { name, ok: false, seconds: (performance.now() - t0) / 1000, error: describeFailure(exec.stderr) };
    }
    const execSeconds = (performance.now() - t0) / 1000;
    const outputs = [executed];
    if (opts.html) {
      const html = await jupyter(["nbconvert", "--config", NBCONVERT_CONFIG, "--to", "html", "--output-dir", tmp, executed]);
      const htmlPath = path.join(tmp, `${name}.html`);
      if (html.code !== 0 || !existsSync(htmlPath)) {
        return { name, ok: false, seconds: execSeconds, error: `HTML export failed:\n${describeFailure(html.stderr)}` };
      }
      outputs.push(htmlPath);
    }
    const finalPaths = outputs.map((p) => {
      const dest = path.join(opts.out, path.basename(p));
      renameSync(p, dest);
      return dest;
    });
    return { name, ok: true, seconds: execSeconds, outputs: finalPaths };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.notebooks.length === 0) {
    console.error("run-notebooks: no notebooks found in notebooks/");
    return 0;
  }
  for (const nb of opts.notebooks) if (!existsSync(nb)) usage(`no such notebook: ${nb}`);
  ensureKernel();
  mkdirSync(opts.out, { recursive: true });

  const results = [];
  for (const nb of opts.notebooks) {
    const rel = path.relative(process.cwd(), nb) || nb;
    console.log(`[notebooks] ▶ ${rel} ...`);
    const r = await runOne(nb, opts);
    results.push(r);
    if (r.ok) {
      const outs = r.outputs.map((p) => path.relative(process.cwd(), p)).join(", ");
      console.log(`[notebooks] ✔ ${rel} executed in ${r.seconds.toFixed(1)}s -> ${outs}`);
    } else {
      console.error(`[notebooks] ✘ ${rel} FAILED after ${r.seconds.toFixed(1)}s`);
      console.error(r.error.replace(/^/gm, "    "));
      if (opts.bail) break;
    }
  }
  const failed = results.filter((r) => !r.ok);
  const total = results.reduce((s, r) => s + r.seconds, 0);
  console.log(
    `[notebooks] ${results.length - failed.length}/${opts.notebooks.length} passed in ${total.toFixed(1)}s` +
      (failed.length ? `; FAILED: ${failed.map((r) => r.name).join(", ")}` : ""),
  );
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
