use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::rules::{Rule, Scope};

use crate::sourcing::words::Words;
use std::ops::Range;

declare_rule! {
    /// A stated total that does not match its parts.
    ///
    /// ## What it finds
    /// An enumeration followed by its total whose parts do not add up: "huit navires de guerre,
    /// trois bâtiments d'assaut amphibie et un sous-marin, soit un total de treize" (8 + 3 + 1 =
    /// 12). Numbers in digits or in words ("a carrier" counts one in English), French and
    /// English; totals written "soit un total de", "soit", "au total", "en tout", "in total", "a
    /// total of", "for a total of"; and a total given first, its parts after a colon: "Au
    /// total, 15 personnes ont été arrêtées : 8 à Paris, 4 à Lyon et 2 à Marseille".
    ///
    /// ## Why it matters
    /// A reader who adds up and finds another number stops trusting the rest; one of the
    /// numbers is wrong and the desk must find which.
    ///
    /// ## Example
    /// "huit navires, trois bâtiments et un sous-marin, soit un total de treize" → "… soit un
    /// total de douze" (or correct the part that is wrong).
    ///
    /// ## Never flags
    /// Breakdowns after "dont" ("treize navires, dont huit…"; "including", "parmi"), running
    /// totals ("bringing the toll to 45" counts earlier victims too), approximate numbers ("plus de",
    /// "environ", "près de", "about", "more than", "at least"), ranges ("3 à 5", "3-5"),
    /// percentages, years, and parts counted in different units ("35 tonnes et 100 hommes").
    ///
    /// ## Fix
    /// Check each number against the source; correct the part or the total.
    pub struct Total;
    code = "fact/total";
    severity = Warning;
}

impl Rule for Total {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Paragraph
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let words = Words::of(doc);
        let keys = words.folded.per_word(total_key);
        for sentence in &doc.sentences {
            // A total needs one of its key words in the sentence: the others are passed over
            // without reading their words.
            let key = sentence
                .tokens
                .clone()
                .fold(0, |key, token| key | keys.of(token));
            let colon = || {
                let (first, end) = (sentence.tokens.start, sentence.tokens.end);
                end > first && doc.masked[words.range(first, end - 1)].contains(':')
            };
            if key & TOTAL_PHRASE == 0 && (key & TOTAL_BEFORE_COLON == 0 || !colon()) {
                continue;
            }
            let tokens: Vec<usize> = sentence.tokens.clone().collect();
            let enumerations = (0..tokens.len())
                .filter_map(|position| {
                    let found = total_at(&words, &tokens, position)?;
                    Some((parts_before(&words, &tokens, found.phrase_start)?, found))
                })
                .chain(total_then_parts(&words, &tokens));
            for (parts, found) in enumerations {
                let sum: u64 = parts.iter().map(|p| p.value).sum();
                if sum == found.value {
                    continue;
                }
                let addition = parts
                    .iter()
                    .map(|p| p.value.to_string())
                    .collect::<Vec<_>>()
                    .join(" + ");
                let message = doc.language.pick(
                    format!(
                        "Le total ne correspond pas : {addition} = {sum}, pas {}.",
                        found.value
                    ),
                    format!(
                        "The total does not add up: {addition} = {sum}, not {}.",
                        found.value
                    ),
                );
                let span = words.range(tokens[found.phrase_start], tokens[found.last]);
                let mut diagnostic = Diagnostic::new(Self::INFO.code, span.clone(), message);
                if let Some(fixed) = corrected(
                    doc.text(span),
                    &words,
                    tokens[found.last],
                    sum,
                    doc.language,
                ) {
                    diagnostic = diagnostic.suggest(fixed);
                }
                for part in &parts {
                    diagnostic = diagnostic.relate(part.span.clone(), part.value.to_string());
                }
                out.push(diagnostic);
            }
        }
    }
}

/// The phrases that give a total after its parts.
const TOTAL_PHRASES: &[&[&str]] = &[
    &["soit", "un", "total", "de"],
    &["soit", "au", "total"],
    &["pour", "un", "total", "de"],
    &["au", "total"],
    &["en", "tout"],
    &["for", "a", "total", "of"],
    &["a", "total", "of"],
    &["in", "total"],
    &["soit"],
    &["totalling"],
    &["totaling"],
];

