#!/usr/bin/env bash
# Hostile usage-check uploads against the release binary (issue 19, point 4). Not part of the
# test suite: run it by hand, from the repository root, after `cargo build --release`.
#
#   bash tests/bench/hostile-upload.sh            # DONERA_BIN=target/release/donera
#
# It starts the portal on a fresh SQLite database in a temp dir, registers a member and confirms
# the address (the link from the outbox), then:
#   1. four 20 MB uploads of one line of commas at once (the issue's attack), and
#   2. four clients looping on such uploads for HOSTILE_SECONDS (default 30),
# while one client loops on `GET /sv/` (and `/healthz`) and the server's peak RSS (VmHWM in
# /proc/PID/status) is read before and after. Prints the statuses the uploads got, the peak RSS
# rise, and the page latencies (p50, p99, max), also for QUIET_SECONDS (default 10) of page
# loads before any upload, to show the machine's own noise. Targets: every upload a 4xx, peak RSS rise
# < 100 MB, `GET /sv/` p99 < 50 ms.
set -euo pipefail

BIN=${DONERA_BIN:-target/release/donera}
SECONDS_LOOP=${HOSTILE_SECONDS:-30}
[[ -x $BIN ]] || { echo "no binary at $BIN (cargo build --release)" >&2; exit 2; }
BIN=$(realpath "$BIN")

