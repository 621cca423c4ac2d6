#!/usr/bin/env node
// Load generator for the public contact form: every ticket is sent as a new visitor.
//
// Each client loops until the time is up: GET the form without any cookie, keep the session
// cookie it sets, read the hidden fields (csrf, started), and POST the form with that cookie, a
// unique e-mail address and an Origin header equal to the portal's base URL. A ticket counts as
// created when the POST answers 303 with Location .../kontakt/skickat. No cookie survives from one
// ticket to the next; the TCP connection does (one keep-alive socket per client).
//
// Node 20, no npm dependencies. Used by tests/bench/benches.d/tickets.sh; can be run alone:
//
//   node tests/bench/contact-load.mjs --url http://127.0.0.1:8080 --clients 8 --seconds 10
//
// The portal must run with DONERA_CONTACT_MIN_FILL_SECONDS=0 and DONERA_CONTACT_IP_LIMIT_PER_HOUR=0
// (no per-IP limit; otherwise its spam defences refuse a robot that posts
// from one address without waiting), and DONERA_BASE_URL equal to --url (or pass --origin).
//
// Options:
//   --url URL        the portal's base URL (required)
//   --clients N      concurrent clients (8)
//   --seconds S      how long to start new tickets, seconds (10); tickets under way finish
//   --path P         the form's path (/sv/kontakt)
//   --origin O       the Origin header (default: the origin of --url)
//   --tag T          text put into the e-mail addresses and subjects (default: random)
//   --max-errors N   stop early after N errors (1000; 0: never)
//   --verbose        print the first failures in full (to stderr)
//
// Output: progress and details on stderr; the last line on stdout is JSON:
//   {"created":N,"errors":N,"tickets_per_s":X, ...more figures}
// Exit status 0 when it ran (even with errors), 2 on bad arguments.

import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

function usage(msg) {
    if (msg) process.stderr.write(`contact-load: ${msg}\n`);
    process.stderr.write('usage: node contact-load.mjs --url URL [--clients N] [--seconds S] [--path P] [--origin O] [--tag T] [--max-errors N] [--verbose]\n');
    process.exit(2);
}

