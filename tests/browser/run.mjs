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
//   JOURNEY=text      run only the journeys whose name contains `text`
//   ACCOUNTS=0        skip the accounts journeys (registration, login, staff,
//                     password reset) and the private-page screenshots
//   DONERA_MAIL_DIR   where the server writes its .eml files (default
//                     <temp dir>/data/mail; needed with DONERA_URL)
//   STAFF_EMAIL, STAFF_PASSWORD
//                     an existing staff admin (with DONERA_URL; otherwise the
//                     suite creates one with `donera create-staff`)
//   AGENT_EMAIL, AGENT_PASSWORD
//                     the staff agent who decides validations and orders (the
//                     suite creates one; with DONERA_URL it defaults to the admin)

import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
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
  sv: {
    home: '/sv/', eligibility: '/sv/behorighet', check: '/sv/behorighet/testa', missing: '/sv/finns-inte',
    register: '/sv/registrera', login: '/sv/logga-in', logout: '/sv/logga-ut', forgot: '/sv/glomt-losenord',
    terms: '/sv/villkor', account: '/sv/konto/', settings: '/sv/konto/installningar', colleagues: '/sv/konto/kollegor',
    staff: '/sv/personal/', staffAccounts: '/sv/personal/konton', staffAudit: '/sv/personal/logg',
    // token links in e-mails: prefix + 64 hex
    confirmPrefix: '/sv/bekrafta/', resetPrefix: '/sv/glomt-losenord/', invitationPrefix: '/sv/inbjudan/',
    accountLabel: 'Mitt konto', staffLabel: 'Personalens sidor', logoutLabel: 'Logga ut',
    // certificates, catalogue, orders
    certificate: '/sv/konto/certifikat', products: '/sv/produkter', orders: '/sv/konto/bestallningar',
    orderNew: '/sv/konto/bestallningar/ny', orderConfirm: '/sv/konto/bestallningar/bekrafta',
    staffValidations: '/sv/personal/valideringar', staffOrders: '/sv/personal/bestallningar',
    staffProducts: '/sv/personal/produkter', staffProductNew: '/sv/personal/produkter/ny',
    validationState: { pending: 'Granskas', approved: 'Godkänd' },
    orderState: { submitted: 'Skickad', granted: 'Beviljad', fulfilled: 'Levererad' },
    confirmOrderLabel: 'Bekräfta beställningen', grantLabel: 'Bevilja', exemptHeading: 'Vad undantaget innebär',
    // FAQ, contact form and tickets
    faq: '/sv/fragor', contact: '/sv/kontakt', contactSent: '/sv/kontakt/skickat', visitorTicketPrefix: '/sv/kontakt/arende/',
    tickets: '/sv/konto/arenden', ticketNew: '/sv/konto/arenden/nytt', staffTickets: '/sv/personal/arenden',
    staffOrganisations: '/sv/personal/organisationer',
    loginCode: '/sv/logga-in/kod', twoFactor: '/sv/tvastegsverifiering', privacy: '/sv/integritet',
    yourData: '/sv/konto/dina-uppgifter', dataExport: '/sv/konto/dina-uppgifter/export.zip',
    staffPrivacy: '/sv/personal/integritet', staffPrivacyErase: '/sv/personal/integritet/radera',
    staffSla: '/sv/personal/svarstider',
    accountDelete: '/sv/konto/radera', orgDelete: '/sv/konto/organisation/radera',
    ticketState: { new: 'Nytt', waiting: 'Väntar på svar från dig', open: 'Öppet' },
  },
  en: {
    home: '/en/', eligibility: '/en/eligibility', check: '/en/eligibility/check', missing: '/en/nope',
    register: '/en/register', login: '/en/login', logout: '/en/logout', forgot: '/en/forgot-password',
    terms: '/en/terms', account: '/en/account/', settings: '/en/account/settings', colleagues: '/en/account/colleagues',
    staff: '/en/staff/', staffAccounts: '/en/staff/accounts', staffAudit: '/en/staff/audit',
    confirmPrefix: '/en/confirm/', resetPrefix: '/en/forgot-password/', invitationPrefix: '/en/invitation/',
    accountLabel: 'My account', staffLabel: 'Staff area', logoutLabel: 'Log out',
    certificate: '/en/account/certificate', products: '/en/products', orders: '/en/account/orders',
    orderNew: '/en/account/orders/new', orderConfirm: '/en/account/orders/confirm',
    staffValidations: '/en/staff/validations', staffOrders: '/en/staff/orders',
    staffProducts: '/en/staff/products', staffProductNew: '/en/staff/products/new',
    validationState: { pending: 'Under review', approved: 'Approved' },
    orderState: { submitted: 'Submitted', granted: 'Granted', fulfilled: 'Fulfilled' },
    confirmOrderLabel: 'Confirm', grantLabel: 'Grant', exemptHeading: 'What the exemption means',
    faq: '/en/faq', contact: '/en/contact', contactSent: '/en/contact/sent', visitorTicketPrefix: '/en/contact/ticket/',
    tickets: '/en/account/tickets', ticketNew: '/en/account/tickets/new', staffTickets: '/en/staff/tickets',
    staffOrganisations: '/en/staff/organisations',
    loginCode: '/en/login/code', twoFactor: '/en/two-step-verification', privacy: '/en/privacy',
    yourData: '/en/account/your-data', dataExport: '/en/account/your-data/export.zip',
    staffPrivacy: '/en/staff/privacy', staffPrivacyErase: '/en/staff/privacy/erase',
    staffSla: '/en/staff/response-targets',
    accountDelete: '/en/account/delete', orgDelete: '/en/account/organisation/delete',
    ticketState: { new: 'New', waiting: 'Waiting for your reply', open: 'Open' },
  },
};
// Pages that need a login; each must reach the vnu run (checked after the journeys).
const PRIVATE_PAGES = [
  'account', 'settings', 'colleagues', 'staff', 'staffAccounts', 'staffAudit',
  'certificate', 'orders', 'orderNew', 'staffValidations', 'staffOrders', 'staffProducts',
  'tickets', 'ticketNew', 'staffTickets', 'yourData', 'staffPrivacy', 'staffSla',
];
// The catalogue: a product exempt from the five-licence minimum, and one that counts toward it.
const EXEMPT_SKU = 'windows-server-standard';
const ORDER_SKU = 'office-ltsc-standard'; // "Office LTSC Standard 2024", needs five licences together
const ACCOUNTS = !(process.env.ACCOUNTS === '0' || process.env.ACCOUNTS === 'false');
// Run only the journeys whose name contains this (while working on one; skips the private-pages vnu check).
const ONLY_JOURNEY = process.env.JOURNEY || '';
// The staff admin the suite creates before starting the server (or STAFF_* with DONERA_URL).
const STAFF = {
  email: process.env.STAFF_EMAIL || 'admin@partner.example.org',
  name: 'Stina Admin',
  password: process.env.STAFF_PASSWORD || 'korrekt häst batteri staff',
};
// A staff agent (validations and orders); with DONERA_URL the admin unless AGENT_EMAIL / AGENT_PASSWORD.
const AGENT = process.env.DONERA_URL && !process.env.AGENT_EMAIL
  ? STAFF
  : {
    email: process.env.AGENT_EMAIL || 'agent@partner.example.org',
    name: 'Agnes Agent',
    password: process.env.AGENT_PASSWORD || 'korrekt häst batteri agent',
  };
// A second agent, so that two different people can read and answer one ticket at once.
const AGENT2 = process.env.DONERA_URL
  ? AGENT
  : { email: 'agent2@partner.example.org', name: 'Bertil Agent', password: 'korrekt häst batteri agent två' };
const MEMBER_PASSWORD = 'korrekt häst batteri';
// Staff admins without a second factor yet, one per run of the two-step journey (language ×
// width): each enrols once (the suite creates them with the others).
const TWOFA_ADMINS = [0, 1, 2, 3].map((i) => ({
  email: `twofa-${i}@partner.example.org`,
  name: `Tova Tvåsteg ${i}`,
  password: 'korrekt häst batteri tvåsteg',
}));
let twofaAdminsUsed = 0;
const MAIL_TIMEOUT = 10_000;
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
    DONERA_DATA_DIR: path.join(tmpDir, 'data'), // e-mails land in data/mail/
    DONERA_LISTEN: `127.0.0.1:${port}`,
    DONERA_BASE_URL: base,
    DONERA_SECRET_KEY: randomBytes(32).toString('hex'),
    DONERA_OUTBOX_POLL_MS: '100',
    // Off: the automated browser sends the form within the same second it loaded it (which made
    // the contact journey fail at random), and waiting here would be sleeping for time. The
    // defence itself is tested in the Rust suite with the default of 3 s on an injected clock.
    DONERA_CONTACT_MIN_FILL_SECONDS: '0',
    // Off: every journey registers from 127.0.0.1, more than the default 10 an hour. The limit
    // is tested in the Rust suite.
    DONERA_REGISTER_IP_LIMIT_PER_HOUR: '0',
    RUST_LOG: 'warn',
  };
  if (ACCOUNTS) createStaff(bin, env);
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

/** `donera create-staff` against the fresh database, password on stdin (before the server starts). */
function createStaff(bin, env) {
  for (const [who, role] of [[STAFF, 'admin'], [AGENT, 'agent'], [AGENT2, 'agent'], ...TWOFA_ADMINS.map((a) => [a, 'admin'])]) {
    const r = spawnSync(bin, ['create-staff', '--email', who.email, '--name', who.name, '--role', role], {
      cwd: tmpDir, env, input: `${who.password}\n`, encoding: 'utf8', timeout: 30_000,
    });
    const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
    record('server', `create-staff --role ${role}`, [
      r.error ? `could not run ${bin} create-staff: ${r.error.message}` : null,
      !r.error && r.status !== 0 ? `${bin} create-staff --role ${role} exited ${r.status ?? r.signal}:\n${out.slice(-3000)}` : null,
    ]);
  }
}

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

// Every cookie name a page's responses set, with the first URL that set it: all must be in the
// privacy notice's cookie table (issue 21: only strictly necessary cookies, no consent banner).
const cookiesSeen = new Map();

