//! Hashes of bytes: `md5`, `sha1`, `sha256`, `sha512`, `xxhash64` (VARBINARY answers) and
//! `crc32` (a BIGINT), over VARBINARY only as in Trino; and the HMAC forms.

use md5::{Digest as _, Md5};
use sha2::{Sha256, Sha512};

use datafusion::error::Result;

use super::function::{Arg, Value};

fn bytes(arg: Arg<'_>) -> &[u8] {
    match arg {
        Arg::Bytes(b) => b,
        _ => &[],
    }
}

/// MD5 of `data` (16 bytes).
pub(crate) fn md5_of(data: &[u8]) -> Vec<u8> {
    Md5::digest(data).to_vec()
}

/// SHA-1 of `data` (20 bytes).
pub(crate) fn sha1_of(data: &[u8]) -> Vec<u8> {
    use sha1::Digest as _;
    sha1::Sha1::digest(data).to_vec()
}

/// SHA-256 of `data` (32 bytes).
pub(crate) fn sha256_of(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

/// SHA-512 of `data` (64 bytes).
pub(crate) fn sha512_of(data: &[u8]) -> Vec<u8> {
    Sha512::digest(data).to_vec()
}

/// XXH64 of `data` with seed 0 (Trino's hash of a VARCHAR or VARBINARY value).
pub(crate) use crate::functions::aggregate::trino_xxhash::hash_bytes as xxhash64_of;

/// `md5(varbinary)`.
pub fn md5(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Bytes(md5_of(bytes(arg))))
}

/// `sha1(varbinary)`.
pub fn sha1(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Bytes(sha1_of(bytes(arg))))
}

/// `sha256(varbinary)`.
pub fn sha256(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Bytes(sha256_of(bytes(arg))))
}

/// `sha512(varbinary)`.
pub fn sha512(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Bytes(sha512_of(bytes(arg))))
}

/// `xxhash64(varbinary)`: the 64-bit hash as 8 big-endian bytes.
pub fn xxhash64(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Bytes(xxhash64_of(bytes(arg)).to_be_bytes().to_vec()))
}

/// `crc32(varbinary)`: the CRC-32 (as zlib computes it) as a BIGINT.
pub fn crc32(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Int(i64::from(crc32fast::hash(bytes(arg)))))
}

/// HMAC (RFC 2104) of `message` under `key` with the hash `hash` of block size `block`.
pub(crate) fn hmac(
    hash: fn(&[u8]) -> Vec<u8>,
    block: usize,
    key: &[u8],
    message: &[u8],
) -> Vec<u8> {
    let mut padded = if key.len() > block {
        hash(key)
    } else {
        key.to_vec()
    };
    padded.resize(block, 0);
    let mut inner: Vec<u8> = padded.iter().map(|b| b ^ 0x36).collect();
    inner.extend_from_slice(message);
    let mut outer: Vec<u8> = padded.iter().map(|b| b ^ 0x5c).collect();
    outer.extend_from_slice(&hash(&inner));
    hash(&outer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|b| format!("{b:02X}")).collect()
    }

    #[test]
    fn trino_digests() {
        assert_eq!(hex(&md5_of(b"hashme")), "533F6357E0210E67D91F651BC49E1278");
        assert_eq!(
            hex(&sha1_of(b"")),
            "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709"
        );
        assert_eq!(xxhash64_of(b""), 0xEF46DB3751D8E999);
        assert_eq!(xxhash64_of(b"hashme"), 0xF9D96E0E1165E892);
        assert_eq!(crc32fast::hash(b"CRC me!"), 38028046);
    }

    #[test]
    fn trino_hmac() {
        assert_eq!(
            hex(&hmac(md5_of, 64, b"key", b"hashme")),
            "0A26EBEB0E7B65F528D96F7BC631BC8F"
        );
        assert_eq!(
            hex(&hmac(sha512_of, 128, b"key", b"")),
            "84FA5AA0279BBC473267D05A53EA03310A987CECC4C1535FF29B6D76B8F1444A728DF3AADB89D4A9A6709E1998F373566E8F824A8CA93B1821F0B69BC2A2F65E"
        );
    }
}
