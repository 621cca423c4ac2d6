//! Issue 22: see src/tickets/ and src/overview/staff_home.rs.
