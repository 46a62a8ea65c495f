//! Search that ranks like a person. A `SearchIndex` holds a key per item, made once when a list
//! loads (a member's name, then other fields such as the phone); a `Query` is prepared once per
//! keystroke; `Query::score` compares the two without allocating, so the window can rank a
//! national roster (348,362 members) on every keystroke.
//!
//! What counts, most important first:
//! 1. where each query word matched: a whole word of the name, a word prefix of the name, a whole
//!    word of another field, a word prefix of another field, inside a word of the name, inside a
//!    word of another field (so «huong» lists Hương and Hường before Phương; «0912» finds a phone
//!    that starts with it before one that only contains it);
//! 2. for a query of several words, the words of the item in the query's order and adjacent, then
//!    in order, then in any order;
//! 3. the diacritics: exactly as typed, then every mark typed present in the item (a query typed
//!    without marks, or with fewer, as an input method shows mid-word), then accent-folded only
//!    («hương» lists Hương before Hường; «đức» lists Đức before Dục);
//! 4. a match in the given name (the last word), since Vietnamese people go by it.
//!
//! Ties keep the order of the keys, which the registry holds in Vietnamese name order.
//!
//! Letters are compared folded (lower case, marks dropped, `đ` → `d`), the same text as
//! `search_key`; beside every folded byte the key keeps the marks its letter carried. A tone
//! belongs to the syllable, not to the letter it is written on, so the tone of a one-tone word is
//! spread over the whole word: «Thuỷ» and «Thủy», «Hoà» and «Hòa» are the same name.

use rustc_hash::FxHashMap;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Between two fields of a key: a word boundary that no query word contains.
const FIELD: u8 = 0x1F;

/// Marks byte: the letter's modifier (breve, circumflex, horn, the stroke of `đ`) in the low
/// three bits, its tone in the next three, any other mark in the top bit.
const MODIFIER: u8 = 0b0000_0111;
const TONE: u8 = 0b0011_1000;
const TONE_SHIFT: u8 = 3;
const OTHER_MARK: u8 = 0b1000_0000;
/// Two modifiers or two tones on one letter (not Vietnamese): compares as a mark of its own.
const CONFLICT: u8 = 7;
const STROKE: u8 = 4;

/// The most query words that count; a longer query is a paste, not a search.
const MAX_WORDS: usize = 64;

/// The search keys of a list, made once when it loads, one per item in the list's order. The
/// keys sit end to end in one buffer, so ranking a national roster reads memory in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchIndex {
    /// Every key's folded text, end to end.
    text: Vec<u8>,
    /// The marks of each byte of `text`.
    marks: Vec<u8>,
    entries: Vec<Entry>,
}

/// One key: where its text starts (it ends where the next starts), what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// Which bytes the folded text holds (see `byte_bit`): a query needing a byte the key lacks
    /// is refused without reading the text.
    mask: u64,
    /// The same for pairs of neighbouring bytes of a word (see `pair_bit`): «huong» needs
    /// «hu», «uo», «on», «ng», which «Nguyễn Thị Hồng» lacks though it has every letter.
    pairs: u64,
    /// Bit `i`: a word starts at byte `i` of the key (the first 64 bytes).
    starts: u64,
    start: u32,
    /// The folded name's length: a match starting before it is in the name (a name longer
    /// than 65,535 bytes counts as ending there).
    name_len: u16,
    /// Where the name's last word (the given name) starts.
    given_start: u16,
}

