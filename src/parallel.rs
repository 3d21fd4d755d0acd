//! A minimal work-stealing map over scoped threads. Results are taken in input
//! order, so output never depends on the thread count.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `f` over `items` on `threads` threads, the results in input order.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(usize, &T) -> R + Sync,
) -> Vec<R> {
    let mut out = Vec::with_capacity(items.len());
    for_each_ordered(items, threads, f, |_, r| out.push(r));
    out
}

/// `map` whose results are handed to `consume` in input order as soon as they and
/// those before them are done, so that the caller never holds them all (the engine
/// folds each document into the corpus index this way). `consume` runs on the
/// worker threads, one call at a time. Results that finish ahead of a slow item
/// wait for it, so one huge input holds back what was done meanwhile.
pub fn for_each_ordered<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(usize, &T) -> R + Sync,
    mut consume: impl FnMut(usize, R) + Send,
) {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        for (i, item) in items.iter().enumerate() {
            consume(i, f(i, item));
        }
        return;
    }
    struct InOrder<R, C> {
        next: usize,
        done: BTreeMap<usize, R>,
        consume: C,
    }
    let next_item = AtomicUsize::new(0);
    let state = Mutex::new(InOrder {
        next: 0,
        done: BTreeMap::new(),
        consume,
    });
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next_item.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(i, item);
                let mut guard = state.lock().unwrap_or_else(|e| e.into_inner());
                let s = &mut *guard;
                s.done.insert(i, r);
                while let Some(r) = s.done.remove(&s.next) {
                    (s.consume)(s.next, r);
                    s.next += 1;
                }
            });
        }
    });
}

/// `map` over chunks of `items`, for work that keeps per-worker state (scratch
/// buffers) across items: `f` returns one result per item of its chunk.
pub fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    const CHUNK: usize = 256;
    let chunks: Vec<&[T]> = items.chunks(CHUNK).collect();
    map(&chunks, threads, |_, chunk| f(chunk))
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn order_is_kept() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            super::map(&items, 4, |_, x| x * 2),
            super::map(&items, 1, |_, x| x * 2)
        );
        assert_eq!(
            super::map_chunks(&items, 3, |c| c.iter().map(|x| x * 2).collect()),
            super::map(&items, 1, |_, x| x * 2)
        );
        for threads in [1, 2, 5] {
            let mut seen = Vec::new();
            super::for_each_ordered(&items, threads, |i, x| (i, x * 2), |i, r| seen.push((i, r)));
            let expected: Vec<(usize, (usize, usize))> =
                items.iter().map(|&x| (x, (x, x * 2))).collect();
            assert_eq!(seen, expected);
        }
    }
}
