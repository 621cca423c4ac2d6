#!/usr/bin/env node
// Donera real-browser test suite.
//
// Starts the server binary on a free loopback port with a fresh SQLite
// database, drives Debian's Chromium through playwright-core, crawls the
// site, runs the user journeys and validates every served HTML document with
// the Nu Html Checker. See README.md next to this file.
//
//   node tests/browser/run.mjs          (from the repo root, or from tests/browser)
//
// Environment:
//   DONERA_BIN        server binary (default target/release/donera, relative
//                     paths are resolved against the repo root)
//   DONERA_URL        test an already running server instead of starting one
//   CHROMIUM          browser executable (default /usr/bin/chromium)
//   JAVA              java executable for vnu.jar (default: java on PATH)
//   MAX_PAGES         crawl bound (default 200)
//   VERBOSE=1         also print passing checks
//   KEEP_TMP=1        keep the temp dir (database, saved HTML) for inspection
//   RECHECK=1         rerun the DOM checks (axe, focus, labels, overflow) on
//                     journey pages the crawl already checked at that width

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
let chromium;
try {
  ({ chromium } = require('playwright-core'));
  require.resolve('axe-core/axe.min.js');
  require.resolve('vnu-jar');
} catch (e) {
  console.error(`missing npm packages (${e.message.split('\n')[0]}): run \`npm ci\` in tests/browser first`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU_JAR = String(require('vnu-jar'));

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];
const MAX_PAGES = Number(process.env.MAX_PAGES || 200);
const VERBOSE = !!process.env.VERBOSE && process.env.VERBOSE !== '0';
const RECHECK = !!process.env.RECHECK && process.env.RECHECK !== '0';
const SCREENSHOT_DIR = path.join(REPO, 'target', 'screenshots');
const WIDTHS = [
  { name: '375', viewport: { width: 375, height: 800 } },
  { name: '1280', viewport: { width: 1280, height: 900 } },
];
const LANGS = ['sv', 'en'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const NAV_TIMEOUT = 15_000;

// Localized routes the journeys rely on.
const ROUTES = {
  sv: { home: '/sv/', eligibility: '/sv/behorighet', check: '/sv/behorighet/testa', missing: '/sv/finns-inte' },
  en: { home: '/en/', eligibility: '/en/eligibility', check: '/en/eligibility/check', missing: '/en/nope' },
};
// Crawl: never follow these (assets, and links with side effects once they exist).
const SKIP_PATH = [/^\/static\//, /\/(logout|logga-ut)(\/|$)/];

// ---------------------------------------------------------------- results

let passed = 0;
let failed = 0;

function record(kind, label, problems) {
  problems = problems.filter(Boolean);
  if (problems.length === 0) {
    passed++;
    if (VERBOSE) console.log(`ok   [${kind}] ${label}`);
    return true;
  }
  failed++;
  if (problems.length === 1) {
    // A multi-line problem (server output) keeps its lines, indented.
    const [head, ...tail] = String(problems[0]).trim().split('\n');
    console.log(`FAIL [${kind}] ${label}: ${head}`);
    for (const t of tail.slice(-60)) console.log(`       | ${t}`);
  } else {
    console.log(`FAIL [${kind}] ${label}: ${problems.length} problems`);
    for (const p of problems) console.log(`       - ${oneLine(p)}`);
  }
  return false;
}

const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim();
const clip = (s, n = 160) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
const log = (...a) => console.log(...a);

// ---------------------------------------------------------------- server

let server = null; // { child, out: [] }
let browser = null;
let tmpDir = null;

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function serverOutput() {
  return server ? server.out.join('').slice(-6000) : '';
}

async function startServer() {
  if (process.env.DONERA_URL) return process.env.DONERA_URL.replace(/\/$/, '');
  const bin = path.resolve(REPO, process.env.DONERA_BIN || 'target/release/donera');
  if (!fs.existsSync(bin)) throw new Error(`server binary not found: ${bin} (build it, or set DONERA_BIN)`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${path.join(tmpDir, 'donera.db')}`,
    DONERA_LISTEN: `127.0.0.1:${port}`,
    DONERA_BASE_URL: base,
    DONERA_SECRET_KEY: randomBytes(32).toString('hex'),
    RUST_LOG: 'warn',
  };
  const child = spawn(bin, [], { cwd: tmpDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server = { child, out: [], exited: null };
  const keep = (d) => {
    server.out.push(d.toString());
    if (server.out.length > 400) server.out.splice(0, 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, sig) => { server.exited = sig || code; });
  child.on('error', (e) => { server.exited = e.message; });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exited !== null) throw new Error(`server exited (${server.exited}) before /healthz answered:\n${serverOutput()}`);
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return base;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`GET /healthz did not answer 200 within 30 s:\n${serverOutput()}`);
    await sleep(200);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function killServerSync() {
  if (server && server.exited === null) {
    try { server.child.kill('SIGKILL'); } catch { /* gone */ }
  }
}

async function stopServer() {
  if (!server || server.exited !== null) return;
  server.child.kill('SIGTERM');
  for (let i = 0; i < 30 && server.exited === null; i++) await sleep(100);
  killServerSync();
}

async function cleanup() {
  if (browser) { await browser.close().catch(() => {}); browser = null; }
  await stopServer();
  if (tmpDir && !process.env.KEEP_TMP) fs.rmSync(tmpDir, { recursive: true, force: true });
}

let interrupted = false;
process.on('exit', killServerSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    killServerSync();
    record('suite', 'run', [`interrupted by ${sig}`]);
    const b = browser;
    browser = null;
    Promise.race([b ? b.close() : null, sleep(3000)])
      .catch(() => {})
      .finally(() => {
        if (tmpDir && !process.env.KEEP_TMP) fs.rmSync(tmpDir, { recursive: true, force: true });
        console.log(`${passed} passed, ${failed} failed`);
        process.exit(130);
      });
  });
}

/** First line of an error plus where it was thrown (Playwright appends long browser logs). */
function errorText(e) {
  if (!(e instanceof Error)) return String(e);
  const at = ((e.stack || '').match(/\n\s+at [^\n]*run\.mjs[^\n]*/) || [''])[0].trim();
  return `${e.message.split('\n')[0]}${at ? ` (${at})` : ''}`;
}

// ---------------------------------------------------------------- HTML store (for vnu)

// url (with query; method prefix for non-GET) -> bytes exactly as served
const htmlStore = new Map();

function storeHtml(key, body) {
  if (!htmlStore.has(key)) htmlStore.set(key, body);
}

// ---------------------------------------------------------------- per-page instrumentation

function instrument(page) {
  const st = { events: [], docs: [], lastDoc: null };
  page.on('console', (m) => {
    // "Failed to load resource" duplicates what the status/requests checks
    // already report (and a deliberate 404/400 document would trip it).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource:')) {
      const loc = m.location();
      st.events.push(['console', `console error: ${m.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`]);
    }
  });
  page.on('pageerror', (e) => st.events.push(['console', `uncaught exception: ${e.message}`]));
  page.on('requestfailed', (r) => {
    st.events.push(['requests', `request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`]);
  });
  page.on('response', (r) => {
    const req = r.request();
    const isDoc = req.isNavigationRequest() && r.frame() === page.mainFrame();
    const status = r.status();
    if (isDoc) {
      st.lastDoc = { url: r.url(), status, method: req.method() };
      if (status < 300 || status >= 400) {
        st.docs.push(
          r.body()
            .then((body) => ({ url: r.url(), method: req.method(), ctype: r.headers()['content-type'] || '', body }))
            .catch(() => null),
        );
      }
    } else if (status >= 400) {
      st.events.push(['requests', `HTTP ${status}: ${req.method()} ${r.url()}`]);
    }
  });
  return st;
}

async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT);
  page.st = instrument(page);
  return page;
}

const domChecked = new Set();

function pageLabel(page, widthName) {
  const u = new URL(page.url());
  return `${u.pathname}${u.search} @${widthName}`;
}

/**
 * Runs all per-page checks on the page as it is now (call right after a
 * navigation, before interacting: the focus check presses Tab from the top).
 */
async function checkPage(page, widthName, { expectStatus = 200, label } = {}) {
  label = label || pageLabel(page, widthName);
  const st = page.st;

  // Served bytes of the document(s) loaded since the last check.
  const docs = (await Promise.all(st.docs.splice(0))).filter(Boolean);
  for (const d of docs) {
    if (/text\/html/i.test(d.ctype)) storeHtml(d.method === 'GET' ? d.url : `${d.method} ${d.url}`, d.body);
  }

  // HTTP status of the main document.
  const got = st.lastDoc ? st.lastDoc.status : null;
  record('status', label, [got !== expectStatus && `expected HTTP ${expectStatus}, got ${got}`]);

  // The DOM checks run once per URL and width (a journey passing through a
  // page the crawl already checked only gets the status/console/request checks).
  const key = `${page.url()}|${widthName}|${expectStatus}`;
  if (RECHECK || !domChecked.has(key)) {
    domChecked.add(key);

    // Focus: first Tab from the top lands on the skip link, which shows a focus indicator.
    record('focus', label, await checkFocus(page));

    // Labels on visible form fields.
    record('labels', label, await page.evaluate(unlabeledFields));

    // No horizontal scrolling at 375.
    if (widthName === '375') record('overflow', label, await page.evaluate(horizontalOverflow));

    // axe-core, WCAG 2.1 A/AA.
    record('axe', label, await runAxe(page));
  }

  // Let late subresource errors arrive, then drain console / request events.
  await sleep(50);
  const events = st.events.splice(0);
  record('console', label, events.filter((e) => e[0] === 'console').map((e) => e[1]));
  record('requests', label, events.filter((e) => e[0] === 'requests').map((e) => e[1]));
}

async function checkFocus(page) {
  // Start sequential focus navigation from the top of the document.
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  await page.keyboard.press('Tab');
  const r = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { problem: 'Tab from the top focused nothing' };
    const describe = (e) => {
      let s = e.tagName.toLowerCase();
      if (e.id) s += `#${e.id}`;
      if (e.classList.length) s += '.' + [...e.classList].join('.');
      const href = e.getAttribute('href');
      if (href) s += `[href="${href}"]`;
      return s;
    };
    const desc = describe(el);
    const href = el.getAttribute('href') || '';
    let targetOk = false;
    if (el.tagName === 'A' && href.startsWith('#') && href.length > 1) {
      const id = decodeURIComponent(href.slice(1));
      targetOk = !!document.getElementById(id);
    }
    if (!targetOk) {
      return { problem: `first Tab stop is ${desc} ("${(el.textContent || '').trim().slice(0, 40)}"), not a skip link (a[href="#id"] to an existing element)` };
    }
    const styleOf = (e) => {
      const cs = getComputedStyle(e);
      return {
        outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor,
        outlineOffset: cs.outlineOffset, boxShadow: cs.boxShadow,
      };
    };
    const focused = styleOf(el);
    const rect = el.getBoundingClientRect();
    const inView = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
      && rect.top < window.innerHeight && rect.left < window.innerWidth;
    el.blur();
    const unfocused = styleOf(el);
    return { desc, focused, unfocused, inView, rect: [rect.x, rect.y, rect.width, rect.height].map(Math.round) };
  });
  if (r.problem) return [r.problem];
  const problems = [];
  const f = r.focused;
  const u = r.unfocused;
  const hasOutline = f.outlineStyle !== 'none' && parseFloat(f.outlineWidth) > 0;
  const hasShadow = f.boxShadow && f.boxShadow !== 'none';
  const differs = JSON.stringify(f) !== JSON.stringify(u);
  if (!(hasOutline || hasShadow)) {
    problems.push(`skip link ${r.desc} has no focus indicator when focused (outline: ${f.outlineStyle} ${f.outlineWidth}, box-shadow: ${f.boxShadow})`);
  } else if (!differs) {
    problems.push(`skip link ${r.desc} looks the same focused and unfocused (outline ${f.outlineStyle} ${f.outlineWidth}, box-shadow ${f.boxShadow})`);
  }
  if (!r.inView) problems.push(`skip link ${r.desc} is not visible in the viewport when focused (rect ${r.rect.join(',')})`);
  return problems;
}

// Runs in the page.
function unlabeledFields() {
  const fields = document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea');
  const out = [];
  for (const el of fields) {
    const visible = el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : el.getClientRects().length > 0;
    if (!visible) continue;
    const labelText = [...(el.labels || [])].map((l) => l.textContent.trim()).join(' ');
    const aria = (el.getAttribute('aria-label') || '').trim();
    const byIds = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.textContent.trim()).join(' ');
    if (labelText || aria || byIds) continue;
    let d = el.tagName.toLowerCase();
    if (el.type && d === 'input') d += `[type=${el.type}]`;
    if (el.name) d += `[name=${el.name}]`;
    if (el.id) d += `#${el.id}`;
    out.push(`form field ${d} has no accessible label (label[for], wrapping label, aria-label or aria-labelledby)`);
  }
  return out;
}

// Runs in the page.
function horizontalOverflow() {
  const sw = document.documentElement.scrollWidth;
  const iw = window.innerWidth;
  if (sw <= iw) return [];
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > iw + 0.5 && r.width > 0) {
      // report the outermost offenders only
      if (!culprits.some((c) => c.el.contains(el))) culprits.push({ el, right: Math.round(r.right) });
    }
    if (culprits.length >= 5) break;
  }
  const desc = culprits.map(({ el, right }) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return `${s} (right edge ${right}px)`;
  });
  return [`page scrolls horizontally: scrollWidth ${sw} > innerWidth ${iw}; widest: ${desc.join(', ') || '?'}`];
}

