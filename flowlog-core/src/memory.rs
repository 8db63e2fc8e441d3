//! How much memory a query may use, and where it spills to disk beyond that.
//!
//! A [`MemoryOptions`] with a limit gives the session a spilling memory pool: sorts, grouping
//! and joins write their state to temporary files under the spill directory when they reach
//! their share of the limit, and a query fails with [`Error::MemoryLimitExceeded`] only when
//! even that is not enough.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use datafusion::error::DataFusionError;
use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::memory_pool::FairSpillPool;
use datafusion::execution::runtime_env::{RuntimeEnv, RuntimeEnvBuilder};

use crate::error::{Error, Result};

/// A number of bytes, written as `2GiB`, `512MB`, `1.5G` or a plain byte count.
///
/// Binary (`KiB`, `MiB`, `GiB`, `TiB`) and decimal (`KB`, `MB`, `GB`, `TB`) units are read as
/// such; the short forms `K`, `M`, `G`, `T` are binary, as most tools read them.
///
/// ```
/// use flowlog_core::memory::ByteSize;
/// assert_eq!("2GiB".parse::<ByteSize>().unwrap().bytes(), 2 << 30);
/// assert_eq!("1.5G".parse::<ByteSize>().unwrap().bytes(), 3 << 29);
/// assert_eq!("500MB".parse::<ByteSize>().unwrap().bytes(), 500_000_000);
/// assert_eq!("4096".parse::<ByteSize>().unwrap().bytes(), 4096);
/// assert_eq!(ByteSize::new(2 << 30).to_string(), "2.0 GiB");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ByteSize(u64);

/// A size that [`ByteSize`] cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a size: write a number of bytes with a unit, e.g. 2GiB, 512MiB or 500MB")]
pub struct ByteSizeError {
    /// The text as given.
    pub text: String,
}

impl ByteSize {
    /// A size of `bytes` bytes.
    pub fn new(bytes: u64) -> Self {
        ByteSize(bytes)
    }

    /// The number of bytes.
    pub fn bytes(self) -> u64 {
        self.0
    }
}

impl FromStr for ByteSize {
    type Err = ByteSizeError;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let err = || ByteSizeError {
            text: s.to_string(),
        };
        let text = s.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "k" | "kib" => 1 << 10,
            "m" | "mib" => 1 << 20,
            "g" | "gib" => 1 << 30,
            "t" | "tib" => 1 << 40,
            "kb" => 1_000,
            "mb" => 1_000_000,
            "gb" => 1_000_000_000,
            "tb" => 1_000_000_000_000,
            _ => return Err(err()),
        };
        let value: f64 = number.parse().map_err(|_| err())?;
        let bytes = value * multiplier as f64;
        if !bytes.is_finite() || bytes < 1.0 || bytes >= u64::MAX as f64 {
            return Err(err());
        }
        Ok(ByteSize(bytes.round() as u64))
    }
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(&str, u64); 4] = [
            ("TiB", 1 << 40),
            ("GiB", 1 << 30),
            ("MiB", 1 << 20),
            ("KiB", 1 << 10),
        ];
        for (name, size) in UNITS {
            if self.0 >= size {
                return write!(f, "{:.1} {name}", self.0 as f64 / size as f64);
            }
        }
        write!(f, "{} bytes", self.0)
    }
}

/// The most memory the cache of Parquet footers may hold (outside the query's limit).
const METADATA_CACHE_BYTES: usize = 512 * 1024 * 1024;

/// The memory a session's queries may use, and where they spill.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryOptions {
    /// The most memory the operators of one query may hold; `None`: no limit (and no spilling).
    pub limit: Option<ByteSize>,
    /// Where spill files go (`None`: the system's temporary directory).
    pub temp_dir: Option<PathBuf>,
}

impl MemoryOptions {
    /// The runtime for a session with these options.
    pub(crate) fn runtime(&self) -> Result<Arc<RuntimeEnv>> {
        // Each object's footer is read once, while planning, and kept for the scan: the
        // cache is sized for the footers of tens of thousands of flow-log objects.
        let mut builder = RuntimeEnvBuilder::new().with_metadata_cache_limit(METADATA_CACHE_BYTES);
        if let Some(limit) = self.limit {
            let bytes = usize::try_from(limit.bytes()).unwrap_or(usize::MAX);
            builder = builder.with_memory_pool(Arc::new(FairSpillPool::new(bytes)));
        }
        if let Some(dir) = &self.temp_dir {
            builder = builder.with_disk_manager_builder(
                DiskManagerBuilder::default()
                    .with_mode(DiskManagerMode::Directories(vec![dir.clone()])),
            );
        }
        Ok(builder.build_arc()?)
    }

    /// The error to report for a failed query: running out of the memory limit becomes
    /// [`Error::MemoryLimitExceeded`]; anything else is kept.
    pub fn explain(&self, error: DataFusionError) -> Error {
        match (self.limit, is_exhausted(&error)) {
            (Some(limit), true) => Error::MemoryLimitExceeded { limit },
            _ => Error::DataFusion(error),
        }
    }
}

/// Whether the error is (or wraps) the memory pool refusing an allocation.
fn is_exhausted(error: &DataFusionError) -> bool {
    if matches!(error.find_root(), DataFusionError::ResourcesExhausted(_)) {
        return true;
    }
    // Errors from other threads can arrive as text (through Arrow or a join handle).
    error.to_string().contains("Resources exhausted")
}

/// A default limit for a process that is the only big user of the machine: three quarters of
/// the physical memory (`None` where it cannot be read).
pub fn default_limit() -> Option<ByteSize> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(ByteSize(kib * 1024 / 4 * 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_their_units() {
        let bytes = |s: &str| s.parse::<ByteSize>().map(ByteSize::bytes);
        assert_eq!(bytes("1k"), Ok(1024));
        assert_eq!(bytes("1 KiB"), Ok(1024));
        assert_eq!(bytes("3KB"), Ok(3000));
        assert_eq!(bytes("2gib"), Ok(2 << 30));
        assert_eq!(bytes("1T"), Ok(1 << 40));
        assert!(bytes("").is_err());
        assert!(bytes("GiB").is_err());
        assert!(bytes("0").is_err());
        assert!(bytes("-1G").is_err());
        assert!(bytes("2 parsecs").is_err());
        assert_eq!(ByteSize::new(1536).to_string(), "1.5 KiB");
        assert_eq!(ByteSize::new(10).to_string(), "10 bytes");
    }

    #[test]
    fn exhaustion_becomes_the_limit_error() {
        let options = MemoryOptions {
            limit: Some(ByteSize::new(1 << 20)),
            temp_dir: None,
        };
        let exhausted = DataFusionError::ResourcesExhausted("Failed to allocate".into());
        let wrapped = DataFusionError::Context("sort".into(), Box::new(exhausted));
        let message = options.explain(wrapped).to_string();
        assert!(message.contains("1.0 MiB"), "{message}");
        assert!(!message.contains("Resources exhausted"), "{message}");
        let other = options.explain(DataFusionError::Plan("x".into()));
        assert!(matches!(other, Error::DataFusion(_)));
    }
}
