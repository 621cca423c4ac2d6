//! The program's rules as pure functions: no database, no HTTP, no clock.
//! Later issues (registration, orders, usage) call these rather than restating them.

pub mod org_type;
pub mod orgnr;
pub mod rules;

pub use org_type::{OrgType, Verdict};
pub use orgnr::{OrgGroup, OrgNumber, OrgNumberError};
