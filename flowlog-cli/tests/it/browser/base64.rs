//! Standard base64 decoding (the DevTools protocol sends screenshots so).

/// The bytes of standard base64 `text` (padding optional, no line breaks).
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut bits = 0u32;
    let mut count = 0;
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return Err(format!("not base64: byte {c:#04x}")),
        };
        bits = (bits << 6) | u32::from(value);
        count += 1;
        if count == 4 {
            out.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]);
            bits = 0;
            count = 0;
        }
    }
    match count {
        2 => out.push((bits >> 4) as u8),
        3 => out.extend_from_slice(&[(bits >> 10) as u8, (bits >> 2) as u8]),
        _ => {}
    }
    Ok(out)
}

#[test]
fn decodes_with_and_without_padding() {
    assert_eq!(decode("Zmxvd2xvZw==").unwrap(), b"flowlog");
    assert_eq!(decode("Zmxvd2xv").unwrap(), b"flowlo");
    assert_eq!(decode("Zmxvd2w").unwrap(), b"flowl");
    assert!(decode("a b").is_err());
}