/// One key's text, as scoring reads it.
#[derive(Debug, Clone, Copy)]
struct Key<'a> {
    text: &'a [u8],
    marks: &'a [u8],
    starts: u64,
    name_len: usize,
    given_start: usize,
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// An empty index with room for `items` keys of names about 30 bytes long.
    pub fn with_capacity(items: usize) -> SearchIndex {
        SearchIndex {
            text: Vec::with_capacity(items * 32),
            marks: Vec::with_capacity(items * 32),
            entries: Vec::with_capacity(items),
        }
    }

    /// Adds the key of the next item: called `name`, searchable also by `others` (a phone, a
    /// unit name).
    ///
    /// ```
    /// use cnscd::vietnamese::search::SearchIndex;
    /// let mut keys = SearchIndex::new();
    /// keys.push("Nguyễn Thị Hương", Some("0912345678"));
    /// assert_eq!(keys.folded(0), Some("nguyen thi huong\u{1f}0912345678"));
    /// ```
    pub fn push<'a>(&mut self, name: &str, others: impl IntoIterator<Item = &'a str>) {
        let start = self.text.len();
        fold_into(name, &mut self.text, &mut self.marks);
        let name_len = self.text.len() - start;
        let given_start = self.text[start..]
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(0, |i| i + 1);
        for field in others {
            let before = self.text.len();
            if before > start {
                self.text.push(FIELD);
                self.marks.push(0);
            }
            fold_into(field, &mut self.text, &mut self.marks);
            if self.text.len() == before + 1 {
                // The field folded to nothing: no boundary for it either.
                self.text.pop();
                self.marks.pop();
            }
        }
        let key = &self.text[start..];
        let mask = key
            .iter()
            .filter(|&&b| !is_boundary(b))
            .fold(0, |m, &b| m | byte_bit(b));
        let pairs = key
            .windows(2)
            .filter(|p| !is_boundary(p[0]) && !is_boundary(p[1]))
            .fold(0, |m, p| m | pair_bit(p[0], p[1]));
        let starts = (0..key.len().min(64))
            .filter(|&i| !is_boundary(key[i]) && (i == 0 || is_boundary(key[i - 1])))
            .fold(0, |m, i| m | 1 << i);
        self.entries.push(Entry {
            mask,
            pairs,
            starts,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            name_len: u16::try_from(name_len).unwrap_or(u16::MAX),
            given_start: u16::try_from(given_start).unwrap_or(u16::MAX),
        });
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The folded text of key `i`: `search_key` of each field, fields separated by U+001F.
    pub fn folded(&self, i: usize) -> Option<&str> {
        // Folding pushes whole UTF-8 characters and ASCII separators only.
        std::str::from_utf8(self.key(i)?.text).ok()
    }

    fn key(&self, i: usize) -> Option<Key<'_>> {
        let entry = self.entries.get(i)?;
        let start = entry.start as usize;
        let end = self
            .entries
            .get(i + 1)
            .map_or(self.text.len(), |e| e.start as usize);
        Some(Key {
            text: self.text.get(start..end)?,
            marks: self.marks.get(start..end)?,
            starts: entry.starts,
            name_len: usize::from(entry.name_len),
            given_start: usize::from(entry.given_start),
        })
    }
}

impl<'a> FromIterator<&'a str> for SearchIndex {
    /// An index of names alone.
    fn from_iter<I: IntoIterator<Item = &'a str>>(names: I) -> SearchIndex {
        let mut index = SearchIndex::new();
        for name in names {
            index.push(name, None);
        }
        index
    }
}

/// How well an item matched a query: greater is better. Only comparisons mean anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Score(u32);

/// A query prepared once per keystroke.
#[derive(Debug, Clone, Default)]
pub struct Query {
    words: Vec<Word>,
    mask: u64,
    pairs: u64,
}

#[derive(Debug, Clone)]
struct Word {
    text: Box<[u8]>,
    marks: Box<[u8]>,
}

/// One place a query word was found in a key.
#[derive(Debug, Clone, Copy)]
struct Hit {
    level: u8,
    accent: u8,
    /// 2: the word right after the previous query word's; 1: after it; 0: before.
    follows: u8,
    given: bool,
    word: u32,
}

impl Hit {
    fn rank(&self) -> (u8, u8, u8, bool) {
        (self.level, self.accent, self.follows, self.given)
    }
}

