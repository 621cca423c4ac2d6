//! A real Dovecot (Debian's `dovecot-imapd`) for the IMAP tests: its own config, certificates,
//! mail and sockets in a temporary folder, free ports on 127.0.0.1, started as a child of the
//! test and stopped when the handle is dropped. Never the system service.
//!
//! Gotchas met (Dovecot 2.3.19, as root in a container):
//! - Dovecot refuses to run mail processes as UID 0 ("Mail access for users with UID 0 not
//!   permitted"), hard-coded: mail is owned by `nobody` (65534) and `first_valid_uid` lowered.
//! - `tempfile` makes the folder 0700: the mail processes (nobody), the auth process (user
//!   `dovecot`) and the chrooted login processes (`dovenull`) need to traverse it, so it is
//!   chmod'ed 0755, the passwd-file is 0644, and the mail and home folders belong to nobody.
//! - `-c <conf>` replaces /etc/dovecot/dovecot.conf entirely: nothing of conf.d is read, so
//!   everything needed is spelled out, including `protocols = imap` (else pop3/lmtp/submission
//!   listeners of the defaults would try to start on their standard ports).
//! - Each instance needs its own `base_dir` (sockets, the master pid file) and `state_dir`,
//!   otherwise two test instances (or the system one) collide: "Dovecot is already running".
//! - `auth_failure_delay` (default 2 s) is set to 0 so the wrong-password test is quick.
//! - `mailbox_idle_check_interval` (default 30 s) is the fallback when inotify is missing;
//!   1 s makes IDLE prompt even there.
//! - The default maildir layout's separator is `.` (folder `Donera.Processed`), `LAYOUT=fs`
//!   gives `/`: both are exercised.
//! - `imap_capability` replaces the whole post-login CAPABILITY list: it hides MOVE (Dovecot
//!   would still obey a MOVE command, but a correct client only sends what is advertised).
//! - oauth2 passdb: `introspection_mode = post` sends `token=<token>` as a form body; with
//!   `active_attribute` set, `force_introspection = yes` is needed; the user name is compared
//!   with `username_attribute` of the JSON answer (normalised by `username_format = %Lu`).
//! - Stop with SIGTERM (the master then ends its children); SIGKILL to the master alone would
//!   leave imap/auth children orphaned until they notice the master's pipe closed.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use crate::external::Pki;

pub const USER: &str = "support@example.org";
pub const PASSWORD: &str = "S3cret-pa55%word";
const NOBODY: u32 = 65534;

/// Which variant of the server to start.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Maildir with `LAYOUT=fs`: `/` as hierarchy separator (default layout: `.`).
    pub layout_fs: bool,
    /// Leave MOVE out of the advertised capabilities (UIDPLUS stays).
    pub hide_move: bool,
    /// Log in by OAuth 2 bearer tokens (XOAUTH2), checked at this introspection URL, instead
    /// of the passwd-file.
    pub oauth2_introspection_url: Option<String>,
}

pub struct Dovecot {
    pub dir: tempfile::TempDir,
    pub imap_port: u16,
    pub imaps_port: u16,
    pub pki: Pki,
    child: Option<Child>,
}

/// A port that was free a moment ago (bound to :0, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn chown_nobody(path: &Path) {
    std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).unwrap();
}

