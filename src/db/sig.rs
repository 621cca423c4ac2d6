//! Word signatures: a Bloom filter of a row's words, kept in the row and in the indexes a walk
//! reads, so the walk lets go of a row that cannot hold a word before it looks the word up. A
//! clear bit proves every word with that prefix absent; a set bit proves nothing.
//!
//! Each word of four letters or more sets one bit for its first four letters and, from seven
//! letters, one for its first seven. A search word, which finds the words it begins, is tested by
//! its first seven letters, or its first four when it is shorter: any word it begins set that
//! very bit. Words under four letters set and test nothing.
//!
//! The bits are stored (SQLite's `tickets.terms_sig`, migration 000040): changing [`BYTES`],
//! the prefix lengths or the hash means rewriting every stored signature in a migration.
//! SQLite reads them through the functions [`register`] adds to each connection.

use diesel::sql_types::{Binary, Nullable, Text};
use diesel::sqlite::SqliteAggregateFunction;
use diesel::{QueryResult, SqliteConnection};

/// The size of a signature: 512 bits. A ticket of 60 words sets some 90, so about one word in
/// six that a ticket lacks still finds its bit set.
pub const BYTES: usize = 64;

/// The prefixes a word sets a bit for, in letters, shortest first.
const PREFIXES: [usize; 2] = [4, 7];

pub type Sig = [u8; BYTES];

diesel::define_sql_function! {
    /// True unless `sig` proves a word of `mask` absent (NULL: nothing known, true).
    fn sig_has(sig: Nullable<Binary>, mask: Binary) -> Bool;
}

diesel::define_sql_function! {
    /// `sig` with the bits of `more` set too (NULL counts as no bits).
    fn sig_or(sig: Nullable<Binary>, more: Binary) -> Nullable<Binary>;
}

diesel::define_sql_function! {
    /// The signature of a group's words (no words: no bits).
    #[aggregate]
    fn sig_of_terms(term: Text) -> Binary;
}

/// The first `n` letters of `word`, if it has that many.
fn prefix(word: &str, n: usize) -> Option<&str> {
    match word.char_indices().nth(n) {
        Some((end, _)) => Some(&word[..end]),
        None => (word.chars().count() == n).then_some(word),
    }
}

/// The bit a prefix sets: FNV-1a, 64 bits, over its UTF-8 bytes. Part of the stored format.
fn bit(prefix: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in prefix.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h % (BYTES as u64 * 8)) as usize
}

fn set(sig: &mut Sig, bit: usize) {
    sig[bit / 8] |= 1 << (bit % 8);
}

/// Adds a stored word's bits to `sig`.
pub fn add(sig: &mut Sig, word: &str) {
    for n in PREFIXES {
        if let Some(p) = prefix(word, n) {
            set(sig, bit(p));
        }
    }
}

/// The signature of `words`.
pub fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Sig {
    let mut sig = [0; BYTES];
    for w in words {
        add(&mut sig, w);
    }
    sig
}

/// The bits a row must have to hold a word beginning with each of `words`; `None` when no word
/// is long enough to test.
pub fn mask<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<Sig> {
    let mut mask = [0; BYTES];
    let mut any = false;
    for w in words {
        if let Some(p) = PREFIXES.iter().rev().find_map(|n| prefix(w, *n)) {
            set(&mut mask, bit(p));
            any = true;
        }
    }
    any.then_some(mask)
}

/// The numbers of `mask`'s set bits, for PostgreSQL's test of a signature
/// (`tickets::queue::VectorWalk`). PostgreSQL numbers a `bytea`'s bits as [`set`] does (bit n is
/// bit n % 8, from the least significant, of byte n / 8), so `get_bit` reads the very bit.
pub fn bits(mask: &Sig) -> impl Iterator<Item = usize> + '_ {
    (0..BYTES * 8).filter(|b| mask[b / 8] & (1 << (b % 8)) != 0)
}

/// Whether `sig` may hold words with all of `mask`'s bits. A signature of another size (none
/// is written) proves nothing.
pub fn covers(sig: &[u8], mask: &[u8]) -> bool {
    sig.len() != mask.len() || sig.iter().zip(mask).all(|(s, m)| s & m == *m)
}

#[derive(Default)]
struct Gather(Option<Sig>);

impl SqliteAggregateFunction<String> for Gather {
    type Output = Vec<u8>;

    fn step(&mut self, word: String) {
        add(self.0.get_or_insert([0; BYTES]), &word);
    }

    fn finalize(gathered: Option<Self>) -> Vec<u8> {
        gathered.and_then(|g| g.0).unwrap_or([0; BYTES]).to_vec()
    }
}