impl Query {
    /// Prepares what the clerk typed: folded like the keys, split into words.
    pub fn new(query: &str) -> Query {
        let mut text = Vec::with_capacity(query.len());
        let mut marks = Vec::with_capacity(query.len());
        fold_into(query, &mut text, &mut marks);
        let mut words = Vec::new();
        let (mut mask, mut pairs) = (0, 0);
        let mut start = 0;
        for part in text.split(|&b| b == b' ').take(MAX_WORDS) {
            let end = start + part.len();
            mask = part.iter().fold(mask, |m, &b| m | byte_bit(b));
            pairs = part.windows(2).fold(pairs, |m, p| m | pair_bit(p[0], p[1]));
            words.push(Word {
                text: part.into(),
                marks: marks[start..end].into(),
            });
            start = end + 1;
        }
        words.retain(|w| !w.text.is_empty());
        Query { words, mask, pairs }
    }

    /// Whether nothing searchable was typed (every item then matches, in list order).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The score of key `i` of `index`, or `None` when some query word is nowhere in it (or
    /// there is no such key).
    pub fn score(&self, index: &SearchIndex, i: usize) -> Option<Score> {
        let entry = index.entries.get(i)?;
        if entry.mask & self.mask != self.mask || entry.pairs & self.pairs != self.pairs {
            return None;
        }
        self.score_key(index.key(i)?)
    }

    fn score_key(&self, key: Key<'_>) -> Option<Score> {
        let several = self.words.len() > 1;
        let (mut level, mut accent, mut given) = (0u32, 0u32, 0u32);
        let mut order = 2u32;
        let mut prev: Option<u32> = None;
        for w in &self.words {
            let hit = best_hit(&key, w, several, prev)?;
            level += u32::from(hit.level);
            accent += u32::from(hit.accent);
            given += u32::from(hit.given);
            if prev.is_some() {
                order = order.min(u32::from(hit.follows));
            }
            prev = Some(hit.word);
        }
        if !several {
            order = 0;
        }
        // At most 64 words: level ≤ 384 (9 bits), order ≤ 2, accent ≤ 128 (8 bits), given ≤ 64.
        Some(Score(level << 17 | order << 15 | accent << 7 | given))
    }

    /// Whether key `i` matches at all.
    pub fn matches(&self, index: &SearchIndex, i: usize) -> bool {
        if self.is_empty() {
            return i < index.len();
        }
        self.score(index, i).is_some()
    }

    /// Indices of the keys that match, best first; ties keep the keys' order.
    pub fn rank(&self, index: &SearchIndex) -> Vec<u32> {
        self.rank_among(index, 0..u32::try_from(index.len()).unwrap_or(u32::MAX))
    }

    /// `rank` with the scoring split over `threads` threads (the window passes the machine's
    /// cores: a one-letter query over a national roster scores 336,000 matches). The result is
    /// the same as `rank`'s.
    pub fn rank_on(&self, index: &SearchIndex, threads: usize) -> Vec<u32> {
        let len = u32::try_from(index.len()).unwrap_or(u32::MAX);
        let threads = u32::try_from(threads.clamp(1, 64)).unwrap_or(1);
        if threads == 1 || self.is_empty() || len < 10_000 {
            return self.rank(index);
        }
        let part = len.div_ceil(threads);
        let score = |from: u32| -> Vec<(Score, u32)> {
            (from..len.min(from.saturating_add(part)))
                .filter_map(|i| Some((self.score(index, i as usize)?, i)))
                .collect()
        };
        let hits = std::thread::scope(|s| {
            let others: Vec<_> = (1..threads)
                .map(|t| (t, s.spawn(move || score(t * part))))
                .collect();
            let mut hits = score(0);
            for (t, other) in others {
                // A scoring thread cannot panic short of a bug; its part is then scored here
                // rather than lost.
                hits.extend(other.join().unwrap_or_else(|_| score(t * part)));
            }
            hits
        });
        order_by_score(&hits)
    }

