//! Calendar and time-zone logic, the one home of it: plain Rust, no DataFusion or Arrow, so
//! that layout, projection, functions and rendering can all use it.
//!
//! ```text
//! calendar     proleptic Gregorian dates: civil ⇄ day counts, leap years, month lengths
//! zone         TrinoZone: Trino's zone keys and their parsing; Joda-Time's ids and names (zones.tsv)
//! text         Trino's text for DATE, timestamp(p) and timestamp(p) with time zone
//! pattern      the date-time pattern lexer and English names shared by Joda-Time and java.time
//! joda         Joda-Time patterns (format_datetime, parse_datetime): compile, format, parse
//! ```

pub mod calendar;
pub mod joda;
pub(crate) mod pattern;
pub mod text;
pub mod zone;

pub use zone::{TrinoZone, ZoneError};
