#!/usr/bin/env python3
"""Support by e-mail at speed (issue #23): the portal's IMAP poller against a local Dovecot.

MAILIN_MESSAGES messages (10,000) wait in the support mailbox: new requests from many senders,
answers to those tickets (by the requester, with the ticket number in the subject and the quoted
e-mail below), HTML-only mail, Windows-1252 and ISO-8859-1 mail, small attachments. The release
binary starts on a fresh SQLite database with DONERA_IMAP_URL pointing at the mailbox; the rate is
the messages moved to the done folder (each is stored before it is moved) per second, from the
first to the last. Then, once the outbox has mailed the confirmations of those tickets (it reads
the memory-mapped database as it goes, which would be counted against the big message), one
25 MB message arrives, and the portal's peak RSS before and after it is compared with the
message's size.

Targets: >= 200 messages/s on SQLite; memory flat (the portal's anonymous memory, RssAnon, at
its highest over the 10,000 no more than 16 MiB above its highest over the first 1,000: the
file-backed part is SQLite's memory-mapped database, which grows with the data and is the
kernel's to drop), and the 25 MB message raising the peak RSS by no more than its own size.
Each line says "target met" or "target missed"; exit status 1 when one is missed.

Run by hand from the repository root after `cargo build --release` (Dovecot from Debian's
dovecot-imapd, as root: it chowns the mail to `nobody`):

    python3 tests/bench/mail-in.py

Settings (environment): DONERA_BIN (target/release/donera), MAILIN_MESSAGES (10000),
MAILIN_BIG_MB (25), MAILIN_DIR (target/bench/mail-in; its contents are replaced).
"""

import base64
import imaplib
import os
import random
import shutil
import signal
import sqlite3
import socket
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("DONERA_BIN", os.path.join(ROOT, "target/release/donera"))
MESSAGES = int(os.environ.get("MAILIN_MESSAGES", "10000"))
BIG_MB = int(os.environ.get("MAILIN_BIG_MB", "25"))
DIR = os.path.abspath(os.environ.get("MAILIN_DIR", os.path.join(ROOT, "target/bench/mail-in")))
USER = "support@bench.example.org"
PASSWORD = "bench-password"
NOBODY = 65534
DONE = "Donera.Processed"  # Dovecot's default maildir layout separates folders with "."