async function runAxe(page) {
  // page.evaluate is not subject to the page's CSP (unlike an inline <script>
  // from addScriptTag), so the real CSP stays in force for the other checks.
  await page.evaluate(AXE_SOURCE);
  const res = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return res.violations.map((v) => {
    const nodes = v.nodes.slice(0, 4).map((n) => {
      const why = (n.failureSummary || '').split('\n').slice(1).map((s) => s.trim()).filter(Boolean)[0] || '';
      return `${n.target.join(' ')}${why ? ` (${clip(why, 140)})` : ''}`;
    });
    const more = v.nodes.length > 4 ? ` +${v.nodes.length - 4} more` : '';
    return `axe ${v.id} [${v.impact}] ${v.help}: ${nodes.join('; ')}${more}`;
  });
}

// ---------------------------------------------------------------- navigation helpers

async function goto(page, url) {
  return page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
}

/** Runs `action` (a click, a key press) and waits for the navigation it triggers. */
async function navigateBy(page, action) {
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: NAV_TIMEOUT }),
    action(),
  ]);
  return resp;
}

function normalizeForCrawl(href, origin) {
  let u;
  try { u = new URL(href); } catch { return null; }
  if (u.origin !== origin) return null;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (SKIP_PATH.some((re) => re.test(u.pathname))) return null;
  u.hash = '';
  u.search = '';
  return u.href;
}