    /// `rank` over some of the keys only (the rows a filter by commune or team left), given
    /// as indices into `index`; ties keep the order of `candidates`. An index past the end is
    /// skipped.
    pub fn rank_among(
        &self,
        index: &SearchIndex,
        candidates: impl IntoIterator<Item = u32>,
    ) -> Vec<u32> {
        if self.is_empty() {
            return candidates
                .into_iter()
                .filter(|&i| (i as usize) < index.len())
                .collect();
        }
        let candidates = candidates.into_iter();
        let mut hits: Vec<(Score, u32)> = Vec::with_capacity(candidates.size_hint().0);
        hits.extend(candidates.filter_map(|i| Some((self.score(index, i as usize)?, i))));
        order_by_score(&hits)
    }
}

/// The indices of `hits`, best score first, equal scores in the order given: a counting sort
/// over the few distinct scores a query gives, linear in the hits (a one-letter query over a
/// national roster has 336,000 of them).
fn order_by_score(hits: &[(Score, u32)]) -> Vec<u32> {
    let mut counts: FxHashMap<Score, usize> = FxHashMap::default();
    for (score, _) in hits {
        *counts.entry(*score).or_default() += 1;
    }
    let mut scores: Vec<(Score, usize)> = counts.into_iter().collect();
    scores.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    let mut next: FxHashMap<Score, usize> = FxHashMap::default();
    let mut at = 0;
    for (score, count) in scores {
        next.insert(score, at);
        at += count;
    }
    let mut out = vec![0; hits.len()];
    for (score, i) in hits {
        if let Some(slot) = next.get_mut(score) {
            out[*slot] = *i;
            *slot += 1;
        }
    }
    out
}

/// Indices of the keys of `index` matching `query`, best first, ties in the keys' order.
///
/// ```
/// use cnscd::vietnamese::search::{SearchIndex, rank_all};
/// let keys: SearchIndex = ["Lê Thị Phương", "Trần Thị Hường", "Nguyễn Thị Hương"]
///     .into_iter()
///     .collect();
/// assert_eq!(rank_all("huong", &keys), vec![1, 2, 0]);
/// assert_eq!(rank_all("hương", &keys), vec![2, 1, 0]);
/// ```
pub fn rank_all(query: &str, index: &SearchIndex) -> Vec<u32> {
    Query::new(query).rank(index)
}

/// Where query word `w` is best found in `key`, or `None` when it is not.
fn best_hit(key: &Key<'_>, w: &Word, several: bool, prev: Option<u32>) -> Option<Hit> {
    let text = key.text;
    let last = text.len().checked_sub(w.text.len())?;
    let first = *w.text.first()?;
    let mut best: Option<Hit> = None;
    if text.len() > 64 {
        for start in memchr::memchr_iter(first, &text[..=last]) {
            consider(key, w, start, several, prev, &mut best);
        }
        return best;
    }
    // Most of ranking a long list is finding the query's first letter in each key: in a key of
    // at most 64 bytes, all its places are found at once, as bits. A match at the start of a
    // word outranks any inside one, so the word starts go first and the rest only when none
    // of them matched.
    let found = byte_positions(text, first) & (u64::MAX >> (63 - last));
    for places in [found & key.starts, found & !key.starts] {
        let mut rest = places;
        while rest != 0 {
            let start = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            consider(key, w, start, several, prev, &mut best);
        }
        if best.is_some() {
            break;
        }
    }
    best
}

