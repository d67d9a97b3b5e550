//! Ordering the page's short lists (a key's findings, the credential sources found in a paste, their conflicts).

/// Sorts `items` by `key`, keeping equal items in their order (stable), by insertion.
///
/// The lists it sorts hold tens of items (a paste is read only in part, so even a 1 MB paste yields a bounded
/// number), where insertion is as fast as anything; the standard library's stable sort (driftsort) would add a few
/// KiB of code to the WebAssembly for each type it sorts.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_order_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..80)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |(k, _)| *k);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