impl Dovecot {
    pub fn start(options: Options) -> Dovecot {
        assert!(
            Path::new("/usr/sbin/dovecot").exists(),
            "Dovecot is missing: apt-get install -y dovecot-imapd"
        );
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        // The suite's private CA and server certificate (the SMTP and nginx tests use the same).
        let pki = Pki::new();
        std::fs::copy(pki.path("cert.pem"), d.join("server.crt")).unwrap();
        std::fs::copy(pki.path("key.pem"), d.join("server.key")).unwrap();
        std::fs::set_permissions(d.join("server.key"), std::fs::Permissions::from_mode(0o600))
            .unwrap();
        // passwd-file: user:{scheme}password:uid:gid:gecos:home:shell:extra
        std::fs::write(
            d.join("passwd"),
            format!("{USER}:{{PLAIN}}{PASSWORD}::::::\n"),
        )
        .unwrap();
        std::fs::set_permissions(d.join("passwd"), std::fs::Permissions::from_mode(0o644)).unwrap();
        for sub in ["mail", "home"] {
            std::fs::create_dir(d.join(sub)).unwrap();
            chown_nobody(&d.join(sub));
        }
        let imap_port = free_port();
        let imaps_port = free_port();
        let conf = config(d, imap_port, imaps_port, &options);
        std::fs::write(d.join("dovecot.conf"), conf).unwrap();
        if let Some(url) = &options.oauth2_introspection_url {
            std::fs::write(
                d.join("oauth2.conf.ext"),
                format!(
                    "introspection_mode = post\n\
                     introspection_url = {url}\n\
                     force_introspection = yes\n\
                     username_attribute = username\n\
                     active_attribute = active\n\
                     active_value = true\n\
                     timeout_msecs = 5000\n"
                ),
            )
            .unwrap();
            std::fs::set_permissions(
                d.join("oauth2.conf.ext"),
                std::fs::Permissions::from_mode(0o644),
            )
            .unwrap();
        }
        let child = Command::new("/usr/sbin/dovecot")
            .arg("-F")
            .arg("-c")
            .arg(d.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("stderr.log")).unwrap())
            .spawn()
            .unwrap();
        let mut dovecot = Dovecot {
            dir,
            imap_port,
            imaps_port,
            pki,
            child: Some(child),
        };
        dovecot.wait_ready();
        dovecot
    }

    /// Polls both ports until they accept a connection (or the child died, or 30 s passed).
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        for port in [self.imap_port, self.imaps_port] {
            loop {
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    break;
                }
                if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().unwrap()) {
                    panic!("Dovecot exited ({status}) at start:\n{}", self.logs());
                }
                assert!(
                    Instant::now() < deadline,
                    "Dovecot did not listen on {port} within 30 s:\n{}",
                    self.logs()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Dovecot's log file and its stderr, for failure messages.
    pub fn logs(&self) -> String {
        let read = |n: &str| std::fs::read_to_string(self.path(n)).unwrap_or_default();
        format!("{}{}", read("dovecot.log"), read("stderr.log"))
    }

    fn user_part() -> String {
        USER.replace('@', "%40")
    }

    fn password_part() -> String {
        PASSWORD.replace('%', "%25")
    }

    pub fn imaps_url(&self) -> String {
        format!(
            "imaps://{}:{}@127.0.0.1:{}/INBOX",
            Self::user_part(),
            Self::password_part(),
            self.imaps_port
        )
    }

    pub fn starttls_url(&self) -> String {
        format!(
            "imap://{}:{}@127.0.0.1:{}/INBOX?tls=starttls",
            Self::user_part(),
            Self::password_part(),
            self.imap_port
        )
    }

    pub fn plain_url(&self) -> String {
        format!(
            "imap://{}:{}@127.0.0.1:{}/INBOX",
            Self::user_part(),
            Self::password_part(),
            self.imap_port
        )
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        // SIGTERM: the master stops its children too. SIGKILL only if it does not end.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn config(d: &Path, imap_port: u16, imaps_port: u16, o: &Options) -> String {
    let d = d.display();
    let layout = if o.layout_fs { ":LAYOUT=fs" } else { "" };
    let capability = if o.hide_move {
        // The whole post-login list (Dovecot 2.3's default minus MOVE).
        "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY \
         THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE \
         UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH \
         ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY SPECIAL-USE SAVEDATE\n"
    } else {
        ""
    };
    let (mechanisms, passdb) = match &o.oauth2_introspection_url {
        None => (
            "plain login",
            format!(
                "passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {d}/passwd\n}}\n"
            ),
        ),
        Some(_) => (
            "xoauth2 oauthbearer",
            format!(
                "passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {d}/oauth2.conf.ext\n}}\n"
            ),
        ),
    };
    format!(
        "# Written by the Donera IMAP tests; see tests/support/dovecot.rs for the gotchas.
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
info_log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{d}/server.crt
ssl_key = <{d}/server.key
ssl_dh = </usr/share/dovecot/dh.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
auth_failure_delay = 0
mail_location = maildir:{d}/mail/%u{layout}
mail_uid = {NOBODY}
mail_gid = {NOBODY}
first_valid_uid = 1
first_valid_gid = 1
mailbox_idle_check_interval = 1 secs
{capability}{passdb}userdb {{
  driver = static
  args = uid={NOBODY} gid={NOBODY} home={d}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
"
    )
}
