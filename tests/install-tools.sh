#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain, when it is missing and this runs as
# root (as in CI); otherwise names the command to run and fails.
#   - chromium: the browser suite; Java: the Nu Html Checker; nginx: the reverse-proxy test;
#     Dovecot: the IMAP tests of support by e-mail (each test starts its own on free ports);
#     systemd-analyze (package systemd): the unit-file check; the npm packages of tests/browser.
# `.ci/run` starts it in the background while the Rust code is checked: it is mostly waiting on
# the network and the disk.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[[ -x /usr/sbin/nginx ]] || missing+=(nginx)
[[ -x /usr/sbin/dovecot ]] || missing+=(dovecot-imapd)
[[ -x /usr/bin/systemd-analyze ]] || missing+=(systemd)
if (( ${#missing[@]} > 0 )); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        # Debian starts nginx on port 80 after installing it; the tests run their own.
        if [[ " ${missing[*]} " == *" nginx "* ]]; then
            nginx -s stop >/dev/null 2>&1 || true
        fi
        # Likewise Dovecot on 143/993; the tests run their own instances.
        if [[ " ${missing[*]} " == *" dovecot-imapd "* ]]; then
            doveadm stop >/dev/null 2>&1 || true
        fi
    else
        echo "Missing: ${missing[*]}. Install them with:" >&2
        echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
fi
if [[ ! -d tests/browser/node_modules ]]; then
    (cd tests/browser && npm ci --no-audit --no-fund)
fi
