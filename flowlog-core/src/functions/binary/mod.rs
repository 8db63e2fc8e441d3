//! Trino's VARBINARY functions (Athena engine v3), over Arrow's `Binary`.
//!
//! ```text
//! to_utf8 / from_utf8      varchar ⇄ varbinary (invalid UTF-8 → U+FFFD)
//! to_hex / from_hex        varbinary ⇄ upper-case hex
//! to_base64[url] / from_…  varbinary ⇄ base64 (padding written, optional when read)
//! md5 sha1 sha256 sha512 xxhash64 hmac_*   varbinary → varbinary
//! crc32                    varbinary → bigint
//! to_/from_big_endian_64|32, to_/from_ieee754_64|32   numbers ⇄ big-endian bytes
//! length                   bytes of a varbinary (characters of a varchar)
//! substr lpad rpad reverse concat   on varbinary, in front of the string forms
//! ```
//!
//! Like Trino, the hashes take VARBINARY only: `md5('abc')` is an error (write
//! `md5(to_utf8('abc'))`), where DataFusion's `md5` took strings and answered hex text.
//! `checksum` is in `functions/aggregate/checksum.rs`.

pub mod codecs;
pub mod digests;
pub mod function;
pub mod hmac;
pub mod length;
pub mod numbers;
pub mod overload;

use std::sync::Arc;

use datafusion::logical_expr::ScalarUDF;

use function::{BinaryFunction, Doc, Eval, Input, Output};

