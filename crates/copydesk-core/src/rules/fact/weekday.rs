use crate::date::{Date, Weekday};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::engine::CheckContext;
use crate::rules::Rule;

use crate::sourcing::cues::month_number;
use crate::sourcing::words::Words;
use crate::Language;

declare_rule! {
    /// A weekday that does not match its date.
    ///
    /// ## What it finds
    /// A date given with its weekday where the two disagree: "jeudi 27 mars" in 2019, when 27
    /// March 2019 was a Wednesday; "Thursday, March 27, 2019". The year is the one written with
    /// the date, else one named in the same sentence ("en janvier 2019", "en 2019"), else the
    /// front matter's `date:` (the year that puts the date nearest to it), else the latest year
    /// named earlier in the article. Only years written with a month or after a word of time
    /// ("en", "in", "fin", "début"…) count, and not those of a life or a career ("élu en 2021",
    /// "born in 1952") or of a span ("entre 2004 et 2016", "depuis 2012", "2021-2024"): they
    /// tell another time than the story's.
    ///
    /// ## Why it matters
    /// A weekday and a date that disagree mean one of them is wrong, and the reader cannot tell
    /// which: the event is misdated.
    ///
    /// ## Example
    /// "jeudi 27 mars 2019" → "mercredi 27 mars 2019".
    ///
    /// ## Never flags
    /// Dates whose weekday is right ("mercredi 27 mars" in 2019); dates with no year to be found
    /// anywhere; impossible dates (31 February, which another check should catch).
    ///
    /// ## Fix
    /// Suggests the right weekday; check the date against the source, the day number may be the
    /// wrong part.
    pub struct WeekdayMismatch;
    code = "fact/weekday";
    severity = Warning;
}

impl Rule for WeekdayMismatch {
    fn info(&self) -> &'static crate::rules::RuleInfo {
        &Self::INFO
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let words = Words::of(doc);
        let weekdays = words.folded.per_word(weekday);
        let mut latest_year: Option<i32> = None;
        for sentence in &doc.sentences {
            // Most sentences hold neither a year nor a weekday: they are passed over without
            // reading their words twice.
            let dated = sentence.tokens.clone().any(|t| may_be_year(&words, t));
            let has_weekday = || sentence.tokens.clone().any(|t| weekdays.of(t).is_some());
            if !dated && !has_weekday() {
                continue;
            }
            let tokens: Vec<usize> = sentence.tokens.clone().collect();
            let years = if dated {
                time_years(&words, &tokens)
            } else {
                Vec::new()
            };
            let sentence_year = years.first().copied();
            for position in 0..tokens.len() {
                let Some(weekday) = *weekdays.of(tokens[position]) else {
                    continue;
                };
                let Some(mention) = date_after(&words, &tokens, position) else {
                    continue;
                };
                let year = mention
                    .year
                    .or(sentence_year)
                    .or_else(|| {
                        doc.front_matter
                            .date
                            .map(|d| nearest_year(d, mention.month, mention.day))
                    })
                    .or(latest_year);
                let Some(date) = year.and_then(|y| Date::new(y, mention.month, mention.day)) else {
                    continue;
                };
                let actual = date.weekday();
                if actual == weekday {
                    continue;
                }
                let span = words.range(tokens[position], tokens[mention.last]);
                out.push(diagnostic(
                    &words,
                    span,
                    weekday,
                    actual,
                    date,
                    doc.language,
                ));
            }
            latest_year = years.last().copied().or(latest_year);
        }
    }
}

fn diagnostic(
    words: &Words,
    span: std::ops::Range<usize>,
    written: Weekday,
    actual: Weekday,
    date: Date,
    language: Language,
) -> Diagnostic {
    let text = words.doc.text(span.clone());
    let name = |day: Weekday| language.pick(day.french(), day.english());
    let written_word = text
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let mut right = name(actual).to_string();
    if written_word.chars().next().is_some_and(char::is_uppercase) {
        right = capitalise(&right);
    } else {
        right = right.to_lowercase();
    }
    let suggestion = format!("{right}{}", &text[written_word.len()..]);
    let message = language.pick(
        format!(
            "Le {} {} {} tombe un {}, pas un {}.",
            date.day,
            french_month(date.month),
            date.year,
            actual.french(),
            written.french()
        ),
        format!(
            "{} {}, {} is a {}, not a {}.",
            english_month(date.month),
            date.day,
            date.year,
            actual.english(),
            written.english()
        ),
    );
    Diagnostic::new(WeekdayMismatch::INFO.code, span, message).suggest(suggestion)
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn french_month(month: u32) -> &'static str {
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ][month as usize - 1]
}

fn english_month(month: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][month as usize - 1]
}

fn weekday(word: &str) -> Option<Weekday> {
    match word {
        "lundi" | "monday" => Some(Weekday::Monday),
        "mardi" | "tuesday" => Some(Weekday::Tuesday),
        "mercredi" | "wednesday" => Some(Weekday::Wednesday),
        "jeudi" | "thursday" => Some(Weekday::Thursday),
        "vendredi" | "friday" => Some(Weekday::Friday),
        "samedi" | "saturday" => Some(Weekday::Saturday),
        "dimanche" | "sunday" => Some(Weekday::Sunday),
        _ => None,
    }
}

