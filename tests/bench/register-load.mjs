#!/usr/bin/env node
// Registration flood against a running portal, with a probe that measures GET /sv/ meanwhile.
//
// Issue 19, point 2: while 8 clients loop on registration, GET /sv/ p99 must stay under 50 ms.
// Each registration client loops: GET the form without cookies (keeping the CSRF cookie it sets),
// POST it with a fresh organisation number and e-mail address. With --spread (the default) every
// POST carries its own X-Forwarded-For address, so that with DONERA_TRUSTED_PROXIES=127.0.0.1 the
// per-IP limit does not stop it: the worst case, a distributed flood where every registration
// gets as far as the Argon2 hash. --mode taken-org reuses one organisation number (the cheap
// refusal), --mode taken-email one member's address.
//
// Meanwhile one probe client GETs /sv/ one request after the other; first alone (baseline), then
// during the flood. Node 20, no npm dependencies. tests/bench/register-load.sh starts the
// release binary and runs this; alone:
//
//   node tests/bench/register-load.mjs --url http://127.0.0.1:8080 --clients 8 --seconds 15
//
// Output: progress on stderr; the last line on stdout is JSON with the figures.

import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

function parseArgs(argv) {
    const o = { clients: 8, seconds: 15, baseline: 5, mode: 'new', spread: true };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => argv[++i];
        switch (a) {
            case '--url': o.url = next(); break;
            case '--clients': o.clients = Number(next()); break;
            case '--seconds': o.seconds = Number(next()); break;
            case '--baseline': o.baseline = Number(next()); break;
            case '--mode': o.mode = next(); break;
            case '--no-spread': o.spread = false; break;
            default:
                process.stderr.write(`register-load: unknown argument ${a}\n`);
                process.exit(2);
        }
    }
    if (!o.url) {
        process.stderr.write('usage: node register-load.mjs --url URL [--clients N] [--seconds S] [--baseline S] [--mode new|taken-org|taken-email] [--no-spread]\n');
        process.exit(2);
    }
    return o;
}

const opts = parseArgs(process.argv.slice(2));
const base = new URL(opts.url);
const tag = randomBytes(4).toString('hex');

function request(agent, method, path, headers = {}, body = null) {
    return new Promise((resolve, reject) => {
        const req = http.request({
            host: base.hostname, port: base.port, method, path, agent,
            headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
        }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        if (body) req.write(body);
        req.end();
    });
}

// A valid Swedish organisation number (802… is a non-profit association) from a counter.
function orgnr(n) {
    const digits = ('802' + String(n % 1000000).padStart(6, '0')).split('').map(Number);
    let sum = 0;
    digits.forEach((d, i) => {
        let x = i % 2 === 0 ? d * 2 : d;
        if (x > 9) x -= 9;
        sum += x;
    });
    digits.push((10 - (sum % 10)) % 10);
    const s = digits.join('');
    return `${s.slice(0, 6)}-${s.slice(6)}`;
}

const counts = { created: 0, refused409: 0, refused429: 0, other: 0, errors: 0 };
let serial = Math.floor(Math.random() * 500000);

async function registrationClient(id, until) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (performance.now() < until) {
        try {
            const form = await request(agent, 'GET', '/sv/registrera');
            const cookies = (form.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
            const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(form.body)?.[1];
            if (!csrf) { counts.errors++; continue; }
            const n = ++serial;
            const number = opts.mode === 'taken-org' ? orgnr(1) : orgnr(n);
            const email = opts.mode === 'taken-email' ? `member-${tag}@example.org` : `r${n}-${tag}@example.org`;
            const body = new URLSearchParams({
                csrf, org_name: `Förening ${n}`, org_number: number,
                org_type: 'nonprofit_association', name: 'Bench Bänk', email,
                password: 'korrekt häst batteri', password_confirm: 'korrekt häst batteri',
                accept_terms: 'yes',
            }).toString();
            const headers = {
                cookie: cookies, 'content-type': 'application/x-www-form-urlencoded',
                origin: base.origin, 'sec-fetch-site': 'same-origin',
            };
            if (opts.spread) headers['x-forwarded-for'] = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
            const res = await request(agent, 'POST', '/sv/registrera', headers, body);
            if (res.status === 303) counts.created++;
            else if (res.status === 409) counts.refused409++;
            else if (res.status === 429) counts.refused429++;
            else counts.other++;
        } catch {
            counts.errors++;
        }
    }
    agent.destroy();
}

async function probe(until) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const times = [];
    let bad = 0;
    while (performance.now() < until) {
        const t = performance.now();
        const res = await request(agent, 'GET', '/sv/', { 'accept-encoding': 'gzip' });
        times.push(performance.now() - t);
        if (res.status !== 200) bad++;
        await new Promise((r) => setTimeout(r, 5));
    }
    agent.destroy();
    times.sort((a, b) => a - b);
    const q = (p) => times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : NaN;
    return { n: times.length, bad, p50_ms: +q(0.5).toFixed(2), p99_ms: +q(0.99).toFixed(2), max_ms: +q(1).toFixed(2) };
}

async function main() {
    if (opts.mode === 'taken-org' || opts.mode === 'taken-email') {
        // One registration that the flood then collides with.
        serial++;
        const agent = new http.Agent({ keepAlive: false });
        const form = await request(agent, 'GET', '/sv/registrera');
        const cookies = (form.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
        const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(form.body)?.[1];
        const body = new URLSearchParams({
            csrf, org_name: 'Först', org_number: orgnr(1), org_type: 'nonprofit_association',
            name: 'Först', email: `member-${tag}@example.org`, password: 'korrekt häst batteri',
            password_confirm: 'korrekt häst batteri', accept_terms: 'yes',
        }).toString();
        await request(agent, 'POST', '/sv/registrera', {
            cookie: cookies, 'content-type': 'application/x-www-form-urlencoded', origin: base.origin,
        }, body);
    }
    process.stderr.write(`baseline: GET /sv/ alone for ${opts.baseline} s\n`);
    const baseline = await probe(performance.now() + opts.baseline * 1000);
    process.stderr.write(`flood: ${opts.clients} registration clients (${opts.mode}${opts.spread ? ', spread addresses' : ''}) for ${opts.seconds} s\n`);
    const until = performance.now() + opts.seconds * 1000;
    const started = performance.now();
    const [loaded] = await Promise.all([
        probe(until),
        ...Array.from({ length: opts.clients }, (_, i) => registrationClient(i, until)),
    ]);
    const secs = (performance.now() - started) / 1000;
    const out = {
        mode: opts.mode, spread: opts.spread, clients: opts.clients, seconds: +secs.toFixed(1),
        ...counts, registrations_per_s: +((counts.created + counts.refused409 + counts.refused429) / secs).toFixed(1),
        baseline_home: baseline, loaded_home: loaded, target_p99_ms: 50,
        meets_target: loaded.p99_ms < 50 && loaded.bad === 0,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => { process.stderr.write(`register-load: ${e.stack}\n`); process.exit(1); });