/// Every one-argument function: name, argument, result, implementation, documentation.
const FUNCTIONS: &[(&str, Input, Output, Eval, Doc)] = &[
    (
        "to_utf8",
        Input::Varchar,
        Output::Varbinary,
        codecs::to_utf8,
        Doc {
            syntax: "to_utf8(string)",
            description: "Encodes string into a UTF-8 varbinary representation.",
            example: "SELECT to_hex(to_utf8('abc')); -- 616263",
        },
    ),
    (
        "from_utf8",
        Input::Varbinary,
        Output::Varchar,
        codecs::from_utf8,
        Doc {
            syntax: "from_utf8(binary)",
            description: "Decodes a UTF-8 encoded string from binary. Invalid UTF-8 sequences are replaced with the Unicode replacement character U+FFFD.",
            example: "SELECT from_utf8(X'616263'); -- abc",
        },
    ),
    (
        "to_hex",
        Input::Varbinary,
        Output::Varchar,
        codecs::to_hex,
        Doc {
            syntax: "to_hex(binary)",
            description: "Encodes binary into a hex string representation.",
            example: "SELECT to_hex(md5(to_utf8('10.0.1.5'))); -- 32 hex digits",
        },
    ),
    (
        "from_hex",
        Input::Text,
        Output::Varbinary,
        codecs::from_hex,
        Doc {
            syntax: "from_hex(string)",
            description: "Decodes binary data from the hex encoded string.",
            example: "SELECT from_hex('617A6F'); -- 61 7a 6f",
        },
    ),
    (
        "to_base64",
        Input::Varbinary,
        Output::Varchar,
        codecs::to_base64,
        Doc {
            syntax: "to_base64(binary)",
            description: "Encodes binary into a base64 string representation.",
            example: "SELECT to_base64(to_utf8('hello world')); -- aGVsbG8gd29ybGQ=",
        },
    ),
    (
        "from_base64",
        Input::Text,
        Output::Varbinary,
        codecs::from_base64,
        Doc {
            syntax: "from_base64(string)",
            description: "Decodes binary data from the base64 encoded string.",
            example: "SELECT from_utf8(from_base64('aGVsbG8gd29ybGQ=')); -- hello world",
        },
    ),
    (
        "to_base64url",
        Input::Varbinary,
        Output::Varchar,
        codecs::to_base64url,
        Doc {
            syntax: "to_base64url(binary)",
            description: "Encodes binary into a base64 string representation using the URL safe alphabet.",
            example: "SELECT to_base64url(X'FBFF'); -- -_8=",
        },
    ),
    (
        "from_base64url",
        Input::Text,
        Output::Varbinary,
        codecs::from_base64url,
        Doc {
            syntax: "from_base64url(string)",
            description: "Decodes binary data from the base64 encoded string using the URL safe alphabet.",
            example: "SELECT from_base64url('-_8='); -- fb ff",
        },
    ),
    (
        "md5",
        Input::Varbinary,
        Output::Varbinary,
        digests::md5,
        Doc {
            syntax: "md5(binary)",
            description: "Computes the MD5 hash of binary.",
            example: "SELECT to_hex(md5(to_utf8('hashme'))); -- 533F6357E0210E67D91F651BC49E1278",
        },
    ),
    (
        "sha1",
        Input::Varbinary,
        Output::Varbinary,
        digests::sha1,
        Doc {
            syntax: "sha1(binary)",
            description: "Computes the SHA1 hash of binary.",
            example: "SELECT to_hex(sha1(to_utf8('hashme')));",
        },
    ),
    (
        "sha256",
        Input::Varbinary,
        Output::Varbinary,
        digests::sha256,
        Doc {
            syntax: "sha256(binary)",
            description: "Computes the SHA256 hash of binary.",
            example: "SELECT to_hex(sha256(to_utf8(srcaddr))) FROM vpc_flow_logs;",
        },
    ),
    (
        "sha512",
        Input::Varbinary,
        Output::Varbinary,
        digests::sha512,
        Doc {
            syntax: "sha512(binary)",
            description: "Computes the SHA512 hash of binary.",
            example: "SELECT to_hex(sha512(to_utf8('hashme')));",
        },
    ),
    (
        "xxhash64",
        Input::Varbinary,
        Output::Varbinary,
        digests::xxhash64,
        Doc {
            syntax: "xxhash64(binary)",
            description: "Computes the xxHash64 hash of binary.",
            example: "SELECT to_hex(xxhash64(to_utf8('hashme'))); -- F9D96E0E1165E892",
        },
    ),
    (
        "crc32",
        Input::Varbinary,
        Output::Bigint,
        digests::crc32,
        Doc {
            syntax: "crc32(binary)",
            description: "Computes the CRC-32 of binary.",
            example: "SELECT crc32(to_utf8('CRC me!')); -- 38028046",
        },
    ),
    (
        "to_big_endian_64",
        Input::Bigint,
        Output::Varbinary,
        numbers::to_big_endian_64,
        Doc {
            syntax: "to_big_endian_64(bigint)",
            description: "Encodes bigint into a 64-bit 2's complement big endian format.",
            example: "SELECT to_big_endian_64(1); -- 00 00 00 00 00 00 00 01",
        },
    ),
    (
        "from_big_endian_64",
        Input::Varbinary,
        Output::Bigint,
        numbers::from_big_endian_64,
        Doc {
            syntax: "from_big_endian_64(binary)",
            description: "Decodes the 64-bit 2's complement big endian binary.",
            example: "SELECT from_big_endian_64(from_hex('0000000000000001')); -- 1",
        },
    ),
    (
        "to_big_endian_32",
        Input::Integer,
        Output::Varbinary,
        numbers::to_big_endian_32,
        Doc {
            syntax: "to_big_endian_32(integer)",
            description: "Encodes integer into a 32-bit 2's complement big endian format.",
            example: "SELECT to_big_endian_32(1); -- 00 00 00 01",
        },
    ),
    (
        "from_big_endian_32",
        Input::Varbinary,
        Output::Integer,
        numbers::from_big_endian_32,
        Doc {
            syntax: "from_big_endian_32(binary)",
            description: "Decodes the 32-bit 2's complement big endian binary.",
            example: "SELECT from_big_endian_32(from_hex('00000001')); -- 1",
        },
    ),
    (
        "to_ieee754_64",
        Input::Double,
        Output::Varbinary,
        numbers::to_ieee754_64,
        Doc {
            syntax: "to_ieee754_64(double)",
            description: "Encodes double in a 64-bit big-endian binary according to IEEE 754 double-precision floating-point format.",
            example: "SELECT to_hex(to_ieee754_64(1.0)); -- 3FF0000000000000",
        },
    ),
    (
        "from_ieee754_64",
        Input::Varbinary,
        Output::Double,
        numbers::from_ieee754_64,
        Doc {
            syntax: "from_ieee754_64(binary)",
            description: "Decodes the 64-bit big-endian binary in IEEE 754 double-precision floating-point format.",
            example: "SELECT from_ieee754_64(from_hex('3FF0000000000000')); -- 1.0",
        },
    ),
    (
        "to_ieee754_32",
        Input::Real,
        Output::Varbinary,
        numbers::to_ieee754_32,
        Doc {
            syntax: "to_ieee754_32(real)",
            description: "Encodes real in a 32-bit big-endian binary according to IEEE 754 single-precision floating-point format.",
            example: "SELECT to_hex(to_ieee754_32(REAL '1.0')); -- 3F800000",
        },
    ),
    (
        "from_ieee754_32",
        Input::Varbinary,
        Output::Real,
        numbers::from_ieee754_32,
        Doc {
            syntax: "from_ieee754_32(binary)",
            description: "Decodes the 32-bit big-endian binary in IEEE 754 single-precision floating-point format.",
            example: "SELECT from_ieee754_32(from_hex('3F800000')); -- 1.0",
        },
    ),
];

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    let mut all: Vec<Arc<ScalarUDF>> = FUNCTIONS
        .iter()
        .map(|&(name, input, output, eval, doc)| {
            Arc::new(ScalarUDF::new_from_impl(BinaryFunction::new(
                name, input, output, eval, doc,
            )))
        })
        .collect();
    all.extend(
        hmac::Hmac::all()
            .into_iter()
            .map(|f| Arc::new(ScalarUDF::new_from_impl(f))),
    );
    all.push(Arc::new(ScalarUDF::new_from_impl(length::Length::new())));
    // The VARBINARY forms of string and array functions, in front of them.
    let string_forms: [(overload::BytesOp, Arc<ScalarUDF>); 5] = [
        (
            overload::BytesOp::Substr,
            Arc::new(ScalarUDF::new_from_impl(
                crate::functions::string::substr::Substr::new(),
            )),
        ),
        (
            overload::BytesOp::Concat,
            Arc::new(ScalarUDF::new_from_impl(
                crate::functions::string::concat::Concat::new(),
            )),
        ),
        (
            overload::BytesOp::Reverse,
            Arc::new(ScalarUDF::new_from_impl(
                crate::functions::array::reverse::Reverse::new(),
            )),
        ),
        (
            overload::BytesOp::Lpad,
            datafusion::functions::unicode::lpad(),
        ),
        (
            overload::BytesOp::Rpad,
            datafusion::functions::unicode::rpad(),
        ),
    ];
    all.extend(string_forms.into_iter().map(|(op, inner)| {
        Arc::new(ScalarUDF::new_from_impl(overload::BytesOverload::new(
            op, inner,
        )))
    }));
    all
}
