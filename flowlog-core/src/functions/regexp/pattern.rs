//! Compiling Trino (Java-style) patterns and replacement strings.

use std::collections::HashMap;

use datafusion::common::exec_err;
use datafusion::error::Result;
use regex::{Captures, Regex};

/// Compiled patterns of one call, reused across rows.
#[derive(Debug, Default)]
pub(crate) struct PatternCache {
    compiled: HashMap<String, Regex>,
}

impl PatternCache {
    /// The compiled form of `pattern`, for function `function`'s error messages.
    pub(crate) fn get(&mut self, function: &str, pattern: &str) -> Result<&Regex> {
        if !self.compiled.contains_key(pattern) {
            let re = compile(function, pattern)?;
            self.compiled.insert(pattern.to_string(), re);
        }
        Ok(&self.compiled[pattern])
    }
}

/// Compile a Trino pattern; Java's `(?<name>…)` is accepted as is by `regex`.
pub(crate) fn compile(function: &str, pattern: &str) -> Result<Regex> {
    match Regex::new(pattern) {
        Ok(re) => Ok(re),
        Err(regex::Error::Syntax(msg)) => {
            let unsupported = ["look-around", "backreferences"]
                .iter()
                .any(|w| msg.contains(w));
            if unsupported {
                exec_err!(
                    "{function}: pattern '{pattern}' uses look-around or back-references, which Trino supports and flowlog does not (rewrite the pattern without them)"
                )
            } else {
                exec_err!(
                    "{function}: invalid regular expression '{pattern}': {}",
                    msg.lines().last().unwrap_or_default().trim()
                )
            }
        }
        Err(e) => exec_err!("{function}: invalid regular expression '{pattern}': {e}"),
    }
}

/// One piece of a parsed replacement string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Literal text.
    Text(String),
    /// `$n`.
    Group(usize),
    /// `${name}`.
    Named(String),
}

/// Parse a Java replacement string (`$1`, `${name}`, `\$` for a literal `$`) against
/// the groups of `re`.
pub(crate) fn parse_replacement(function: &str, re: &Regex, text: &str) -> Result<Vec<Piece>> {
    let groups = re.captures_len() - 1;
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) => literal.push(next),
                None => {
                    return exec_err!(
                        "{function}: character to be escaped is missing in replacement '{text}'"
                    );
                }
            },
            '$' => {
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                if chars.peek() == Some(&'{') {
                    chars.next();
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(ch) => name.push(ch),
                            None => {
                                return exec_err!(
                                    "{function}: named capturing group is missing trailing '}}' in replacement '{text}'"
                                );
                            }
                        }
                    }
                    if !re.capture_names().any(|n| n == Some(name.as_str())) {
                        return exec_err!(
                            "{function}: no group with name {{{name}}} in pattern '{}'",
                            re.as_str()
                        );
                    }
                    pieces.push(Piece::Named(name));
                    continue;
                }
                // Java reads the first digit, then more digits while the number stays a
                // valid group.
                let Some(first) = chars.peek().and_then(|c| c.to_digit(10)) else {
                    return exec_err!(
                        "{function}: illegal group reference in replacement '{text}'"
                    );
                };
                chars.next();
                let mut group = first as usize;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                    let next = group * 10 + d as usize;
                    if next > groups {
                        break;
                    }
                    group = next;
                    chars.next();
                }
                if group > groups {
                    return exec_err!(
                        "{function}: Illegal group reference: group index is {group}, pattern '{}' has {groups} groups",
                        re.as_str()
                    );
                }
                pieces.push(Piece::Group(group));
            }
            other => literal.push(other),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}

/// Append the expansion of `pieces` for one match to `out`.
pub(crate) fn expand(pieces: &[Piece], caps: &Captures<'_>, out: &mut String) {
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Group(g) => out.push_str(caps.get(*g).map_or("", |m| m.as_str())),
            Piece::Named(n) => out.push_str(caps.name(n).map_or("", |m| m.as_str())),
        }
    }
}

/// Every match of `re` in `s`, as Java's `Matcher.find` (and Trino) finds them: after a
/// non-empty match the search resumes at its end, where an empty match may start (Rust's
/// `captures_iter` skips that one); after an empty match it resumes one character on.
pub(crate) fn find_all<'r, 's>(re: &'r Regex, s: &'s str) -> FindAll<'r, 's> {
    find_all_from(re, s, 0)
}

/// [`find_all`] with the search starting at byte `from` of `s` (a character boundary);
/// earlier text still counts as context for anchors and word boundaries.
pub(crate) fn find_all_from<'r, 's>(re: &'r Regex, s: &'s str, from: usize) -> FindAll<'r, 's> {
    FindAll {
        re,
        s,
        next: Some(from),
    }
}

/// The iterator of [`find_all`].
pub(crate) struct FindAll<'r, 's> {
    re: &'r Regex,
    s: &'s str,
    /// Where the next search starts; `None` once the text is exhausted.
    next: Option<usize>,
}

impl<'s> Iterator for FindAll<'_, 's> {
    type Item = Captures<'s>;

    fn next(&mut self) -> Option<Captures<'s>> {
        let from = self.next?;
        let caps = self.re.captures_at(self.s, from)?;
        let m = caps.get(0)?;
        self.next = if m.is_empty() {
            // One character on, or done at the end of the text.
            self.s[m.end()..]
                .chars()
                .next()
                .map(|c| m.end() + c.len_utf8())
        } else {
            Some(m.end())
        };
        Some(caps)
    }
}

/// Check a group index against the pattern, with Trino's message.
pub(crate) fn check_group(function: &str, re: &Regex, group: i64) -> Result<usize> {
    let groups = re.captures_len() as i64 - 1;
    if group < 0 || group > groups {
        return exec_err!("{function}: Pattern has {groups} groups. Cannot access group {group}");
    }
    Ok(group as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacement_references() {
        let re = compile("t", "(a)(b)?").unwrap();
        assert_eq!(
            parse_replacement("t", &re, "x$1\\$y").unwrap(),
            vec![
                Piece::Text("x".into()),
                Piece::Group(1),
                Piece::Text("$y".into())
            ]
        );
        // `$12` with two groups is group 1 then the text "2".
        assert_eq!(
            parse_replacement("t", &re, "$12").unwrap(),
            vec![Piece::Group(1), Piece::Text("2".into())]
        );
        assert!(parse_replacement("t", &re, "$3").is_err());
        assert!(compile("t", "(a)\\1").is_err());
    }

    #[test]
    fn empty_match_after_a_match() {
        // Java finds `x` then the empty match at the end; Rust's iterator only `x`.
        let re = compile("t", ".*").unwrap();
        let found: Vec<_> = find_all(&re, "x")
            .map(|c| c.get(0).unwrap().range())
            .collect();
        assert_eq!(found, vec![0..1, 1..1]);
        let re = compile("t", "").unwrap();
        assert_eq!(find_all(&re, "ab").count(), 3);
        assert_eq!(find_all(&re, "").count(), 1);
    }
}
