// The dashboard in headless Chromium (playwright-core driving the system's chromium), against a
// running ragops server. Run by server's DashboardBrowserIT, which starts the server and sets:
//   RAGOPS_URL      the server, e.g. http://localhost:8080
//   RAGOPS_KEY      an admin API key (the server runs with ragops.auth.enabled=true)
//   SCREENSHOT_DIR  where the screenshots go (default: ./screenshots)
//   CHROMIUM        the browser binary (default: the first of chromium, chromium-browser, google-chrome)
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const BASE = required('RAGOPS_URL');
const KEY = required('RAGOPS_KEY');
const SHOTS = process.env.SCREENSHOT_DIR || 'screenshots';
const COLLECTION = `ui-${Date.now().toString(36)}`;
const FILES = [
  ['kelp.txt', 'Kelp forests shelter sea otters. The otters eat sea urchins, which would otherwise '
    + 'graze the kelp down to barren rock. Where otters vanish, the forest goes with them.'],
  ['vacuum.txt', 'PostgreSQL VACUUM reclaims the space held by dead tuples. Autovacuum runs it in '
    + 'the background when enough rows of a table were updated or deleted.'],
];

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see the header of this file)`);
  return value;
}

function chromiumPath() {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome'].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`no Chromium found (tried ${candidates.join(', ')}): install Debian's `
      + '"chromium" package (./scripts/test does so as root) or set CHROMIUM');
  }
  return found;
}

/** Calls the API directly, as a test fixture would. */
async function apiCall(method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

let browser;
let page;
const pageErrors = [];
const shot = (name) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
const tab = (name) => page.goto(`${BASE}/ui/#/c/${COLLECTION}/${name}`);

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60_000);
  page.on('dialog', (dialog) => dialog.accept());
  page.on('pageerror', (error) => pageErrors.push(error));
});

after(async () => {
  await browser?.close();
});

test('the dashboard asks for an API key, then lists and creates collections', async () => {
  await page.goto(`${BASE}/ui/`);
  await page.getByRole('alert').filter({ hasText: 'API key' }).waitFor();
  await page.fill('input[name=apiKey]', KEY);
  await page.click('form.apikey button');
  await page.fill('input[name=name]', COLLECTION);
  await page.getByRole('button', { name: 'Create' }).click();
  const row = page.locator(`tr[data-collection="${COLLECTION}"]`);
  await row.waitFor();
  assert.equal((await row.locator('td').nth(1).textContent()).trim(), '0');
  await shot('collections.png');
});

