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
    }
}
