//! Bytes to text: UTF-8 (BOM skipped), UTF-16 (with a BOM, or recognised by its
//! zero bytes), else Windows-1252.

/// How the bytes of a file were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    /// How a file not in UTF-8 was decoded, for its `input.encoding` finding.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes a file. The BOM stays in the returned text (as U+FEFF, whatever the
/// encoding) so that the markup layer blanks it out of the analysis text.
pub fn decode(bytes: Vec<u8>) -> (String, Encoding) {
    if let Some(utf16) = utf16_order(&bytes) {
        return (decode_utf16(&bytes, utf16), utf16);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, Encoding::Utf8),
        Err(err) => (windows_1252(err.as_bytes()), Encoding::Windows1252),
    }
}

/// Whether the bytes are UTF-16, and in which byte order: a BOM says so; without
/// one, text in a Latin script has a zero high byte in most of its code units, and
/// no other text encoding has zero bytes at all (newsroom exports from Windows
/// tools are often UTF-16 without a BOM). Only the first 4 KB are looked at.
pub fn utf16_order(bytes: &[u8]) -> Option<Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => return Some(Encoding::Utf16Be),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut zero_even, mut zero_odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        zero_even += usize::from(pair[0] == 0);
        zero_odd += usize::from(pair[1] == 0);
    }
    // Mostly zero in one half and none in the other: a binary file has zeros in both.
    if zero_odd * 10 >= units * 6 && zero_even == 0 {
        Some(Encoding::Utf16Le)
    } else if zero_even * 10 >= units * 6 && zero_odd == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], order: Encoding) -> String {
    let units = bytes.chunks_exact(2).map(|p| match order {
        Encoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
        _ => u16::from_le_bytes([p[0], p[1]]),
    });
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// Code points of 0x80..=0x9F in Windows-1252; the rest of the range is Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let (text, enc) = decode("Évian “x”".as_bytes().to_vec());
        assert_eq!(text, "Évian “x”");
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn invalid_utf8_is_windows_1252() {
        let (text, enc) = decode(vec![0x93, b'h', b'i', 0x94, b' ', 0xE9]);
        assert_eq!(text, "“hi” é");
        assert_eq!(enc, Encoding::Windows1252);
    }

    #[test]
    fn utf16_with_and_without_a_bom() {
        let text = "Évian “x” said.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(le.clone()), (text.to_string(), Encoding::Utf16Le));
        assert_eq!(decode(be.clone()), (text.to_string(), Encoding::Utf16Be));
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(
            decode(with_bom),
            (format!("\u{feff}{text}"), Encoding::Utf16Le)
        );
        let with_bom = [&[0xFE, 0xFF][..], &be].concat();
        assert_eq!(decode(with_bom).1, Encoding::Utf16Be);
        // Zeros in both halves: binary, not UTF-16.
        assert_eq!(utf16_order(&[0, 0, 1, 0, 0, 2, 0, 0, 3, 0]), None);
        assert_eq!(utf16_order(b"plain ASCII"), None);
    }
}