WORDS = ("licens licenser licenserna validering intyg organisationsnummer förening styrelse "
         "beställning faktura molntjänst tjänster konto inloggning lösenord nonprofit office "
         "teams azure windows server rabatt donation stadgar årsmöte kassör ordförande").split()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def message(i, rng):
    """One raw message: (bytes). Roughly a real support mailbox's mix."""
    kind = i % 10
    sender = f"person{i % 2000}@forening{i % 700}.se"
    mid = f"<bench-{i}@forening{i % 700}.se>"
    head = f"From: Person {i % 2000} <{sender}>\r\nTo: {USER}\r\nMessage-ID: {mid}\r\n" \
           f"Date: Fri, 04 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
    if kind < 5:  # a new request, UTF-8 text
        return (head + f"Subject: Fråga om {rng.choice(WORDS)} {i}\r\n"
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + text(rng, 60) + "\r\n\r\nHälsningar\r\nPerson\r\n").encode()
    if kind < 7:  # an answer with the quote below, by the requester of an earlier request
        earlier = i - (kind - 4)
        sender = f"person{earlier % 2000}@forening{earlier % 700}.se"
        head = head.replace(f"<person{i % 2000}@forening{i % 700}.se>", f"<{sender}>")
        number = f"D-2026-{(earlier // 10) * 8 + (earlier % 10) + 1:05d}"
        return (head + f"Subject: SV: [{number}] Vi har tagit emot ditt ärende\r\n"
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + text(rng, 30) + "\r\n\r\nDen 3 dec. 2026 kl. 14:05 skrev Support <support@x.se>:\r\n"
                + "".join(f"> {text(rng, 12)}\r\n" for _ in range(12))).encode()
    if kind == 7:  # HTML only
        body = "<html><body><p>" + text(rng, 50) + "</p><div class=\"gmail_quote\"><p>" \
               + text(rng, 80) + "</p></div></body></html>"
        return (head + f"Subject: Hjälp {i}\r\nContent-Type: text/html; charset=utf-8\r\n"
                "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n").encode()
    if kind == 8:  # Windows-1252, quoted-printable
        return (head + f"Subject: =?windows-1252?Q?Fr=E5ga_{i}?=\r\n"
                "Content-Type: text/plain; charset=windows-1252\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                "Hej! Vi har en fr=E5ga om v=E5r f=F6rening och licenserna.\r\n").encode()
    # A small attachment (a text file), ISO-8859-1 text
    att = base64.b64encode(("rad " * 400).encode()).decode()
    return (head + f"Subject: Bifogad logg {i}\r\n"
            "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
            "Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
            + "Loggen bifogas, h\xe4lsningar.\r\n" + "--b\r\n"
            "Content-Type: text/plain; name=\"logg.txt\"\r\n"
            "Content-Disposition: attachment; filename=\"logg.txt\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + att + "\r\n--b--\r\n").encode("latin-1")


def dovecot(d, port):
    os.chmod(d, 0o755)
    with open(os.path.join(d, "passwd"), "w") as f:
        f.write(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    os.chmod(os.path.join(d, "passwd"), 0o644)
    for sub in ("run", "state", "home"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    conf = f"""
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{d}/mail/%u
mail_uid = {NOBODY}
mail_gid = {NOBODY}
first_valid_uid = 1
first_valid_gid = 1
mailbox_idle_check_interval = 1 secs
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={NOBODY} gid={NOBODY} home={d}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""
    with open(os.path.join(d, "dovecot.conf"), "w") as f:
        f.write(conf)
    proc = subprocess.Popen(["/usr/sbin/dovecot", "-F", "-c", os.path.join(d, "dovecot.conf")])
    deadline = time.time() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                sys.exit(f"Dovecot did not start; see {d}/dovecot.log")
            time.sleep(0.05)


def fill_maildir(d, count):
    """Writes the messages straight into INBOX's maildir (APPENDing 10,000 would take longer than
    the run itself); Dovecot indexes them at the first SELECT."""
    box = os.path.join(d, "mail", USER)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(box, sub), exist_ok=True)
    rng = random.Random(42)
    total = 0
    for i in range(count):
        raw = message(i, rng)
        total += len(raw)
        # Maildir names sort by delivery time: the oldest is read first.
        path = os.path.join(box, "new", f"{1764836400 + i}.M{i}P1.bench")
        with open(path, "wb") as f:
            f.write(raw)
    for root, dirs, files in os.walk(os.path.join(d, "mail")):
        os.chown(root, NOBODY, NOBODY)
        for name in files:
            os.chown(os.path.join(root, name), NOBODY, NOBODY)
    return total


def counts(port):
    m = imaplib.IMAP4("127.0.0.1", port)
    m.login(USER, PASSWORD)
    inbox = int(m.select("INBOX", readonly=True)[1][0])
    typ, data = m.select(DONE, readonly=True)
    done = int(data[0]) if typ == "OK" else 0
    m.logout()
    return inbox, done


def pending_mail(directory):
    """Outbox events the portal has yet to deliver (read beside it: SQLite in WAL mode)."""
    db = sqlite3.connect(f"file:{directory}/portal.db?mode=ro", uri=True, timeout=30)
    try:
        return db.execute("SELECT count(*) FROM outbox_events WHERE state = 'pending'").fetchone()[0]
    finally:
        db.close()


def status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # MiB
    return 0.0


def main():
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} is missing: cargo build --release")
    shutil.rmtree(DIR, ignore_errors=True)
    os.makedirs(DIR)
    port = free_port()
    size = fill_maildir(DIR, MESSAGES)
    print(f"{MESSAGES} messages, {size / 1e6:.1f} MB, in the mailbox")
    dc = dovecot(DIR, port)
    missed = False
    try:
        counts(port)  # Dovecot indexes the maildir now, not during the timed run
        env = {
            "PATH": os.environ.get("PATH", ""),
            "DATABASE_URL": f"sqlite://{DIR}/portal.db",
            "DONERA_DATA_DIR": f"{DIR}/data",
            "DONERA_LISTEN": "127.0.0.1:0",
            "DONERA_SECRET_KEY": "bench-secret-key-0123456789abcdef0123456789",
            "DONERA_SUPPORT_EMAIL": USER,
            "DONERA_CONTACT_EMAIL_LIMIT_PER_HOUR": "0",
            "DONERA_IMAP_URL": f"imap://{USER.replace('@', '%40')}:{PASSWORD}@127.0.0.1:{port}/INBOX",
            "RUST_LOG": "warn",
        }
        log = open(os.path.join(DIR, "portal.log"), "w")
        portal = subprocess.Popen([BIN], env=env, cwd=DIR, stdout=log, stderr=subprocess.STDOUT)
        try:
            first = None
            hwm_1k = None
            anon = 0.0
            anon_1k = None
            deadline = time.time() + 600
            while True:
                inbox, done = counts(port)
                now = time.time()
                anon = max(anon, status(portal.pid, "RssAnon"))
                if done and first is None:
                    first = (now, done)
                if hwm_1k is None and done >= min(1000, MESSAGES):
                    hwm_1k = status(portal.pid, "VmHWM")
                    anon_1k = anon
                if done >= MESSAGES:
                    break
                if now > deadline or portal.poll() is not None:
                    sys.exit(f"stopped at {done} of {MESSAGES}; see {DIR}/portal.log")
                time.sleep(0.2)
            elapsed = now - first[0]
            rate = (done - first[1]) / elapsed if elapsed > 0 else float("inf")
            hwm = status(portal.pid, "VmHWM")
            ok = rate >= 200
            missed |= not ok
            print(f"rate: {rate:.0f} messages/s over {done - first[1]} messages in {elapsed:.1f} s "
                  f"(target >= 200): {'target met' if ok else 'target missed'}")
            flat = anon - anon_1k <= 16
            missed |= not flat
            print(f"anonymous memory (RssAnon, highest seen): {anon_1k:.1f} MiB over the first "
                  f"1,000, {anon:.1f} MiB over {done} (target: within 16 MiB): "
                  f"{'target met' if flat else 'target missed'}")
            print(f"peak RSS (VmHWM, with the mapped database): {hwm_1k:.1f} MiB after 1,000, "
                  f"{hwm:.1f} MiB after {done} (no target)")

            # One big message: a 25 MB attachment (base64 in the mail).
            blob = base64.encodebytes(os.urandom(BIG_MB * 1024 * 1024 * 3 // 4)).replace(b"\n", b"\r\n")
            big = (f"From: big@forening.se\r\nTo: {USER}\r\nMessage-ID: <big@forening.se>\r\n"
                   "Subject: Stor fil\r\nMIME-Version: 1.0\r\n"
                   "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                   "Content-Type: text/plain; charset=utf-8\r\n\r\nSe bilagan.\r\n--b\r\n"
                   "Content-Type: application/pdf; name=\"stor.pdf\"\r\n"
                   "Content-Transfer-Encoding: base64\r\n\r\n").encode() + blob + b"\r\n--b--\r\n"
            # The outbox is still mailing the 10,000 tickets' confirmations, reading the mapped
            # database as it goes: wait until it is done, or that work would be counted as the
            # big message's.
            quiet_by = time.time() + 300
            while pending_mail(DIR) > 0:
                if time.time() > quiet_by or portal.poll() is not None:
                    sys.exit(f"the outbox did not empty; see {DIR}/portal.log")
                time.sleep(0.2)
            before = status(portal.pid, "VmHWM")
            m = imaplib.IMAP4("127.0.0.1", port)
            m.login(USER, PASSWORD)
            m.append("INBOX", None, None, big)
            m.logout()
            anon_before = status(portal.pid, "RssAnon")
            file_before = status(portal.pid, "RssFile")
            anon_big = anon_before
            while counts(port)[1] < MESSAGES + 1:
                if time.time() > deadline or portal.poll() is not None:
                    sys.exit(f"the big message was not processed; see {DIR}/portal.log")
                anon_big = max(anon_big, status(portal.pid, "RssAnon"))
                time.sleep(0.01)
            after = status(portal.pid, "VmHWM")
            mb = len(big) / 1024 / 1024
            ok = after - before <= mb
            missed |= not ok
            print(f"a {mb:.1f} MiB message: peak RSS {before:.1f} -> {after:.1f} MiB "
                  f"(+{after - before:.1f}; target <= +{mb:.1f}): "
                  f"{'target met' if ok else 'target missed'}; anonymous memory {anon_before:.1f} "
                  f"-> {anon_big:.1f} MiB at its highest seen, mapped files {file_before:.1f} -> "
                  f"{status(portal.pid, 'RssFile'):.1f} MiB")
        finally:
            portal.send_signal(signal.SIGTERM)
            portal.wait(timeout=30)
    finally:
        dc.send_signal(signal.SIGTERM)
        dc.wait(timeout=30)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
