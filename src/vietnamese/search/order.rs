//! Putting scored keys in order: the parts of a list scored on several threads, and a counting
//! sort by score that keeps the order of equal ones.

use rustc_hash::FxHashMap;

use super::Score;

/// The bits set in a word, lowest first.
pub(super) struct BitIter(pub(super) u64);

impl Iterator for BitIter {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let b = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(b)
    }
}

/// `part(from, to)` for consecutive parts of `0..len` on up to `threads` threads (one below
/// `min`, where starting a thread costs more than it saves), the results end to end in order.
pub(super) fn on_threads<T: Send>(
    len: usize,
    threads: usize,
    min: usize,
    part: impl Fn(usize, usize) -> Vec<T> + Sync,
) -> Vec<T> {
    let threads = threads.clamp(1, 64);
    if threads == 1 || len < min {
        return part(0, len);
    }
    let size = len.div_ceil(threads);
    let part = &part;
    std::thread::scope(|s| {
        let others: Vec<_> = (1..threads)
            .map(|t| {
                let (from, to) = ((t * size).min(len), ((t + 1) * size).min(len));
                (from, to, s.spawn(move || part(from, to)))
            })
            .collect();
        let mut all = part(0, size.min(len));
        for (from, to, other) in others {
            // A scoring thread cannot panic short of a bug; its part is then done here
            // rather than lost.
            all.extend(other.join().unwrap_or_else(|_| part(from, to)));
        }
        all
    })
}

/// The most distinct scores kept in the small table of `order_by_score`; a query giving more
/// (it would take dozens of words) uses a hash map.
const FEW_SCORES: usize = 256;

/// The indices of `hits`, best score first, equal scores in the order given: a counting sort
/// over the few distinct scores a query gives, linear in the hits (a one-letter query over a
/// national roster has 336,000 of them). Each hit's score is found in a small table, most often
/// at the place of the hit before it.
pub(super) fn order_by_score(hits: &[(Score, u32)]) -> Vec<u32> {
    let mut scores: Vec<Score> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut slot_of: Vec<u8> = Vec::with_capacity(hits.len());
    let mut last = 0usize;
    for (score, _) in hits {
        let slot = if scores.get(last) == Some(score) {
            last
        } else if let Some(i) = scores.iter().position(|s| s == score) {
            i
        } else if scores.len() < FEW_SCORES {
            scores.push(*score);
            counts.push(0);
            scores.len() - 1
        } else {
            return order_by_score_hashed(hits);
        };
        last = slot;
        counts[slot] += 1;
        slot_of.push(slot as u8);
    }
    let mut by_score: Vec<usize> = (0..scores.len()).collect();
    by_score.sort_unstable_by_key(|&i| std::cmp::Reverse(scores[i]));
    let mut next = vec![0usize; scores.len()];
    let mut at = 0;
    for i in by_score {
        next[i] = at;
        at += counts[i];
    }
    let mut out = vec![0; hits.len()];
    for ((_, i), &slot) in hits.iter().zip(&slot_of) {
        let place = &mut next[usize::from(slot)];
        out[*place] = *i;
        *place += 1;
    }
    out
}

/// `order_by_score` for a query with many distinct scores.
fn order_by_score_hashed(hits: &[(Score, u32)]) -> Vec<u32> {
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