// ---------------------------------------------------------------- crawl

async function crawl(base, contexts) {
  const origin = new URL(base).origin;
  const [first, ...others] = contexts;
  const api = first.context.request;
  const queue = LANGS.map((l) => base + ROUTES[l].home);
  const seen = new Set(queue);
  const referrers = new Map(queue.map((u) => [u, ['(start)']]));
  const pages = [];
  const discoverPage = await newPage(first.context);

  while (queue.length) {
    const url = queue.shift();
    let resp;
    try {
      resp = await api.get(url, { failOnStatusCode: false, timeout: NAV_TIMEOUT });
    } catch (e) {
      record('link', url, [`GET failed: ${e.message.split('\n')[0]} (linked from ${referrers.get(url).slice(0, 3).join(', ')})`]);
      continue;
    }
    const ctype = resp.headers()['content-type'] || '';
    const status = resp.status();
    const label = new URL(url).pathname;
    if (status !== 200) {
      record('link', label, [`HTTP ${status} (linked from ${referrers.get(url).slice(0, 3).map((r) => r.replace(origin, '')).join(', ')})`]);
      continue;
    }
    if (!/text\/html/i.test(ctype)) continue; // not a page
    record('link', label, []);
    const finalUrl = resp.url();
    if (finalUrl !== url) {
      // Redirected: crawl the target once, under its own URL.
      const n = normalizeForCrawl(finalUrl, origin);
      if (!n) continue; // redirected off-site or to a skipped path
      if (n !== url) {
        if (seen.has(n)) continue; // crawled already, or queued
        seen.add(n);
      }
    }
    storeHtml(finalUrl, await resp.body());
    pages.push(finalUrl);

    await goto(discoverPage, finalUrl);
    await checkPage(discoverPage, first.name);
    const hrefs = await discoverPage.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const h of hrefs) {
      const n = normalizeForCrawl(h, origin);
      if (!n) continue;
      if (!referrers.has(n)) referrers.set(n, []);
      const refs = referrers.get(n);
      if (refs.length < 5 && !refs.includes(finalUrl)) refs.push(finalUrl);
      if (!seen.has(n)) {
        if (seen.size >= MAX_PAGES) continue;
        seen.add(n);
        queue.push(n);
      }
    }
  }
  await discoverPage.close();
  if (seen.size >= MAX_PAGES) log(`note: crawl stopped at MAX_PAGES=${MAX_PAGES}`);

  for (const w of others) {
    const page = await newPage(w.context);
    for (const url of pages) {
      await goto(page, url);
      await checkPage(page, w.name);
    }
    await page.close();
  }
  return pages;
}