/// A year written as a number: 1900 to 2099.
fn year(words: &Words, token: usize) -> Option<i32> {
    may_be_year(words, token)
        .then(|| words.raw(token).parse().ok())
        .flatten()
        .filter(|y| (1900..2100).contains(y))
}

/// Whether a token is a number of four digits: a sentence without one has no year.
fn may_be_year(words: &Words, token: usize) -> bool {
    words.is_number(token) && words.raw(token).len() == 4
}

/// The years of a sentence that say when the story happens, in text order: with a month
/// ("janvier 2019", "27 mars 2019", "March 2019") or after "en", "in", "début", "fin"… ("en
/// 2019", "in 2019"). Years with a month come first: they are the surest.
fn time_years(words: &Words, tokens: &[usize]) -> Vec<i32> {
    // Only a number of four digits can be a year: the words before the others are not read.
    let numbers = (1..tokens.len()).filter(|&p| may_be_year(words, tokens[p]));
    let dated = numbers
        .clone()
        .filter(|&p| month_number(words.word(tokens[p - 1])).is_some());
    let bare = numbers.filter(|&p| introduces_time(words, tokens, p));
    let dated: Vec<usize> = dated.collect();
    let bare = bare.filter(|p| !dated.contains(p));
    dated
        .iter()
        .copied()
        .chain(bare)
        .filter(|&p| !is_span_bound(words, tokens, p))
        .filter_map(|p| year(words, tokens[p]))
        .collect()
}

/// Whether the word before position `p` introduces a time ("en 2019", "fin 2019"), and not a
/// life or a career ("élu en 2021", "né en 1952", "born in 1952") or a limit ("jusqu’en 2016",
/// "depuis fin 2019").
fn introduces_time(words: &Words, tokens: &[usize], p: usize) -> bool {
    let opener = words.word(tokens[p - 1]);
    let is_opener = matches!(
        opener,
        "en" | "in" | "debut" | "fin" | "mi" | "courant" | "durant" | "during" | "annee" | "year"
    );
    if !is_opener || opener != "mi" && words.broken(tokens[p - 1], tokens[p]) {
        return false;
    }
    let Some(before) = p.checked_sub(2).map(|q| tokens[q]) else {
        return true;
    };
    words.broken(before, tokens[p - 1])
        || !(tells_a_life(words.raw(before))
            || matches!(
                words.word(before),
                "jusqu"
                    | "depuis"
                    | "since"
                    | "until"
                    | "till"
                    | "avant"
                    | "before"
                    | "apres"
                    | "after"
            ))
}

/// A past participle or a "born"-like word: "élu", "nommé", "fondée", "born", "elected".
fn tells_a_life(raw: &str) -> bool {
    let word = raw.to_lowercase();
    let french = [
        "é", "ée", "és", "ées", "u", "ue", "us", "ues", "i", "ie", "is", "it",
    ];
    let english = ["born", "chosen", "sworn", "taken", "won", "known"];
    french.iter().any(|end| word.ends_with(end)) && word.chars().count() > 2
        || word.ends_with("ed")
        || english.contains(&word.as_str())
}

/// Whether the year at `p` bounds a span: "2021-2024", "en 2004 et 2016", "in 2019 or 2020".
fn is_span_bound(words: &Words, tokens: &[usize], p: usize) -> bool {
    let Some(&next) = tokens.get(p + 1) else {
        return false;
    };
    let gap = words.between(tokens[p], next).trim();
    let dash = !gap.is_empty() && gap.chars().all(|c| matches!(c, '-' | '–' | '—' | '/'));
    let joined_year = matches!(words.word(next), "et" | "and" | "a" | "to" | "ou" | "or")
        && tokens.get(p + 2).is_some_and(|&t| year(words, t).is_some());
    dash || joined_year
}

/// The year of the front matter's date, or the one before or after it, whichever puts the day
/// nearest to that date (an article of 2 January speaks of "mardi 31 décembre" of the year
/// before).
fn nearest_year(reference: Date, month: u32, day: u32) -> i32 {
    let ordinal = |m: u32, d: u32| (m * 31 + d) as i32;
    let offset = ordinal(month, day) - ordinal(reference.month, reference.day);
    match offset {
        o if o > 6 * 31 => reference.year - 1,
        o if o < -6 * 31 => reference.year + 1,
        _ => reference.year,
    }
}

struct Mention {
    day: u32,
    month: u32,
    year: Option<i32>,
    last: usize,
}

