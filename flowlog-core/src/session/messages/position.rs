//! Positions in a statement that the engine's error did not give.
//!
//! DataFusion knows where a column or table is, but not where a function call with the
//! wrong arguments is, and the SQL parser gives no position when the statement ends too
//! early. Trino gives both; these find them in the statement's text.

use crate::error::SqlPosition;

/// The first call of `name` in `text` (`name (` or `name(`, any case), outside string
/// literals, quoted names and comments.
pub fn call_position(text: &str, name: &str) -> Option<SqlPosition> {
    let chars: Vec<char> = text.chars().collect();
    let name: Vec<char> = name.to_lowercase().chars().collect();
    let mut i = 0;
    let mut previous = ' ';
    while i < chars.len() {
        let ch = chars[i];
        match ch {
            '\'' | '"' => {
                i = skip_quoted(&chars, i);
                previous = ch;
                continue;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        if !is_word(previous) && matches_at(&chars, i, &name) {
            let mut after = i + name.len();
            while after < chars.len() && chars[after].is_whitespace() {
                after += 1;
            }
            if chars.get(after) == Some(&'(') {
                return Some(position_of(&chars, i));
            }
        }
        previous = ch;
        i += 1;
    }
    None
}

/// Just past the last character of the statement that is not white space: where Trino
/// reports an unexpected end of the statement.
pub fn end_position(text: &str) -> SqlPosition {
    let chars: Vec<char> = text.trim_end().chars().collect();
    position_of(&chars, chars.len())
}

fn matches_at(chars: &[char], at: usize, name: &[char]) -> bool {
    chars.len() >= at + name.len()
        && chars[at..at + name.len()]
            .iter()
            .zip(name)
            .all(|(c, n)| c.to_lowercase().eq(std::iter::once(*n)))
        && !chars.get(at + name.len()).copied().is_some_and(is_word)
}

fn is_word(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// The index just past the literal or quoted name that starts at `start`.
fn skip_quoted(chars: &[char], start: usize) -> usize {
    let quote = chars[start];
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == quote {
            if chars.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    i
}

fn position_of(chars: &[char], index: usize) -> SqlPosition {
    let mut line = 1;
    let mut column = 1;
    for ch in &chars[..index] {
        if *ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    SqlPosition { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls() {
        let p = call_position("SELECT 'hour(' , x_hour(1),\n  HOUR (ts) FROM t", "hour");
        assert_eq!(p, Some(SqlPosition { line: 2, column: 3 }));
        assert_eq!(call_position("SELECT hour FROM t", "hour"), None);
        assert_eq!(
            call_position("-- hour(x)\nSELECT hour(x)", "hour"),
            Some(SqlPosition { line: 2, column: 8 })
        );
    }

    #[test]
    fn end() {
        assert_eq!(
            end_position("SELECT 1 +\n  2 *  \n"),
            SqlPosition { line: 2, column: 6 }
        );
    }
}
