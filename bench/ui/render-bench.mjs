// Measures how long the query page takes to show a 1h range query over N series (default 10,000) in headless
// Chromium: from clicking Execute to the chart's first paint, including the HTTP transfer and JSON parsing of the
// response. The UI is served from web/dist by a small static server here; /api/v1 answers come from memory
// (synthetic series on the query's step grid), so the figure is the browser's work, not a server's.
//
//   cd web && npm ci && npx vite build && cd .. && node bench/ui/render-bench.mjs [--series 10000] [--runs 5]
//
// Needs Chromium (Debian: apt-get install chromium; or CHROMIUM=/path) and playwright-core from web/node_modules.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'web/dist');
const require = createRequire(path.join(root, 'web/package.json'));
const { chromium } = require('playwright-core');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seriesCount = arg('series', 10000);
const runs = arg('runs', 5);
const rangeSeconds = 3600;

function rangeResponse(params) {
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const step = Number(params.get('step'));
  const parts = [];
  for (let s = 0; s < seriesCount; s++) {
    const values = [];
    for (let t = start; t <= end; t += step) values.push(`[${t},"${(Math.sin(t / 600 + s) * 50 + 100 + (s % 97)).toFixed(3)}"]`);
    parts.push(`{"metric":{"__name__":"bench_metric","instance":"host-${s % 500}:9100","job":"node","series":"${s}"},"values":[${values.join(',')}]}`);
  }
  return `{"status":"success","data":{"resultType":"matrix","result":[${parts.join(',')}]}}`;
}

const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
let lastBodyBytes = 0;
const cache = new Map();
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/api/v1/query_range') {
    // The page asks for a fixed end time, so the answer is built once and the timing excludes building it.
    const body = cache.get(url.search) ?? rangeResponse(url.searchParams);
    cache.set(url.search, body);
    lastBodyBytes = body.length;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(body);
  }
  if (url.pathname.startsWith('/api/v1/')) {
    // Completion and metadata lookups: empty answers of the right shape.
    const data = url.pathname.includes('metadata') || url.pathname.includes('flags') ? {} : [];
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ status: 'success', data }));
  }
  const file = url.pathname.startsWith('/assets/') ? url.pathname : '/index.html';
  try {
    let body = await readFile(path.join(dist, file));
    if (file === '/index.html') body = body.toString().replace('PATH_PREFIX_PLACEHOLDER', '');
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const timings = [];
const cpuTimes = [];
const threadTimes = [];
try {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
    await page.goto(`${base}/query?g0.expr=bench_metric&g0.tab=graph&g0.range_input=1h&g0.end_input=2026-01-01%2000:00:00`, { waitUntil: 'networkidle' });
    // The page runs the URL's query on load; wait for that, then time a fresh Execute.
    await page.waitForSelector('.graph-canvas[data-drawn-at]', { timeout: 120000 });
    await page.evaluate(() => document.querySelector('.graph-canvas')?.removeAttribute('data-drawn-at'));
    // Renderer CPU time next to wall time: on a shared, loaded machine the wall figure mostly measures waiting.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const cpu = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    };
    const before = await cpu();
    const t0 = await page.evaluate(() => performance.now());
    await page.click('button.execute');
    await page.waitForSelector('.graph-canvas[data-drawn-at]', { timeout: 120000 });
    const drawn = await page.evaluate(() => Number(document.querySelector('.graph-canvas').dataset.drawnAt));
    const marks = await page.evaluate((since) =>
      performance.getEntriesByType('mark').filter((m) => m.startTime >= since).map((m) => `${m.name.replace('pharos:', '')}=${Math.round(m.startTime - since)}`), t0);
    console.log(`run ${run + 1}: ${marks.join(' ')} drawn=${Math.round(drawn - t0)}`);
    const after = await cpu();
    cpuTimes.push((after.ProcessTime - before.ProcessTime) * 1000);
    threadTimes.push((after.ThreadTime - before.ThreadTime) * 1000);
    const shown = await page.getAttribute('.graph', 'data-series-count');
    if (Number(shown) !== seriesCount) throw new Error(`graph shows ${shown} series, expected ${seriesCount}`);
    timings.push(drawn - t0);
    if (run === runs - 1 && process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const points = Math.floor(rangeSeconds / Math.max(Math.floor(rangeSeconds / 250), 1)) + 1;
console.log(`series=${seriesCount} points/series=${points} response=${(lastBodyBytes / 1e6).toFixed(1)}MB runs=${runs}`);
console.log(`execute-to-paint wall ms: median=${median(timings).toFixed(0)} all=${timings.map((t) => t.toFixed(0)).join(',')} (target < 2000)`);
console.log(`renderer CPU ms: process median=${median(cpuTimes).toFixed(0)}, main thread median=${median(threadTimes).toFixed(0)}`);
console.log(`machine load average while measuring: ${(await readFile('/proc/loadavg', 'utf8').catch(() => 'n/a')).split(' ').slice(0, 3).join(' ')}`);