test('uploaded files become ready, a broken one fails with its reason and can be deleted', async () => {
  await page.click(`tr[data-collection="${COLLECTION}"] a`);
  await page.waitForURL(/\/documents$/);
  await page.setInputFiles('input[name=file]', FILES.map(([name, text]) => (
    { name, mimeType: 'text/plain', buffer: Buffer.from(text) })));
  await page.getByRole('button', { name: 'Upload' }).click();
  for (const [name] of FILES) {
    await page.locator(`tr[data-source-id="${name}"][data-status="ready"]`).waitFor({ timeout: 180_000 });
  }
  await page.locator('table.jobs tr[data-status="succeeded"]').nth(FILES.length - 1).waitFor();

  // a PDF cut off after its header: it parses to no text, so its job fails with a reason
  await page.setInputFiles('input[name=file]',
    { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<') });
  await page.getByRole('button', { name: 'Upload' }).click();
  const broken = page.locator('tr[data-source-id="broken.pdf"][data-status="failed"]');
  await broken.waitFor();
  assert.notEqual((await broken.locator('td.reason').textContent()).trim(), '');
  await shot('documents.png');
  const retried = page.waitForResponse((r) => r.url().endsWith(':retry'));
  await broken.getByRole('button', { name: 'Retry' }).click();
  const retry = await retried;
  assert.equal(retry.status(), 202);
  assert.equal((await retry.json()).result, 'retried');
  await page.locator('tr[data-source-id="broken.pdf"][data-status="failed"]').waitFor();
  await broken.getByRole('button', { name: 'Delete' }).click();
  await page.locator('tr[data-source-id="broken.pdf"]').waitFor({ state: 'detached' });
});

test('a search shows hits with their score breakdown, highlights and freshness', async () => {
  await tab('search');
  await page.fill('input[name=query]', 'what do sea otters eat');
  await page.getByRole('button', { name: 'Search' }).click();
  const first = page.locator('li.hit').first();
  await first.waitFor();
  assert.match(await first.locator('.hit-head').textContent(), /kelp\.txt/);
  assert.ok(await first.locator('mark').count() > 0, 'the query words are highlighted');
  const legs = await first.locator('table.scores td.num').allTextContents();
  assert.ok(legs.slice(0, 3).every((s) => /^\d+\.\d{4}$/.test(s)), `keyword, vector and fused scores: ${legs}`);
  assert.match(await first.locator('dl.freshness').textContent(), /generation\d+/);
  await shot('search.png');

  await page.selectOption('select[name=fusion]', 'weighted');
  await page.selectOption('select[name=rerank]', 'mmr');
  await page.fill('input[name=lambda]', '0.5');
  const weighted = page.waitForResponse((r) => r.url().endsWith('/search'));
  await page.getByRole('button', { name: 'Search' }).click();
  assert.deepEqual(JSON.parse((await weighted).request().postData()), {
    query: 'what do sea otters eat', k: 10, mode: 'hybrid', fusion: 'weighted',
    weights: { keyword: 0.3, vector: 0.7 }, normalization: 'minmax', rerank: { type: 'mmr', lambda: 0.5 },
  });
  await page.locator('li.hit table.scores').first().waitFor();

  await page.fill('input[name=filter]', '{"team":{"$near":1}}');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('alert').filter({ hasText: '400' }).waitFor();
});

/** Starts an eval run from the page and waits until the ndcg@10 plot shows `points` runs. */
async function runEval(mode, points) {
  await page.fill('input[name=dataset]', 'golden');
  await page.selectOption('select[name=mode]', mode);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.locator(`figure.plot[data-metric="ndcg@10"][data-points="${points}"] canvas`)
    .waitFor({ timeout: 180_000 });
}

test('eval runs appear on the plot, a regression is marked, and two runs compare', async () => {
  await apiCall('POST', `/v1/collections/${COLLECTION}/datasets`, { name: 'golden' });
  const cases = [
    ['what do sea otters eat', 'kelp.txt'], ['why do kelp forests disappear', 'kelp.txt'],
    ['how is space from dead tuples reclaimed', 'vacuum.txt'], ['what does autovacuum do', 'vacuum.txt'],
  ];
  for (const [query, sourceId] of cases) {
    await apiCall('POST', `/v1/collections/${COLLECTION}/datasets/golden/cases`,
      { query, relevant: [{ sourceId, grade: 1 }] });
  }
  await tab('evals');
  await runEval('hybrid', 1);
  await runEval('keyword', 2);

  // a document that answers the otter question better than the judged one pushes it down
  const { documentId } = await apiCall('POST', `/v1/collections/${COLLECTION}/documents`, {
    sourceId: 'otters.txt', text: 'What do sea otters eat? Sea otters eat sea urchins, crabs, clams and snails.',
  });
  const document = `/v1/collections/${COLLECTION}/documents/${documentId}`;
  for (let i = 0; (await apiCall('GET', document)).status !== 'ready'; i++) {
    assert.ok(i < 600, 'otters.txt did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await runEval('hybrid', 3);
  await page.locator('figure.plot[data-metric="ndcg@10"][data-regressions="1"]').waitFor();
  assert.equal(await page.locator('table.runs tbody tr[data-status="succeeded"]').count(), 3);
  assert.match(await page.locator('table.runs tbody tr').first().locator('td.worse').textContent(), /ndcg@10/);

  await page.locator('.compare select').first().selectOption({ index: 0 }); // the first run
  const losses = page.locator('.losses');
  await losses.getByText('what do sea otters eat').waitFor();
  assert.match(await page.locator('table.deltas').textContent(), /ndcg@10/);
  await shot('evals.png');
});

test('schedules and the freshness timeline show their data or say they are not available', async () => {
  await tab('freshness');
  for (const heading of ['Schedules', 'Generations', 'Freshness timeline']) {
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  }
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('.error').count(), 0, await page.locator('main').textContent());
  await shot('freshness.png');
  assert.deepEqual(pageErrors.map(String), []);
});
