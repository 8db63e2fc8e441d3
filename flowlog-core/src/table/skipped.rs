//! Objects left out of an answer because they could not be read (`--skip-bad-objects`).
//!
//! By default one unreadable object fails the whole query, as on Athena. With a
//! [`SkippedObjects`] collector in [`super::TableOptions::skip_bad_objects`], an object
//! whose footer or columns cannot be read is left out instead, recorded here with the
//! reason, and the answer comes from the rest; the caller reports the list (the CLI
//! prints it and exits with status 3).

use std::sync::Mutex;

/// One object left out of the answer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SkippedObject {
    /// The object's key as messages name it (`/path/…` or `s3://bucket/…`).
    pub key: String,
    /// Why it could not be read, one line.
    pub reason: String,
}

/// The objects skipped so far, shared by every scan of a session.
#[derive(Debug, Default)]
pub struct SkippedObjects {
    objects: Mutex<Vec<SkippedObject>>,
}

impl SkippedObjects {
    /// Record that `key` was left out, and why. A key recorded twice (read by two scans
    /// of one query) is listed once.
    pub fn record(&self, key: String, reason: String) {
        log::info!("skipping unreadable object {key}: {reason}");
        let mut objects = match self.objects.lock() {
            Ok(objects) => objects,
            Err(poisoned) => poisoned.into_inner(),
        };
        if !objects.iter().any(|o| o.key == key) {
            objects.push(SkippedObject { key, reason });
        }
    }

    /// Every object skipped so far, in key order.
    pub fn list(&self) -> Vec<SkippedObject> {
        let mut list = match self.objects.lock() {
            Ok(objects) => objects.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        list.sort();
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_listed_once_in_order() {
        let skipped = SkippedObjects::default();
        skipped.record("/b".into(), "x".into());
        skipped.record("/a".into(), "y".into());
        skipped.record("/b".into(), "x".into());
        let keys: Vec<_> = skipped.list().into_iter().map(|o| o.key).collect();
        assert_eq!(keys, ["/a", "/b"]);
    }
}