// ---------------------------------------------------------------- keyboard form filling

async function activeInfo(page, formSel) {
  return page.evaluate((formSel) => {
    const el = document.activeElement;
    const form = document.querySelector(formSel);
    if (!el || el === document.body) return { none: true };
    const tag = el.tagName.toLowerCase();
    return {
      tag,
      type: el.type || '',
      name: el.getAttribute('name') || '',
      inForm: !!(form && (form.contains(el) || el.form === form)),
      value: 'value' in el ? el.value : null,
      options: tag === 'select' ? [...el.options].map((o) => o.value) : null,
      selectedIndex: tag === 'select' ? el.selectedIndex : null,
      isSubmit: (tag === 'button' && el.type === 'submit') || (tag === 'input' && (el.type === 'submit' || el.type === 'image')),
    };
  }, formSel);
}

/**
 * Tabs from the current focus position into `formSel`, sets the fields named
 * in `values` with the keyboard (arrow keys in selects, typing in inputs), and
 * stops with focus on the submit button. Returns a list of problems.
 */
async function fillByKeyboard(page, formSel, values) {
  const problems = [];
  const todo = new Map(Object.entries(values));
  const kb = page.keyboard;
  let info = await activeInfo(page, formSel);
  let presses = 0;
  // Into the form.
  while (!info.inForm && presses < 120) {
    await kb.press('Tab');
    presses++;
    info = await activeInfo(page, formSel);
  }
  if (!info.inForm) return [`could not reach ${formSel} with Tab (${presses} presses)`];
  // Through the form.
  let steps = 0;
  while (info.inForm && !info.isSubmit && steps < 60) {
    steps++;
    if (todo.has(info.name)) {
      const want = String(todo.get(info.name));
      todo.delete(info.name);
      if (info.tag === 'select') {
        const target = info.options.indexOf(want);
        if (target < 0) {
          problems.push(`select[name=${info.name}] has no option "${want}" (options: ${info.options.join(', ')})`);
        } else {
          const diff = target - info.selectedIndex;
          for (let i = 0; i < Math.abs(diff); i++) await kb.press(diff > 0 ? 'ArrowDown' : 'ArrowUp');
          const now = await page.evaluate(() => document.activeElement.value);
          if (now !== want) {
            problems.push(`keyboard selection in select[name=${info.name}] gave "${now}", wanted "${want}"`);
            await page.locator(`${formSel} [name="${info.name}"]`).selectOption(want);
          }
        }
      } else if (info.type === 'checkbox' || info.type === 'radio') {
        problems.push(`fillByKeyboard does not handle ${info.type} yet (name=${info.name})`);
      } else {
        await kb.press('ControlOrMeta+A');
        if (want === '') await kb.press('Delete');
        else await kb.type(want);
        const now = await page.evaluate(() => document.activeElement.value);
        if (now !== want) problems.push(`typing "${want}" into [name=${info.name}] gave "${now}"`);
      }
    }
    await kb.press('Tab');
    info = await activeInfo(page, formSel);
  }
  for (const name of todo.keys()) problems.push(`field [name=${name}] was not reached with Tab in ${formSel}`);
  if (!info.isSubmit) problems.push(`Tab through ${formSel} did not reach a submit button (ended on ${info.tag || 'nothing'})`);
  return problems;
}