TMP=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
    [[ -n ${PID:-} ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/data"
DATABASE_URL="sqlite://$TMP/data/donera.db" DONERA_DATA_DIR="$TMP/data" \
    DONERA_LISTEN="127.0.0.1:$PORT" RUST_LOG=warn \
    "$BIN" serve >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done

python3 - "$PORT" "$PID" "$TMP" "$SECONDS_LOOP" <<'PY'
import http.cookiejar, json, re, sqlite3, sys, threading, time, urllib.parse, urllib.request, uuid

port, pid, tmp, loop_seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
base = f"http://127.0.0.1:{port}"

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None

def client():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())

def request(opener, path, data=None, headers=None):
    req = urllib.request.Request(base + path, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=120) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")

def csrf(opener, path):
    status, body = request(opener, path)
    m = re.search(r'name="csrf" value="([^"]+)"', body)
    assert m, f"no csrf on {path} ({status})"
    return m.group(1)

def post_form(opener, path, fields):
    fields = [("csrf", csrf(opener, path))] + fields
    return request(opener, path, urllib.parse.urlencode(fields).encode(),
                   {"Content-Type": "application/x-www-form-urlencoded"})

def luhn_digit(digits):
    total = 0
    for i, d in enumerate(digits):
        v = d * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return (10 - total % 10) % 10

def orgnr(n):
    d = [int(c) for c in f"8020{n:05d}"]
    d.append(luhn_digit(d))
    s = "".join(map(str, d))
    return f"{s[:6]}-{s[6:]}"

def vm(key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0

# A confirmed member.
email, pw = "bench@hostile.example.org", "a long passphrase for the bench 42"
m = client()
status, _ = post_form(m, "/sv/registrera", [
    ("org_name", "Bänkföreningen"), ("org_number", orgnr(4242)),
    ("org_type", "nonprofit_association"), ("name", "Bänk Bänksson"), ("email", email),
    ("password", pw), ("password_confirm", pw), ("accept_terms", "yes")])
assert status == 303, f"registration answered {status}"
db = sqlite3.connect(f"{tmp}/data/donera.db")
for _ in range(50):
    row = db.execute("SELECT payload FROM outbox_events WHERE kind = 'member.email_verification'"
                     " ORDER BY created_at DESC LIMIT 1").fetchone()
    if row:
        break
    time.sleep(0.1)
path = json.loads(row[0])["path"]
status, _ = post_form(m, path, [])
assert status == 303, f"confirmation answered {status}"
status, _ = post_form(m, "/sv/logga-in", [("email", email), ("password", pw)])
assert status == 303, f"login answered {status}"
cookie_path = "/sv/konto/anvandning"

commas = b"Report Refresh Date," + b"," * (20 * 1024 * 1024 - 20)
boundary = "----hostile-" + uuid.uuid4().hex

bodies = {}

def upload(token):
    body = bodies.get(token)
    if body is None:
        body = bodies[token] = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"k.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + commas + f"\r\n--{boundary}--\r\n".encode()
    status, text = request(m, cookie_path, body,
                           {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    m_err = re.search(r'id="files-error"[^>]*>([^<]*)', text)
    return status, (m_err.group(1).strip() if m_err else "")

# Warm up the pages, then take the baseline.
for _ in range(50):
    request(client(), "/sv/")
token = csrf(m, cookie_path)
base_hwm, base_rss = vm("VmHWM"), vm("VmRSS")

latencies, health = [], []
stop = threading.Event()

# The same page loop with no uploads, for the machine's own noise.
quiet = []
c = client()
until = time.monotonic() + float(__import__("os").environ.get("QUIET_SECONDS", "10"))
while time.monotonic() < until:
    t = time.perf_counter()
    request(c, "/sv/")
    quiet.append((time.perf_counter() - t) * 1000)
    time.sleep(0.005)

def pages(stop_flag, out):
    # A process of its own: the upload threads would otherwise hold its interpreter lock.
    c = client()
    page, hz = [], []
    while not stop_flag.is_set():
        t = time.perf_counter()
        status, _ = request(c, "/sv/")
        page.append((time.monotonic(), (time.perf_counter() - t) * 1000))
        assert status == 200, status
        t = time.perf_counter()
        request(c, "/healthz")
        hz.append((time.monotonic(), (time.perf_counter() - t) * 1000))
        time.sleep(0.005)
    out.put((page, hz))

results, peak_rss = [], [base_rss]

def sampler():
    while not stop.is_set():
        peak_rss.append(vm("VmRSS"))
        time.sleep(0.02)

def hostile(until):
    while True:
        results.append(upload(token))
        if time.monotonic() >= until:
            return

import multiprocessing
page_stop, page_out = multiprocessing.Event(), multiprocessing.Queue()
page_proc = multiprocessing.Process(target=pages, args=(page_stop, page_out))
page_proc.start()
time.sleep(0.5)
watchers = [threading.Thread(target=sampler)]
for w in watchers:
    w.start()

# 1. Four at once.
burst_start = time.monotonic()
threads = [threading.Thread(target=hostile, args=(0,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
burst = list(results)
burst_end = time.monotonic()
burst_hwm = vm("VmHWM")

# 2. Four looping.
until = time.monotonic() + loop_seconds
threads = [threading.Thread(target=hostile, args=(until,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
stop.set()
page_stop.set()
latencies, health = page_out.get()
page_proc.join()
for w in watchers: w.join()
end_hwm = vm("VmHWM")

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")

mib = lambda b: b / (1024 * 1024)
statuses = {}
for s, _ in results:
    statuses[s] = statuses.get(s, 0) + 1
print(f"uploads: {len(results)} of 20 MB ({len(burst)} at once, then 4 looping {loop_seconds:.0f} s); statuses {statuses}")
print(f"message: {results[0][1]!r}")
print(f"peak RSS (VmHWM): before {mib(base_hwm):.1f} MiB, after the 4 at once {mib(burst_hwm):.1f} MiB, "
      f"after the loop {mib(end_hwm):.1f} MiB: rise {mib(end_hwm - base_hwm):.1f} MiB "
      f"(RSS sampled every 20 ms: max {mib(max(peak_rss)):.1f} MiB)")
print(f"GET /sv/ before, no uploads: {len(quiet)} requests, p50 {pct(quiet, 50):.1f} ms, "
      f"p99 {pct(quiet, 99):.1f} ms, max {max(quiet):.1f} ms")
during_burst = [l for t, l in latencies if burst_start <= t <= burst_end]
during_loop = [l for t, l in latencies if t > burst_end]
print(f"upload time of the 4 at once: {burst_end - burst_start:.2f} s")
for label, xs in [("during the 4 at once", during_burst), ("during the loop", during_loop),
                  ("meanwhile, all", [l for _, l in latencies])]:
    if xs:
        print(f"GET /sv/ {label}: {len(xs)} requests, p50 {pct(xs, 50):.1f} ms, "
              f"p99 {pct(xs, 99):.1f} ms, max {max(xs):.1f} ms")
hz = [l for _, l in health]
print(f"GET /healthz meanwhile: {len(hz)} requests, p99 {pct(hz, 99):.1f} ms, max {max(hz):.1f} ms")
ok = (all(400 <= s < 500 for s, _ in results) and end_hwm - base_hwm < 100 * 1024 * 1024
      and pct([l for _, l in latencies], 99) < 50)
print("targets met" if ok else "targets NOT met")
sys.exit(0 if ok else 1)
PY
