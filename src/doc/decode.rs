//! Bytes to text: UTF-8 (BOM skipped), else Windows-1252.

/// How the bytes of a file were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

/// Decodes a file. The BOM stays in the returned text so that byte offsets refer to
/// the file exactly as read; the markup layer blanks it out of the analysis text.
pub fn decode(bytes: Vec<u8>) -> (String, Encoding) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, Encoding::Utf8),
        Err(err) => (windows_1252(err.as_bytes()), Encoding::Windows1252),
    }
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
}