// ---------------------------------------------------------------- journeys

/** Swedish organisation number: 10 digits, the last a Luhn check digit over the first nine. */
function luhnDigit(nine) {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
const ORG_BODY = '802000000'; // 8 = nonprofit, third digit >= 2
const VALID_ORG = `${ORG_BODY.slice(0, 6)}-${ORG_BODY.slice(6)}${luhnDigit(ORG_BODY)}`;
const INVALID_ORG = `${ORG_BODY.slice(0, 6)}-${ORG_BODY.slice(6)}${(luhnDigit(ORG_BODY) + 1) % 10}`;

const mentions = (text, n) => new RegExp(`(^|[^0-9])${n}([^0-9]|$)`).test(text);

async function readRules(page) {
  return page.$$eval('section#result li.rule', (lis) => lis.map((li) => ({
    rule: li.getAttribute('data-rule'),
    status: li.getAttribute('data-status'),
    text: li.textContent.replace(/\s+/g, ' ').trim(),
  })));
}

/** Journey helper handed to every journey function. */
class J {
  constructor({ base, page, lang, width }) {
    this.base = base;
    this.page = page;
    this.lang = lang;
    this.other = lang === 'sv' ? 'en' : 'sv';
    this.width = width;
    this.problems = [];
  }
  r(lang = this.lang) { return ROUTES[lang]; }
  url(p) { return this.base + p; }
  path() { return new URL(this.page.url()).pathname; }
  /** soft assertion: recorded, the journey goes on */
  expect(cond, msg) { if (!cond) this.problems.push(msg); return !!cond; }
  /** hard stop */
  fail(msg) { throw new JourneyAbort(msg); }
  async goto(p, { status = 200 } = {}) {
    const resp = await goto(this.page, this.url(p));
    await this.check({ status });
    return resp;
  }
  async check({ status = 200 } = {}) { await checkPage(this.page, this.width.name, { expectStatus: status }); }
  async htmlLang() { return this.page.evaluate(() => document.documentElement.lang); }
  /** a link by its path; at narrow widths opens a collapsed menu if needed */
  async linkTo(p, scope = 'body') {
    const hrefs = [p, `${p}/`, this.url(p), `${this.url(p)}/`].filter((v, i, a) => a.indexOf(v) === i);
    const loc = this.page.locator(hrefs.map((h) => `${scope} a[href="${h}"]`).join(', ')).first();
    if ((await loc.count()) === 0) return null;
    if (!(await loc.isVisible())) {
      const toggle = this.page.locator('header button[aria-expanded="false"], header details:not([open]) > summary').first();
      if (await toggle.count()) await toggle.click();
    }
    return loc;
  }
  async click(loc) { return navigateBy(this.page, () => loc.click()); }
  async submitByKeyboard() { return navigateBy(this.page, () => this.page.keyboard.press('Enter')); }
  async fill(formSel, values) {
    const probs = await fillByKeyboard(this.page, formSel, values);
    this.problems.push(...probs);
  }
}
class JourneyAbort extends Error {}

async function journeyEligibility(j) {
  const { page } = j;
  const L = j.r();
  const O = j.r(j.other);
  await j.goto(L.home);

  // Home -> eligibility through the navigation.
  const nav = await j.linkTo(L.eligibility, 'nav');
  if (!nav) j.fail(`no link to ${L.eligibility} inside <nav> on ${L.home}`);
  await j.click(nav);
  j.expect(j.path() === L.eligibility, `nav link led to ${j.path()}, expected ${L.eligibility}`);
  await j.check();

  // Language switch in the header.
  const switcher = page.locator(`header a[hreflang]:not([hreflang^="${j.lang}"])`).first();
  if ((await switcher.count()) === 0) j.fail(`no header a[hreflang] to the other language on ${L.eligibility}`);
  if (!(await switcher.isVisible())) {
    const toggle = page.locator('header button[aria-expanded="false"], header details:not([open]) > summary').first();
    if (await toggle.count()) await toggle.click();
  }
  await j.click(switcher);
  j.expect(j.path() === O.eligibility, `language link led to ${j.path()}, expected ${O.eligibility}`);
  const lang2 = await j.htmlLang();
  j.expect(lang2.startsWith(j.other), `<html lang="${lang2}"> after switching, expected ${j.other}`);
  await j.check();

  // Eligibility -> self-check.
  let link = await j.linkTo(O.check, 'main');
  if (!link) link = await j.linkTo(O.check);
  if (j.expect(link, `no link to the self-check ${O.check} on ${O.eligibility}`)) await j.click(link);
  else await goto(page, j.url(O.check));
  j.expect(j.path() === O.check, `self-check link led to ${j.path()}`);
  await j.check();
  const method = await page.locator('form#self-check').evaluate((f) => f.method).catch(() => null);
  if (!method) j.fail(`no form#self-check on ${O.check}`);
  j.expect(method === 'get', `form#self-check method is ${method}, expected get`);

  // Fill by keyboard: 4 licences is one short of the minimum; 16 of 20 cloud seats in use.
  await j.fill('form#self-check', {
    org_type: 'nonprofit_association', org_number: VALID_ORG, licenses: '4', exempt: 'none',
    cloud_seats: '20', cloud_active: '16',
  });
  let resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 200, `self-check answered HTTP ${resp && resp.status()}`);
  j.expect(new URL(page.url()).searchParams.get('licenses') === '4', `result URL ${page.url()} does not carry licenses=4 (GET form)`);
  await j.check();
  let rules = await readRules(page);
  const by = (rs, name) => rs.find((r) => r.rule === name);
  const q = by(rules, 'quantity');
  if (j.expect(q, `no li.rule[data-rule=quantity] in section#result (rules: ${rules.map((r) => r.rule).join(', ') || 'none'})`)) {
    j.expect(q.status === 'not_met', `quantity rule is ${q.status} for 4 licenses, expected not_met: "${clip(q.text)}"`);
    j.expect(mentions(q.text, 5) && mentions(q.text, 1), `quantity explanation should name the minimum 5 and the shortfall 1: "${clip(q.text)}"`);
  }
  const c = by(rules, 'cloud_use');
  if (j.expect(c, 'no li.rule[data-rule=cloud_use] for cloud_seats=20 cloud_active=16')) {
    j.expect(c.status === 'not_met', `cloud_use is ${c.status} for 16 of 20 seats, expected not_met: "${clip(c.text)}"`);
    j.expect(mentions(c.text, 17), `cloud_use explanation should name 17 active seats: "${clip(c.text)}"`);
  }
  for (const name of ['org_type', 'org_number']) {
    const r = by(rules, name);
    if (j.expect(r, `no li.rule[data-rule=${name}]`)) j.expect(r.status === 'met', `${name} is ${r.status}, expected met: "${clip(r.text)}"`);
  }

  // Change to 5 licences (keyboard again; from the result page's form if it has one).
  if ((await page.locator('form#self-check').count()) === 0) {
    await goto(page, j.url(O.check));
    await j.check();
  }
  await j.fill('form#self-check', {
    org_type: 'nonprofit_association', org_number: VALID_ORG, licenses: '5', exempt: 'none',
    cloud_seats: '20', cloud_active: '16',
  });
  resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 200, `self-check (5 licenses) answered HTTP ${resp && resp.status()}`);
  await j.check();
  rules = await readRules(page);
  const q5 = by(rules, 'quantity');
  if (j.expect(q5, 'no quantity rule for 5 licenses')) {
    j.expect(q5.status === 'met', `quantity is ${q5.status} for 5 licenses, expected met: "${clip(q5.text)}"`);
  }
}