/// A word that every phrase of [`TOTAL_PHRASES`] holds.
const TOTAL_PHRASE: u8 = 1;
/// A word that the clause before the colon of [`total_then_parts`] holds.
const TOTAL_BEFORE_COLON: u8 = 1 << 1;

/// Which of the two ways of giving a total a folded word may belong to.
fn total_key(word: &str) -> u8 {
    let mut key = 0;
    if matches!(word, "soit" | "total" | "tout" | "totalling" | "totaling") {
        key |= TOTAL_PHRASE;
    }
    if matches!(
        word,
        "total" | "bilan" | "toll" | "altogether" | "tout" | "all"
    ) {
        key |= TOTAL_BEFORE_COLON;
    }
    key
}

struct Found {
    phrase_start: usize,
    last: usize,
    value: u64,
}

struct Part {
    span: Range<usize>,
    value: u64,
}

/// "soit un total de treize", "au total 13", "a total of 13", "soit 13": the total phrase at
/// `position` and its number.
fn total_at(words: &Words, tokens: &[usize], position: usize) -> Option<Found> {
    let word = |p: usize| tokens.get(p).map(|&t| words.word(t));
    if !matches!(
        word(position),
        Some("soit" | "pour" | "au" | "en" | "for" | "a" | "in" | "totalling" | "totaling")
    ) {
        return None;
    }
    let phrase = TOTAL_PHRASES.iter().find(|phrase| {
        phrase
            .iter()
            .enumerate()
            .all(|(i, w)| word(position + i) == Some(*w))
    })?;
    let number_at = position + phrase.len();
    let (value, last) = number(words, tokens, number_at)?;
    if is_approximate(word(number_at.wrapping_sub(1)).unwrap_or("")) {
        return None;
    }
    Some(Found {
        phrase_start: position,
        last,
        value,
    })
}

/// A total then its parts after a colon: "Au total, 15 personnes ont été arrêtées : 8 à Paris,
/// 4 à Lyon et 2 à Marseille", "Le bilan s'élève à 25 morts : 10 civils, 12 soldats et 4
/// policiers". The clause before the colon must say it gives a total ("total", "bilan", "en
/// tout", "toll"), and every item after it must be a count.
fn total_then_parts(words: &Words, tokens: &[usize]) -> Option<(Vec<Part>, Found)> {
    // The gaps between the tokens lie in the sentence's text: without a colon there, none
    // holds one.
    let sentence = words.span(*tokens.first()?).start..words.span(*tokens.last()?).end;
    if !words.doc.masked[sentence].contains(':') {
        return None;
    }
    let colon = (1..tokens.len()).find(|&p| words.gap_has(tokens[p - 1], tokens[p], ':'))?;
    let cue = (0..colon).find(|&p| {
        let next = (p + 1 < colon).then(|| words.word(tokens[p + 1]));
        matches!(
            words.word(tokens[p]),
            "total" | "bilan" | "toll" | "altogether"
        ) || matches!(
            (words.word(tokens[p]), next),
            ("en", Some("tout")) | ("in", Some("all")) | ("all", Some("told"))
        )
    })?;
    let mut numbers = Vec::new();
    let mut position = cue;
    while position < colon {
        match number(words, tokens, position) {
            Some((_, last)) => {
                numbers.push(position);
                position = last + 1;
            }
            None => position += 1,
        }
    }
    let &[at] = numbers.as_slice() else {
        return None;
    };
    if at > 0 && is_approximate(words.word(tokens[at - 1]))
        || at > 1
            && words.word(tokens[at - 1]) == "de"
            && is_approximate(words.word(tokens[at - 2]))
    {
        return None;
    }
    let (value, last) = number(words, tokens, at)?;
    let text = &words.doc.masked;
    let list_start = words.span(tokens[colon]).start;
    let list_end = words.span(*tokens.last()?).end;
    let list = &text[list_start..list_end];
    if list.contains(['%', '(', ';', ':']) || list.split(' ').any(is_breakdown_word) {
        return None;
    }
    let mut parts = Vec::new();
    let mut units = Vec::new();
    for (offset, item) in list_items(list) {
        let (part, unit) = read_part(words, tokens, list_start + offset, item)?;
        parts.push(part);
        units.push(unit);
    }
    let same_units = units
        .windows(2)
        .all(|w| w[0] == w[1] || (!w[0].1 && !w[1].1));
    (parts.len() >= 2 && same_units).then_some((
        parts,
        Found {
            phrase_start: at,
            last,
            value,
        },
    ))
}