function parseArgs(argv) {
    const o = { clients: 8, seconds: 10, path: '/sv/kontakt', maxErrors: 1000, verbose: false };
    for (let i = 0; i < argv.length; i++) {
        let a = argv[i];
        let v;
        const eq = a.indexOf('=');
        if (a.startsWith('--') && eq > 0) {
            v = a.slice(eq + 1);
            a = a.slice(0, eq);
        }
        const next = () => {
            if (v !== undefined) return v;
            if (i + 1 >= argv.length) usage(`${a} needs a value`);
            return argv[++i];
        };
        switch (a) {
            case '--url': o.url = next(); break;
            case '--clients': o.clients = Number(next()); break;
            case '--seconds': o.seconds = Number(next()); break;
            case '--path': o.path = next(); break;
            case '--origin': o.origin = next(); break;
            case '--tag': o.tag = next(); break;
            case '--max-errors': o.maxErrors = Number(next()); break;
            case '--verbose': o.verbose = true; break;
            case '-h': case '--help': usage(); break;
            default: usage(`unknown argument ${a}`);
        }
    }
    if (!o.url) usage('--url is required');
    let base;
    try {
        base = new URL(o.url);
    } catch {
        usage(`--url is not a URL: ${o.url}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') usage('--url must be http(s)');
    if (!Number.isInteger(o.clients) || o.clients < 1 || o.clients > 1000) usage('--clients must be 1..1000');
    if (!(o.seconds > 0)) usage('--seconds must be > 0');
    if (!Number.isInteger(o.maxErrors) || o.maxErrors < 0) usage('--max-errors must be a whole number');
    if (!o.path.startsWith('/')) usage('--path must start with /');
    o.base = base;
    o.origin = o.origin ?? base.origin;
    o.tag = o.tag ?? randomBytes(4).toString('hex');
    return o;
}

const opts = parseArgs(process.argv.slice(2));
const lib = opts.base.protocol === 'https:' ? https : http;
const formUrl = new URL(opts.path, opts.base);
const doneSuffix = `${opts.path.replace(/\/$/, '')}/skickat`;
const CATEGORIES = ['validation', 'order', 'account', 'usage', 'other'];

// One request; resolves with { status, headers, body } (body as a string), or rejects on a
// network error or time-out.
function request(agent, method, headers, body) {
    return new Promise((resolve, reject) => {
        const req = lib.request(
            formUrl,
            { method, agent, headers },
            (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () =>
                    resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
                );
                res.on('error', reject);
            },
        );
        req.setTimeout(30_000, () => req.destroy(new Error('timeout after 30 s')));
        req.on('error', reject);
        if (body !== undefined) req.end(body);
        else req.end();
    });
}

function decodeEntities(s) {
    return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/g, (m, e) => {
        if (e[0] === '#') {
            const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
            return String.fromCodePoint(code);
        }
        return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? m;
    });
}

// name -> value of every <input type="hidden"> in the page, whatever the attributes' order.
function hiddenFields(html) {
    const out = {};
    for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
        const attrs = {};
        for (const a of m[0].matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
            attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
        }
        if ((attrs.type ?? '').toLowerCase() === 'hidden' && attrs.name !== undefined) {
            out[attrs.name] = attrs.value ?? '';
        }
    }
    return out;
}

// Set-Cookie headers -> a Cookie header value ("a=1; b=2"); cookies being deleted are left out.
function cookieHeader(setCookie) {
    const jar = new Map();
    for (const c of setCookie ?? []) {
        const pair = c.split(';', 1)[0];
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (value === '' || /;\s*max-age=0\b/i.test(c)) jar.delete(name);
        else jar.set(name, value);
    }
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

function percentile(sorted, p) {
    if (sorted.length === 0) return null;
    const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return Math.round(sorted[i] * 1000) / 1000;
}

const stats = {
    created: 0,
    responses303: 0,
    errors: 0,
    errorKinds: {},
    postStatus: {},
    getMs: [],
    postMs: [],
    shown: 0,
};

function fail(kind, detail) {
    stats.errors++;
    stats.errorKinds[kind] = (stats.errorKinds[kind] ?? 0) + 1;
    if (opts.verbose && stats.shown < 5) {
        stats.shown++;
        process.stderr.write(`contact-load: ${kind}: ${String(detail ?? '').slice(0, 2000)}\n`);
    }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let stopAt = 0;
let aborted = false;

async function client(id) {
    // One socket per client, kept alive between requests; cookies are not kept.
    const agent = new lib.Agent({ keepAlive: true, maxSockets: 1 });
    let seq = 0;
    try {
        while (!aborted && performance.now() < stopAt) {
            seq++;
            const t0 = performance.now();
            let page;
            try {
                page = await request(agent, 'GET', { Accept: 'text/html' });
            } catch (e) {
                fail(`GET: ${e.code ?? e.message}`, e.stack);
                await sleep(50);
                continue;
            }
            const t1 = performance.now();
            stats.getMs.push(t1 - t0);
            if (page.status !== 200) {
                fail(`GET status ${page.status}`, page.body);
                continue;
            }
            const cookie = cookieHeader(page.headers['set-cookie']);
            const hidden = hiddenFields(page.body);
            if (!cookie) {
                fail('GET set no cookie', JSON.stringify(page.headers));
                continue;
            }
            if (hidden.csrf === undefined || hidden.started === undefined) {
                fail('GET form lacks hidden csrf/started', JSON.stringify(hidden));
                continue;
            }
            const n = `${opts.tag}-${id}-${seq}`;
            const category = CATEGORIES[(id + seq) % CATEGORIES.length];
            const body = new URLSearchParams({
                csrf: hidden.csrf,
                started: hidden.started,
                name: `Bänk Besökare ${id}-${seq}`,
                email: `bench-${n}@example.org`,
                organisation: `Föreningen Bänktest ${id}`,
                category,
                subject: `Fråga om licens och faktura ${n}`,
                message:
                    `Hej! Vi är en ideell förening och undrar hur valideringen går till och när beställningen ` +
                    `av våra licenser levereras. Fakturan har inte kommit. Ärende ${n}.`,
                website: '',
            }).toString();
            const t2 = performance.now();
            let res;
            try {
                res = await request(
                    agent,
                    'POST',
                    {
                        'Content-Type': 'application/x-www-form-urlencoded',
                        'Content-Length': Buffer.byteLength(body),
                        Accept: 'text/html',
                        Cookie: cookie,
                        Origin: opts.origin,
                    },
                    body,
                );
            } catch (e) {
                fail(`POST: ${e.code ?? e.message}`, e.stack);
                await sleep(50);
                continue;
            }
            stats.postMs.push(performance.now() - t2);
            stats.postStatus[res.status] = (stats.postStatus[res.status] ?? 0) + 1;
            if (res.status === 303) stats.responses303++;
            let where = '';
            try {
                where = new URL(res.headers.location ?? '', formUrl).pathname;
            } catch {
                where = String(res.headers.location);
            }
            if (res.status === 303 && where === doneSuffix) {
                stats.created++;
            } else if (res.status === 303) {
                fail(`POST 303 to ${where}`, res.headers.location);
            } else {
                fail(`POST status ${res.status}`, res.body);
            }
            if (opts.maxErrors > 0 && stats.errors >= opts.maxErrors) {
                if (!aborted) process.stderr.write(`contact-load: ${stats.errors} errors, stopping early\n`);
                aborted = true;
            }
        }
    } finally {
        agent.destroy();
    }
}

const started = performance.now();
stopAt = started + opts.seconds * 1000;
process.stderr.write(
    `contact-load: ${opts.clients} clients for ${opts.seconds} s on ${formUrl} (Origin ${opts.origin}, tag ${opts.tag})\n`,
);
const progress = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    process.stderr.write(`contact-load: ${s.toFixed(0)} s: ${stats.created} created, ${stats.errors} errors\n`);
}, 5000);
await Promise.all(Array.from({ length: opts.clients }, (_, i) => client(i + 1)));
clearInterval(progress);
const elapsed = (performance.now() - started) / 1000;

stats.getMs.sort((a, b) => a - b);
stats.postMs.sort((a, b) => a - b);
const result = {
    created: stats.created,
    errors: stats.errors,
    tickets_per_s: Math.round((stats.created / elapsed) * 10) / 10,
    responses_303: stats.responses303,
    elapsed_s: Math.round(elapsed * 1000) / 1000,
    clients: opts.clients,
    tag: opts.tag,
    post_status: stats.postStatus,
    error_kinds: stats.errorKinds,
    get_ms: { p50: percentile(stats.getMs, 50), p99: percentile(stats.getMs, 99) },
    post_ms: { p50: percentile(stats.postMs, 50), p99: percentile(stats.postMs, 99) },
    aborted,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