async function journeySchool(j) {
  const L = j.r();
  await j.goto(L.check);
  await j.fill('form#self-check', { org_type: 'school', licenses: '10', exempt: 'none' });
  const resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 200, `self-check answered HTTP ${resp && resp.status()}`);
  await j.check();
  const rules = await readRules(j.page);
  const r = rules.find((x) => x.rule === 'org_type');
  if (j.expect(r, `no li.rule[data-rule=org_type] (rules: ${rules.map((x) => x.rule).join(', ') || 'none'})`)) {
    j.expect(r.status === 'not_met', `org_type is ${r.status} for a school, expected not_met: "${clip(r.text)}"`);
    j.expect(r.text.length > 10, `org_type explanation is too short to say why: "${r.text}"`);
  }
}

async function journeyInvalidOrgNumber(j) {
  const { page } = j;
  const L = j.r();
  await j.goto(L.check);
  await j.fill('form#self-check', { org_type: 'nonprofit_association', org_number: INVALID_ORG, licenses: '7', exempt: 'none' });
  const resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 400, `invalid org number ${INVALID_ORG} answered HTTP ${resp && resp.status()}, expected 400`);
  await j.check({ status: 400 });
  const err = page.locator('#org_number-error');
  if (j.expect((await err.count()) === 1, 'no #org_number-error element')) {
    j.expect(await err.isVisible(), '#org_number-error is not visible');
    j.expect(((await err.textContent()) || '').trim().length > 5, '#org_number-error has no message');
  }
  const field = page.locator('form#self-check [name="org_number"]');
  if (j.expect((await field.count()) === 1, 'no org_number field on the error page')) {
    j.expect((await field.getAttribute('aria-invalid')) === 'true', `org_number aria-invalid="${await field.getAttribute('aria-invalid')}", expected "true"`);
    const desc = ((await field.getAttribute('aria-describedby')) || '').split(/\s+/);
    j.expect(desc.includes('org_number-error'), `org_number aria-describedby="${desc.join(' ')}" does not contain org_number-error`);
    j.expect((await field.inputValue()) === INVALID_ORG, `org_number value not kept: "${await field.inputValue()}"`);
  }
  const lic = page.locator('form#self-check [name="licenses"]');
  j.expect((await lic.count()) === 1 && (await lic.inputValue()) === '7', `licenses value not kept (want 7, got "${(await lic.count()) ? await lic.inputValue() : 'no field'}")`);
  const ot = page.locator('form#self-check [name="org_type"]');
  j.expect((await ot.count()) === 1 && (await ot.inputValue()) === 'nonprofit_association', 'org_type value not kept');
}

