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

import net from 'node:net';
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
if (base.protocol !== 'http:') usage('--url must be http://');
const port = Number(base.port || 80);
const head = (path) =>
    Buffer.from(
        `GET ${path} HTTP/1.1\r\nHost: ${base.host}\r\nCookie: ${opts.cookie}\r\n` +
            'Accept-Language: sv\r\n\r\n',
        'latin1',
    );

// One keep-alive connection with one request at a time, on a plain socket. Node's http module
// cost about 150 µs of CPU a request, and the load runs on the core PostgreSQL runs on: the
// client's own work showed up in the portal's p99 (7.7 ms with wrk, 11-12 ms with the http
// module, same page). The portal answers with Content-Length; chunked answers are read too.
class Conn {
    constructor() {
        this.sock = null;
        this.job = null;
    }

    get(path) {
        return new Promise((resolve) => {
            if (!this.sock) this.open();
            this.job = { resolve, t0: performance.now(), chunks: [], size: 0, status: 0, length: -1, chunked: false, close: false, headEnd: -1 };
            this.sock.write(head(path));
        });
    }

    open() {
        const sock = net.connect({ host: base.hostname, port });
        sock.setNoDelay(true);
        // Events of a socket already let go (closed after `Connection: close`) are ignored.
        sock.on('data', (c) => sock === this.sock && this.data(c));
        sock.on('error', (e) => sock === this.sock && this.fail(String(e)));
        sock.on('close', () => sock === this.sock && this.fail('the connection closed'));
        this.sock = sock;
    }

    fail(error) {
        this.sock?.destroy();
        this.sock = null;
        const job = this.job;
        this.job = null;
        if (job) job.resolve({ status: 0, ms: performance.now() - job.t0, error });
    }

    data(chunk) {
        const job = this.job;
        if (!job) return;
        job.chunks.push(chunk);
        job.size += chunk.length;
        if (job.headEnd < 0) {
            const all = job.chunks.length > 1 ? Buffer.concat(job.chunks) : chunk;
            job.chunks = [all];
            const end = all.indexOf('\r\n\r\n');
            if (end < 0) return;
            job.headEnd = end + 4;
            const lines = all.toString('latin1', 0, end).split('\r\n');
            job.status = Number(lines[0].split(' ')[1]);
            for (const line of lines.slice(1)) {
                const colon = line.indexOf(':');
                const name = line.slice(0, colon).trim().toLowerCase();
                const value = line.slice(colon + 1).trim().toLowerCase();
                if (name === 'content-length') job.length = Number(value);
                else if (name === 'transfer-encoding') job.chunked = value.includes('chunked');
                else if (name === 'connection') job.close = value === 'close';
            }
        }
        let body;
        if (job.chunked) {
            body = dechunk(Buffer.concat(job.chunks).subarray(job.headEnd));
            if (!body) return;
        } else if (job.length >= 0) {
            if (job.size - job.headEnd < job.length) return;
            body = Buffer.concat(job.chunks).subarray(job.headEnd, job.headEnd + job.length);
        } else {
            return; // read to the end: fail() answers when the server closes
        }
        this.job = null;
        if (job.close) {
            this.sock.destroy();
            this.sock = null;
        }
        job.resolve({ status: job.status, ms: performance.now() - job.t0, body });
    }
}

// The body of a chunked answer, or null while it is incomplete.
function dechunk(buf) {
    const parts = [];
    let at = 0;
    for (;;) {
        const eol = buf.indexOf('\r\n', at);
        if (eol < 0) return null;
        const size = parseInt(buf.toString('latin1', at, eol), 16);
        if (Number.isNaN(size)) return Buffer.alloc(0);
        if (size === 0) return buf.length >= eol + 4 ? Buffer.concat(parts) : null;
        if (buf.length < eol + 2 + size + 2) return null;
        parts.push(buf.subarray(eol + 2, eol + 2 + size));
        at = eol + 2 + size + 2;
    }
}

const conns = Array.from({ length: opts.clients }, () => new Conn());
const get = (path) => conns[0].get(path);

async function load(path, n) {
    const times = [];
    let errors = 0;
    let next = 0;
    const t0 = performance.now();
    const client = async (conn) => {
        while (next < n) {
            next++;
            const r = await conn.get(path);
            if (r.status !== 200) errors++;
            times.push(r.ms);
        }
    };
    await Promise.all(conns.map(client));
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
for (const c of conns) c.sock?.destroy();
