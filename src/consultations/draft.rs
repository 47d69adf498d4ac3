//! A draft's structure, read from the text an officer pastes (plain text or
//! Markdown): Phần, Chương and Mục (Part, Chapter, Section) as headings, Điều
//! (Article) as the units people comment on, with their khoản (`1.`, `2.`)
//! and điểm (`a)`, `b)`) kept inside. Both the Vietnamese and the English
//! words are recognised, in any letter case, with Arabic or Roman numbers.
//! Comments attach to an article by its number, so a new version of the text
//! keeps them where they were made.

use serde::{Deserialize, Serialize};

/// The levels above an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// Phần / Part.
    Part,
    /// Chương / Chapter.
    Chapter,
    /// Mục / Section.
    Section,
}

/// A heading above articles: its level, number ("I", "2", "thứ nhất") and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// Part, chapter or section.
    pub level: Level,
    /// The number as written.
    pub number: String,
    /// The title (may be empty).
    pub title: String,
}

/// A điểm (point) of a clause: `a) …`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    /// Its letter ("a", "đ").
    pub letter: String,
    /// Its text.
    pub text: String,
}

/// A khoản (clause) of an article: `1. …`, with its points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// Its number ("1").
    pub number: String,
    /// Its text before any point.
    pub text: String,
    /// Its points.
    pub points: Vec<Point>,
}

/// An article (Điều): what people comment on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Its number ("1", "12a"), the key comments attach to.
    pub number: String,
    /// Its title, after the number.
    pub title: String,
    /// Text before its first clause.
    pub text: String,
    /// Its clauses.
    pub clauses: Vec<Clause>,
}

/// One unit of the draft, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A part, chapter or section heading.
    Heading(Heading),
    /// An article.
    Article(Article),
}

/// A draft read into its structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Draft {
    /// Text before the first heading or article (the preamble, the legal bases).
    pub preamble: String,
    /// Headings and articles in order.
    pub blocks: Vec<Block>,
}

impl Draft {
    /// The articles, in order.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Article(a) => Some(a),
            Block::Heading(_) => None,
        })
    }

    /// The article numbered `number`.
    pub fn article(&self, number: &str) -> Option<&Article> {
        self.articles().find(|a| a.number == number)
    }
}

/// Why a text is not a draft people can comment on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// No "Điều" / "Article" line was found.
    NoArticles,
    /// Two articles carry the same number (comments could not tell them apart).
    DuplicateArticle(String),
}

/// Strips Markdown decoration from a line: heading marks, bold and italics
/// markers around the whole line, and a block-quote mark.
fn plain(line: &str) -> &str {
    let mut s = line.trim();
    s = s.trim_start_matches('#').trim_start();
    s = s.strip_prefix("> ").unwrap_or(s);
    for mark in ["**", "__", "*", "_"] {
        if let Some(inner) = s.strip_prefix(mark).and_then(|t| t.strip_suffix(mark)) {
            s = inner.trim();
        }
    }
    s
}

/// The heading or article word a line starts with, and the rest of the line.
fn keyword(line: &str) -> Option<(Option<Level>, &str)> {
    const WORDS: [(&str, Option<Level>); 8] = [
        ("phần", Some(Level::Part)),
        ("part", Some(Level::Part)),
        ("chương", Some(Level::Chapter)),
        ("chapter", Some(Level::Chapter)),
        ("mục", Some(Level::Section)),
        ("section", Some(Level::Section)),
        ("điều", None),
        ("article", None),
    ];
    let (first, rest) = line.split_once(char::is_whitespace)?;
    let first = first.to_lowercase();
    let (_, level) = WORDS.iter().find(|(w, _)| *w == first)?;
    Some((*level, rest.trim_start()))
}