async function journeyNotFound(j) {
  const { page } = j;
  const L = j.r();
  const resp = await goto(page, j.url(L.missing));
  j.expect(resp && resp.status() === 404, `${L.missing} answered HTTP ${resp && resp.status()}, expected 404`);
  await j.check({ status: 404 });
  const lang = await j.htmlLang();
  j.expect(lang.startsWith(j.lang), `404 page <html lang="${lang}">, expected ${j.lang}`);
  j.expect((await page.locator('h1').count()) >= 1, '404 page has no h1');
  // Localized: differs from the other language's 404 page.
  const otherResp = await page.context().request.get(j.url(j.r(j.other).missing), { failOnStatusCode: false });
  const otherTitle = ((await otherResp.text()).match(/<title[^>]*>([\s\S]*?)<\/title>/i) || [])[1] || '';
  const title = await page.title();
  j.expect(title.trim() !== '' && title.trim() !== otherTitle.trim(), `404 <title> "${title}" is not localized (same as ${j.other}: "${otherTitle}")`);
}

// Add new journeys here: each runs once per language and per width, on a
// fresh page (cookies cleared), and fails on any j.expect / j.fail / exception.
const JOURNEYS = [
  { name: 'eligibility-via-nav-switch-language-self-check', run: journeyEligibility },
  { name: 'self-check-school-not-eligible', run: journeySchool },
  { name: 'self-check-invalid-org-number', run: journeyInvalidOrgNumber },
  { name: 'not-found-page', run: journeyNotFound },
];

async function runJourneys(base, contexts) {
  for (const w of contexts) {
    for (const jr of JOURNEYS) {
      for (const lang of LANGS) {
        await w.context.clearCookies();
        const page = await newPage(w.context);
        const j = new J({ base, page, lang, width: w });
        const label = `${jr.name} (${lang}) @${w.name}`;
        try {
          await jr.run(j);
        } catch (e) {
          const where = page.url() && page.url() !== 'about:blank' ? ` at ${new URL(page.url()).pathname}` : '';
          if (interrupted) return;
          j.problems.push(e instanceof JourneyAbort ? `${e.message}${where}` : `error${where}: ${errorText(e)}`);
        }
        record('journey', label, j.problems);
        await page.close();
      }
    }
  }
}

// ---------------------------------------------------------------- screenshots