/// Bit `i` set where `text[i] == b`, for a text of at most 64 bytes: eight bytes at a time,
/// each byte equal to `b` turned to zero and found with the exact zero-byte test.
fn byte_positions(text: &[u8], b: u8) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let splat = u64::from(b) * 0x0101_0101_0101_0101;
    let mut bits = 0u64;
    for (c, chunk) in text.chunks(8).enumerate() {
        // The last chunk is assembled in a register: copying it into a buffer to load it whole
        // stalled every key on the store.
        let word = match <[u8; 8]>::try_from(chunk) {
            Ok(whole) => u64::from_le_bytes(whole),
            Err(_) => chunk
                .iter()
                .rev()
                .fold(0, |w, &byte| w << 8 | u64::from(byte)),
        };
        let x = word ^ splat;
        // High bit of each byte set exactly where that byte of `x` is zero.
        let mut zero = !(((x & LOW7) + LOW7) | x | LOW7);
        while zero != 0 {
            let byte = zero.trailing_zeros() as usize / 8;
            zero &= zero - 1;
            if byte < chunk.len() {
                bits |= 1 << (c * 8 + byte);
            }
        }
    }
    bits
}

/// Scores `w` found at `start` of `key` (if it is there) and keeps it when it beats `best`.
#[inline(always)]
fn consider(
    key: &Key<'_>,
    w: &Word,
    start: usize,
    several: bool,
    prev: Option<u32>,
    best: &mut Option<Hit>,
) {
    let (text, marks) = (key.text, key.marks);
    let end = start + w.text.len();
    // Byte by byte: query words are a few bytes, too short for a call to `memcmp` to pay.
    if !w.text.iter().zip(&text[start..]).all(|(a, b)| a == b) {
        return;
    }
    let at_start = start == 0 || is_boundary(text[start - 1]);
    let at_end = end == text.len() || is_boundary(text[end]);
    let in_name = start < key.name_len;
    let level = match (in_name, at_start, at_end) {
        (true, true, true) => 6,
        (true, true, false) => 5,
        (false, true, true) => 4,
        (false, true, false) => 3,
        (true, false, _) => 2,
        (false, false, _) => 1,
    };
    if best.is_some_and(|b| b.level > level) {
        return;
    }
    let have = &marks[start..end];
    let accent = if w.marks.iter().zip(have).all(|(q, k)| q == k) {
        2
    } else if w.marks.iter().zip(have).all(|(&q, &k)| marks_fit(q, k)) {
        1
    } else {
        0
    };
    let word = if several {
        // A field boundary counts two, so words of different fields are never adjacent.
        text[..start]
            .iter()
            .map(|&b| match b {
                b' ' => 1,
                FIELD => 2,
                _ => 0,
            })
            .sum()
    } else {
        0
    };
    let follows = match prev {
        Some(p) if word == p + 1 => 2,
        Some(p) if word > p => 1,
        _ => 0,
    };
    let hit = Hit {
        level,
        accent,
        follows,
        given: in_name && start >= key.given_start,
        word,
    };
    if best.is_none_or(|b| hit.rank() > b.rank()) {
        *best = Some(hit);
    }
}

/// Whether every mark typed in the query (`q`) is on the item's letter (`k`).
fn marks_fit(q: u8, k: u8) -> bool {
    let (qm, qt) = (q & MODIFIER, q & TONE);
    (qm == 0 || qm == k & MODIFIER)
        && (qt == 0 || qt == k & TONE)
        && (q & OTHER_MARK == 0 || k & OTHER_MARK != 0)
}

fn is_boundary(b: u8) -> bool {
    b == b' ' || b == FIELD
}

/// The bit of the key's mask for a folded byte: letters and digits each their own, every other
/// byte shares the rest by value.
fn byte_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 1 << (36 + b % 28),
    }
}

/// The bit of the key's pair mask for two neighbouring bytes: a multiplicative hash's top six
/// bits.
fn pair_bit(a: u8, b: u8) -> u64 {
    let pair = u32::from(a) << 8 | u32::from(b);
    1 << (pair.wrapping_mul(0x9E37_79B9) >> 26)
}