/// The date after a weekday: "27 mars [2019]", "le 1er avril", "March 27[, 2019]", "27th of
/// March".
fn date_after(words: &Words, tokens: &[usize], position: usize) -> Option<Mention> {
    let joined = |p: usize| {
        tokens.get(p).is_some_and(|&t| {
            words
                .between(tokens[p - 1], t)
                .chars()
                .all(|c| c.is_whitespace() || c == ',')
        })
    };
    let word = |p: usize| words.word(tokens[p]);
    let mut p = position + 1;
    if joined(p) && matches!(word(p), "le" | "the") {
        p += 1;
    }
    if !joined(p) {
        return None;
    }
    let (day, month, mut last) = if let Some(day) = day_number(word(p)) {
        let mut m = p + 1;
        if joined(m) && word(m) == "of" {
            m += 1;
        }
        (day, joined(m).then(|| month_number(word(m))).flatten()?, m)
    } else {
        let month = month_number(word(p))?;
        (
            joined(p + 1).then(|| day_number(word(p + 1))).flatten()?,
            month,
            p + 1,
        )
    };
    let year = joined(last + 1)
        .then(|| year(words, tokens[last + 1]))
        .flatten();
    if year.is_some() {
        last += 1;
    }
    Some(Mention {
        day,
        month,
        year,
        last,
    })
}

/// "27", "1er", "1st", "27th".
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "er" | "e" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings_in;
    use crate::Format;

    fn flagged(text: &str, format: Format) -> Vec<(String, Vec<String>)> {
        findings_in("fact/weekday", text, format, None)
            .into_iter()
            .map(|(text, d)| (text, d.suggestions))
            .collect()
    }

    #[test]
    fn flags_a_wrong_weekday_with_the_right_one() {
        assert_eq!(
            flagged(
                "La réunion a eu lieu jeudi 27 mars 2019 à Caracas.",
                Format::PlainText
            ),
            [(
                "jeudi 27 mars 2019".to_string(),
                vec!["mercredi 27 mars 2019".to_string()]
            )]
        );
        assert_eq!(
            flagged(
                "The talks opened on Thursday, March 27, 2019.",
                Format::PlainText
            ),
            [(
                "Thursday, March 27, 2019".to_string(),
                vec!["Wednesday, March 27, 2019".to_string()]
            )]
        );
    }

    #[test]
    fn year_from_front_matter_or_earlier_text() {
        let dated = "---\ndate: 2019-03-28\n---\n\nLa réunion a eu lieu jeudi 27 mars.\n";
        assert_eq!(flagged(dated, Format::Markdown).len(), 1);
        let earlier =
            "Le coup d’État a échoué en janvier 2019. Une passe d’armes a eu lieu mardi 25 mars.";
        assert_eq!(
            flagged(earlier, Format::PlainText),
            [(
                "mardi 25 mars".to_string(),
                vec!["lundi 25 mars".to_string()]
            )]
        );
        let new_year = "---\ndate: 2020-01-02\n---\n\nLa fête a eu lieu mardi 31 décembre.\n";
        assert!(flagged(new_year, Format::Markdown).is_empty());
    }

    #[test]
    fn year_named_bare_in_the_sentence_or_earlier() {
        let earlier = "En 2019, la crise s’est aggravée. Jeudi 27 mars, l’opposition a manifesté.";
        assert_eq!(
            flagged(earlier, Format::PlainText),
            [(
                "Jeudi 27 mars".to_string(),
                vec!["Mercredi 27 mars".to_string()]
            )]
        );
        let same = "Une passe d’armes a eu lieu mardi 25 mars, en 2019.";
        assert_eq!(flagged(same, Format::PlainText).len(), 1);
        let english = "In 2019, the crisis deepened. On Thursday, March 27, the talks opened.";
        assert_eq!(flagged(english, Format::PlainText).len(), 1);
        let latest = "En 2018, il a perdu. En 2019, il a gagné. Mercredi 27 mars, il a parlé.";
        assert!(flagged(latest, Format::PlainText).is_empty());
    }

    #[test]
    fn never_flags_years_of_a_life_or_a_span() {
        for text in [
            "Le parti, au pouvoir entre 2004 et 2016, a réagi lundi 31 mars.",
            "Né en 1952, le président a parlé lundi 31 mars.",
            "Elected in 2021, he said on Thursday, July 27, that the army backed him.",
            "L’aide prévue pour la période 2021-2024 a été suspendue jeudi 27 juillet.",
            "Il gouverne depuis fin 2019 et a parlé jeudi 27 juillet.",
            "Nommée en 2016, elle a démissionné jeudi 27 juillet.",
            "La loi de finances 2024 a été votée jeudi 27 juillet.",
        ] {
            assert!(flagged(text, Format::PlainText).is_empty(), "{text}");
        }
    }

    #[test]
    fn never_flags_right_weekdays_or_dates_with_no_year() {
        for text in [
            "Maria Zakharova a indiqué mercredi 27 mars 2019 que la Russie restait.",
            "Une passe d’armes a eu lieu lundi 25 mars, en 2019.",
            "En 2019, l’opposition a manifesté mercredi 27 mars.",
            "Le président l’a confirmé dimanche 9 juin.",
            "Élu en 2021, il a indiqué jeudi 27 juillet que l’armée le soutenait.",
            "Au pouvoir depuis 2012, le parti a élu vendredi 27 septembre son chef.",
            "On Wednesday, March 27, 2019, the talks opened.",
            "Le vendredi 31 février 2019 n’existe pas.",
        ] {
            assert!(flagged(text, Format::PlainText).is_empty(), "{text}");
        }
    }
}
