//! Support by e-mail (issue 23): reading an incoming message (`decode`), keeping only the reply
//! above the quoted history (`quote`), the signed Message-IDs and reply addresses that thread a
//! reply onto its ticket (`thread`), and storing each message once on the right ticket
//! (`receive`), which `donera mail-in` (a pipe from the MTA) and the IMAP poller (`poller`, over
//! `crate::imap`) call; files too big to keep are cut out before decoding (`outsized`).

pub mod decode;
mod outsized;
pub mod poller;
pub mod quote;
pub mod receive;
pub mod thread;