/// Appends `s` folded: lower case, marks moved to `marks`, `đ` → `d`, words separated by one
/// space (white space and control characters are boundaries). The text is `search_key(s)`.
fn fold_into(s: &str, text: &mut Vec<u8>, marks: &mut Vec<u8>) {
    let mut f = Folder {
        start: text.len(),
        word_start: text.len(),
        last_letter: None,
        toned: 0,
        tone: 0,
        space: false,
        text,
        marks,
    };
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            f.boundary();
        } else if c.is_ascii() {
            f.letter(c.to_ascii_lowercase(), 0);
        } else {
            // Marks are folded away, so their canonical order does not matter; decomposing
            // character by character needs no buffer.
            decompose_canonical(c, |d| f.decomposed(d));
        }
    }
    f.end_word();
}

struct Folder<'a> {
    text: &'a mut Vec<u8>,
    marks: &'a mut Vec<u8>,
    /// Where this call's text starts (no space before it).
    start: usize,
    word_start: usize,
    /// The marks byte of the last letter of the current word.
    last_letter: Option<usize>,
    /// Letters of the current word that carry a tone, and the last tone.
    toned: u8,
    tone: u8,
    /// A boundary was seen since the last letter.
    space: bool,
}

impl Folder<'_> {
    fn boundary(&mut self) {
        self.end_word();
        self.space = true;
    }

    fn decomposed(&mut self, d: char) {
        if is_combining_mark(d) {
            self.mark(d);
            return;
        }
        match d {
            'đ' | 'Đ' => self.letter('d', STROKE),
            _ => {
                for l in d.to_lowercase() {
                    if is_combining_mark(l) {
                        self.mark(l);
                    } else {
                        self.letter(l, 0);
                    }
                }
            }
        }
    }

    fn letter(&mut self, c: char, modifier: u8) {
        if self.space && self.text.len() > self.start {
            self.text.push(b' ');
            self.marks.push(0);
        }
        if self.last_letter.is_none() {
            self.word_start = self.text.len();
        }
        self.space = false;
        self.last_letter = Some(self.marks.len());
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        self.text.extend_from_slice(bytes);
        self.marks.push(modifier);
        self.marks
            .extend(std::iter::repeat_n(0, bytes.len().saturating_sub(1)));
    }

    fn mark(&mut self, m: char) {
        let Some(i) = self.last_letter else {
            // A mark with no letter before it in the word: nothing to carry it.
            return;
        };
        let byte = &mut self.marks[i];
        let (modifier, tone) = match m {
            '\u{306}' => (1, 0),
            '\u{302}' => (2, 0),
            '\u{31B}' => (3, 0),
            '\u{300}' => (0, 1),
            '\u{301}' => (0, 2),
            '\u{309}' => (0, 3),
            '\u{303}' => (0, 4),
            '\u{323}' => (0, 5),
            _ => {
                *byte |= OTHER_MARK;
                return;
            }
        };
        if modifier != 0 {
            let old = *byte & MODIFIER;
            let new = if old == 0 || old == modifier {
                modifier
            } else {
                CONFLICT
            };
            *byte = (*byte & !MODIFIER) | new;
        } else {
            let old = (*byte & TONE) >> TONE_SHIFT;
            if old == 0 {
                self.toned += 1;
            }
            let new = if old == 0 || old == tone {
                tone
            } else {
                CONFLICT
            };
            self.tone = new;
            *byte = (*byte & !TONE) | (new << TONE_SHIFT);
        }
    }

    /// Spreads the tone of a word with one toned letter over the whole word.
    fn end_word(&mut self) {
        if self.toned == 1 {
            let tone = self.tone << TONE_SHIFT;
            for b in &mut self.marks[self.word_start..] {
                *b = (*b & !TONE) | tone;
            }
        }
        self.toned = 0;
        self.tone = 0;
        self.last_letter = None;
    }
}

#[cfg(test)]
mod tests;
