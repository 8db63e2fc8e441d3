//! What Joda-Time's `DateTimeFormat` and java.time's `DateTimeFormatter` patterns share: how the
//! pattern text splits into letter runs, quoted text and other characters, and the English names
//! of months and days both print.
//!
//! ```text
//! yyyy-MM-dd'T'HH  →  Letters(y×4) Other(-) Letters(M×2) Other(-) Letters(d×2) Quoted(T) Letters(H×2)
//! 'o''clock' h     →  Quoted(o'clock) Other( ) Letters(h×1)
//! ''               →  Quoted(')   (two quotes are one quote, inside or outside quoted text)
//! 'abc             →  Quoted(abc, unterminated)
//! ''''             →  Joda: Quoted(') Quoted(')     java.time: Quoted(')
//! ```
//!
//! The two libraries differ only after two quotes outside quoted text: Joda-Time reads them as
//! a quote at once, java.time opens quoted text at the first and reads on ([`Quoting`]).

/// English month names (`MMMM`).
#[rustfmt::skip]
pub(crate) const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];
/// English short month names (`MMM`).
pub(crate) const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// English day names (`EEEE`), Monday first.
#[rustfmt::skip]
pub(crate) const DAYS: [&str; 7] = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
];
/// English short day names (`E`), Monday first.
pub(crate) const DAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// How two quotes outside quoted text are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quoting {
    /// Joda-Time's `DateTimeFormat`: they are a quote, and what follows is read afresh.
    Joda,
    /// java.time's `DateTimeFormatterBuilder.appendPattern`: the first opens quoted text, in
    /// which the second starts a pair of quotes or closes it (an empty text is a quote).
    JavaTime,
}

/// A token of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// A run of one ASCII letter.
    Letters {
        /// The letter.
        letter: char,
        /// How many times it repeats.
        count: usize,
    },
    /// Quoted text, quotes removed (`''` is one quote, and `''` outside quoted text is a quote).
    Quoted {
        /// The text.
        text: String,
        /// Whether a closing quote was found (otherwise the text runs to the end).
        terminated: bool,
    },
    /// Any other character, which stands for itself.
    Other(char),
}

/// A token and where it starts in the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lexeme {
    /// The token.
    pub(crate) token: Token,
    /// Character index of its first character.
    pub(crate) index: usize,
    /// Byte offset of its first character.
    pub(crate) offset: usize,
}

/// Splits a pattern into its tokens.
pub(crate) fn lex(pattern: &str, quoting: Quoting) -> Vec<Lexeme> {
    let chars: Vec<(usize, char)> = pattern.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&(offset, c)) = chars.get(i) {
        let start = i;
        let token = if c.is_ascii_alphabetic() {
            let count = chars[i..].iter().take_while(|&&(_, n)| n == c).count();
            i += count;
            Token::Letters { letter: c, count }
        } else if c == '\'' {
            let (text, terminated, next) = quoted(&chars, i, quoting);
            i = next;
            Token::Quoted { text, terminated }
        } else {
            i += 1;
            Token::Other(c)
        };
        out.push(Lexeme {
            token,
            index: start,
            offset,
        });
    }
    out
}

/// Quoted text starting at the quote at `start`: (text, terminated, index after it).
fn quoted(chars: &[(usize, char)], start: usize, quoting: Quoting) -> (String, bool, usize) {
    let quote_at = |j: usize| chars.get(j).map(|&(_, c)| c) == Some('\'');
    if quoting == Quoting::Joda && quote_at(start + 1) {
        return ("'".to_string(), true, start + 2);
    }
    let mut text = String::new();
    let mut j = start + 1;
    while let Some(&(_, c)) = chars.get(j) {
        if c == '\'' {
            if quote_at(j + 1) {
                text.push('\'');
                j += 2;
                continue;
            }
            if text.is_empty() {
                text.push('\'');
            }
            return (text, true, j + 1);
        }
        text.push(c);
        j += 1;
    }
    (text, false, j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexed(pattern: &str, quoting: Quoting) -> Vec<Token> {
        lex(pattern, quoting).into_iter().map(|l| l.token).collect()
    }

    /// The tokens, which both libraries agree on.
    fn tokens(pattern: &str) -> Vec<Token> {
        let joda = lexed(pattern, Quoting::Joda);
        assert_eq!(joda, lexed(pattern, Quoting::JavaTime), "{pattern}");
        joda
    }

    fn quoted(text: &str, terminated: bool) -> Token {
        Token::Quoted {
            text: text.to_string(),
            terminated,
        }
    }

    #[test]
    fn splits_letters_quotes_and_other_characters() {
        assert_eq!(
            tokens("yyyy'T'é"),
            vec![
                Token::Letters {
                    letter: 'y',
                    count: 4
                },
                quoted("T", true),
                Token::Other('é'),
            ]
        );
        assert_eq!(tokens("''"), vec![quoted("'", true)]);
        assert_eq!(tokens("'o''clock'"), vec![quoted("o'clock", true)]);
        assert_eq!(tokens("'abc"), vec![quoted("abc", false)]);
        assert_eq!(tokens("'a'''"), vec![quoted("a'", true)]);
        let joda = |p: &str| lexed(p, Quoting::Joda);
        let java = |p: &str| lexed(p, Quoting::JavaTime);
        assert_eq!(joda("'''"), vec![quoted("'", true), quoted("", false)]);
        assert_eq!(java("'''"), vec![quoted("'", false)]);
        assert_eq!(joda("''''"), vec![quoted("'", true), quoted("'", true)]);
        assert_eq!(java("''''"), vec![quoted("'", true)]);
        assert_eq!(java("'''x'"), vec![quoted("'x", true)]);
        let offsets: Vec<(usize, usize)> = lex("é'x'M", Quoting::Joda)
            .iter()
            .map(|l| (l.index, l.offset))
            .collect();
        assert_eq!(offsets, vec![(0, 0), (1, 2), (4, 5)]);
    }
}