/// The items of a list, with their offsets: split at commas, "et" and "and".
fn list_items(list: &str) -> Vec<(usize, &str)> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut push = |from: usize, to: usize| {
        let item = &list[from..to];
        let lead = item.len() - item.trim_start().len();
        items.push((from + lead, item.trim()));
    };
    for (at, piece) in list.match_indices([',', ' ']) {
        let rest = &list[at + piece.len()..];
        let conjunction = ["et ", "and "].iter().find(|c| rest.starts_with(*c));
        if piece == "," {
            push(start, at);
            start = at + 1;
        } else if let Some(c) = conjunction {
            if !list[start..at].trim().is_empty() {
                push(start, at);
            }
            start = at + 1 + c.len();
        }
    }
    push(start, list.len());
    items.retain(|(_, item)| !item.is_empty());
    items
}

fn is_breakdown_word(word: &str) -> bool {
    matches!(word, "dont" | "including" | "among" | "parmi")
}

/// The parts of the enumeration that ends just before the total: each a number then its noun,
/// separated by commas, "et" or "and".
fn parts_before(words: &Words, tokens: &[usize], total: usize) -> Option<Vec<Part>> {
    let text = words.doc.masked.as_str();
    let sentence_start = words.span(tokens[0]).start;
    let before = &text[sentence_start..words.span(tokens[total]).start];
    let mut parts = Vec::new();
    let mut units = Vec::new();
    let mut end = before
        .trim_end()
        .trim_end_matches([',', ':', '–', '—'])
        .len();
    loop {
        let segment_start = segment_start(&before[..end]);
        let segment = &before[segment_start..end];
        let Some(part) = read_part(words, tokens, sentence_start + segment_start, segment)
            .or_else(|| opening_part(words, tokens, sentence_start + segment_start, segment))
        else {
            if is_approximate_segment(segment) {
                return None;
            }
            break;
        };
        let first_word =
            crate::sourcing::words::fold_token(segment.split(' ').next().unwrap_or(""));
        let english_one = words.doc.language == crate::Language::English
            && matches!(first_word.as_str(), "a" | "an");
        let leading_words = !segment.starts_with(|c: char| c.is_ascii_digit())
            && number_word(&first_word).is_none()
            && !english_one;
        units.push(part.1);
        parts.push(part.0);
        let opens_list = before[..segment_start].trim_end().ends_with(':');
        if segment_start == 0 || leading_words || opens_list {
            break;
        }
        end = before[..segment_start]
            .trim_end()
            .trim_end_matches(',')
            .len();
        let trimmed = before[..end].trim_end();
        end = ["et", "and"]
            .iter()
            .find_map(|c| trimmed.strip_suffix(c).filter(|rest| rest.ends_with(' ')))
            .map_or(end, |rest| rest.trim_end().trim_end_matches(',').len());
    }
    let same_units = units
        .windows(2)
        .all(|w| w[0] == w[1] || (!w[0].1 && !w[1].1));
    (parts.len() >= 2 && same_units).then(|| {
        parts.reverse();
        parts
    })
}

/// Where the last item of an enumeration starts: after the last comma, "et" or "and".
fn segment_start(text: &str) -> usize {
    let comma = text.rfind([',', ':']).map_or(0, |i| i + 1);
    let conjunction = [" et ", " and "]
        .iter()
        .filter_map(|c| text.rfind(c).map(|i| i + c.len()))
        .max()
        .unwrap_or(0);
    let start = comma.max(conjunction);
    start + (text[start..].len() - text[start..].trim_start().len())
}

