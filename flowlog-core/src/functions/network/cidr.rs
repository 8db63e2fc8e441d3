//! CIDR networks (`10.0.0.0/8`, `2001:db8::/32`) as Trino's `contains` reads them.

use std::fmt;

use super::address::{as_ipv4, parse};

/// A parsed network: base address (16 bytes) and prefix length in the 128-bit space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    base: [u8; 16],
    /// Prefix length counted over 128 bits (IPv4 prefixes are offset by 96).
    bits: u32,
    ipv4: bool,
}

/// Why a CIDR string is rejected (Trino's messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrError {
    /// Not `address/length`, or host bits set in an IPv4 network.
    Invalid(String),
    /// The address part is not an address.
    InvalidAddress(String),
    /// The length is negative or not a number.
    InvalidPrefix(String),
    /// The length exceeds 32 or 128.
    PrefixTooLong(String),
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrError::Invalid(c) => write!(f, "Invalid CIDR: '{c}'"),
            CidrError::InvalidAddress(c) => write!(f, "Invalid network IP address: '{c}'"),
            CidrError::InvalidPrefix(c) => write!(f, "Invalid prefix length: '{c}'"),
            CidrError::PrefixTooLong(c) => {
                write!(f, "Prefix length exceeds address length: '{c}'")
            }
        }
    }
}

impl Cidr {
    /// Parse `address/length`.
    ///
    /// ```
    /// use flowlog_core::functions::network::{address::parse, cidr::Cidr};
    /// let net = Cidr::parse("10.0.0.0/8").unwrap();
    /// assert_eq!(net.contains(&parse("10.255.255.255").unwrap()), Some(true));
    /// assert_eq!(net.contains(&parse("11.0.0.0").unwrap()), Some(false));
    /// assert_eq!(net.contains(&parse("::1").unwrap()), None); // versions differ
    /// assert!(Cidr::parse("10.0.0.1/8").is_err()); // host bits set
    /// let mapped = Cidr::parse("::ffff:7f00:1/32").unwrap(); // IPv4-mapped: 127.0.0.1/32
    /// assert_eq!(mapped.contains(&parse("127.0.0.1").unwrap()), Some(true));
    /// ```
    pub fn parse(text: &str) -> Result<Self, CidrError> {
        let Some((addr, len)) = text.split_once('/') else {
            return Err(CidrError::Invalid(text.to_string()));
        };
        let Some(base) = parse(addr) else {
            return Err(CidrError::InvalidAddress(text.to_string()));
        };
        // An IPv4-mapped network (`::ffff:7f00:1/32`) is IPv4, as Java's `InetAddress` reads it.
        let ipv4 = as_ipv4(&base).is_some();
        let len: i64 = len
            .parse()
            .map_err(|_| CidrError::InvalidPrefix(text.to_string()))?;
        if len < 0 {
            return Err(CidrError::InvalidPrefix(text.to_string()));
        }
        let max = if ipv4 { 32 } else { 128 };
        if len > max {
            return Err(CidrError::PrefixTooLong(text.to_string()));
        }
        let bits = if ipv4 { len as u32 + 96 } else { len as u32 };
        let masked = mask(&base, bits);
        if ipv4 && masked != base {
            return Err(CidrError::Invalid(text.to_string()));
        }
        Ok(Self {
            base: masked,
            bits,
            ipv4,
        })
    }

    /// Whether `address` is in the network; `None` when the IP versions differ.
    pub fn contains(&self, address: &[u8; 16]) -> Option<bool> {
        if self.ipv4 != as_ipv4(address).is_some() {
            return None;
        }
        Some(mask(address, self.bits) == self.base)
    }
}

fn mask(bytes: &[u8; 16], bits: u32) -> [u8; 16] {
    let v = u128::from_be_bytes(*bytes);
    let m = if bits == 0 {
        0
    } else {
        u128::MAX << (128 - bits)
    };
    (v & m).to_be_bytes()
}
