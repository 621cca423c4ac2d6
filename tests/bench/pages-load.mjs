#!/usr/bin/env node
// Latency of many pages, one after another, each under the same concurrent load: for every page
// of a list, N requests from C keep-alive clients at once (a fixed number of requests, not a
// time, so a run's length follows the portal's speed), then its p50, p99 and requests/s. Used by
// tests/bench/scale.sh, where the page list is every queue filter combination and more.
//
// Node 20, no npm dependencies:
//
//   node tests/bench/pages-load.mjs --url http://127.0.0.1:8080 --cookie 'id=…' --pages FILE
//
// FILE: one page a line, `label<TAB>path<TAB>expect`; the page must answer 200 and its first
// answer must contain `expect` (checked once, before the timed requests).
//
// Options:
//   --url URL        the portal's base URL (required)
//   --cookie C       the Cookie header sent with every request (a staff session)
//   --pages FILE     the page list (required)
//   --clients N      concurrent clients (16)
//   --requests N     timed requests per page (400)
//   --warmup N       untimed requests per page first (32)
//
// Output: one JSON object a line on stdout, per page:
//   {"label":…,"path":…,"requests":N,"errors":N,"p50_ms":X,"p99_ms":X,"rps":X,"note":…}
// Exit status 0 when it ran (even with errors), 2 on bad arguments.

import http from 'node:http';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

function usage(msg) {
    if (msg) process.stderr.write(`pages-load: ${msg}\n`);
    process.stderr.write('usage: node pages-load.mjs --url URL --pages FILE [--cookie C] [--clients N] [--requests N] [--warmup N]\n');
    process.exit(2);
}

function parseArgs(argv) {
    const o = { clients: 16, requests: 400, warmup: 32, cookie: '' };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => {
            if (i + 1 >= argv.length) usage(`${a} needs a value`);
            return argv[++i];
        };
        switch (a) {
            case '--url': o.url = next(); break;
            case '--cookie': o.cookie = next(); break;
            case '--pages': o.pages = next(); break;
            case '--clients': o.clients = Number(next()); break;
            case '--requests': o.requests = Number(next()); break;
            case '--warmup': o.warmup = Number(next()); break;
            default: usage(`unknown option ${a}`);
        }
    }
    if (!o.url || !o.pages) usage('--url and --pages are required');
    for (const k of ['clients', 'requests', 'warmup']) {
        if (!Number.isInteger(o[k]) || o[k] < 0) usage(`--${k} must be a whole number`);
    }
    if (o.clients < 1 || o.requests < 1) usage('--clients and --requests must be at least 1');
    return o;
}

const opts = parseArgs(process.argv.slice(2));
const base = new URL(opts.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients });

function get(path) {
    return new Promise((resolve) => {
        const t0 = performance.now();
        const req = http.request(
            {
                host: base.hostname,
                port: base.port,
                path,
                method: 'GET',
                agent,
                headers: { cookie: opts.cookie, 'accept-language': 'sv' },
            },
            (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () =>
                    resolve({ status: res.statusCode, ms: performance.now() - t0, body: Buffer.concat(chunks) }),
                );
            },
        );
        req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, error: String(e) }));
        req.end();
    });
}

async function load(path, n) {
    const times = [];
    let errors = 0;
    let next = 0;
    const t0 = performance.now();
    const client = async () => {
        while (next < n) {
            next++;
            const r = await get(path);
            if (r.status !== 200) errors++;
            times.push(r.ms);
        }
    };
    await Promise.all(Array.from({ length: opts.clients }, client));
    const seconds = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
    return { errors, p50: at(0.5), p99: at(0.99), rps: n / seconds };
}

const lines = readFileSync(opts.pages, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
for (const line of lines) {
    const [label, path, expect = ''] = line.split('\t');
    const first = await get(path);
    let note = '';
    if (first.status !== 200) note = `answered ${first.status}`;
    else if (expect && !first.body.includes(expect)) note = `lacks '${expect}'`;
    if (opts.warmup > 0) await load(path, opts.warmup);
    const r = await load(path, opts.requests);
    const round = (x) => Math.round(x * 100) / 100;
    process.stdout.write(
        JSON.stringify({
            label,
            path,
            requests: opts.requests,
            errors: r.errors + (note ? 1 : 0),
            p50_ms: round(r.p50),
            p99_ms: round(r.p99),
            rps: Math.round(r.rps),
            note,
        }) + '\n',
    );
}
agent.destroy();