/// An item "trois bâtiments d'assaut amphibie": its number and its noun. The noun is returned
/// with whether it is a unit of measure.
fn read_part(
    words: &Words,
    tokens: &[usize],
    start: usize,
    segment: &str,
) -> Option<(Part, (String, bool))> {
    if segment.contains('%') || segment.contains(['(', ')']) {
        return None;
    }
    let first = tokens.iter().position(|&t| words.span(t).start == start)?;
    let before = |back: usize| first.checked_sub(back).map(|p| words.word(tokens[p]));
    if before(1).is_some_and(is_approximate)
        || (before(1) == Some("de") && before(2).is_some_and(is_approximate))
        || (matches!(before(1), Some("a" | "to" | "et" | "and"))
            && first >= 2
            && words.is_number(tokens[first - 2]))
    {
        return None;
    }
    let (value, last) =
        number(words, tokens, first).or_else(|| article_one(words, tokens, first))?;
    let noun = tokens.get(last + 1).map_or("", |&t| words.word(t));
    let range = matches!(noun, "a" | "to")
        && tokens
            .get(last + 2)
            .is_some_and(|&t| words.is_number(t) || number_word(words.word(t)).is_some());
    if range || matches!(noun, "pour" | "percent" | "cent") || is_year(value, noun) {
        return None;
    }
    Some((
        Part {
            span: words.range(tokens[first], tokens[last]),
            value,
        },
        (noun.to_string(), is_unit(noun)),
    ))
}

/// "a carrier", "an aircraft": one, in an English enumeration.
fn article_one(words: &Words, tokens: &[usize], position: usize) -> Option<(u64, usize)> {
    let english = words.doc.language == crate::Language::English;
    (english && matches!(words.word(*tokens.get(position)?), "a" | "an")).then_some((1, position))
}

/// The first item of an enumeration that follows its verb: "Ils déploieront huit navires".
fn opening_part(
    words: &Words,
    tokens: &[usize],
    start: usize,
    segment: &str,
) -> Option<(Part, (String, bool))> {
    let end = start + segment.len();
    let number_start = (0..tokens.len()).rev().find(|&p| {
        let span = words.span(tokens[p]);
        span.start > start
            && span.end <= end
            && (words.is_number(tokens[p]) || number_word(words.word(tokens[p])).is_some())
    })?;
    let mut first = number_start;
    while first > 0
        && words.is_number(tokens[first - 1])
        && words.raw(tokens[first]).len() == 3
        && words
            .between(tokens[first - 1], tokens[first])
            .chars()
            .all(char::is_whitespace)
    {
        first -= 1;
    }
    let number_start = words.span(tokens[first]).start;
    read_part(
        words,
        tokens,
        number_start,
        &words.doc.masked[number_start..end],
    )
}

/// Whether an item of the enumeration is an approximate count: "environ 300 soldats", "plus de
/// trois navires" (but not "d'ici quelques jours", which counts nothing of the list).
fn is_approximate_segment(segment: &str) -> bool {
    let folded: Vec<String> = segment
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(crate::sourcing::words::fold_token)
        .collect();
    let is_count = |w: &String| w.chars().all(|c| c.is_ascii_digit()) || number_word(w).is_some();
    folded.iter().enumerate().any(|(i, word)| {
        is_approximate(word)
            && match folded.get(i + 1) {
                Some(next) if next == "de" => folded.get(i + 2).is_some_and(is_count),
                Some(next) => is_count(next),
                None => false,
            }
    })
}

fn is_year(value: u64, noun: &str) -> bool {
    (1800..=2100).contains(&value) && matches!(noun, "" | "et" | "and" | "a" | "to")
}

fn is_approximate(word: &str) -> bool {
    matches!(
        word,
        "plus"
            | "moins"
            | "environ"
            | "pres"
            | "quelque"
            | "quelques"
            | "about"
            | "around"
            | "approximately"
            | "nearly"
            | "almost"
            | "some"
            | "over"
            | "least"
            | "than"
            | "up"
            | "roughly"
    )
}

fn is_unit(noun: &str) -> bool {
    matches!(
        noun,
        "tonne"
            | "tonnes"
            | "kg"
            | "kilos"
            | "kilogrammes"
            | "km"
            | "kilometres"
            | "metres"
            | "m"
            | "litres"
            | "euros"
            | "dollars"
            | "livres"
            | "francs"
            | "heures"
            | "jours"
            | "mois"
            | "ans"
            | "annees"
            | "minutes"
            | "hectares"
            | "tons"
            | "miles"
            | "pounds"
            | "hours"
            | "days"
            | "months"
            | "years"
            | "millions"
            | "milliards"
            | "million"
            | "billion"
            | "billions"
    )
}

