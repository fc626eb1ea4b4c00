// Executes every notebooks/*.ipynb headless with the project-local tslab kernel
// (via scripts/run-notebooks.mjs) and checks the executed copy in
// reports/notebooks/:
//   - the run succeeded (nbconvert stops at the first failing cell),
//   - no cell has an `error` output or an uncaught-exception report on stderr,
//   - every non-empty code cell has its execution count and produced at least one output, unless the cell
//     opts out with a `// no-output` comment (e.g. pure import/declaration cells),
//   - the HTML export is self-contained: no src/href/url() reference to a file or server outside
//     it, and it opens in headless Chromium with zero failed loads (anything outside the report
//     is blocked), zero console errors, zero page errors, every figure drawn, nothing wider than
//     the page; a full-page PNG of it is saved beside it (reports/notebooks/<name>.png),
//   - no markdown cell uses TeX math (the reports carry no math renderer).
// Notebooks that import ../dist/... need `npm run build` first (npm test does it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkReport } from "../src/analysis/report/browser.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NB_DIR = path.join(ROOT, "notebooks");
const OUT_DIR = path.join(ROOT, "reports", "notebooks");
const RUNNER = path.join(ROOT, "scripts", "run-notebooks.mjs");
const PER_NOTEBOOK_TIMEOUT_MS = 20 * 60 * 1000;
const NO_OUTPUT_MARKER = /\/\/\s*no-output\b|\/\*\s*no-output\s*\*\//;
// TeX math in markdown: $$...$$, \(...\), \[...\] or $x...$ (not "$100").
const TEX_MATH = /\$\$|\\\(|\\\[|\$[^\s$\d][^$\n]*?[^\s\\]\$/;
const UNCAUGHT = /UnhandledPromiseRejection|UncaughtException|^\s*at evalmachine\.<anonymous>/m;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
}

const joinText = (t: string | string[] | undefined): string => (Array.isArray(t) ? t.join("") : (t ?? ""));

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[test] timed out after ${timeoutMs / 1000}s; killing runner`;
      child.kill("SIGTERM");
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const notebooks = existsSync(NB_DIR)
  ? readdirSync(NB_DIR)
      .filter((f) => f.endsWith(".ipynb"))
      .sort()
  : [];

test("notebooks/ contains at least one notebook", () => {
  assert.ok(notebooks.length > 0, `no .ipynb files in ${NB_DIR}`);
});

for (const file of notebooks) {
  const name = path.basename(file, ".ipynb");
  test(`notebook ${file} executes headless without errors`, { timeout: PER_NOTEBOOK_TIMEOUT_MS + 60_000 }, async (t) => {
    const { code, output } = await run([RUNNER, path.join(NB_DIR, file)], PER_NOTEBOOK_TIMEOUT_MS);
    assert.equal(code, 0, `run-notebooks failed for ${file}:\n${output}`);

    const executedPath = path.join(OUT_DIR, `${name}.ipynb`);
    assert.ok(existsSync(executedPath), `missing executed notebook ${executedPath}`);
    assert.ok(existsSync(path.join(OUT_DIR, `${name}.html`)), `missing HTML export for ${file}`);
    const nb = JSON.parse(readFileSync(executedPath, "utf8")) as Notebook;

    const problems: string[] = [];
    nb.cells.forEach((cell, i) => {
      if (cell.cell_type !== "code") return;
      const src = joinText(cell.source);
      const outputs = cell.outputs ?? [];
      const where = `cell ${i}: ${JSON.stringify(src.split("\n")[0]!.slice(0, 60))}`;
      for (const o of outputs) {
        if (o.output_type === "error") problems.push(`${where} has error output ${o.ename}: ${o.evalue}`);
        if (o.output_type === "stream" && o.name === "stderr" && UNCAUGHT.test(joinText(o.text))) {
          problems.push(`${where} reported an uncaught exception:\n${joinText(o.text)}`);
        }
      }
      // the report shows "In [k]:" (tslab sends the count only in its reply; nbconvert_config.py records it)
      if (src.trim() !== "" && typeof cell.execution_count !== "number") problems.push(`${where} has no execution count`);
      if (src.trim() !== "" && outputs.length === 0 && !NO_OUTPUT_MARKER.test(src)) {
        problems.push(`${where} produced no output (add a "// no-output" comment to opt out)`);
      }
    });
    assert.deepEqual(problems, [], `problems in executed ${file}:\n${problems.join("\n")}`);

    // TeX math would need MathJax, which the self-contained reports do not carry
    nb.cells.forEach((cell, i) => {
      if (cell.cell_type === "markdown" && TEX_MATH.test(joinText(cell.source))) {
        problems.push(`markdown cell ${i} uses TeX math, which ${name}.html cannot render offline: ${JSON.stringify(joinText(cell.source).match(TEX_MATH)![0])}`);
      }
    });
    assert.deepEqual(problems, [], `problems in ${file}:\n${problems.join("\n")}`);

    // the HTML export references nothing outside itself, opens cleanly offline, draws every
    // figure output with plotly.js, fits the page, and leaves its screenshot beside it
    const htmlPath = path.join(OUT_DIR, `${name}.html`);
    const figureOutputs = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && "application/vnd.plotly.v1+json" in o.data);
    const screenshotPath = path.join(OUT_DIR, `${name}.png`);
    const report = await checkReport(htmlPath, { expectedFigures: figureOutputs.length, screenshotPath });
    assert.deepEqual(report.outsideReferences, [], `${name}.html references files or servers outside itself`);
    assert.deepEqual(report.failedLoads, [], `failed loads in ${name}.html`);
    assert.deepEqual(report.externalRequests, [], `${name}.html asked for resources outside itself`);
    assert.deepEqual(report.consoleErrors, [], `console errors in ${name}.html`);
    assert.deepEqual(report.pageErrors, [], `page errors in ${name}.html`);
    assert.equal(report.figures, figureOutputs.length, `${name}.html drew ${report.figures} of ${figureOutputs.length} figures`);
    assert.equal(report.withSvg, figureOutputs.length, `${name}.html: figures without a drawn svg`);
    assert.deepEqual(
      report.traces,
      figureOutputs.map((o) => ((o.data!["application/vnd.plotly.v1+json"] as { data: unknown[] }).data.length)),
    );
    assert.ok(report.pageWidth <= report.viewportWidth, `${name}.html is ${report.pageWidth} px wide in a ${report.viewportWidth} px window: something runs off the page`);
    assert.deepEqual(report.offPage, [], `${name}.html: tables or text running off the page`);
    report.tables.forEach((t, i) => assert.ok(t.hiddenPx === 0 || t.ownScrollBox, `${name}.html: table ${i} is ${t.hiddenPx} px too wide and has no scroll box of its own`));
    t.diagnostic(
      `${name}.html: ${Math.round(statSync(htmlPath).size / 1024)} KB, ${report.failedLoads.length} failed loads, ${report.consoleErrors.length} console errors, ` +
        `${report.withSvg}/${figureOutputs.length} figures drawn; screenshot ${path.relative(ROOT, screenshotPath)}`,
    );
    const png = readFileSync(screenshotPath);
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", `${screenshotPath} is not a PNG`);
    assert.equal(png.readUInt32BE(16), report.viewportWidth, `${screenshotPath}: width`);
    assert.ok(png.readUInt32BE(20) >= 900, `${screenshotPath}: height ${png.readUInt32BE(20)} px, not the full page`);
  });
}
