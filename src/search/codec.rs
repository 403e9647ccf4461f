//! Posting lists as short strings: each number a little-endian base-32 varint over a 64-letter
//! alphabet (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`): the first 32 letters end a number, the
//! last 32 continue it. A posting is three numbers: the page id's distance from the previous
//! posting's, the score (1–31) and the section. About 3.5 bytes a posting where JSON numbers
//! took 11; `search.js` decodes it.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn push(out: &mut String, mut n: u32) {
    while n >= 32 {
        out.push(ALPHABET[32 + (n & 31) as usize] as char);
        n >>= 5;
    }
    out.push(ALPHABET[n as usize] as char);
}

/// The numbers of an encoded string (`None` for a letter outside the alphabet or a cut number).
pub fn decode(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let (mut value, mut shift) = (0u32, 0u32);
    for b in text.bytes() {
        let k = ALPHABET.iter().position(|&a| a == b)? as u32;
        let digit = k & 31;
        value |= digit.checked_shl(shift)?;
        if k >= 32 {
            shift += 5;
        } else {
            out.push(value);
            (value, shift) = (0, 0);
        }
    }
    (shift == 0).then_some(out)
}

/// Postings `(page, score, section)`, pages ascending, as one string.
pub fn postings(list: impl Iterator<Item = (u32, u32, u32)>) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for (page, score, section) in list {
        push(&mut out, page - previous);
        push(&mut out, score);
        push(&mut out, section);
        previous = page;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let numbers = [0, 1, 31, 32, 33, 1023, 1024, 65_535, u32::MAX];
        let mut s = String::new();
        for n in numbers {
            push(&mut s, n);
        }
        assert_eq!(decode(&s), Some(numbers.to_vec()));
        assert_eq!(&s[..5], "ABfgB");
        assert_eq!(decode("g"), None, "a cut number");
        assert_eq!(decode("A!"), None);
    }

    #[test]
    fn postings_store_page_distances() {
        let s = postings([(3, 31, 0), (4, 1, 2), (40, 7, 1)].into_iter());
        assert_eq!(decode(&s), Some(vec![3, 31, 0, 1, 1, 2, 36, 7, 1]));
    }
}