/// A number at `position`, in digits ("13", "1 000", "1,000") or words ("treize",
/// "vingt-trois", "twenty-one"), with the index of its last token.
fn number(words: &Words, tokens: &[usize], position: usize) -> Option<(u64, usize)> {
    let &token = tokens.get(position)?;
    if words.is_number(token) {
        let mut digits: String = words
            .raw(token)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let raw = words.raw(token);
        if raw.contains(['-', '‑', '‐']) || (raw.contains(['.', ',']) && !is_thousands(raw)) {
            return None;
        }
        let mut last = position;
        while let Some(&next) = tokens.get(last + 1) {
            let glued = words
                .between(tokens[last], next)
                .chars()
                .all(|c| c == ' ' || c == '\u{a0}' || c == '\u{202f}');
            if words.is_number(next)
                && words.raw(next).len() == 3
                && glued
                && !words.between(tokens[last], next).is_empty()
            {
                digits.push_str(words.raw(next));
                last += 1;
            } else {
                break;
            }
        }
        return digits.parse().ok().map(|v| (v, last));
    }
    number_word(words.word(token)).map(|v| (v, position))
}

fn is_thousands(raw: &str) -> bool {
    raw.split([',', '.']).skip(1).all(|group| group.len() == 3)
}

/// The value of a number written in words, French or English: "treize", "vingt-trois",
/// "quatre-vingt-dix", "twenty-one", "un".
fn number_word(word: &str) -> Option<u64> {
    let mut total = 0;
    let mut parts = word
        .split('-')
        .filter(|p| *p != "et" && *p != "and")
        .peekable();
    parts.peek()?;
    for part in parts {
        let value = match part {
            "un" | "une" | "one" => 1,
            "deux" | "two" => 2,
            "trois" | "three" => 3,
            "quatre" | "four" => 4,
            "cinq" | "five" => 5,
            "six" => 6,
            "sept" | "seven" => 7,
            "huit" | "eight" => 8,
            "neuf" | "nine" => 9,
            "dix" | "ten" => 10,
            "onze" | "eleven" => 11,
            "douze" | "twelve" => 12,
            "treize" | "thirteen" => 13,
            "quatorze" | "fourteen" => 14,
            "quinze" | "fifteen" => 15,
            "seize" | "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "vingt" | "vingts" | "twenty" => 20,
            "trente" | "thirty" => 30,
            "quarante" | "forty" => 40,
            "cinquante" | "fifty" => 50,
            "soixante" | "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            "cent" | "cents" | "hundred" => {
                total = total.max(1) * 100;
                continue;
            }
            _ => return None,
        };
        total = if value == 20 && total % 100 == 4 {
            total - 4 + 80
        } else {
            total + value
        };
    }
    Some(total)
}

/// The total phrase with its number replaced by the sum, written the same way (digits or
/// words).
fn corrected(
    phrase: &str,
    words: &Words,
    number_token: usize,
    sum: u64,
    language: crate::Language,
) -> Option<String> {
    let written = words.raw(number_token);
    let replacement = if words.is_number(number_token) {
        sum.to_string()
    } else {
        spelled(sum, language)?.to_string()
    };
    let at = phrase.rfind(written)?;
    Some(format!(
        "{}{replacement}{}",
        &phrase[..at],
        &phrase[at + written.len()..]
    ))
}