async function screenshots(base, contexts) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const w of contexts) {
    await w.context.clearCookies();
    const page = await newPage(w.context);
    for (const lang of LANGS) {
      const R = ROUTES[lang];
      const problems = [];
      const shot = async (name) => {
        const file = path.join(SCREENSHOT_DIR, `${name}-${lang}-${w.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
      };
      const step = async (name, fn) => {
        try { await fn(); await shot(name); } catch (e) { problems.push(`${name}: ${errorText(e)}`); }
      };
      await step('home', () => goto(page, base + R.home));
      await step('eligibility', () => goto(page, base + R.eligibility));
      await step('self-check-result', async () => {
        await goto(page, base + R.check);
        const f = page.locator('form#self-check');
        await f.locator('[name=org_type]').selectOption('nonprofit_association');
        await f.locator('[name=org_number]').fill(VALID_ORG);
        await f.locator('[name=licenses]').fill('4');
        await f.locator('[name=exempt]').selectOption('none');
        await f.locator('[name=cloud_seats]').fill('20');
        await f.locator('[name=cloud_active]').fill('16');
        await navigateBy(page, () => f.locator('button[type=submit], input[type=submit], button:not([type])').first().click());
        if ((await page.locator('section#result').count()) === 0) throw new Error('no section#result after submitting');
      });
      await step('not-found', () => goto(page, base + R.missing));
      record('screenshots', `${lang} @${w.name}`, problems);
    }
    page.st.events.length = 0;
    await page.close();
  }
}

// ---------------------------------------------------------------- vnu

function runVnu() {
  const dir = path.join(tmpDir, 'html');
  fs.mkdirSync(dir, { recursive: true });
  const byFile = new Map();
  let i = 0;
  for (const [url, body] of htmlStore) {
    const file = path.join(dir, `${String(++i).padStart(4, '0')}.html`);
    fs.writeFileSync(file, body);
    byFile.set(file, url);
  }
  if (byFile.size === 0) { record('vnu', '(no documents)', ['no HTML documents were collected']); return; }
  const java = process.env.JAVA || 'java';
  const r = spawnSync(java, ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...byFile.keys()], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) { record('vnu', 'Nu Html Checker', [`could not run ${java}: ${r.error.message}`]); return; }
  let messages;
  try {
    messages = JSON.parse(r.stderr || r.stdout).messages;
  } catch {
    record('vnu', 'Nu Html Checker', [`unparseable output (exit ${r.status}): ${clip(r.stderr + r.stdout, 500)}`]);
    return;
  }
  const perFile = new Map([...byFile.keys()].map((f) => [f, []]));
  for (const m of messages) {
    if (m.type === 'info') continue;
    const file = m.url ? fileURLToPath(m.url) : null;
    const list = perFile.get(file) || perFile.get([...perFile.keys()][0]);
    const at = m.lastLine ? `line ${m.firstLine || m.lastLine}${m.firstColumn ? `:${m.firstColumn}` : ''}` : '';
    list.push(`${at ? at + ': ' : ''}${m.message}${m.extract ? ` [${clip(oneLine(m.extract), 80)}]` : ''}`);
  }
  const origin = new URL(byFile.values().next().value.replace(/^[A-Z]+ /, '')).origin;
  for (const [file, problems] of perFile) {
    record('vnu', byFile.get(file).replace(origin, ''), problems);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const t0 = Date.now();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'donera-browser-'));
  let base;
  try {
    base = await startServer();
  } catch (e) {
    record('server', 'start', [e.message]);
    return;
  }
  log(`server: ${base}`);

  // Playwright gives every launch() a fresh temporary user-data-dir.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  log(`browser: Chromium ${browser.version()}`);
  const contexts = [];
  for (const w of WIDTHS) {
    const context = await browser.newContext({ viewport: w.viewport });
    contexts.push({ ...w, context });
  }
  // Discover with the wide context first (it is the one that follows links).
  const ordered = [contexts[1], contexts[0]];

  const phase = async (name, fn) => {
    if (interrupted) return;
    const t = Date.now();
    try {
      await fn();
    } catch (e) {
      if (interrupted) return;
      record('suite', name, [`aborted: ${errorText(e)}`]);
    }
    log(`-- ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };

  let pages = [];
  await phase('crawl', async () => {
    pages = await crawl(base, ordered);
    log(`   crawled ${pages.length} page(s): ${pages.map((u) => new URL(u).pathname).join(' ')}`);
  });
  await phase('journeys', () => runJourneys(base, contexts));
  await phase('screenshots', () => screenshots(base, contexts));
  if (!interrupted && server && server.exited !== null) record('server', 'still running', [`server exited (${server.exited}) during the run:\n${serverOutput()}`]);
  if (interrupted) return;
  await browser.close();
  browser = null;
  await phase('vnu', async () => runVnu());
  log(`screenshots: ${path.relative(process.cwd(), SCREENSHOT_DIR) || '.'}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

let exitCode = 1;
try {
  await main();
} catch (e) {
  record('suite', 'run', [`crashed: ${errorText(e)}`]);
} finally {
  // After a signal its handler cleans up, prints the totals and exits.
  if (interrupted) await new Promise(() => {});
  await cleanup();
  console.log(`${passed} passed, ${failed} failed`);
  exitCode = failed === 0 && passed > 0 ? 0 : 1;
}
process.exit(exitCode);