/// Splits "12a. Title" / "II: Title" / "thứ nhất - Title" / "3" into the
/// number and the title; `None` when the number part is not a number.
fn number_and_title(rest: &str) -> Option<(String, String)> {
    let cut = rest.find(['.', ':', '-', '–', '—']).unwrap_or(rest.len());
    let number = rest[..cut].trim();
    let title = rest[cut..]
        .trim_start_matches(['.', ':', '-', '–', '—'])
        .trim();
    let ordinal =
        number.to_lowercase().starts_with("thứ ") && number.split_whitespace().count() <= 3;
    let numeric = !number.is_empty()
        && number.chars().count() <= 8
        && !number.contains(char::is_whitespace)
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_alphanumeric());
    let roman = !number.is_empty()
        && number.chars().count() <= 8
        && number.chars().all(|c| "IVXLCDMivxlcdm".contains(c));
    (ordinal || numeric || roman).then(|| (number.to_string(), title.to_string()))
}

/// A clause line "1. text" → ("1", "text").
fn clause(line: &str) -> Option<(String, String)> {
    let (number, text) = line.split_once(". ").or_else(|| {
        line.strip_suffix('.')
            .map(|n| (n, ""))
            .filter(|(n, _)| !n.is_empty())
    })?;
    (number.len() <= 3 && number.chars().all(|c| c.is_ascii_digit()))
        .then(|| (number.to_string(), text.trim().to_string()))
}

/// A point line "a) text" → ("a", "text").
fn point(line: &str) -> Option<(String, String)> {
    let (letter, text) = line.split_once(')')?;
    let mut chars = letter.chars();
    let c = chars.next()?;
    (chars.next().is_none() && (c.is_ascii_lowercase() || c == 'đ'))
        .then(|| (letter.to_string(), text.trim().to_string()))
}

fn append(to: &mut String, line: &str) {
    if !to.is_empty() {
        to.push('\n');
    }
    to.push_str(line);
}

/// Reads a pasted draft into its structure. Lines that belong to nothing
/// else continue the text they follow; a heading without a title on its line
/// takes the next line as its title (drafts often put it there in capitals).
pub fn parse(text: &str) -> Result<Draft, DraftError> {
    let mut draft = Draft::default();
    // Whether the last block is a heading still waiting for its title.
    let mut heading_open = false;
    for raw in text.lines() {
        let line = plain(raw);
        if line.is_empty() || line.chars().all(|c| matches!(c, '-' | '*' | '_' | '=')) {
            continue;
        }
        if let Some((level, rest)) = keyword(line) {
            if let Some((number, title)) = number_and_title(rest) {
                match level {
                    Some(level) => {
                        heading_open = title.is_empty();
                        draft.blocks.push(Block::Heading(Heading {
                            level,
                            number,
                            title,
                        }));
                    }
                    None => {
                        heading_open = false;
                        draft.blocks.push(Block::Article(Article {
                            number,
                            title,
                            text: String::new(),
                            clauses: Vec::new(),
                        }));
                    }
                }
                continue;
            }
        }
        match draft.blocks.last_mut() {
            None => append(&mut draft.preamble, line),
            Some(Block::Heading(h)) => {
                if heading_open {
                    h.title = line.to_string();
                    heading_open = false;
                } else {
                    append(&mut h.title, line);
                }
            }
            Some(Block::Article(a)) => {
                if let Some((number, text)) = clause(line) {
                    a.clauses.push(Clause {
                        number,
                        text,
                        points: Vec::new(),
                    });
                } else if let Some((letter, text)) = point(line).filter(|_| !a.clauses.is_empty()) {
                    if let Some(c) = a.clauses.last_mut() {
                        c.points.push(Point { letter, text });
                    }
                } else if let Some(c) = a.clauses.last_mut() {
                    match c.points.last_mut() {
                        Some(p) => append(&mut p.text, line),
                        None => append(&mut c.text, line),
                    }
                } else {
                    append(&mut a.text, line);
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for a in draft.articles() {
        if !seen.insert(a.number.to_lowercase()) {
            return Err(DraftError::DuplicateArticle(a.number.clone()));
        }
    }
    if seen.is_empty() {
        return Err(DraftError::NoArticles);
    }
    Ok(draft)
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