fn spelled(value: u64, language: crate::Language) -> Option<&'static str> {
    const FRENCH: [&str; 21] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
        "dix-neuf", "vingt",
    ];
    const ENGLISH: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    language.pick(FRENCH, ENGLISH).get(value as usize).copied()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_of;

    fn flagged(text: &str) -> Vec<(String, Vec<String>)> {
        findings_of("fact/total", text)
            .into_iter()
            .map(|(text, d)| (text, d.suggestions))
            .collect()
    }

    #[test]
    fn flags_a_total_that_does_not_add_up() {
        assert_eq!(
            flagged("Ils déploieront huit navires de guerre, trois bâtiments d’assaut amphibie et un sous-marin, soit un total de treize marins."),
            [("soit un total de treize".to_string(), vec!["soit un total de douze".to_string()])]
        );
        assert_eq!(
            flagged("They sent 4 ships, 5 planes and 2 submarines, a total of 12 units.").len(),
            1
        );
        assert_eq!(
            flagged("Le pays compte 1 200 soldats et 300 policiers, soit 1 600 hommes au total.")
                .len(),
            1
        );
    }

    #[test]
    fn flags_a_total_given_before_its_parts() {
        assert_eq!(
            flagged(
                "Au total, 15 personnes ont été arrêtées : 8 à Paris, 4 à Lyon et 2 à Marseille."
            ),
            [("15".to_string(), vec!["14".to_string()])]
        );
        assert_eq!(
            flagged("Le bilan s’élève à 25 morts : 10 civils, 12 soldats et 4 policiers.").len(),
            1
        );
        assert_eq!(
            flagged("Au total, 1 200 soldats ont été mobilisés : 800 à Zulia et 300 à Caracas.")
                .len(),
            1
        );
        assert_eq!(
            flagged(
                "The death toll stands at 25: 10 civilians, 12 soldiers and 4 police officers."
            )
            .len(),
            1
        );
    }

    #[test]
    fn reads_a_list_opened_by_a_colon() {
        assert_eq!(
            flagged("In all, 132 hostages remain in Gaza: 107 men, 19 women and 2 children.").len(),
            1
        );
        assert_eq!(
            flagged("All told, 40 people were hurt: 25 in Kyiv and 10 in Lviv.").len(),
            1
        );
        assert_eq!(
            flagged("Cinq avions ont décollé : deux français et un italien, soit un total de cinq appareils.")
                .len(),
            1
        );
        for text in [
            "Trois avions ont décollé : deux français et un italien, soit un total de trois appareils.",
            "Three planes took off: two French and one Italian, a total of three aircraft.",
            "In all, 132 hostages remain in Gaza: 111 men, 19 women and 2 children.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn english_a_counts_one() {
        assert_eq!(
            flagged("The fleet has four destroyers, two frigates and a carrier, for a total of eight ships.")
                .len(),
            1
        );
        assert!(flagged("The fleet has four destroyers, two frigates and a carrier, for a total of seven ships.").is_empty());
    }

    #[test]
    fn never_flags_right_totals_breakdowns_approximations_or_units() {
        for text in [
            "huit navires de guerre, trois bâtiments et un sous-marin, soit un total de douze.",
            "treize navires, dont huit navires de guerre et trois bâtiments.",
            "plus de huit navires et trois bâtiments, soit un total de treize.",
            "environ 8 navires et 3 bâtiments, au total 13.",
            "35 tonnes de matériel et 100 militaires, soit 200.",
            "de 3 à 5 navires et 2 sous-marins, soit 9.",
            "10 % des votes et 20 % des sièges, soit 40.",
            "Twenty-one ships and nine planes, in total 30 units.",
            "Environ 300 soldats, 200 marins et 100 aviateurs, soit 650 militaires au total.",
            "Au total, 15 personnes ont été arrêtées : 8 à Paris, 4 à Lyon et 3 à Marseille.",
            "Au total, 15 personnes ont été arrêtées : 8 hommes et 6 femmes, dont 3 mineurs.",
            "Le bilan s’élève à au moins 25 morts : 10 civils, 12 soldats et 4 policiers.",
            "Le bilan est lourd : 25 morts et 40 blessés.",
            "Le total des ventes a progressé : 12 % en mars et 5 % en avril.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn every_total_phrase_holds_a_key_word() {
        use super::{total_key, TOTAL_BEFORE_COLON, TOTAL_PHRASE, TOTAL_PHRASES};
        for phrase in TOTAL_PHRASES {
            assert!(
                phrase.iter().any(|w| total_key(w) & TOTAL_PHRASE != 0),
                "{phrase:?}"
            );
        }
        for cue in ["total", "bilan", "toll", "altogether", "tout", "all"] {
            assert!(total_key(cue) & TOTAL_BEFORE_COLON != 0, "{cue}");
        }
        assert_eq!(total_key("pour"), 0);
        assert_eq!(total_key(""), 0);
    }

    #[test]
    fn key_words_are_read_folded() {
        assert_eq!(
            flagged("Huit navires, trois bâtiments et un sous-marin, SOIT un TOTAL de treize.")
                .len(),
            1
        );
        assert_eq!(
            flagged("BILAN\u{a0}: 15 morts : 8 civils, 4 soldats et 2 policiers.").len(),
            flagged("Bilan : 15 morts : 8 civils, 4 soldats et 2 policiers.").len()
        );
    }
}