function instrument(page) {
  const st = { events: [], docs: [], lastDoc: null };
  page.on('response', async (r) => {
    const v = await r.headerValue('set-cookie').catch(() => null);
    for (const line of (v || '').split('\n')) {
      const name = line.split('=')[0].trim();
      if (name && !cookiesSeen.has(name)) cookiesSeen.set(name, r.url());
    }
  });
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
    // Chromium fetches the favicon after the page has loaded; a journey that moves on at once
    // (a keyboard submit) aborts that fetch, which the user never sees.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && /\/static\/favicon\.[0-9a-f]+\.svg$/.test(r.url())) return;
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
            .catch(async (e) => {
              // Chromium drops a document's body when the journey has already moved on; a GET
              // is fetched again in the same context (same cookies) for the checker.
              if (req.method() === 'GET') {
                try {
                  const again = await page.context().request.get(r.url(), { failOnStatusCode: false, maxRedirects: 0 });
                  return { url: r.url(), method: 'GET', ctype: again.headers()['content-type'] || '', body: await again.body() };
                } catch { /* reported below */ }
              }
              return { url: r.url(), method: req.method(), missing: e.message.split('\n')[0] };
            }),
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
async function checkPage(page, widthName, { expectStatus = 200, label, variant = '' } = {}) {
  // `variant` names a state of a page whose URL alone does not tell it (a flash
  // message, a warning for unconfirmed members): it gets its own DOM checks and
  // its own vnu entry.
  const tag = variant ? ` [${variant}]` : '';
  label = label || `${pageLabel(page, widthName)}${tag}`;
  const st = page.st;

  // Served bytes of the document(s) loaded since the last check (the
  // navigation responses themselves, so private pages keep their session).
  const docs = (await Promise.all(st.docs.splice(0))).filter(Boolean);
  for (const d of docs) {
    if (d.missing) {
      record('vnu', `${new URL(d.url).pathname}${tag} @${widthName}`, [`could not read the served HTML of ${d.method} ${d.url}: ${d.missing}`]);
    } else if (/text\/html/i.test(d.ctype)) {
      storeHtml(`${d.method === 'GET' ? '' : `${d.method} `}${d.url}${tag}`, d.body);
    }
  }

  // HTTP status of the main document.
  const got = st.lastDoc ? st.lastDoc.status : null;
  record('status', label, [got !== expectStatus && `expected HTTP ${expectStatus}, got ${got}`]);

  // The DOM checks run once per URL and width (a journey passing through a
  // page the crawl already checked only gets the status/console/request checks).
  const key = `${page.url()}|${widthName}|${expectStatus}|${variant}`;
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
  const describe = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += `#${e.id}`;
    if (e.classList.length) s += '.' + [...e.classList].join('.');
    return s;
  };
  // The ancestor whose overflow clips `el`, if any. An absolutely positioned
  // box is clipped only by ancestors at or above its containing block (its
  // nearest positioned ancestor), so it can escape an `overflow: auto` wrapper.
  const clipper = (el) => {
    let mode = getComputedStyle(el).position;
    let escaped = null;
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const clips = cs.overflowX !== 'visible';
      if (mode === 'fixed') return { clip: null, escaped };
      if (mode === 'absolute') {
        if (clips && !escaped) escaped = a;
        if (cs.position === 'static') continue;
        if (clips) return { clip: a, escaped: null };
        mode = cs.position === 'relative' || cs.position === 'sticky' ? 'static' : cs.position;
        continue;
      }
      if (clips) return { clip: a, escaped: null };
      if (cs.position === 'absolute' || cs.position === 'fixed') mode = cs.position;
    }
    return { clip: null, escaped };
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!(r.right > iw + 0.5 && r.width > 0)) continue;
    const { clip, escaped } = clipper(el);
    if (clip) continue; // scrolls inside its own box, not the page
    // report the outermost offenders only
    if (culprits.some((c) => c.el.contains(el))) continue;
    const cs = getComputedStyle(el);
    let why = '';
    if (escaped) why = `, position: ${cs.position}, escapes the overflow-x: ${getComputedStyle(escaped).overflowX} of ${describe(escaped)} (no positioned ancestor inside it)`;
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30);
    culprits.push({ el, d: `${describe(el)}${text ? ` "${text}"` : ''} (right edge ${Math.round(r.right)}px${why})` });
    if (culprits.length >= 5) break;
  }
  return [`page scrolls horizontally: scrollWidth ${sw} > innerWidth ${iw}; widest: ${culprits.map((c) => c.d).join(', ') || '?'}`];
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
  pages.truncated = seen.size >= MAX_PAGES;

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
      checked: 'checked' in el ? el.checked : null,
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
      } else if (info.type === 'checkbox') {
        // any value but '' / 'off' / 'false' means checked; Space toggles
        const on = !['', 'off', 'false'].includes(want);
        if (info.checked !== on) await kb.press('Space');
        const now = await page.evaluate(() => document.activeElement.checked);
        if (now !== on) problems.push(`Space on checkbox [name=${info.name}] left it ${now ? 'checked' : 'unchecked'}`);
      } else if (info.type === 'radio') {
        // Tab enters a group on its checked (or first) button; arrow keys move and check.
        let cur = info;
        for (let i = 0; i < 12 && cur.value !== want; i++) {
          await kb.press('ArrowDown');
          cur = await activeInfo(page, formSel);
          if (cur.type !== 'radio' || cur.name !== info.name) break;
        }
        if (cur.value === want && !cur.checked) await kb.press('Space');
        const now = await page.evaluate(() => ({ value: document.activeElement.value, checked: document.activeElement.checked }));
        if (now.value !== want || !now.checked) problems.push(`arrow keys in the radio group [name=${info.name}] did not check "${want}" (focus on "${now.value}", checked ${now.checked})`);
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

// ---------------------------------------------------------------- e-mail (the server's data/mail/*.eml)

const mailCache = new Map(); // file -> parsed message (files are written once, by rename)

function mailDir() {
  return process.env.DONERA_MAIL_DIR ? path.resolve(REPO, process.env.DONERA_MAIL_DIR) : path.join(tmpDir, 'data', 'mail');
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Quoted-printable: soft line breaks and =XX escapes; works on a latin1 "byte string". */
function decodeQP(bytes) {
  return bytes.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/** RFC 2047 encoded words (UTF-8 subjects). */
function decodeWords(v) {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, cs, enc, text) => {
    const buf = /b/i.test(enc) ? Buffer.from(text, 'base64') : Buffer.from(decodeQP(text.replace(/_/g, ' ')), 'latin1');
    return buf.toString(/^utf-?8$/i.test(cs) ? 'utf8' : 'latin1');
  });
}

/** A MIME message (as a latin1 string) -> headers and its decoded leaf parts. */
function parseMime(raw) {
  const sep = raw.match(/\r?\n\r?\n/);
  const head = sep ? raw.slice(0, sep.index) : raw;
  const body = sep ? raw.slice(sep.index + sep[0].length) : '';
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const ctype = headers['content-type'] || 'text/plain';
  if (/^multipart\//i.test(ctype)) {
    const b = (ctype.match(/boundary="?([^";]+)"?/i) || [])[1];
    const parts = [];
    if (b) {
      for (const chunk of body.split(`--${b}`).slice(1)) {
        if (chunk.startsWith('--')) break;
        parts.push(...parseMime(chunk.replace(/^\r?\n/, '')).parts);
      }
    }
    return { headers, parts };
  }
  const cte = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  let bytes;
  if (cte === 'quoted-printable') bytes = Buffer.from(decodeQP(body), 'latin1');
  else if (cte === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else bytes = Buffer.from(body, 'latin1');
  return { headers, parts: [{ ctype: ctype.split(';')[0].trim().toLowerCase(), text: bytes.toString('utf8') }] };
}

function readMails() {
  let names;
  try { names = fs.readdirSync(mailDir()); } catch { return []; }
  const out = [];
  for (const n of names.filter((x) => x.endsWith('.eml') && !x.startsWith('.'))) {
    const file = path.join(mailDir(), n);
    if (!mailCache.has(file)) {
      const { headers, parts } = parseMime(fs.readFileSync(file).toString('latin1'));
      mailCache.set(file, {
        file: n, headers, parts,
        to: decodeWords(headers.to || ''),
        subject: decodeWords(headers.subject || ''),
        mtime: fs.statSync(file).mtimeMs,
      });
    }
    out.push(mailCache.get(file));
  }
  return out.sort((a, b) => a.mtime - b.mtime);
}

/**
 * Polls the mail folder (up to MAIL_TIMEOUT) for the newest message to `to`
 * whose body has an absolute link `<base><prefix><64 hex>`. Returns the link
 * (url, path, token), the message, and soft problems with the message.
 */
async function waitForMail(base, to, prefix) {
  const linkRe = new RegExp(`${escapeRe(base)}${escapeRe(prefix)}([0-9a-f]{64})(?![0-9A-Za-z])`);
  const anyRe = new RegExp(`(\\S*)${escapeRe(prefix)}[0-9A-Za-z_-]+`);
  const deadline = Date.now() + MAIL_TIMEOUT;
  const toRe = new RegExp(`(^|[<\\s,])${escapeRe(to)}($|[>\\s,])`, 'i');
  const addressed = (m) => toRe.test(m.to);
  for (;;) {
    const mails = readMails().filter(addressed);
    for (const m of mails.reverse()) {
      const text = m.parts.map((p) => p.text).join('\n');
      const hit = text.match(linkRe);
      if (!hit) continue;
      const problems = [];
      const where = `e-mail to ${to} (${m.file}, "${m.subject}")`;
      if (!m.subject.trim()) problems.push(`${where} has no subject`);
      for (const p of m.parts) {
        if (!linkRe.test(p.text)) problems.push(`${where}: its ${p.ctype} part does not contain the link ${hit[0]}`);
      }
      return { url: hit[0], path: prefix + hit[1], token: hit[1], mail: m, problems };
    }
    if (Date.now() > deadline) {
      const all = readMails();
      const seen = mails.map((m) => {
        const text = m.parts.map((p) => p.text).join('\n');
        const near = text.match(anyRe);
        return `${m.file} "${m.subject}"${near ? ` with a non-matching link ${near[0]}` : ' without such a link'}`;
      });
      const hint = process.env.DONERA_URL && !process.env.DONERA_MAIL_DIR ? '; with DONERA_URL set DONERA_MAIL_DIR to the server\'s data/mail' : '';
      throw new JourneyAbort(`no e-mail to ${to} with a link ${base}${prefix}<64 hex> within ${MAIL_TIMEOUT / 1000} s `
        + `(${all.length} .eml file(s) in ${mailDir()}${seen.length ? `; to that address: ${seen.join('; ')}` : ''}${hint})`);
    }
    await sleep(100);
  }
}

// ---------------------------------------------------------------- accounts: test identities, HTTP set-up

// Distinct e-mails and organisation numbers per run (and per registration),
// in case one database outlives a run (DONERA_URL).
const RUN_ID = randomBytes(3).toString('hex');
const ORG_SEED = randomBytes(3).readUIntBE(0, 3) % 1_000_000;
let identitySeq = 0;

function newMember(kind) {
  const n = ++identitySeq;
  // group 8 (nonprofits), third digit 2..9, then six digits; Luhn check digit
  const body = `80${2 + (n % 8)}${String((ORG_SEED + n) % 1_000_000).padStart(6, '0')}`;
  return {
    orgName: `Föreningen Testhjälp ${RUN_ID}-${n}`,
    orgNumber: `${body.slice(0, 6)}-${body.slice(6)}${luhnDigit(body)}`,
    name: `Åsa Öberg ${n}`,
    email: `${kind}-${RUN_ID}-${n}@example.org`,
    password: MEMBER_PASSWORD,
  };
}

const csrfOf = (html) => (html.match(/name="csrf"\s+value="([^"]*)"/) || [])[1] || '';

/** Registers `m` through HTTP (set-up for journeys that test something else). */
async function httpRegister(request, base, lang, m) {
  const R = ROUTES[lang];
  const page = await request.get(base + R.register, { timeout: NAV_TIMEOUT });
  const resp = await request.post(base + R.register, {
    form: {
      csrf: csrfOf(await page.text()), org_name: m.orgName, org_number: m.orgNumber, org_type: 'nonprofit_association',
      name: m.name, email: m.email, password: m.password, password_confirm: m.password, accept_terms: 'yes',
    },
    maxRedirects: 0, failOnStatusCode: false, timeout: NAV_TIMEOUT,
  });
  if (resp.status() !== 303) throw new JourneyAbort(`set-up: registering ${m.email} over HTTP answered ${resp.status()}, expected 303`);
}

/** Logs in through HTTP; the cookie lands in the request's browser context. */
async function httpLogin(request, base, lang, email, password) {
  const R = ROUTES[lang];
  const page = await request.get(base + R.login, { timeout: NAV_TIMEOUT });
  const resp = await request.post(base + R.login, {
    form: { csrf: csrfOf(await page.text()), next: '', email, password },
    maxRedirects: 0, failOnStatusCode: false, timeout: NAV_TIMEOUT,
  });
  if (resp.status() !== 303) throw new JourneyAbort(`set-up: logging in ${email} over HTTP answered ${resp.status()}, expected 303`);
  const to = resp.headers().location;
  const secret = totpSecrets.get(email);
  if (to !== R.loginCode || !secret) return to;
  // Two-step sign-in: the code of the authenticator the suite holds for this person.
  const form = await request.get(base + R.loginCode, { timeout: NAV_TIMEOUT });
  const second = await request.post(base + R.loginCode, {
    form: { csrf: csrfOf(await form.text()), code: await totpCode(secret) },
    maxRedirects: 0, failOnStatusCode: false, timeout: NAV_TIMEOUT,
  });
  if (second.status() !== 303) throw new JourneyAbort(`set-up: the second step for ${email} over HTTP answered ${second.status()}, expected 303`);
  return second.headers().location;
}

// ---- two-step sign-in (TOTP, RFC 6238): the suite plays the authenticator app

/** Secrets of the people the suite enrolled, by e-mail address. */
const totpSecrets = new Map();
/** The last step each secret's code was used for: the portal accepts a step once. */
const totpLastStep = new Map();

function base32Decode(text) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) {
    const i = A.indexOf(ch);
    if (i < 0) throw new Error(`not base 32: ${text}`);
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function totpAt(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', secret).update(msg).digest();
  const o = h[h.length - 1] & 15;
  const n = (((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** A code the portal has not seen yet: this step's, else the next one's (the portal allows one
 *  step of drift); only a third login within one 30 s step waits for the clock. */
async function totpCode(secret) {
  const key = secret.toString('hex');
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(now, (totpLastStep.get(key) ?? -1) + 1);
    if (step <= now + 1) {
      totpLastStep.set(key, step);
      return totpAt(secret, step);
    }
    await sleep(1000);
  }
}

/** Enrols `who` (signed in on `request`) over HTTP, as the journeys' staff admin needs. */
async function httpEnrol(request, base, lang, who) {
  const R = ROUTES[lang];
  await httpLogin(request, base, lang, who.email, who.password);
  let page = await request.get(base + R.twoFactor, { timeout: NAV_TIMEOUT });
  let resp = await request.post(base + R.twoFactor, {
    form: { csrf: csrfOf(await page.text()), action: 'start' },
    maxRedirects: 0, failOnStatusCode: false, timeout: NAV_TIMEOUT,
  });
  if (resp.status() !== 303) throw new Error(`starting two-step enrolment for ${who.email} answered ${resp.status()}`);
  page = await request.get(base + R.twoFactor, { timeout: NAV_TIMEOUT });
  const html = await page.text();
  const key = (html.match(/id="twofa-key">([^<]*)</) || [])[1];
  if (!key) throw new Error(`no #twofa-key on ${R.twoFactor} for ${who.email}`);
  const secret = base32Decode(key);
  resp = await request.post(base + R.twoFactor, {
    form: { csrf: csrfOf(html), action: 'confirm', code: await totpCode(secret) },
    maxRedirects: 0, failOnStatusCode: false, timeout: NAV_TIMEOUT,
  });
  if (resp.status() !== 200) throw new Error(`confirming two-step enrolment for ${who.email} answered ${resp.status()}`);
  totpSecrets.set(who.email, secret);
}

// Members the register journey created and confirmed, per language (for the screenshots).
const confirmedMembers = new Map();

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
    this.contexts = []; // companions' browser contexts, closed after the journey
    this.active = null; // the companion acting now (for the "at <path>" of a failure)
  }
  /** a second person in the same journey: a fresh context at the same width and language, same problem list */
  async companion(who) {
    const context = await browser.newContext({ viewport: this.width.viewport });
    this.contexts.push(context);
    const c = new J({ base: this.base, page: await newPage(context), lang: this.lang, width: this.width });
    c.problems = this.problems;
    c.who = who;
    return c;
  }
  /** runs `fn` as the companion `c`; a failure inside says where that person was */
  async as(c, fn) {
    this.active = c;
    const r = await fn();
    this.active = null;
    return r;
  }
  where() {
    const who = this.active;
    const u = (who || this).page.url();
    if (!u || u === 'about:blank') return '';
    return ` at ${who ? `${who.who} ` : ''}${new URL(u).pathname}`;
  }
  /** full-page screenshot `<name>-<lang>-<width>.png` of the page as it is now */
  async shot(name) {
    try {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${this.lang}-${this.width.name}.png`), fullPage: true });
    } catch (e) { this.expect(false, `screenshot ${name}: ${errorText(e)}`); }
  }
  /** focuses a button and presses Enter (the navigation it triggers) */
  async pressButton(loc) {
    await loc.focus();
    return navigateBy(this.page, () => this.page.keyboard.press('Enter'));
  }
  r(lang = this.lang) { return ROUTES[lang]; }
  url(p) { return this.base + p; }
  path() { return new URL(this.page.url()).pathname; }
  /** soft assertion: recorded, the journey goes on */
  expect(cond, msg) { if (!cond) this.problems.push(msg); return !!cond; }
  /** hard stop */
  fail(msg) { throw new JourneyAbort(msg); }
  get context() { return this.page.context(); }
  async goto(p, { status = 200, variant = '' } = {}) {
    const resp = await goto(this.page, this.url(p));
    await this.check({ status, variant });
    return resp;
  }
  async check({ status = 200, variant = '' } = {}) {
    await checkPage(this.page, this.width.name, { expectStatus: status, variant });
  }
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

  // ---- accounts helpers

  /** hard stop unless exactly one element matches */
  async need(sel, what = sel) {
    const n = await this.page.locator(sel).count();
    if (n !== 1) this.fail(`${n === 0 ? 'no' : `${n} elements for`} ${what} on ${this.path()}`);
    return this.page.locator(sel);
  }
  /** soft check of where a navigation ended, and of the redirect that led there */
  async expectAt(p, what, { resp, redirect } = {}) {
    const ok = this.expect(this.path() === p, `${what} led to ${this.path()}, expected ${p}`);
    if (redirect) {
      const s = await redirectStatus(resp);
      this.expect(s === redirect, `${what}: expected an HTTP ${redirect} redirect, got ${s ?? 'none'} (final HTTP ${resp ? resp.status() : '?'})`);
    }
    return ok;
  }
  async expectFlash(what) {
    const f = this.page.locator('main .flash');
    if (!this.expect((await f.count()) === 1, `${what}: no .flash message on ${this.path()}`)) return '';
    const text = oneLine((await f.textContent()) || '');
    this.expect(await f.isVisible(), `${what}: .flash is not visible`);
    this.expect(text.length > 5, `${what}: .flash is empty ("${text}")`);
    return text;
  }
  /** the error beside a field: visible, non-empty, linked with aria-describedby, aria-invalid set */
  async expectFieldError(formSel, name) {
    const { page } = this;
    const err = page.locator(`#${name}-error`);
    if (this.expect((await err.count()) === 1, `no #${name}-error element on ${this.path()}`)) {
      this.expect(await err.isVisible(), `#${name}-error is not visible`);
      this.expect(oneLine((await err.textContent()) || '').length > 5, `#${name}-error has no message`);
    }
    const field = page.locator(`${formSel} [name="${name}"]`);
    if (this.expect((await field.count()) === 1, `no [name=${name}] field in ${formSel}`)) {
      const inv = await field.getAttribute('aria-invalid');
      this.expect(inv === 'true', `[name=${name}] aria-invalid="${inv}", expected "true"`);
      const desc = ((await field.getAttribute('aria-describedby')) || '').split(/\s+/);
      this.expect(desc.includes(`${name}-error`), `[name=${name}] aria-describedby="${desc.join(' ')}" does not contain ${name}-error`);
    }
  }
  /** header of a signed-in person: a link to their area with `label`, and the logout button */
  async expectSignedIn(area, label) {
    const { page } = this;
    const link = page.locator(`header a.account-link[href="${area}"]`);
    if (this.expect((await link.count()) === 1, `header has no a.account-link to ${area} on ${this.path()}`)) {
      const t = oneLine((await link.textContent()) || '');
      this.expect(t.includes(label), `header account link reads "${t}", expected it to contain "${label}"`);
    }
    const btn = page.locator('header form.logout button');
    if (this.expect((await btn.count()) === 1, `header has no form.logout button on ${this.path()}`)) {
      this.expect(await btn.isVisible(), 'header logout button is not visible');
      const t = oneLine((await btn.textContent()) || '');
      this.expect(t.includes(this.r().logoutLabel), `logout button reads "${t}", expected "${this.r().logoutLabel}"`);
      const action = await page.locator('header form.logout').getAttribute('action');
      this.expect(action === this.r().logout, `form.logout action="${action}", expected ${this.r().logout}`);
    }
  }
  /** the header logout button (by keyboard), then the signed-out home page */
  async logout() {
    const { page } = this;
    const btn = await this.need('header form.logout button', 'header logout button');
    await btn.focus();
    const resp = await navigateBy(page, () => page.keyboard.press('Enter'));
    await this.expectAt(this.r().home, 'logging out', { resp, redirect: 303 });
    await this.check();
    this.expect((await page.locator('header form.logout').count()) === 0, 'header still shows the logout button after logging out');
  }
  /** after logging out, a private page must send to the login page */
  async expectLoginRequired(p) {
    const resp = await goto(this.page, this.url(p));
    const s = await redirectStatus(resp);
    this.expect(s >= 300 && s < 400, `${p} after logging out: expected a redirect, got ${s ?? `HTTP ${resp && resp.status()}`}`);
    await this.expectAt(this.r().login, `${p} after logging out`);
    await this.check();
    this.expect((await this.page.locator('header form.logout').count()) === 0, `the login page reached from ${p} shows a logout button`);
  }
  /** waits for the server's e-mail to `to` with a link starting `prefix`; checks the message */
  async mail(to, prefix) {
    const m = await waitForMail(this.base, to, prefix);
    for (const p of m.problems) this.expect(false, p);
    return m;
  }
  /** text of the cells of the first table in main, row by row */
  async tableRows() {
    return this.page.$$eval('main table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent.replace(/\s+/g, ' ').trim())));
  }
}
class JourneyAbort extends Error {}

/** Status of the redirect that led straight to `resp` (the request it redirected answered it), or null. */
async function redirectStatus(resp) {
  const from = resp && resp.request().redirectedFrom();
  if (!from) return null;
  const r = await from.response().catch(() => null);
  return r ? r.status() : null;
}

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

// ---- accounts journeys

async function journeyMember(j) {
  const { page } = j;
  const L = j.r();
  const m = newMember('member');
  const regForm = `main form[action="${L.register}"]`;
  const loginForm = `main form[action="${L.login}"]`;

  // Register from the header link; the first attempt has a mismatched confirmation.
  await j.goto(L.home);
  const reg = await j.linkTo(L.register, 'header');
  if (!reg) j.fail(`no header link to ${L.register} on ${L.home}`);
  await j.click(reg);
  await j.expectAt(L.register, 'header register link');
  await j.check();
  await j.need(regForm);
  const kept = { org_name: m.orgName, org_number: m.orgNumber, org_type: 'nonprofit_association', name: m.name, email: m.email };
  await j.fill(regForm, { ...kept, password: m.password, password_confirm: `${m.password}!`, accept_terms: 'yes' });
  let resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 400, `registration with a mismatched confirmation answered HTTP ${resp && resp.status()}, expected 400`);
  await j.check({ status: 400 });
  await j.expectFieldError(regForm, 'password_confirm');
  const summary = page.locator('main .error-summary');
  if (j.expect((await summary.count()) === 1, 'no .error-summary on the 400 page')) {
    j.expect((await summary.locator('a[href="#password_confirm"]').count()) === 1, '.error-summary has no link to #password_confirm');
  }
  const others = (await page.$$eval('main .field-error[id]', (els) => els.map((e) => e.id))).filter((id) => id !== 'password_confirm-error');
  j.expect(others.length === 0, `errors beside other fields too: ${others.join(', ')}`);
  for (const [name, want] of Object.entries(kept)) {
    const v = await page.locator(`${regForm} [name="${name}"]`).inputValue().catch(() => null);
    j.expect(v === want, `[name=${name}] not kept after the 400: "${v}", expected "${want}"`);
  }
  j.expect(await page.locator(`${regForm} [name="accept_terms"]`).isChecked().catch(() => false), 'accept_terms not kept checked after the 400');
  for (const name of ['password', 'password_confirm']) {
    const v = await page.locator(`${regForm} [name="${name}"]`).inputValue().catch(() => null);
    j.expect(v === '', `[name=${name}] is sent back filled in ("${v ? '*'.repeat(v.length) : v}"): passwords must not be echoed`);
  }

  // Fix it and register.
  await j.fill(regForm, { password: m.password, password_confirm: m.password, accept_terms: 'yes' });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.login, 'registering', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after registering');

  // Confirm the address from the e-mail.
  const conf = await j.mail(m.email, L.confirmPrefix);
  await j.goto(conf.path);
  const confirmBtn = await j.need(`main form[action="${conf.path}"] button[type=submit]`, 'the confirm button');
  j.expect(((await page.locator('main').textContent()) || '').includes(m.email), `the confirm page does not name ${m.email}`);
  resp = await j.click(confirmBtn);
  await j.expectAt(L.login, 'confirming (signed out)', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after confirming');

  // Log in: the dashboard, without the "unconfirmed" warning.
  await j.need(loginForm);
  await j.fill(loginForm, { email: m.email, password: m.password });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.account, 'logging in', { resp, redirect: 303 });
  await j.check();
  j.expect((await page.locator('.notice.warning').count()) === 0, 'the dashboard still shows the unconfirmed warning (.notice.warning) after confirming');
  await j.expectSignedIn(L.account, L.accountLabel);
  const lead = oneLine((await page.locator('main').textContent()) || '');
  j.expect(lead.includes(m.orgName) && lead.includes(m.orgNumber), `the dashboard does not show the organisation "${m.orgName}" ${m.orgNumber}`);
  confirmedMembers.set(j.lang, m);

  // Settings, then back to the dashboard through the header, then colleagues.
  let link = await j.linkTo(L.settings, 'main');
  if (!link) j.fail(`no link to ${L.settings} in main on ${L.account}`);
  await j.click(link);
  await j.expectAt(L.settings, 'settings link');
  await j.check();
  const nameField = page.locator(`main form [name="name"]`).first();
  j.expect((await nameField.count()) === 1 && (await nameField.inputValue()) === m.name, `settings: name field does not hold "${m.name}"`);
  j.expect(((await page.locator('main').textContent()) || '').includes(m.email), `settings do not show ${m.email}`);
  link = await j.linkTo(L.account, 'header');
  if (!link) j.fail(`no header link to ${L.account} on ${L.settings}`);
  await j.click(link);
  await j.expectAt(L.account, 'header account link');
  await j.check();
  link = await j.linkTo(L.colleagues, 'main');
  if (!link) j.fail(`no link to ${L.colleagues} in main on ${L.account}`);
  await j.click(link);
  await j.expectAt(L.colleagues, 'colleagues link');
  await j.check();
  let rows = await j.tableRows();
  j.expect(rows.some((r) => r.includes(m.email)), `colleagues table does not list ${m.email} (rows: ${JSON.stringify(rows)})`);

  // Your data, from the dashboard: the page, and the export it offers is a ZIP download.
  await j.goto(L.account, { variant: 'back for your data' });
  link = await j.linkTo(L.yourData, 'main');
  if (!link) j.fail(`no link to ${L.yourData} in main on ${L.account}`);
  await j.click(link);
  await j.expectAt(L.yourData, 'your data link');
  await j.check();
  j.expect((await page.locator(`main a[href="${L.dataExport}"]`).count()) === 1, `no download link to ${L.dataExport} on ${L.yourData}`);
  const zip = await page.request.get(j.url(L.dataExport));
  const zipBytes = await zip.body();
  j.expect(zip.status() === 200 && /attachment; filename="donera-export-/.test(zip.headers()['content-disposition'] || '')
    && zipBytes.subarray(0, 2).toString() === 'PK', `the export is not a ZIP download (${zip.status()}, ${zip.headers()['content-disposition']})`);
  // The two deletion pages it links, as far as their confirmation (nothing is deleted here).
  for (const p of [L.accountDelete, L.orgDelete]) {
    j.expect((await page.locator(`main a[href="${p}"]`).count()) === 1, `no link to ${p} on ${L.yourData}`);
  }
  await j.goto(L.accountDelete, { variant: 'confirmation' });
  await j.goto(L.orgDelete, { variant: 'confirmation' });
  await j.goto(L.colleagues, { variant: 'after your data' });

  // Invite a colleague.
  const col = { name: `Bo Kollega ${identitySeq}`, email: `colleague-${RUN_ID}-${++identitySeq}@example.org` };
  const invForm = `main form[action="${L.colleagues}"]`;
  await j.need(invForm, 'the invitation form');
  await j.fill(invForm, { name: col.name, email: col.email });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.colleagues, 'inviting a colleague', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after inviting');
  rows = await j.tableRows();
  j.expect(rows.some((r) => r.includes(col.email)), `colleagues table does not list the invited ${col.email} (rows: ${JSON.stringify(rows)})`);
  const inv = await j.mail(col.email, L.invitationPrefix);

  // Log out; the dashboard now asks for a login.
  await j.logout();
  await j.expectLoginRequired(L.account);

  // The colleague accepts the invitation (same browser, signed out).
  await j.goto(inv.path);
  const setForm = `main form[action="${inv.path}"]`;
  await j.need(setForm, 'the set-password form');
  await j.fill(setForm, { password: MEMBER_PASSWORD, password_confirm: MEMBER_PASSWORD });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.account, 'accepting the invitation', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after accepting the invitation');
  j.expect((await page.locator('.notice.warning').count()) === 0, 'an invited colleague (address proven by the link) sees the unconfirmed warning');
  await j.expectSignedIn(L.account, L.accountLabel);
  await j.goto(L.colleagues, { variant: 'not org admin' });
  j.expect((await page.locator(invForm).count()) === 0, 'a colleague who is not the organisation admin gets the invitation form');
  await j.logout();
}

async function journeyStaff(j) {
  const { page } = j;
  const L = j.r();
  const loginForm = `main form[action="${L.login}"]`;
  await j.goto(L.login);
  await j.need(loginForm);
  await j.fill(loginForm, { email: STAFF.email, password: STAFF.password });
  let resp = await j.submitByKeyboard();
  resp = await secondStepByKeyboard(j, STAFF, resp);
  await j.expectAt(L.staff, 'staff login', { resp, redirect: 303 });
  if (j.path() !== L.staff) j.fail(`staff login did not reach ${L.staff}`);
  await j.check();
  await j.expectSignedIn(L.staff, L.staffLabel);

  // Accounts.
  let link = await j.linkTo(L.staffAccounts, 'main');
  if (!link) j.fail(`no link to ${L.staffAccounts} in main on ${L.staff}`);
  await j.click(link);
  await j.expectAt(L.staffAccounts, 'staff accounts link');
  await j.check();
  const rows = await j.tableRows();
  j.expect(rows.some((r) => r.includes(STAFF.email)), `staff accounts table does not list ${STAFF.email}`);
  const roles = await page.$$eval('main form select[name="role"] option', (os) => os.map((o) => o.value)).catch(() => []);
  j.expect(roles.includes('agent') && roles.includes('admin'), `staff invite form: role options ${JSON.stringify(roles)}, expected agent and admin`);

  // Audit log, through the staff home.
  link = await j.linkTo(L.staff, 'header');
  if (!link) j.fail(`no header link to ${L.staff} on ${L.staffAccounts}`);
  await j.click(link);
  await j.check();
  // The privacy page (export or erase one address's data), through the staff home.
  link = await j.linkTo(L.staffPrivacy, 'main');
  if (!link) j.fail(`no link to ${L.staffPrivacy} in main on ${L.staff}`);
  await j.click(link);
  await j.expectAt(L.staffPrivacy, 'staff privacy link');
  await j.check();
  link = await j.linkTo(L.staffPrivacyErase, 'main');
  if (!link) j.fail(`no link to ${L.staffPrivacyErase} in main on ${L.staffPrivacy}`);
  await j.click(link);
  await j.expectAt(L.staffPrivacyErase, 'staff erase link');
  await j.check();
  // Response targets and business hours (issue 22), through the staff home.
  await j.goto(L.staff, { variant: 'after privacy' });
  link = await j.linkTo(L.staffSla, 'main');
  if (!link) j.fail(`no link to ${L.staffSla} in main on ${L.staff}`);
  await j.click(link);
  await j.expectAt(L.staffSla, 'response targets link');
  await j.check();
  const hours = await page.locator('main form input[type="time"]').count();
  j.expect(hours >= 10, `the response-target page shows ${hours} time fields, expected opening and closing times for each weekday`);
  await j.goto(L.staff, { variant: 'after response targets' });
  link = await j.linkTo(L.staffAudit, 'main');
  if (!link) j.fail(`no link to ${L.staffAudit} in main on ${L.staff}`);
  await j.click(link);
  await j.expectAt(L.staffAudit, 'audit log link');
  await j.check();
  let audit = await j.tableRows();
  j.expect(audit.some((r) => r.includes('staff.login')), `audit log lists no staff.login (${audit.length} rows, actions: ${[...new Set(audit.map((r) => r[2]))].join(', ')})`);

  // Filter by action (GET form, keyboard).
  const filters = `main form[action="${L.staffAudit}"]`;
  await j.need(filters, 'the audit filter form');
  await j.fill(filters, { action: 'staff.login' });
  resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 200, `audit filter answered HTTP ${resp && resp.status()}`);
  j.expect(new URL(page.url()).searchParams.get('action') === 'staff.login', `filtered URL ${page.url()} does not carry action=staff.login`);
  await j.check();
  audit = await j.tableRows();
  j.expect(audit.length > 0 && audit.every((r) => r.includes('staff.login')), `filter action=staff.login shows other rows or none: ${JSON.stringify(audit.map((r) => r[2]))}`);

  // The product catalogue (admins): the list, the new-product form, a product saved unchanged.
  link = await j.linkTo(L.staff, 'header');
  if (!link) j.fail(`no header link to ${L.staff} on ${j.path()}`);
  await j.click(link);
  await j.check();
  link = await j.linkTo(L.staffProducts, 'main');
  if (!link) j.fail(`no link to ${L.staffProducts} in main on ${L.staff}`);
  await j.click(link);
  await j.expectAt(L.staffProducts, 'products link');
  await j.check();
  const products = await j.tableRows();
  j.expect([EXEMPT_SKU, ORDER_SKU].every((sku) => products.some((r) => r[1] === sku)), `staff products table lacks ${EXEMPT_SKU} or ${ORDER_SKU} (SKUs: ${products.map((r) => r[1]).join(', ')})`);
  link = await j.linkTo(L.staffProductNew, 'main');
  if (!link) j.fail(`no link to ${L.staffProductNew} in main on ${L.staffProducts}`);
  await j.click(link);
  await j.expectAt(L.staffProductNew, 'new product link');
  await j.check();
  j.expect((await page.locator(`main form[action="${L.staffProductNew}"] [name="sku"]`).count()) === 1, `${L.staffProductNew} has no form with a sku field`);
  link = await j.linkTo(L.staffProducts, 'main');
  if (!link) j.fail(`no link back to ${L.staffProducts} in main on ${L.staffProductNew}`);
  await j.click(link);
  await j.check();
  const sku = 'project-professional';
  const before = products.find((r) => r[1] === sku);
  const edit = page.locator('main table tbody tr').filter({ hasText: sku }).locator(`a[href^="${L.staffProducts}/"]`);
  if ((await edit.count()) !== 1) j.fail(`no edit link in the ${sku} row of ${L.staffProducts}`);
  const editPath = await edit.getAttribute('href');
  await j.click(edit);
  await j.expectAt(editPath, 'product edit link');
  await j.check();
  const editForm = `main form[action="${editPath}"]`;
  await j.need(editForm, 'the product form');
  const skuValue = await page.locator(`${editForm} [name="sku"]`).inputValue().catch(() => null);
  j.expect(skuValue === sku, `the edit form of ${sku} holds sku "${skuValue}"`);
  await j.fill(editForm, {});
  resp = await j.submitByKeyboard();
  await j.expectAt(L.staffProducts, `saving ${sku} unchanged`, { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash(`after saving ${sku}`);
  const after = (await j.tableRows()).find((r) => r[1] === sku);
  j.expect(JSON.stringify(after) === JSON.stringify(before), `saving ${sku} unchanged changed its row: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);

  await j.logout();
  await j.expectLoginRequired(L.staffAudit);
}

async function journeyForgotPassword(j) {
  const { page } = j;
  const L = j.r();
  const m = newMember('reset');
  const loginForm = `main form[action="${L.login}"]`;
  await httpRegister(j.context.request, j.base, j.lang, m);

  // Before any of this, signed in unconfirmed: the dashboard warns.
  await httpLogin(j.context.request, j.base, j.lang, m.email, m.password);
  await j.goto(L.account, { variant: 'unconfirmed' });
  const warn = page.locator('main .notice.warning');
  j.expect((await warn.count()) === 1 && (await warn.isVisible()), 'an unconfirmed member sees no .notice.warning on the dashboard');
  await j.logout();

  // Forgotten password, from the login page.
  await j.goto(L.login);
  const link = await j.linkTo(L.forgot, 'main');
  if (!link) j.fail(`no link to ${L.forgot} in main on ${L.login}`);
  await j.click(link);
  await j.expectAt(L.forgot, 'forgot-password link');
  await j.check();
  const forgotForm = `main form[action="${L.forgot}"]`;
  await j.need(forgotForm);
  await j.fill(forgotForm, { email: m.email });
  let resp = await j.submitByKeyboard();
  await j.expectAt(L.forgot, 'asking for a reset link', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after asking for a reset link');

  // The link from the e-mail: a new password.
  const reset = await j.mail(m.email, L.resetPrefix);
  await j.goto(reset.path);
  const setForm = `main form[action="${reset.path}"]`;
  await j.need(setForm, 'the new-password form');
  const fresh = `${m.password} ny`;
  await j.fill(setForm, { password: fresh, password_confirm: fresh });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.login, 'setting the new password', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after setting a new password');

  // The old password no longer works; the new one does.
  await j.need(loginForm);
  await j.fill(loginForm, { email: m.email, password: m.password });
  resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 400, `login with the old password answered HTTP ${resp && resp.status()}, expected 400`);
  await j.check({ status: 400 });
  await j.expectFieldError(loginForm, 'email');
  j.expect((await page.locator(`${loginForm} [name="email"]`).inputValue()) === m.email, 'email not kept after the failed login');
  await j.fill(loginForm, { password: fresh });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.account, 'logging in with the new password', { resp, redirect: 303 });
  await j.check();
  await j.expectSignedIn(L.account, L.accountLabel);
  j.expect((await page.locator('.notice.warning').count()) === 0, 'after a reset from the e-mailed link the dashboard still shows the unconfirmed warning');
}

/** After a correct password: the code page (when the suite holds `who`'s authenticator), the
 *  code typed by keyboard. Returns the response of the last navigation. */
async function secondStepByKeyboard(j, who, resp) {
  const L = j.r();
  const secret = totpSecrets.get(who.email);
  if (!secret || j.path() !== L.loginCode) return resp;
  await j.check();
  const form = `main form[action="${L.loginCode}"]`;
  await j.need(form, 'the code form');
  await j.fill(form, { code: await totpCode(secret) });
  return j.submitByKeyboard();
}

/** A staff admin sets up two-step sign-in when first sent to it, signs out, signs in with the
 *  password and a code, then with a recovery code, whose second use is refused. */
async function journeyTwoStep(j) {
  const { page } = j;
  const L = j.r();
  const who = TWOFA_ADMINS[twofaAdminsUsed++ % TWOFA_ADMINS.length];
  const loginForm = `main form[action="${L.login}"]`;
  const codeForm = `main form[action="${L.loginCode}"]`;
  const passwordStep = async () => {
    await j.goto(L.login);
    await j.need(loginForm);
    await j.fill(loginForm, { email: who.email, password: who.password });
    const resp = await j.submitByKeyboard();
    await j.expectAt(L.loginCode, `the password of ${who.email}`, { resp, redirect: 303 });
    await j.check();
    await j.need(codeForm, 'the code form');
  };

  // First login: the staff area sends to the set-up page.
  await j.goto(L.login);
  await j.need(loginForm);
  await j.fill(loginForm, { email: who.email, password: who.password });
  let resp = await j.submitByKeyboard();
  await j.expectAt(L.twoFactor, 'a staff admin without a second factor', { resp, redirect: 303 });
  await j.check({ variant: 'required' });
  const start = `main form[action="${L.twoFactor}"] button`;
  await j.need(start, 'the set-up button');
  resp = await j.pressButton(page.locator(start));
  await j.expectAt(L.twoFactor, 'starting the set-up', { resp, redirect: 303 });
  await j.check({ variant: 'pending' });
  const qr = page.locator('main img[src$="qr.svg"]');
  j.expect((await qr.count()) === 1 && (await qr.evaluate((i) => i.complete && i.naturalWidth > 0)), 'the QR code image did not load');
  const key = oneLine((await page.locator('#twofa-key').textContent()) || '');
  const secret = base32Decode(key);
  j.expect(secret.length === 20, `the key "${key}" is not 160 bits`);
  const confirm = `main form[action="${L.twoFactor}"]`;
  await j.fill(confirm, { code: await totpCode(secret) });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.twoFactor, 'confirming with a code');
  j.expect(resp && resp.status() === 200, `confirming answered HTTP ${resp && resp.status()}, expected 200`);
  await j.check({ variant: 'recovery codes' });
  await j.shot('staff-two-step-codes');
  const codes = (await page.locator('main .recovery-codes code').allTextContents()).map(oneLine);
  j.expect(codes.length === 10 && new Set(codes).size === 10, `expected ten different recovery codes, got ${JSON.stringify(codes)}`);
  const done = await j.linkTo(L.staff, 'main');
  if (!done) j.fail(`no link to ${L.staff} in main after the recovery codes`);
  await j.click(done);
  await j.expectAt(L.staff, 'after saving the codes');
  await j.check();
  await j.logout();

  // Password, then the app's code.
  await passwordStep();
  await j.fill(codeForm, { code: await totpCode(secret) });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.staff, 'the password and a code', { resp, redirect: 303 });
  await j.check();
  await j.expectSignedIn(L.staff, L.staffLabel);
  await j.logout();

  // Password, then a recovery code: once.
  await passwordStep();
  await j.fill(codeForm, { code: codes[0] });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.staff, 'a recovery code', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after signing in with a recovery code');
  await j.logout();
  await passwordStep();
  await j.fill(codeForm, { code: codes[0] });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.loginCode, 'a recovery code used twice');
  j.expect(resp && resp.status() === 400, `a used recovery code answered HTTP ${resp && resp.status()}, expected 400`);
  await j.check({ status: 400, variant: 'wrong code' });
  await j.expectFieldError(codeForm, 'code');
  j.expect((await page.locator('header form.logout').count()) === 0, 'a used recovery code signed in');
  totpSecrets.set(who.email, secret);
}

// ---- certificates, validation, catalogue and orders

/** Logs in with the keyboard from the login page (goes there first unless already on it). */
async function loginByKeyboard(j, who, landing) {
  const L = j.r();
  const loginForm = `main form[action="${L.login}"]`;
  if (j.path() !== L.login) await j.goto(L.login);
  await j.need(loginForm);
  await j.fill(loginForm, { email: who.email, password: who.password });
  const resp = await j.submitByKeyboard();
  await j.expectAt(landing, `logging in as ${who.email}`, { resp, redirect: 303 });
  if (j.path() !== landing) j.fail(`logging in as ${who.email} did not reach ${landing}`);
  await j.check();
}

/** From the current page: the header register link, the form by keyboard, the e-mailed confirmation, login. */
async function registerConfirmLogin(j, m) {
  const L = j.r();
  const reg = await j.linkTo(L.register, 'header');
  if (!reg) j.fail(`no header link to ${L.register} on ${j.path()}`);
  await j.click(reg);
  await j.expectAt(L.register, 'header register link');
  await j.check();
  const regForm = `main form[action="${L.register}"]`;
  await j.need(regForm);
  await j.fill(regForm, {
    org_name: m.orgName, org_number: m.orgNumber, org_type: 'nonprofit_association', name: m.name,
    email: m.email, password: m.password, password_confirm: m.password, accept_terms: 'yes',
  });
  let resp = await j.submitByKeyboard();
  await j.expectAt(L.login, 'registering', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  const conf = await j.mail(m.email, L.confirmPrefix);
  await j.goto(conf.path);
  const btn = await j.need(`main form[action="${conf.path}"] button[type=submit]`, 'the confirm button');
  resp = await j.pressButton(btn);
  await j.expectAt(L.login, 'confirming', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await loginByKeyboard(j, m, L.account);
}

/** Files for the upload field, written once into the run's temp dir. */
function uploadFile(name, content) {
  const dir = path.join(tmpDir, 'upload', name.replace(/\W+/g, '-'));
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, content);
  }
  return file;
}
const TINY_PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
const HTML_AS_PDF = '<!DOCTYPE html>\n<html><head><title>not a pdf</title></head><body><p>Hej</p></body></html>\n';

/** The text of the badge/state element `sel`, or null when there is not exactly one. */
async function textOf(page, sel) {
  const loc = page.locator(sel);
  if ((await loc.count()) !== 1) return null;
  return oneLine((await loc.textContent()) || '');
}

/**
 * A member sends a certificate (a wrong file first), a staff agent approves it,
 * the member orders (too few licences first), confirms, and the agent grants
 * and fulfils the order. Two people, two browser contexts.
 */
async function journeyCertificateOrder(j) {
  const { page } = j;
  const L = j.r();
  const m = newMember('order');
  const tag = `${RUN_ID}-${identitySeq}`;

  // The catalogue, signed out: the navigation's Products link, then the exempt product.
  await j.goto(L.home);
  let link = await j.linkTo(L.products, 'nav');
  if (!link) j.fail(`no link to ${L.products} inside <nav> on ${L.home}`);
  await j.click(link);
  await j.expectAt(L.products, 'nav products link');
  await j.check();
  let rows = await j.tableRows();
  j.expect(rows.some((r) => r[0] === 'Office LTSC Standard 2024'), `the catalogue lists no "Office LTSC Standard 2024" (first cells: ${rows.map((r) => r[0]).join(' | ')})`);
  await j.shot('catalogue');
  link = await j.linkTo(`${L.products}/${EXEMPT_SKU}`, 'main');
  if (!link) j.fail(`no link to ${L.products}/${EXEMPT_SKU} in main on ${L.products}`);
  await j.click(link);
  await j.expectAt(`${L.products}/${EXEMPT_SKU}`, 'exempt product link');
  await j.check();
  const why = await page.$$eval('main h2', (hs) => hs.map((h) => ({
    h: h.textContent.replace(/\s+/g, ' ').trim(),
    p: (h.nextElementSibling ? h.nextElementSibling.textContent : '').replace(/\s+/g, ' ').trim(),
  })));
  const ex = why.find((w) => w.h === L.exemptHeading);
  if (j.expect(ex, `${EXEMPT_SKU}: no h2 "${L.exemptHeading}" (h2: ${why.map((w) => `"${w.h}"`).join(', ') || 'none'})`)) {
    j.expect(ex.p.length > 40, `${EXEMPT_SKU}: the paragraph after "${L.exemptHeading}" does not explain the exemption ("${ex.p}")`);
  }

  // Register, confirm from the e-mail, log in.
  await registerConfirmLogin(j, m);

  // The certificate page from the dashboard.
  link = await j.linkTo(L.certificate, 'main');
  if (!link) j.fail(`no link to ${L.certificate} in main on ${L.account}`);
  await j.click(link);
  await j.expectAt(L.certificate, 'certificate link');
  await j.check();
  const certForm = `main form[action="${L.certificate}"]`;
  const form = await j.need(certForm, 'the certificate upload form');
  j.expect((await form.getAttribute('enctype')) === 'multipart/form-data', `${certForm} enctype="${await form.getAttribute('enctype')}", expected multipart/form-data`);
  const fileInput = await j.need(`${certForm} input[type=file][name=file]`, 'the file field');
  const note = `Certifikat ${tag} från Microsoft`;

  // An HTML file named x.pdf: refused by its content, the error beside the field, the note kept.
  await fileInput.setInputFiles(uploadFile('x.pdf', HTML_AS_PDF));
  await j.fill(certForm, { note });
  let resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 400, `uploading an HTML file named x.pdf answered HTTP ${resp && resp.status()}, expected 400`);
  await j.check({ status: 400 });
  await j.expectFieldError(certForm, 'file');
  j.expect((await page.locator(`${certForm} .field:has(#file-error) input[name=file]`).count()) === 1, '#file-error is not in the same .field as the file input');
  const keptNote = await page.locator(`${certForm} [name=note]`).inputValue().catch(() => null);
  j.expect(keptNote === note, `note not kept after the refused file: "${keptNote}", expected "${note}"`);
  j.expect((await page.locator('main .request.status-pending').count()) === 0, 'the refused file created a pending request');

  // The PDF.
  await (await j.need(`${certForm} input[type=file][name=file]`, 'the file field')).setInputFiles(uploadFile('certifikat.pdf', TINY_PDF));
  await j.fill(certForm, { note });
  resp = await j.submitByKeyboard();
  await j.expectAt(L.certificate, 'uploading the PDF', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after uploading the certificate');
  let state = await textOf(page, 'main .request.status-pending');
  j.expect(state !== null && state.includes(L.validationState.pending), `certificate page after the upload: .request.status-pending ${state === null ? 'missing' : `reads "${clip(state)}"`}, expected "${L.validationState.pending}"`);
  j.expect((await page.locator('main input[type=file]').count()) === 0, 'the upload form is still offered while a certificate is pending');
  await j.shot('certificate-pending');

  // A staff agent approves it.
  const s = await j.companion('staff');
  const S = s.r();
  await j.as(s, async () => {
    await loginByKeyboard(s, AGENT, S.staff);
    await s.expectSignedIn(S.staff, S.staffLabel);
    link = await s.linkTo(S.staffValidations, 'main');
    if (!link) s.fail(`no link to ${S.staffValidations} in main on ${S.staff}`);
    await s.click(link);
    await s.expectAt(S.staffValidations, 'validations link');
    await s.check();
    const row = s.page.locator('main table tbody tr').filter({ hasText: m.orgName });
    if ((await row.count()) !== 1) s.fail(`the validation queue has ${await row.count()} rows for "${m.orgName}" (rows: ${JSON.stringify(await s.tableRows())})`);
    const rl = row.locator(`a[href^="${S.staffValidations}/"]`);
    if ((await rl.count()) !== 1) s.fail(`the queue row of "${m.orgName}" has no link to ${S.staffValidations}/<id>`);
    const reqPath = await rl.getAttribute('href');
    await s.click(rl);
    await s.expectAt(reqPath, 'queue row link');
    await s.check();
    const main = oneLine((await s.page.locator('main').textContent()) || '');
    s.expect(main.includes(m.orgName) && main.includes(m.orgNumber), `the request view does not show "${m.orgName}" ${m.orgNumber}`);
    s.expect(main.includes(note), `the request view does not show the member's note "${note}"`);
    await s.shot('staff-validation');
    const decide = 'main form:has(input[name="decision"])';
    await s.need(decide, 'the decision form');
    for (const f of ['valid_from', 'valid_to']) {
      const v = await s.page.locator(`${decide} input[name="${f}"]`).inputValue().catch(() => null);
      s.expect(/^\d{4}-\d{2}-\d{2}$/.test(v || ''), `${f} is not prefilled with a date ("${v}")`);
    }
    for (const f of ['canned', 'reason_sv', 'reason_en']) {
      s.expect((await s.page.locator(`${decide} [name="${f}"]`).count()) === 1, `the decision form has no [name=${f}]`);
    }
    await s.fill(decide, { decision: 'approve' });
    resp = await s.submitByKeyboard();
    await s.expectAt(S.staffValidations, 'approving', { resp, redirect: 303 });
    await s.check({ variant: 'flash' });
    await s.expectFlash('after approving');
    rows = await s.tableRows();
    s.expect(!rows.some((r) => r.join(' ').includes(m.orgName)), `"${m.orgName}" is still in the pending queue after approving`);
  });

  // The member sees it approved, on the certificate page and the dashboard.
  await j.goto(L.certificate, { variant: 'approved' });
  state = await textOf(page, 'main .request.status-approved');
  j.expect(state !== null && state.includes(L.validationState.approved), `certificate page after approval: .request.status-approved ${state === null ? 'missing' : `reads "${clip(state)}"`}, expected "${L.validationState.approved}"`);
  await j.shot('certificate-approved');
  link = await j.linkTo(L.account, 'header');
  if (!link) j.fail(`no header link to ${L.account} on ${L.certificate}`);
  await j.click(link);
  await j.expectAt(L.account, 'header account link');
  await j.check({ variant: 'approved' });
  state = await textOf(page, 'main .request.status-approved');
  j.expect(state !== null && state.includes(L.validationState.approved), `dashboard after approval: .request.status-approved ${state === null ? 'missing' : `reads "${clip(state)}"`}, expected "${L.validationState.approved}"`);

  // Orders: the list, the new-order form.
  link = await j.linkTo(L.orders, 'main');
  if (!link) j.fail(`no link to ${L.orders} in main on ${L.account}`);
  await j.click(link);
  await j.expectAt(L.orders, 'orders link');
  await j.check();
  link = await j.linkTo(L.orderNew, 'main');
  if (!link) j.fail(`no link to ${L.orderNew} in main on ${L.orders}`);
  await j.click(link);
  await j.expectAt(L.orderNew, 'new order link');
  await j.check();
  const orderForm = `main form[action="${L.orderNew}"]`;
  await j.need(orderForm, 'the order form');
  const qty = page.locator(`${orderForm} tr:has(a[href$="/${ORDER_SKU}"]) input[name^="q_"]`);
  if ((await qty.count()) !== 1) j.fail(`no q_<id> field in the row of ${ORDER_SKU} in ${orderForm}`);
  const qName = await qty.getAttribute('name');
  const qLabel = oneLine(await qty.evaluate((el) => [...el.labels].map((x) => x.textContent).join(' ')));
  j.expect(qLabel.includes('Office LTSC Standard 2024'), `the label of [name=${qName}] is "${qLabel}", expected it to name Office LTSC Standard 2024`);

  // Four licences: refused, naming 4, the minimum 5 and the shortfall 1.
  await j.fill(orderForm, { [qName]: '4' });
  resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 400, `ordering 4 licences answered HTTP ${resp && resp.status()}, expected 400`);
  await j.check({ status: 400 });
  const why4 = await textOf(page, 'main .error-summary');
  if (j.expect(why4 !== null, 'no .error-summary after ordering 4 licences')) {
    j.expect(mentions(why4, 4) && mentions(why4, 5) && mentions(why4, 1), `.error-summary should name 4, 5 and 1: "${clip(why4, 300)}"`);
  }
  const kept4 = await page.locator(`${orderForm} [name="${qName}"]`).inputValue().catch(() => null);
  j.expect(kept4 === '4', `[name=${qName}] not kept after the refusal: "${kept4}"`);
  await j.shot('order-refused');

  // Five: the review page, then confirm.
  await j.fill(orderForm, { [qName]: '5' });
  resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 200, `ordering 5 licences answered HTTP ${resp && resp.status()}, expected 200 (the review page)`);
  await j.check({ variant: 'review' });
  rows = await j.tableRows();
  j.expect(rows.length === 1 && rows[0][0] === 'Office LTSC Standard 2024' && rows[0][1] === '5', `review lines: ${JSON.stringify(rows)}, expected one line of 5 Office LTSC Standard 2024`);
  const total = await textOf(page, 'main table tfoot');
  j.expect(total && /\d/.test(total), `review page: no total in the table's tfoot ("${total}")`);
  const reviewForm = `main form[action="${L.orderConfirm}"]`;
  await j.need(reviewForm, 'the confirm form');
  const key = await page.locator(`${reviewForm} input[type=hidden][name=key]`).getAttribute('value').catch(() => null);
  j.expect(key && key.length >= 8, `the confirm form has no hidden key ("${key}")`);
  const confirmText = await textOf(page, `${reviewForm} button[type=submit]`);
  j.expect(confirmText && confirmText.includes(L.confirmOrderLabel), `the confirm button reads "${confirmText}", expected "${L.confirmOrderLabel}"`);
  await j.shot('order-review');
  await j.fill(reviewForm, {});
  resp = await j.submitByKeyboard();
  const orderRe = new RegExp(`^${escapeRe(L.orders)}/([^/]+)$`);
  const orderId = (j.path().match(orderRe) || [])[1];
  if (!orderId || orderId === L.orderNew.split('/').pop()) j.fail(`confirming led to ${j.path()}, expected ${L.orders}/<id>`);
  const orderPath = j.path();
  await j.expectAt(orderPath, 'confirming the order', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after confirming the order');
  state = await textOf(page, 'main .request');
  j.expect(state && state.includes(L.orderState.submitted), `order page: .request ${state === null ? 'missing' : `reads "${state}"`}, expected "${L.orderState.submitted}"`);
  const cancelSeg = j.lang === 'sv' ? 'avbryt' : 'cancel';
  j.expect((await page.locator(`main form[action="${orderPath}/${cancelSeg}"] button[type=submit]`).count()) === 1, `a submitted order has no cancel button (form to ${orderPath}/${cancelSeg})`);
  const reference = ((await textOf(page, 'main h1')) || '').split(' ').pop();

  // The agent grants the order, then marks it fulfilled with a note.
  const fulfilNote = `Licensnycklarna finns i Microsofts portal, referens ${tag}.`;
  const staffOrder = `${S.staffOrders}/${orderId}`;
  await j.as(s, async () => {
    link = await s.linkTo(S.staff, 'header');
    if (!link) s.fail(`no header link to ${S.staff} on ${s.path()}`);
    await s.click(link);
    await s.check();
    link = await s.linkTo(S.staffOrders, 'main');
    if (!link) s.fail(`no link to ${S.staffOrders} in main on ${S.staff}`);
    await s.click(link);
    await s.expectAt(S.staffOrders, 'orders link');
    await s.check();
    const row = s.page.locator('main table tbody tr').filter({ has: s.page.locator(`a[href="${staffOrder}"]`) });
    if ((await row.count()) !== 1) s.fail(`the orders queue has no row linking to ${staffOrder} (rows: ${JSON.stringify(await s.tableRows())})`);
    const cells = oneLine((await row.textContent()) || '');
    s.expect(cells.includes(reference) && cells.includes(m.orgName), `the queue row of the order reads "${clip(cells)}", expected the reference ${reference} and "${m.orgName}"`);
    await s.click(row.locator(`a[href="${staffOrder}"]`));
    await s.expectAt(staffOrder, 'queue row link');
    await s.check();
    await s.shot('staff-order');
    const deny = 'main form:has(input[name="action"][value="deny"])';
    s.expect((await s.page.locator(`${deny} textarea[name="reason"]`).count()) === 1, 'the order view has no deny form with textarea[name=reason]');
    const grant = 'main form:has(input[name="action"][value="grant"])';
    await s.need(grant, 'the grant form');
    const g = await textOf(s.page, `${grant} button[type=submit]`);
    s.expect(g && g.includes(S.grantLabel), `the grant button reads "${g}", expected "${S.grantLabel}"`);
    await s.fill(grant, {});
    resp = await s.submitByKeyboard();
    await s.expectAt(staffOrder, 'granting', { resp, redirect: 303 });
    await s.check({ variant: 'flash granted' });
    await s.expectFlash('after granting');
    const badge = await textOf(s.page, 'main dl .badge');
    s.expect(badge && badge.includes(S.orderState.granted), `staff order view after granting: badge "${badge}", expected "${S.orderState.granted}"`);
  });
  await j.goto(orderPath, { variant: 'granted' });
  state = await textOf(page, 'main .request');
  j.expect(state && state.includes(L.orderState.granted), `order page after granting: .request ${state === null ? 'missing' : `reads "${state}"`}, expected "${L.orderState.granted}"`);

  await j.as(s, async () => {
    const fulfil = 'main form:has(input[name="action"][value="fulfil"])';
    await s.need(fulfil, 'the fulfil form');
    await s.fill(fulfil, { note: fulfilNote });
    resp = await s.submitByKeyboard();
    await s.expectAt(staffOrder, 'marking fulfilled', { resp, redirect: 303 });
    await s.check({ variant: 'flash fulfilled' });
    await s.expectFlash('after marking fulfilled');
    const badge = await textOf(s.page, 'main dl .badge');
    s.expect(badge && badge.includes(S.orderState.fulfilled), `staff order view after fulfilling: badge "${badge}", expected "${S.orderState.fulfilled}"`);
  });

  // The member reads the note, then finds the order in the list.
  await j.goto(orderPath, { variant: 'fulfilled' });
  state = await textOf(page, 'main .request');
  j.expect(state && state.includes(L.orderState.fulfilled), `order page after fulfilment: .request ${state === null ? 'missing' : `reads "${state}"`}, expected "${L.orderState.fulfilled}"`);
  const msg = oneLine((await page.locator('main').textContent()) || '');
  j.expect(msg.includes(fulfilNote), `the order page does not show the fulfilment note "${fulfilNote}"`);
  j.expect((await page.locator(`main form[action="${orderPath}/${cancelSeg}"]`).count()) === 0, 'a fulfilled order still offers the cancel button');
  await j.shot('account-order');
  link = await j.linkTo(L.orders, 'main');
  if (!link) j.fail(`no link back to ${L.orders} in main on ${orderPath}`);
  await j.click(link);
  await j.expectAt(L.orders, 'back to the orders');
  await j.check({ variant: 'with an order' });
  rows = await j.tableRows();
  const listed = rows.find((r) => r[0] === reference);
  j.expect(listed && listed.join(' ').includes(L.orderState.fulfilled), `the orders list has no row "${reference}" reading "${L.orderState.fulfilled}" (rows: ${JSON.stringify(rows)})`);
}


// ---- FAQ, contact form and tickets

/**
 * A visitor searches the FAQ, reads an article, searches for something it does not answer, follows
 * the offer to ask, sends the contact form by keyboard, follows the e-mailed private link and
 * answers there.
 */
async function journeyContact(j) {
  const { page } = j;
  const L = j.r();
  const tag = `${RUN_ID}-${identitySeq++}`;
  await j.goto(L.home);
  let link = await j.linkTo(L.faq, 'nav');
  if (!link) j.fail(`no link to ${L.faq} inside <nav> on ${L.home}`);
  await j.click(link);
  await j.expectAt(L.faq, 'nav FAQ link');
  await j.check();
  const search = `main form[action="${L.faq}"]`;
  await j.need(search, 'the FAQ search form');
  await j.fill(search, { q: j.lang === 'sv' ? 'LICENSER' : 'LICENCES' });
  let resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 200, `the FAQ search answered HTTP ${resp && resp.status()}`);
  await j.check({ variant: 'hits' });
  const hit = page.locator('main .hits a').first();
  if ((await hit.count()) === 0) j.fail('searching the FAQ for licences found nothing');
  j.expect((await page.locator('main .hits mark').count()) > 0, 'the FAQ hits highlight no word');
  await j.shot('faq-search');
  const hitPath = await hit.getAttribute('href');
  await j.click(hit);
  await j.expectAt(new URL(hitPath, j.base).pathname, 'a FAQ hit');
  await j.check({ variant: 'article' });

  // Nothing matches: the contact form is offered.
  await j.goto(L.faq);
  await j.fill(search, { q: `zyxw${tag.replace(/\W/g, '')}` });
  resp = await j.submitByKeyboard();
  await j.check({ variant: 'no hits' });
  link = await j.linkTo(L.contact, 'main');
  if (!link) j.fail(`an empty FAQ search offers no link to ${L.contact} in main`);
  await j.click(link);
  await j.expectAt(L.contact, 'the no-hits contact link');
  await j.check();
  const form = `main form[action="${L.contact}"]`;
  await j.need(form, 'the contact form');
  // The honeypot sits off-screen and out of the tab order: people never meet it.
  const trap = page.locator(`${form} input[name=website]`);
  const box = await trap.boundingBox();
  j.expect(box && box.x + box.width <= 0 && (await trap.getAttribute('tabindex')) === '-1', `the honeypot field is on screen or in the tab order (${JSON.stringify(box)})`);
  const email = `besok-${tag}@example.org`;
  const question = `Vi undrar över reglerna ${tag}.\nSe https://example.org/stadgar`;
  // A bad address first: refused beside the field, the rest kept.
  await j.fill(form, { name: 'Vera Besökare', email: 'inte-en-adress', organisation: `Kören ${tag}`, category: 'validation', subject: `Fråga ${tag}`, message: question });
  resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 400, `a bad e-mail address answered HTTP ${resp && resp.status()}, expected 400`);
  await j.check({ status: 400 });
  await j.expectFieldError(form, 'email');
  const kept = await page.locator(`${form} [name=message]`).inputValue().catch(() => null);
  j.expect(kept === question, `the message was not kept after the refusal: "${kept}"`);
  await j.fill(form, { email });
  resp = await j.submitByKeyboard();
  if (resp && resp.status() >= 400) {
    // Say what the page refused, so that a failure explains itself.
    const why = await page.locator('main .error-summary, main .field-error').allTextContents().catch(() => []);
    j.expect(false, `sending the contact form was refused (HTTP ${resp.status()}): ${clip(oneLine(why.join(' | ')), 300)}`);
  }
  await j.expectAt(L.contactSent, 'sending the contact form', { resp, redirect: 303 });
  await j.check();
  const number = (((await textOf(page, 'main .ticket-number')) || '').match(/D-\d{4}-\d{5}/) || [])[0];
  if (!number) j.fail('the thank-you page shows no ticket number');
  await j.shot('contact-sent');

  // The private link from the e-mail: the thread, and a reply.
  const mail = await j.mail(email, L.visitorTicketPrefix);
  await j.goto(mail.path);
  const main = oneLine((await page.locator('main').textContent()) || '');
  j.expect(main.includes(number) && main.includes(`Vi undrar över reglerna ${tag}.`), `the private link shows "${clip(main)}", expected ${number} and the question`);
  j.expect((await page.locator('main .msg-body a[href="https://example.org/stadgar"]').count()) === 1, 'the link in the question is not clickable');
  const reply = `main form[action="${mail.path}"]`;
  await j.need(reply, 'the reply form');
  await j.fill(reply, { message: `Vi har 40 medlemmar ${tag}.` });
  resp = await j.submitByKeyboard();
  await j.expectAt(mail.path, 'replying', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after replying');
  j.expect((await page.locator('main .thread .msg').count()) === 2, 'the thread does not show two messages after the reply');
  await j.shot('visitor-ticket');
}

/**
 * A member opens a ticket from the member area, an agent finds it in the queue, writes an internal
 * note and answers; the member reads the answer (never the note) and replies.
 */
async function journeyTicket(j) {
  const { page } = j;
  const L = j.r();
  const m = newMember('ticket');
  const tag = `${RUN_ID}-${identitySeq++}`;
  await httpRegister(j.context.request, j.base, j.lang, m);
  await loginByKeyboard(j, m, L.account);
  let link = await j.linkTo(L.tickets, 'main');
  if (!link) j.fail(`no link to ${L.tickets} in main on ${L.account}`);
  await j.click(link);
  await j.expectAt(L.tickets, 'the tickets link');
  await j.check();
  link = await j.linkTo(L.ticketNew, 'main');
  if (!link) j.fail(`no link to ${L.ticketNew} in main on ${L.tickets}`);
  await j.click(link);
  await j.expectAt(L.ticketNew, 'the new-ticket link');
  await j.check();
  const form = `main form[action="${L.ticketNew}"]`;
  await j.need(form, 'the new-ticket form');
  // No subject: refused beside the field, the message kept.
  const message = `Vi kan inte logga in på Microsofts portal ${tag}.`;
  await j.fill(form, { category: 'account', subject: '', message });
  let resp = await j.submitByKeyboard();
  j.expect(resp && resp.status() === 400, `a ticket without a subject answered HTTP ${resp && resp.status()}, expected 400`);
  await j.check({ status: 400 });
  await j.expectFieldError(form, 'subject');
  await j.fill(form, { subject: `Inloggning ${tag}` });
  resp = await j.submitByKeyboard();
  const ticketPath = j.path();
  const number = (ticketPath.match(/D-\d{4}-\d{5}$/) || [])[0];
  if (!number) j.fail(`opening the ticket led to ${ticketPath}, expected ${L.tickets}/D-<year>-<number>`);
  await j.expectAt(ticketPath, 'opening the ticket', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  await j.expectFlash('after opening the ticket');
  let badge = await textOf(page, 'main dl .badge');
  j.expect(badge === L.ticketState.new, `a new ticket's badge reads "${badge}", expected "${L.ticketState.new}"`);

  const note = `INTERN ${tag}`;
  const answer = `Prova att återställa lösenordet ${tag}.`;
  const s = await j.companion('staff');
  const S = s.r();
  await j.as(s, async () => {
    await loginByKeyboard(s, AGENT, S.staff);
    link = await s.linkTo(S.staffTickets, 'main');
    if (!link) s.fail(`no link to ${S.staffTickets} in main on ${S.staff}`);
    await s.click(link);
    await s.expectAt(S.staffTickets, 'the tickets queue link');
    await s.check();
    const staffTicket = `${S.staffTickets}/${number}`;
    const row = s.page.locator('main table tbody tr').filter({ has: s.page.locator(`a[href="${staffTicket}"]`) });
    if ((await row.count()) !== 1) s.fail(`the queue has no row linking to ${staffTicket}`);
    await s.click(row.locator(`a[href="${staffTicket}"]`));
    await s.expectAt(staffTicket, 'the queue row link');
    await s.check();
    const reply = `main form[action="${staffTicket}/${S === ROUTES.sv ? 'svar' : 'reply'}"]`;
    await s.need(reply, 'the reply form');
    await s.fill(reply, { body: note, internal: 'yes' });
    resp = await s.submitByKeyboard();
    await s.expectAt(staffTicket, 'saving the note', { resp, redirect: 303 });
    await s.check({ variant: 'flash note' });
    s.expect((await s.page.locator('main .msg-internal').count()) === 1, 'the internal note is not shown as one');
    await s.fill(reply, { body: answer, internal: '' });
    // The answer carries a file, which the member downloads below.
    await (await s.need(`${reply} input[type=file][name=files]`, 'the file field')).setInputFiles(uploadFile('guide.pdf', TINY_PDF));
    resp = await s.submitByKeyboard();
    await s.expectAt(staffTicket, 'answering', { resp, redirect: 303 });
    await s.check({ variant: 'flash answer' });
    await s.expectFlash('after answering');
    await s.shot('staff-ticket');
    // The organisation's name leads to its staff page, which lists the member and this ticket.
    const orgLink = s.page.locator(`main a[href^="${S.staffOrganisations}/"]`);
    if ((await orgLink.count()) !== 1) s.fail(`no single link to the organisation's page on ${staffTicket}`);
    const orgPath = await orgLink.getAttribute('href');
    await s.click(orgLink);
    await s.expectAt(orgPath, "the organisation's link");
    await s.check();
    const orgMain = oneLine((await s.page.locator('main').textContent()) || '');
    s.expect(orgMain.includes(m.email), `the organisation's page does not list ${m.email}`);
    s.expect((await s.page.locator(`main a[href="${staffTicket}"]`).count()) === 1, `the organisation's page does not link to ${staffTicket}`);
  });

  // The member reads the answer (the e-mail about it is checked in the Rust suite); the note
  // never reaches them.
  await j.goto(ticketPath, { variant: 'answered' });
  const main = oneLine((await page.locator('main').textContent()) || '');
  j.expect(main.includes(answer), 'the member does not see the answer');
  j.expect(!main.includes(note), 'the member sees the internal note');
  const fileLink = page.locator('main .msg-staff .msg-files a');
  j.expect((await fileLink.count()) === 1 && ((await fileLink.first().textContent()) || '').includes('guide.pdf'), "the answer's attachment guide.pdf is not listed once under it");
  if ((await fileLink.count()) === 1) {
    const fileResp = await page.context().request.get(j.url(await fileLink.getAttribute('href')), { failOnStatusCode: false });
    const disposition = fileResp.headers()['content-disposition'] || '';
    j.expect(fileResp.status() === 200 && disposition.startsWith('attachment') && fileResp.headers()['x-content-type-options'] === 'nosniff', `the answer's attachment answers ${fileResp.status()} "${disposition}", expected 200, a download, nosniff`);
  }
  badge = await textOf(page, 'main dl .badge');
  j.expect(badge === L.ticketState.waiting, `after the answer the badge reads "${badge}", expected "${L.ticketState.waiting}"`);
  const replyForm = `main form[action="${ticketPath}"]`;
  await j.need(replyForm, 'the reply form');
  await j.fill(replyForm, { message: `Tack, nu fungerar det ${tag}.` });
  resp = await j.submitByKeyboard();
  await j.expectAt(ticketPath, 'replying', { resp, redirect: 303 });
  await j.check({ variant: 'flash' });
  badge = await textOf(page, 'main dl .badge');
  j.expect(badge === L.ticketState.open, `after the member's reply the badge reads "${badge}", expected "${L.ticketState.open}"`);
  await j.shot('member-ticket');
  await j.goto(L.tickets, { variant: 'with a ticket' });
  const rows = await j.tableRows();
  j.expect(rows.some((r) => r[0] === number), `the tickets list has no row ${number}`);
}

// ---- satisfaction (issue 22): a requester answers "Did we help?" from the resolved e-mail

const CSAT = {
  sv: { ratingPrefix: '/sv/kontakt/omdome/', update: 'andra', question: 'Fick du hjälp?', thanks: 'Tack för ditt svar', short: { good: 'Ja', bad: 'Nej' } },
  en: { ratingPrefix: '/en/contact/rating/', update: 'update', question: 'Did we help?', thanks: 'Thank you for your answer', short: { good: 'Yes', bad: 'No' } },
};

/**
 * Polls the mail folder for the newest e-mail to `to` with an answer link
 * `<base><prefix><ticket id>.<64 hex>?a=<answer>` in every part. Returns the link's path and the
 * form's action (the path without the choice).
 */
async function waitForRatingLink(j, to, prefix, answer) {
  const re = new RegExp(`${escapeRe(j.base)}(${escapeRe(prefix)}[0-9a-f-]{1,64}\\.[0-9a-f]{64})\\?a=${answer}(?![0-9A-Za-z])`);
  const toRe = new RegExp(`(^|[<\\s,])${escapeRe(to)}($|[>\\s,])`, 'i');
  const deadline = Date.now() + MAIL_TIMEOUT;
  for (;;) {
    for (const m of readMails().filter((x) => toRe.test(x.to)).reverse()) {
      const hits = m.parts.map((p) => p.text.match(re));
      const hit = hits.find(Boolean);
      if (!hit) continue;
      m.parts.forEach((p, i) => j.expect(hits[i], `the e-mail to ${to} (${m.file}): its ${p.ctype} part has no "${answer}" link`));
      return { path: `${hit[1]}?a=${answer}`, action: hit[1], mail: m };
    }
    if (Date.now() > deadline) j.fail(`no e-mail to ${to} with a link ${j.base}${prefix}<id>.<64 hex>?a=${answer} within ${MAIL_TIMEOUT / 1000} s`);
    await sleep(100);
  }
}

/**
 * A visitor asks through the contact form; an agent resolves the ticket; the visitor follows the
 * e-mail's "not good" link, changes their mind to "good" with a comment and sends it; the agent sees
 * the answer in the queue and on the ticket.
 */
async function journeyCsat(j) {
  const { page } = j;
  const L = j.r();
  const C = CSAT[j.lang];
  const tag = `${RUN_ID}-${identitySeq++}`;
  const email = `omdome-${tag}@example.org`;
  await j.goto(L.contact);
  const form = `main form[action="${L.contact}"]`;
  await j.need(form, 'the contact form');
  await j.fill(form, { name: 'Vera Besökare', email, organisation: `Kören ${tag}`, category: 'other', subject: `Betyg ${tag}`, message: `En fråga ${tag}.` });
  let resp = await j.submitByKeyboard();
  await j.expectAt(L.contactSent, 'sending the contact form', { resp, redirect: 303 });
  const number = (((await textOf(page, 'main .ticket-number')) || '').match(/D-\d{4}-\d{5}/) || [])[0];
  if (!number) j.fail('the thank-you page shows no ticket number');

  const s = await j.companion('staff');
  const S = s.r();
  const staffTicket = `${S.staffTickets}/${number}`;
  await j.as(s, async () => {
    await loginByKeyboard(s, AGENT, S.staff);
    await s.goto(staffTicket);
    const panel = `main form[action="${staffTicket}/${C.update}"]`;
    await s.need(panel, 'the side panel form');
    await s.fill(panel, { state: 'resolved' });
    resp = await s.submitByKeyboard();
    await s.expectAt(staffTicket, 'resolving', { resp, redirect: 303 });
  });

  // The e-mail's "not good" link preselects that answer and records nothing by itself.
  const bad = await waitForRatingLink(j, email, C.ratingPrefix, 'bad');
  const text = bad.mail.parts.map((p) => p.text).join('\n');
  j.expect(text.includes(C.question), `the resolved e-mail does not ask "${C.question}"`);
  await waitForRatingLink(j, email, C.ratingPrefix, 'good');
  await j.goto(bad.path);
  const main = oneLine((await page.locator('main').textContent()) || '');
  j.expect(main.includes(number) && main.includes(`Betyg ${tag}`), `the answer page shows "${clip(main)}", expected ${number} and the subject`);
  j.expect(await page.locator('main input[name=rating][value=bad]').isChecked(), 'the "not good" link does not preselect that answer');
  await j.shot('csat-form');
  const rating = `main form[action="${bad.action}"]`;
  await j.need(rating, 'the answer form');
  await j.fill(rating, { rating: 'good', comment: `Snabbt svar ${tag}` });
  resp = await j.submitByKeyboard();
  await j.expectAt(bad.action, 'sending the answer', { resp, redirect: 303 });
  await j.check({ variant: 'thanks' });
  const thanks = oneLine((await page.locator('main').textContent()) || '');
  j.expect(thanks.includes(C.thanks) && thanks.includes(`Snabbt svar ${tag}`), `after sending, the page reads "${clip(thanks)}"`);
  await j.shot('csat-thanks');

  await j.as(s, async () => {
    await s.goto(`${S.staffTickets}?state=all`, { variant: 'csat' });
    const row = s.page.locator('main table tbody tr').filter({ has: s.page.locator(`a[href="${staffTicket}"]`) });
    if ((await row.count()) !== 1) s.fail(`the queue has no row linking to ${staffTicket}`);
    const cell = oneLine((await row.locator('.csat-good').textContent().catch(() => '')) || '');
    s.expect(cell === C.short.good, `the queue's satisfaction cell reads "${cell}", expected "${C.short.good}"`);
    await s.goto(staffTicket, { variant: 'csat' });
    const answer = oneLine((await s.page.locator('main .csat-answer').textContent().catch(() => '')) || '');
    s.expect(answer.includes(`Snabbt svar ${tag}`), `the staff ticket shows the answer as "${answer}"`);
    await s.shot('staff-ticket-csat');
  });
}

// ---- issue 22, point 3: bulk work from the queue, and two agents answering at once

/** A member opens two tickets; an agent sets both to "waiting" from the queue
 *  with the bulk form (plain form submission, no script), sees the flash and the new states,
 *  and is refused beside the form when nothing is ticked. Then two tabs of agents answer the
 *  same ticket: the second is held back with a 409 showing the first answer above the kept
 *  draft, and "send anyway" sends it. */
async function journeyBulkCollision(j) {
  const L = j.r();
  const m = newMember('bulk');
  const tag = `${RUN_ID}-${identitySeq++}`;
  await httpRegister(j.context.request, j.base, j.lang, m);
  await httpLogin(j.context.request, j.base, j.lang, m.email, m.password);
  const numbers = [];
  for (const i of [1, 2]) {
    await j.goto(L.ticketNew);
    const form = `main form[action="${L.ticketNew}"]`;
    await j.fill(form, { category: 'other', subject: `Massändring ${i} ${tag}`, message: `Fråga ${i} ${tag}.` });
    const resp = await j.submitByKeyboard();
    const n = (j.path().match(/D-\d{4}-\d{5}$/) || [])[0];
    if (!n) j.fail(`opening ticket ${i} led to ${j.path()} (HTTP ${resp && resp.status()})`);
    numbers.push(n);
  }

  const s = await j.companion('staff');
  const S = s.r();
  await j.as(s, async () => {
    await loginByKeyboard(s, AGENT, S.staff);
    await s.goto(S.staffTickets);
    const bulk = 'main form#bulk';
    await s.need(bulk, 'the bulk form');
    // Nothing ticked: the queue again, 400, the message beside the form.
    await s.page.selectOption('#bulk-change', 'state:waiting');
    let resp = await s.pressButton(s.page.locator(`${bulk} button[value=apply]`));
    s.expect(resp && resp.status() === 400, `a bulk change without a ticket answered HTTP ${resp && resp.status()}, expected 400`);
    await s.check({ status: 400, variant: 'bulk refused' });
    s.expect((await s.page.locator('#bulk-ticket-error').count()) === 1, 'no message beside the bulk form when nothing was ticked');
    s.expect((await s.page.locator('#bulk-change').inputValue()) === 'state:waiting', 'the chosen change was not kept');
    // Two tickets ticked, "waiting", applied.
    for (const n of numbers) {
      const box = s.page.locator(`main input[type=checkbox][name=ticket][value="${n}"]`);
      if ((await box.count()) !== 1) s.fail(`the queue has no checkbox for ${n}`);
      await box.check();
    }
    resp = await s.pressButton(s.page.locator(`${bulk} button[value=apply]`));
    await s.expectAt(S.staffTickets, 'the bulk change', { resp, redirect: 303 });
    await s.check({ variant: 'flash bulk' });
    const flash = await s.expectFlash('after the bulk change');
    s.expect(flash.includes('2'), `the bulk flash reads "${flash}", expected it to count 2 tickets`);
    for (const n of numbers) {
      const row = s.page.locator('main table tbody tr').filter({ has: s.page.locator(`input[value="${n}"]`) });
      s.expect((await row.locator('.badge.ticket-waiting').count()) === 1, `${n} is not shown as waiting after the bulk change`);
    }
    await s.shot('staff-bulk');
    // Both again, assigned to the agent herself.
    for (const n of numbers) await s.page.locator(`main input[type=checkbox][name=ticket][value="${n}"]`).check();
    await s.page.selectOption('#bulk-change', 'assign:me');
    resp = await s.pressButton(s.page.locator(`${bulk} button[value=apply]`));
    await s.expectAt(S.staffTickets, 'the bulk assignment', { resp, redirect: 303 });
    for (const n of numbers) {
      const row = s.page.locator('main table tbody tr').filter({ has: s.page.locator(`input[value="${n}"]`) });
      const text = oneLine((await row.textContent()) || '');
      s.expect(text.includes(AGENT.name), `${n}'s row reads "${clip(text)}" after the bulk assignment, expected ${AGENT.name}`);
    }
    // The organisation's whole name, typed in the search: its own tickets, a link to its page
    // and one to search every ticket's text for the words instead.
    await s.page.fill('main form.ticket-filters #q', m.orgName.toUpperCase());
    resp = await s.click(s.page.locator('main form.ticket-filters button[type=submit]'));
    await s.check({ variant: 'organisation search' });
    const notice = s.page.locator('main p.search-scope');
    if ((await notice.count()) !== 1) s.fail(`searching "${m.orgName}" shows no notice that it lists the organisation's tickets`);
    const links = notice.locator('a');
    s.expect((await links.count()) === 2, `the notice has ${await links.count()} links, expected the organisation's and the other scope's`);
    const orgLink = oneLine((await links.first().textContent()) || '');
    s.expect(orgLink === m.orgName, `the notice names "${orgLink}", expected "${m.orgName}"`);
    const shown = async () => s.page.locator('main table tbody tr td.pick + td a').allTextContents();
    let rows = await shown();
    s.expect(numbers.every((n) => rows.includes(n)) && rows.length === numbers.length,
      `searching the organisation's name shows ${rows.join(', ')}, expected ${numbers.join(', ')}`);
    resp = await s.click(links.last());
    s.expect(s.page.url().includes('scope=text'), `the other scope's link led to ${s.page.url()}`);
    await s.check({ variant: 'organisation search in the text' });
    rows = await shown();
    s.expect(numbers.every((n) => rows.includes(n)), `the text scope shows ${rows.join(', ')}, expected ${numbers.join(', ')} among them`);
  });

  // Two agents on one ticket: the second opens it, the first sees who else reads it and answers;
  // the second's answer is then held back.
  const s2 = await j.companion('second agent');
  const staffTicket = `${S.staffTickets}/${numbers[0]}`;
  const reply = `main form[action="${staffTicket}/${S === ROUTES.sv ? 'svar' : 'reply'}"]`;
  await j.as(s2, async () => {
    await loginByKeyboard(s2, AGENT2, S.staff);
    await s2.goto(staffTicket);
  });
  const first = `Första svaret ${tag}`;
  const second = `Andra svaret ${tag}`;
  await j.as(s, async () => {
    await s.goto(staffTicket);
    if (AGENT2 !== AGENT) {
      const reading = oneLine((await s.page.locator('main #presence').textContent()) || '');
      s.expect(reading.includes(AGENT2.name), `the ticket says "${reading}" about who else reads it, expected ${AGENT2.name}`);
    }
    await s.need(reply, 'the reply form');
    await s.fill(reply, { body: first });
    const resp = await s.submitByKeyboard();
    await s.expectAt(staffTicket, 'the first answer', { resp, redirect: 303 });
  });
  await j.as(s2, async () => {
    await s2.need(reply, 'the reply form');
    await s2.fill(reply, { body: second });
    let resp = await s2.submitByKeyboard();
    s2.expect(resp && resp.status() === 409, `an answer after a colleague's answered HTTP ${resp && resp.status()}, expected 409`);
    await s2.check({ status: 409, variant: 'collision' });
    const fresh = oneLine((await s2.page.locator('main .collision').textContent()) || '');
    s2.expect(fresh.includes(first), "the 409 page does not show the colleague's answer above the draft");
    s2.expect((await s2.page.locator(`${reply} textarea[name=body]`).inputValue()) === second, 'the draft was not kept');
    await s2.shot('staff-collision');
    resp = await s2.pressButton(s2.page.locator(`${reply} button[value=send]`));
    await s2.expectAt(staffTicket, 'sending anyway', { resp, redirect: 303 });
    await s2.check({ variant: 'flash sent anyway' });
    const main = oneLine((await s2.page.locator('main .thread').textContent()) || '');
    s2.expect(main.split(second).length === 2, 'the answer sent anyway is not in the thread exactly once');
  });
}

// Issue 22, point 4: the staff dashboard and the queue at both widths. A member opens a ticket so
// the queue has a row; the agent reads the dashboard (each chart an image with a title, a
// description and its table; each count a link to its queue) and then the queue: at 1280 px
// every column is visible without horizontal scrolling, at 375 px each row is a card whose
// cells each say their column's name, as the table's header does.
async function journeyDashboard(j) {
  const L = j.r();
  const m = newMember('dash');
  const tag = `${RUN_ID}-${identitySeq++}`;
  const mem = await j.companion('member');
  await httpRegister(mem.context.request, mem.base, mem.lang, m);
  await j.as(mem, async () => {
    await loginByKeyboard(mem, m, L.account);
    await mem.goto(L.ticketNew);
    const form = `main form[action="${L.ticketNew}"]`;
    await mem.need(form, 'the new-ticket form');
    await mem.fill(form, { category: 'account', subject: `Instrumentpanel ${tag}`, message: `Ett ärende för kön ${tag}.` });
    const resp = await mem.submitByKeyboard();
    mem.expect(resp && resp.status() < 400, `opening a ticket answered HTTP ${resp && resp.status()}`);
  });

  await loginByKeyboard(j, AGENT, L.staff);
  const { page } = j;
  j.expect(await page.evaluate(() => document.body.classList.contains('staff')), 'the staff home is not drawn full width (no body.staff)');
  const charts = await page.$$eval('main svg', (svgs) => svgs.map((svg) => {
    const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const texts = ids.map((id) => (document.getElementById(id) || {}).textContent || '');
    const fig = svg.closest('figure');
    return {
      role: svg.getAttribute('role'),
      named: ids.length === 2 && texts.every((t) => t.trim().length > 0),
      table: !!(fig && fig.querySelector('details table tbody tr')),
    };
  }));
  j.expect(charts.length === 5, `the dashboard has ${charts.length} charts, expected 5`);
  charts.forEach((c, i) => {
    j.expect(c.role === 'img' && c.named, `chart ${i + 1} has no text alternative (role=img with a title and a description)`);
    j.expect(c.table, `chart ${i + 1} has no table of its figures`);
  });
  // The table opens from its <summary> (not re-checked: the focus check starts from the top).
  await page.locator('main details summary').first().click();
  j.expect(await page.locator('main details[open] table').first().isVisible(), "the first chart's table does not open");
  await j.shot('staff-dashboard');
  // The "new tickets" count leads to the filtered queue, which lists the member's ticket.
  const newLink = page.locator(`main .dash-figures a[href="${L.staffTickets}?state=new"]`);
  if ((await newLink.count()) !== 1) j.fail(`no count linking to ${L.staffTickets}?state=new`);
  const shown = Number(((await newLink.locator('.dash-value').textContent()) || '').replace(/\D/g, ''));
  j.expect(shown >= 1, `the new-tickets count reads ${shown}, expected at least 1`);
  await j.click(newLink);
  await j.check();
  const row = page.locator('main table.queue tbody tr').filter({ hasText: `Instrumentpanel ${tag}` });
  if ((await row.count()) !== 1) j.fail(`the queue of new tickets has no row "Instrumentpanel ${tag}"`);
  const layout = await page.evaluate(() => {
    const table = document.querySelector('main table.queue');
    const wrap = table.closest('.table-wrap');
    const ths = [...table.querySelectorAll('thead th')];
    const tr = table.querySelector('tbody tr');
    // Each cell after the tick box and its column's name, as the narrow layout says it.
    const named = [...tr.querySelectorAll('td')].slice(1).map((td, i) => ({
      column: (ths[i + 1] || {}).textContent || '',
      said: getComputedStyle(td, '::before').content,
    }));
    return {
      pageScroll: document.documentElement.scrollWidth > window.innerWidth,
      wrapScroll: wrap ? wrap.scrollWidth > wrap.clientWidth + 1 : false,
      hiddenColumns: ths.filter((th) => {
        const r = th.getBoundingClientRect();
        return r.width < 1 || r.right > window.innerWidth + 0.5;
      }).length,
      columns: ths.length,
      rowDisplay: getComputedStyle(tr).display,
      named,
    };
  });
  j.expect(!layout.pageScroll && !layout.wrapScroll, `the queue scrolls horizontally at ${j.width.name} px`);
  if (j.width.name === '1280') {
    j.expect(layout.columns === 12 && layout.hiddenColumns === 0, `at 1280 px ${layout.hiddenColumns} of the queue's ${layout.columns} columns are hidden or cut off`);
    j.expect(layout.rowDisplay === 'table-row', `at 1280 px a queue row is displayed as ${layout.rowDisplay}, expected a table row`);
  } else {
    j.expect(layout.rowDisplay === 'block', `at ${j.width.name} px a queue row is displayed as ${layout.rowDisplay}, expected a card (block)`);
    j.expect(layout.named.length === 11, `at ${j.width.name} px a queue row has ${layout.named.length} cells after its tick box, expected 11`);
    for (const { column, said } of layout.named) {
      const want = JSON.stringify(`${column.trim()}: `);
      j.expect(said === want, `at ${j.width.name} px a queue cell of the column "${column.trim()}" says ${said} before it, expected ${want}`);
    }
  }
  await j.shot('staff-queue');
}

// Add new journeys here: each runs once per language and per width, on a
// fresh page (cookies cleared), and fails on any j.expect / j.fail / exception.
const JOURNEYS = [
  { name: 'eligibility-via-nav-switch-language-self-check', run: journeyEligibility },
  { name: 'self-check-school-not-eligible', run: journeySchool },
  { name: 'self-check-invalid-org-number', run: journeyInvalidOrgNumber },
  { name: 'not-found-page', run: journeyNotFound },
  { name: 'member-register-confirm-login-invite-logout', run: journeyMember, accounts: true },
  { name: 'staff-admin-accounts-audit-logout', run: journeyStaff, accounts: true },
  { name: 'staff-admin-two-step-enrol-code-recovery', run: journeyTwoStep, accounts: true },
  { name: 'forgot-password-reset-login', run: journeyForgotPassword, accounts: true },
  { name: 'certificate-approval-order-grant-fulfil', run: journeyCertificateOrder, accounts: true },
  { name: 'faq-search-contact-form-private-link', run: journeyContact },
  { name: 'member-ticket-staff-note-answer-reply', run: journeyTicket, accounts: true },
  { name: 'csat-resolved-mail-answer-staff-see', run: journeyCsat, accounts: true },
  { name: 'staff-bulk-change-and-reply-collision', run: journeyBulkCollision, accounts: true },
  { name: 'staff-dashboard-charts-queue-cards', run: journeyDashboard, accounts: true },
];

async function runJourneys(base, contexts) {
  let journeys = JOURNEYS.filter((jr) => ACCOUNTS || !jr.accounts);
  if (journeys.length < JOURNEYS.length) log(`note: ACCOUNTS=0, skipping ${JOURNEYS.length - journeys.length} accounts journey(s)`);
  if (ONLY_JOURNEY) {
    journeys = journeys.filter((jr) => jr.name.includes(ONLY_JOURNEY));
    log(`note: JOURNEY=${ONLY_JOURNEY}, running ${journeys.map((jr) => jr.name).join(', ') || 'no journey'}`);
    record('suite', `JOURNEY=${ONLY_JOURNEY}`, [journeys.length === 0 && 'no journey name contains it']);
  }
  for (const w of contexts) {
    for (const jr of journeys) {
      for (const lang of LANGS) {
        // A fresh context per journey: no cookies, storage or cache carried over.
        const context = await browser.newContext({ viewport: w.viewport });
        const page = await newPage(context);
        const j = new J({ base, page, lang, width: w });
        const label = `${jr.name} (${lang}) @${w.name}`;
        const t0 = Date.now();
        try {
          await jr.run(j);
        } catch (e) {
          const where = j.where();
          if (interrupted) return;
          j.problems.push(e instanceof JourneyAbort ? `${e.message}${where}` : `error${where}: ${errorText(e)}`);
        }
        record('journey', label, j.problems);
        if (VERBOSE) log(`     ${label} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        for (const c of j.contexts) await c.close();
        await context.close();
      }
    }
  }
  if (ACCOUNTS && !ONLY_JOURNEY) {
    // Every private page reached the vnu run, in both languages.
    const missing = [];
    for (const lang of LANGS) {
      for (const k of PRIVATE_PAGES) {
        const u = base + ROUTES[lang][k];
        if (![...htmlStore.keys()].some((key) => key === u || key.startsWith(`${u} [`))) missing.push(ROUTES[lang][k]);
      }
    }
    record('vnu', 'private pages collected', [missing.length && `no served HTML collected for ${missing.join(', ')} (journey failed before it?)`]);
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
    if (ACCOUNTS) await privateScreenshots(base, w);
  }
}

/** Signed-in pages: a member's dashboard, settings, colleagues; the staff accounts and audit log. */
async function privateScreenshots(base, w) {
  const context = await browser.newContext({ viewport: w.viewport });
  try {
    const page = await newPage(context);
    for (const lang of LANGS) {
      const R = ROUTES[lang];
      const problems = [];
      const step = async (name, p) => {
        try {
          const resp = await goto(page, base + p);
          const at = new URL(page.url()).pathname;
          if (at !== p || !resp || resp.status() !== 200) throw new Error(`${p} ended at ${at} with HTTP ${resp && resp.status()}`);
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${lang}-${w.name}.png`), fullPage: true });
        } catch (e) { problems.push(`${name}: ${errorText(e)}`); }
      };
      try {
        let m = confirmedMembers.get(lang);
        if (!m) {
          m = newMember('shots');
          await httpRegister(context.request, base, lang, m);
        }
        await context.clearCookies();
        await httpLogin(context.request, base, lang, m.email, m.password);
        await step('account-dashboard', R.account);
        await step('account-settings', R.settings);
        await step('account-colleagues', R.colleagues);
      } catch (e) { problems.push(`member: ${errorText(e)}`); }
      try {
        await context.clearCookies();
        await httpLogin(context.request, base, lang, STAFF.email, STAFF.password);
        await step('staff-accounts', R.staffAccounts);
        await step('staff-audit', R.staffAudit);
      } catch (e) { problems.push(`staff: ${errorText(e)}`); }
      record('screenshots', `private ${lang} @${w.name}`, problems);
    }
  } finally {
    await context.close();
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
  const origin = new URL(byFile.values().next().value.replace(/^[A-Z]+ /, '').replace(/ \[[^\]]*\]$/, '')).origin;
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
    if (ACCOUNTS && !pages.truncated) {
      // The catalogue is public: the crawl must reach it from the navigation.
      const want = LANGS.flatMap((l) => [ROUTES[l].products, `${ROUTES[l].products}/${EXEMPT_SKU}`]);
      const missing = want.filter((p) => !pages.includes(base + p));
      record('link', 'catalogue reached by the crawl', [missing.length && `the crawl did not reach ${missing.join(', ')}`]);
    }
  });
  if (ACCOUNTS && !process.env.DONERA_URL) {
    // The staff admin of the journeys signs in with a second step (DONERA_STAFF_2FA's default).
    await phase('enrol the staff admin', async () => {
      const context = await browser.newContext();
      try { await httpEnrol(context.request, base, 'sv', STAFF); } finally { await context.close(); }
    });
  }
  await phase('journeys', () => runJourneys(base, contexts));
  await phase('screenshots', () => screenshots(base, contexts));
  await phase('cookies', async () => {
    const html = await (await fetch(`${base}${ROUTES.sv.privacy}`)).text();
    const table = (html.match(/<table[^>]*id="cookie-table"[\s\S]*?<\/table>/) || [''])[0];
    const listed = new Set([...table.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]));
    const unlisted = [...cookiesSeen].filter(([name]) => !listed.has(name));
    record('cookies', `the ${cookiesSeen.size} cookie name(s) set during the run are in the privacy notice`, [
      listed.size === 0 && 'no cookie table on the privacy notice',
      cookiesSeen.size === 0 && 'no cookie was seen at all (the check would prove nothing)',
      ...unlisted.map(([name, url]) => `${name} (set by ${url}) is not in the privacy notice's cookie table`),
    ]);
  });
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
