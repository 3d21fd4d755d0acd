//! A multimap from `u64` keys to values stored as two parallel sorted vectors: one
//! allocation for any number of keys. The corpus index's hash buckets (paragraph
//! fingerprints, quote shingles) were `BTreeMap<u64, Vec<_>>`, an allocation per
//! key: a million of them made decoding a 100k-document archive index slow.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Postings<V> {
    keys: Vec<u64>,
    values: Vec<V>,
}

impl<V> Default for Postings<V> {
    fn default() -> Self {
        Postings {
            keys: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<V> Postings<V> {
    /// The values of `key`, in the order they were added.
    pub fn get(&self, key: u64) -> &[V] {
        let start = self.keys.partition_point(|&k| k < key);
        let end = start + self.keys[start..].partition_point(|&k| k == key);
        &self.values[start..end]
    }

    /// Every key with its values, in key order.
    pub fn groups(&self) -> impl Iterator<Item = (u64, &[V])> {
        let mut at = 0;
        std::iter::from_fn(move || {
            let &key = self.keys.get(at)?;
            let end = at + self.keys[at..].partition_point(|&k| k == key);
            let group = &self.values[at..end];
            at = end;
            Some((key, group))
        })
    }

    /// Adds `pairs` after the values already held for their keys (their own order
    /// kept within a key): one sort of the new pairs and one linear merge.
    pub fn extend(&mut self, mut pairs: Vec<(u64, V)>) {
        if pairs.is_empty() {
            return;
        }
        pairs.sort_by_key(|&(k, _)| k);
        let len = pairs.len();
        // On equal keys the held values come first.
        self.merge_sorted(pairs.into_iter(), len, |held, new| held.0 <= new.0);
    }
}

impl<V> Postings<V> {
    /// Replaces every value by `f(value)`, dropping those for which it gives `None`
    /// (in place: the archive renumbers millions of values when documents go).
    pub fn filter_map_values(&mut self, mut f: impl FnMut(&V) -> Option<V>) {
        let mut kept = 0;
        for i in 0..self.values.len() {
            if let Some(v) = f(&self.values[i]) {
                self.keys[kept] = self.keys[i];
                self.values[kept] = v;
                kept += 1;
            }
        }
        self.keys.truncate(kept);
        self.values.truncate(kept);
    }

    /// The values, to change in place (keys and their order stay).
    pub fn values_mut(&mut self) -> &mut [V] {
        &mut self.values
    }

    /// Merges `other` in, where both hold the values of a key in the order of `rank`:
    /// so does the result (values of `self` first on equal ranks). What inserting
    /// documents among those already indexed needs, where `extend` appends.
    pub fn merge_ranked<R: Ord>(&mut self, other: Postings<V>, rank: impl Fn(&V) -> R) {
        if other.keys.is_empty() {
            return;
        }
        let len = other.keys.len();
        let other = other.keys.into_iter().zip(other.values);
        self.merge_sorted(other, len, |held, new| {
            (held.0, rank(&held.1)) <= (new.0, rank(&new.1))
        });
    }

    /// Merges `new` (sorted, `len` pairs) into the held pairs in one linear pass: a
    /// held pair goes first while `held_first(held, new)`.
    fn merge_sorted(
        &mut self,
        new: impl Iterator<Item = (u64, V)>,
        len: usize,
        held_first: impl Fn(&(u64, V), &(u64, V)) -> bool,
    ) {
        let held = std::mem::take(self);
        self.keys.reserve(held.keys.len() + len);
        self.values.reserve(held.keys.len() + len);
        let mut a = held.keys.into_iter().zip(held.values).peekable();
        let mut b = new.peekable();
        loop {
            let take_held = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => held_first(x, y),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let (k, v) = if take_held { a.next() } else { b.next() }.expect("peeked an item");
            self.keys.push(k);
            self.values.push(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Postings;

    #[test]
    fn values_keep_their_order_within_a_key() {
        let mut p = Postings::default();
        p.extend(vec![(5, 'a'), (1, 'b'), (5, 'c')]);
        p.extend(vec![(5, 'd'), (3, 'e')]);
        assert_eq!(p.get(5), ['a', 'c', 'd']);
        assert_eq!(p.get(3), ['e']);
        assert!(p.get(4).is_empty());
        let groups: Vec<(u64, Vec<char>)> = p.groups().map(|(k, v)| (k, v.to_vec())).collect();
        assert_eq!(
            groups,
            vec![(1, vec!['b']), (3, vec!['e']), (5, vec!['a', 'c', 'd'])]
        );
        p.filter_map_values(|&v| (v != 'a').then(|| v.to_ascii_uppercase()));
        assert_eq!(p.get(5), ['C', 'D']);
        assert_eq!(p.get(1), ['B']);
    }

    #[test]
    fn merging_keeps_each_key_in_rank_order() {
        let mut p = Postings::default();
        p.extend(vec![(1, 10), (2, 20), (2, 40)]);
        let mut q = Postings::default();
        q.extend(vec![(2, 30), (3, 5), (0, 1)]);
        p.merge_ranked(q, |&v| v);
        let groups: Vec<(u64, Vec<i32>)> = p.groups().map(|(k, v)| (k, v.to_vec())).collect();
        assert_eq!(
            groups,
            vec![
                (0, vec![1]),
                (1, vec![10]),
                (2, vec![20, 30, 40]),
                (3, vec![5])
            ]
        );
    }
}