/// Adds `sig_has`, `sig_or` and `sig_of_terms` to a SQLite connection.
pub fn register(conn: &mut SqliteConnection) -> QueryResult<()> {
    sig_has_utils::register_impl(conn, |sig: Option<Vec<u8>>, mask: Vec<u8>| {
        sig.is_none_or(|s| covers(&s, &mask))
    })?;
    sig_or_utils::register_impl(conn, |sig: Option<Vec<u8>>, more: Vec<u8>| match sig {
        None => Some(more),
        Some(s) if s.len() == more.len() => Some(s.iter().zip(&more).map(|(a, b)| a | b).collect()),
        // Another size cannot be combined: nothing known, which lets every search test it.
        Some(_) => None,
    })?;
    sig_of_terms_utils::register_impl::<Gather, _>(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: [&str; 12] = [
        "licensnyckeln",
        "serverlicens",
        "azure",
        "kalender",
        "molntjansterna",
        "forening",
        "asa",
        "d",
        "2026",
        "00017",
        "förening",
        "stiftelsen",
    ];

    /// The mask of words that are all long enough to test.
    fn bits<'a>(words: impl IntoIterator<Item = &'a str>) -> Sig {
        mask(words).expect("a word of four letters or more")
    }

    #[test]
    fn every_search_word_a_stored_word_begins_finds_its_bits() {
        let sig = of(WORDS);
        for w in WORDS {
            let letters: Vec<char> = w.chars().collect();
            for n in 1..=letters.len() {
                let begins: String = letters[..n].iter().collect();
                match mask([begins.as_str()]) {
                    Some(m) => assert!(covers(&sig, &m), "{begins} in {w}"),
                    None => assert!(n < 4, "{begins}: four letters are tested"),
                }
            }
        }
        // Every word of a search at once.
        assert!(covers(&sig, &bits(["serverlicens", "azure", "kalen"])));
    }

    #[test]
    fn words_a_row_lacks_are_mostly_told_absent() {
        let sig = of(WORDS);
        let absent = (0..1000)
            .map(|i| format!("ord{i}x"))
            .filter(|w| !covers(&sig, &bits([w.as_str()])))
            .count();
        // 12 words set at most 20 of 512 bits.
        assert!(absent > 900, "{absent} of 1000 told absent");
        assert_eq!(
            mask(["abc", "de"]),
            None,
            "nothing to test under four letters"
        );
    }

    #[test]
    fn prefixes_count_letters_not_bytes() {
        assert_eq!(prefix("föreningen", 4), Some("före"));
        assert_eq!(prefix("före", 4), Some("före"));
        assert_eq!(prefix("för", 4), None);
        assert_eq!(prefix("föreningen", 7), Some("förenin"));
    }

    #[test]
    fn the_sql_functions_agree_with_the_rust_ones() -> Result<(), Box<dyn std::error::Error>> {
        use diesel::{Connection, RunQueryDsl};
        #[derive(diesel::QueryableByName)]
        struct S {
            #[diesel(sql_type = Binary)]
            s: Vec<u8>,
        }
        let c = &mut SqliteConnection::establish(":memory:")?;
        register(c)?;
        let sig = of(["kalender", "azure"]).to_vec();
        let (yes, no) = (bits(["kalen"]).to_vec(), bits(["serverlicens"]).to_vec());
        assert!(!covers(&sig, &no), "the test needs a word told absent");
        let has = |c: &mut SqliteConnection, s: Option<&Vec<u8>>, m: &Vec<u8>| {
            diesel::select(sig_has(s.cloned(), m.clone())).get_result::<bool>(c)
        };
        assert!(has(c, Some(&sig), &yes)?);
        assert!(!has(c, Some(&sig), &no)?);
        assert!(has(c, None, &no)?, "NULL proves nothing");
        let kalender = Some(of(["kalender"]).to_vec());
        let or: Option<Vec<u8>> =
            diesel::select(sig_or(kalender, of(["azure"]).to_vec())).get_result(c)?;
        assert_eq!(or.as_ref(), Some(&sig));
        let or: Option<Vec<u8>> =
            diesel::select(sig_or(None::<Vec<u8>>, sig.clone())).get_result(c)?;
        assert_eq!(or.as_ref(), Some(&sig));
        diesel::sql_query("CREATE TABLE w (t TEXT NOT NULL)").execute(c)?;
        diesel::sql_query("INSERT INTO w VALUES ('kalender'), ('azure')").execute(c)?;
        let got: S = diesel::sql_query("SELECT sig_of_terms(t) AS s FROM w").get_result(c)?;
        assert_eq!(got.s, sig);
        let none: S =
            diesel::sql_query("SELECT sig_of_terms(t) AS s FROM w WHERE t = 'x'").get_result(c)?;
        assert_eq!(none.s, vec![0; BYTES], "no words, no bits");
        Ok(())
    }
}
