//! Support by e-mail (issue 23), the parts that need no storage: reading an incoming message
//! (`decode`), keeping only the reply above the quoted history (`quote`), and the signed
//! Message-IDs and reply addresses that thread a reply onto its ticket (`thread`). Not yet wired
//! to IMAP, the `mail-in` command or the tickets: see the issue.

pub mod decode;
pub mod quote;
pub mod thread;
