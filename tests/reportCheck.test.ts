// The report checks themselves (src/analysis/report/browser.ts checkReport) and the report template
// (scripts/nbconvert_templates/smfg, selected by scripts/nbconvert_config.py): a report that
// leans on anything outside itself, logs an error or throws is caught; the template leaves no
// outside reference and keeps wide tables on the page, where the stock template does neither.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, checkReport, outsideReferences } from '../src/analysis/report/browser.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const skip = existsSync(CHROMIUM) ? false : 'no /usr/bin/chromium';

test('outsideReferences: file, network and relative resources count; data: URLs and inline script text do not', () => {
  const html = `<html><head><script src="file:///usr/share/javascript/requirejs/require.min.js"></script>
<link rel="stylesheet" href="https://cdn.example.org/a.css"><style>body { background: url(data:image/png;base64,AAAA) } .x { background: url('img/x.png') }</style>
<script>var a = "<a href='https://plotly.com/'>"; var f = "file://";</script></head>
<body><img src="data:image/png;base64,AAAA"><a href="#top">top</a><img src=picture.png></body></html>`;
  assert.deepEqual(outsideReferences(html), [
    'src="file:///usr/share/javascript/requirejs/require.min.js"',
    'href="https://cdn.example.org/a.css"',
    'src=picture.png',
    "url('img/x.png')",
  ]);
});

test('checkReport fails a page on every failed or outside load, console error and page error, and screenshots it', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smfg-report-check-'));
  try {
    writeFileSync(path.join(dir, 'present.css'), 'body { color: black }');
    // present.css and /etc/hostname exist: blocked all the same (a report must not need them)
    const page = path.join(dir, 'bad.html');
    writeFileSync(
      page,
      `<html><head><link rel="stylesheet" href="present.css"><script src="file:///etc/hostname"></script>
<script src="https://cdn.example.org/x.js"></script></head>
<body><p>bad</p><script>console.error('logged error'); console.log('fine');</script><script>undefinedFunction();</script></body></html>`,
    );
    const png = path.join(dir, 'bad.png');
    const report = await checkReport(page, { screenshotPath: png, viewport: { width: 640, height: 400 } });
    assert.deepEqual(report.externalRequests.sort(), [`${'file://' + dir}/present.css`, 'file:///etc/hostname', 'https://cdn.example.org/x.js'].sort());
    assert.equal(report.failedLoads.length, 3, report.failedLoads.join('\n'));
    assert.ok(report.consoleErrors.some((e) => e.startsWith('logged error')), report.consoleErrors.join('\n'));
    assert.ok(!report.consoleErrors.some((e) => e.startsWith('fine')));
    assert.deepEqual(report.pageErrors.map((e) => /undefinedFunction/.test(e)), [true]);
    assert.equal(report.outsideReferences.length, 3);
    const image = readFileSync(png);
    assert.equal(image.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(image.readUInt32BE(16), 640);

    const good = path.join(dir, 'good.html');
    writeFileSync(good, `<html><head><style>p { color: red }</style></head><body><p>good</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>`);
    const clean = await checkReport(good);
    assert.deepEqual([clean.failedLoads, clean.externalRequests, clean.consoleErrors, clean.pageErrors, clean.outsideReferences], [[], [], [], [], []]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the report template: no outside reference; every table fits or scrolls in a box of its own (the stock template: neither)', { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smfg-report-template-'));
  try {
    const table = (columns: string[]) =>
      `<table><thead><tr>${columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody><tr>${columns.map((_, i) => `<td>${(i * 1234.5).toFixed(1)}</td>`).join('')}</tr></tbody></table>`;
    // a plain table (no scrolling wrapper, as arquero's or danfo's HTML), too wide for any page, and a narrow one
    const wide = Array.from({ length: 60 }, (_, i) => `column_${i}`);
    const output = (html: string) => ({ output_type: 'display_data', metadata: {}, data: { 'text/html': html, 'text/plain': 'table' } });
    const notebook = {
      cells: [
        { cell_type: 'markdown', id: 'm', metadata: {}, source: '# tables' },
        { cell_type: 'code', id: 'c', metadata: {}, execution_count: 1, source: 'tables', outputs: [output(table(wide)), output(table(['a', 'b']))] },
      ],
      metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(path.join(dir, 'tables.ipynb'), JSON.stringify(notebook));
    const exportHtml = (config: string[], output: string): string => {
      const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'jupyter.sh'), 'nbconvert', ...config, '--to', 'html', '--output', output, '--output-dir', dir, path.join(dir, 'tables.ipynb')], {
        encoding: 'utf8',
        env: { ...process.env, SMFG_QUIET_JUPYTER: '1' },
      });
      assert.equal(r.status, 0, r.stderr);
      return path.join(dir, `${output}.html`);
    };
    const viewport = { width: 1000, height: 800 };
    const ours = await checkReport(exportHtml(['--config', path.join(ROOT, 'scripts', 'nbconvert_config.py')], 'ours'), { viewport });
    assert.deepEqual(ours.outsideReferences, []);
    assert.deepEqual([ours.failedLoads, ours.externalRequests, ours.consoleErrors, ours.pageErrors], [[], [], [], []]);
    assert.ok(ours.pageWidth <= ours.viewportWidth, `page ${ours.pageWidth} px wide in a ${ours.viewportWidth} px window`);
    assert.deepEqual(ours.offPage, []);
    assert.deepEqual(ours.tables.map((t) => t.hiddenPx > 0), [true, false], 'the wide table is wider than the page, the narrow one fits');
    assert.deepEqual(ours.tables.map((t) => t.ownScrollBox), [true, true]);

    const stock = await checkReport(exportHtml([], 'stock'), { viewport });
    assert.ok(stock.outsideReferences.some((r) => /require/.test(r)), 'the stock template references require.js');
    assert.ok(stock.failedLoads.length > 0);
    assert.equal(stock.tables[0]!.ownScrollBox, false, 'stock template: the wide table scrolls only with its whole output area');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
