//! The arrows between the top-level modules run one way (ARCHITECTURE.md): plumbing imports no
//! feature, a feature never imports another feature's pages (`handlers`, `staff`, `views`) or a
//! module above the features, and no two top-level modules import each other, directly or round
//! a loop. A scan of the `crate::…` paths in `src/` is enough to hold it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Shared plumbing: imports no feature and nothing above the features.
const PLUMBING: [&str; 13] = [
    "web", "db", "i18n", "imap", "outbox", "config", "error", "clock", "cache", "throttle",
    "audit", "files", "storage",
];
/// The features, each a room of its own.
const FEATURES: [&str; 9] = [
    "accounts",
    "eligibility",
    "faq",
    "mail_in",
    "orders",
    "public",
    "tickets",
    "usage",
    "validation",
];
/// Above the features: pages and jobs that span several, and the operator's commands.
const ABOVE: [&str; 5] = ["overview", "upkeep", "metrics", "ops", "privacy"];
/// A feature's page modules, which only its own routes and the modules above may use.
const PAGES: [&str; 3] = ["handlers", "staff", "views"];

/// Each top-level module's `crate::` paths: (importing module, imported path segments).
fn imports(module: &str, source: &str) -> Vec<(String, Vec<String>)> {
    let mut out = vec![];
    for line in source.lines() {
        // Comments name modules in prose and doc links; they import nothing.
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c}`: each entry is a path of its own.
                let end = group.find('}').unwrap_or(group.len());
                for entry in group[..end].split(',') {
                    let segs = segments(entry.trim());
                    if !segs.is_empty() {
                        out.push((module.to_owned(), segs));
                    }
                }
                continue;
            }
            let segs = segments(rest);
            if !segs.is_empty() {
                out.push((module.to_owned(), segs));
            }
        }
    }
    out
}

/// `a::b::c` up to the first character that cannot be in a module path.
fn segments(s: &str) -> Vec<String> {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(s.len());
    s[..end]
        .split("::")
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// The top-level module a file of `src/` belongs to; `None` for the crate root.
fn top_module(src: &Path, file: &str) -> Option<String> {
    let rel = Path::new(file).strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_owned();
    (name != "lib" && name != "main").then_some(name)
}

/// Every rule broken by `imports`, as sentences.
fn violations(imports: &[(String, Vec<String>)]) -> Vec<String> {
    let is = |list: &[&str], m: &str| list.contains(&m);
    let mut found = BTreeSet::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, segs) in imports {
        let to = segs[0].as_str();
        // Items of the crate root (`crate::AppState`, `crate::random_hex`) belong to no module.
        if to == from || !to.starts_with(|c: char| c.is_ascii_lowercase()) || to == "random_hex" {
            continue;
        }
        graph.entry(from.clone()).or_default().insert(to.to_owned());
        if is(&PLUMBING, from) && (is(&FEATURES, to) || is(&ABOVE, to)) {
            found.insert(format!("plumbing `{from}` imports `{to}`"));
        }
        if is(&FEATURES, from) && is(&ABOVE, to) {
            found.insert(format!(
                "feature `{from}` imports `{to}`, which sits above it"
            ));
        }
        if is(&FEATURES, from) && is(&FEATURES, to) && segs.get(1).is_some_and(|s| is(&PAGES, s)) {
            found.insert(format!(
                "feature `{from}` imports `{to}::{}`: use its model or service",
                segs[1]
            ));
        }
    }
    // A loop between top-level modules, found by a depth-first walk.
    fn walk(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut BTreeSet<String>,
    ) {
        if let Some(i) = path.iter().position(|p| p == n) {
            found.insert(format!("import cycle: {} -> {n}", path[i..].join(" -> ")));
            return;
        }
        if !done.insert(n.to_owned()) {
            return;
        }
        path.push(n.to_owned());
        for next in graph.get(n).into_iter().flatten() {
            walk(next, graph, path, done, found);
        }
        path.pop();
    }
    for n in graph.keys() {
        walk(n, &graph, &mut vec![], &mut BTreeSet::new(), &mut found);
    }
    found.into_iter().collect()
}

#[test]
fn the_arrows_between_modules_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    sources(&src, &mut files);
    let mut all = vec![];
    let mut modules = BTreeSet::new();
    for (file, text) in &files {
        if let Some(m) = top_module(&src, file) {
            modules.insert(m.clone());
            all.extend(imports(&m, text));
        }
    }
    // Every module is placed in a layer, so a new one has to be placed too.
    for m in &modules {
        assert!(
            PLUMBING.contains(&m.as_str())
                || FEATURES.contains(&m.as_str())
                || ABOVE.contains(&m.as_str()),
            "src/{m} is in no layer: add it to ARCHITECTURE.md and to this test"
        );
    }
    let broken = violations(&all);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_scan_catches_what_it_forbids() {
    let v = |m: &str, s: &str| violations(&imports(m, s));
    assert!(v("tickets", "use crate::orders::model::find;").is_empty());
    assert_eq!(v("tickets", "use crate::orders::handlers::show;").len(), 1);
    assert_eq!(
        v("tickets", "let x = crate::validation::views::age(1);").len(),
        1
    );
    assert_eq!(v("web", "use crate::accounts::model::User;").len(), 1);
    assert_eq!(v("outbox", "use crate::{db, tickets::service};").len(), 1);
    assert_eq!(v("accounts", "use crate::overview::dashboard;").len(), 1);
    assert!(v("web", "// see crate::accounts::auth").is_empty());
    let mut both = imports("orders", "use crate::tickets::model::Ticket;");
    both.extend(imports("tickets", "use crate::orders::model::Order;"));
    let cycle = violations(&both);
    assert!(
        cycle.iter().any(|c| c.starts_with("import cycle")),
        "{cycle:?}"
    );
}
