//! The `IPADDRESS` value: 16 bytes, IPv4 addresses stored IPv4-mapped
//! (`::ffff:a.b.c.d`), as Trino stores them.
//!
//! In Arrow an `IPADDRESS` is a `FixedSizeBinary(16)`; byte order is network order, so
//! comparing the bytes compares addresses as Trino does (every IPv4 address sorts
//! between `::ffff:0.0.0.0` and `::ffff:255.255.255.255`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use arrow::datatypes::DataType;

/// The Arrow type of `IPADDRESS`.
pub const IPADDRESS: DataType = DataType::FixedSizeBinary(16);

/// Parse an address as Trino's `CAST(varchar AS IPADDRESS)` does: a dotted-quad IPv4
/// address or an IPv6 address.
///
/// ```
/// use flowlog_core::functions::network::address::{parse, format};
/// let a = parse("10.0.0.1").unwrap();
/// assert_eq!(a[10..12], [0xff, 0xff]);
/// assert_eq!(format(&a), "10.0.0.1");
/// assert_eq!(format(&parse("2001:db8:0:0:0:0:0:1").unwrap()), "2001:db8::1");
/// assert!(parse("10.0.0").is_none());
/// ```
pub fn parse(text: &str) -> Option<[u8; 16]> {
    match text.parse::<IpAddr>().ok()? {
        IpAddr::V4(v4) => Some(v4.to_ipv6_mapped().octets()),
        IpAddr::V6(v6) => Some(v6.octets()),
    }
}

/// The IPv4 address of IPv4-mapped bytes.
pub fn as_ipv4(bytes: &[u8; 16]) -> Option<Ipv4Addr> {
    Ipv6Addr::from(*bytes).to_ipv4_mapped()
}

/// The text Trino prints: dotted quad for IPv4(-mapped), RFC 5952 otherwise.
pub fn format(bytes: &[u8; 16]) -> String {
    match as_ipv4(bytes) {
        Some(v4) => v4.to_string(),
        None => Ipv6Addr::from(*bytes).to_string(),
    }
}

/// The 16 bytes of a `FixedSizeBinary(16)` value.
pub fn from_slice(value: &[u8]) -> Option<[u8; 16]> {
    value.try_into().ok()
}
