//! Direct quotations, told from quoted terms, including quotations that run over paragraphs.

use super::cues::{is_determiner, marks_a_clause};
use super::words::Words;
use super::Quotation;
use crate::language::Language;
use crate::segment::QuotePair;
use crate::text::is_space;
use std::ops::Range;

/// A quoted phrase of at most this many words with no clause of its own is a term.
const TERM_MAX_WORDS: usize = 5;

/// The article's quotations and quoted terms, outermost marks only, in order. A quotation that
/// runs over paragraphs (French style: each new paragraph opens with ») is one part per
/// paragraph, the parts sharing a `chain`.
pub(super) fn find(words: &Words) -> Vec<Quotation> {
    let doc = words.doc;
    let mut quotations: Vec<Quotation> = Vec::new();
    let mut left_open = false;
    for (index, paragraph) in doc.paragraphs.iter().enumerate() {
        let pairs = outermost(&doc.quotes, &paragraph.span);
        // English style: a paragraph left open goes on in the next one, which reopens with a mark.
        let reopened_at = left_open
            .then(|| english_reopening(&doc.masked, &paragraph.span))
            .flatten();
        for pair in &pairs {
            let continues = doc.masked[pair.span.clone()].starts_with('»')
                || reopened_at == Some(pair.span.start);
            let mut part = quotation(words, pair.span.clone(), pair.inner.clone(), continues);
            part.is_term = part.is_term || is_verbless_headline(words, &paragraph.span, &pair.span);
            push(&mut quotations, part);
        }
        left_open = false;
        let next_reopens = doc
            .paragraphs
            .get(index + 1)
            .is_some_and(|next| english_reopening(&doc.masked, &next.span).is_some());
        if next_reopens {
            if let Some(open) = unclosed_english_opening(&doc.masked, &paragraph.span, &pairs) {
                let continues = reopened_at == Some(open);
                let mark = doc.masked[open..].chars().next().map_or(1, char::len_utf8);
                let inner = open + mark..paragraph.span.end;
                let mut part = quotation(words, open..paragraph.span.end, inner, continues);
                part.is_term = false;
                push(&mut quotations, part);
                left_open = true;
                continue;
            }
        }
        let next_continues = doc
            .paragraphs
            .get(index + 1)
            .is_some_and(|next| first_visible(&doc.masked[next.span.clone()]) == Some('»'));
        if next_continues {
            if let Some(open) = unclosed_opening(&doc.masked, &paragraph.span, &pairs) {
                let mark = doc.masked[open..].chars().next().map_or(1, char::len_utf8);
                let continues = doc.masked[open..].starts_with('»');
                let mut part = quotation(
                    words,
                    open..paragraph.span.end,
                    open + mark..paragraph.span.end,
                    continues,
                );
                part.is_term = false;
                push(&mut quotations, part);
            }
        }
    }
    quotations
}

fn push(quotations: &mut Vec<Quotation>, mut part: Quotation) {
    part.chain = match quotations.last() {
        Some(previous) if part.continues => previous.chain,
        _ => quotations.len(),
    };
    quotations.push(part);
}

fn quotation(words: &Words, span: Range<usize>, inner: Range<usize>, continues: bool) -> Quotation {
    let is_term = !continues && is_term(words, &inner);
    Quotation {
        span,
        inner,
        is_term,
        speaker: None,
        chain: 0,
        continues,
    }
}

/// The pairs of a paragraph that no other pair encloses.
fn outermost<'q>(quotes: &'q [QuotePair], paragraph: &Range<usize>) -> Vec<&'q QuotePair> {
    let first = quotes.partition_point(|q| q.span.start < paragraph.start);
    let mut kept: Vec<&QuotePair> = Vec::new();
    for pair in quotes[first..]
        .iter()
        .take_while(|q| q.span.start < paragraph.end)
    {
        if kept
            .last()
            .is_none_or(|last| pair.span.start >= last.span.end)
        {
            kept.push(pair);
        }
    }
    kept
}

fn first_visible(text: &str) -> Option<char> {
    text.chars().find(|&c| !is_space(c))
}

/// The opening guillemet of a paragraph that no pair closes: a quotation going on in the next
/// paragraph.
fn unclosed_opening(masked: &str, paragraph: &Range<usize>, pairs: &[&QuotePair]) -> Option<usize> {
    let text = &masked[paragraph.clone()];
    let leading = text.len() - text.trim_start_matches(is_space).len();
    text.char_indices()
        .filter(|&(i, c)| c == '«' || (c == '»' && i == leading))
        .map(|(i, _)| paragraph.start + i)
        .find(|&at| !pairs.iter().any(|p| p.span.start <= at && at < p.span.end))
}

/// Where a paragraph opens with an English quotation mark: the start of a new paragraph of a
/// quotation left open at the end of the one before.
fn english_reopening(masked: &str, paragraph: &Range<usize>) -> Option<usize> {
    let text = &masked[paragraph.clone()];
    let leading = text.len() - text.trim_start_matches(is_space).len();
    matches!(text[leading..].chars().next(), Some('"' | '“')).then_some(paragraph.start + leading)
}

/// The English opening mark (“ or ") of a paragraph that no pair closes, followed by a word
/// and by no other quotation: "\"In the first half we were sloppy." with the quotation going on
/// in the next paragraph.
fn unclosed_english_opening(
    masked: &str,
    paragraph: &Range<usize>,
    pairs: &[&QuotePair],
) -> Option<usize> {
    let text = &masked[paragraph.clone()];
    text.char_indices()
        .filter(|&(i, c)| {
            matches!(c, '"' | '“')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|next| !is_space(next))
                && text[..i].chars().next_back().is_none_or(is_space)
        })
        .map(|(i, _)| paragraph.start + i)
        .find(|&at| !pairs.iter().any(|p| at < p.span.end))
}

/// A quotation that is its paragraph's whole text and has no verb: an intertitle or a headline
/// made of quoted words (« Un réel risque de guerre civile »), whose speaker the body gives.
fn is_verbless_headline(words: &Words, paragraph: &Range<usize>, quote: &Range<usize>) -> bool {
    let masked = &words.doc.masked;
    let alone = masked[paragraph.start..quote.start]
        .trim_matches(is_space)
        .is_empty()
        && masked[quote.end..paragraph.end]
            .trim_matches(|c: char| is_space(c) || c == '.')
            .is_empty();
    let tokens = words.tokens_in(quote);
    alone && tokens.len() <= TITLE_MAX_WORDS && !has_verb(words, tokens)
}

/// Whether quoted words hold a verb or a subject: a clause marker ("nous", "it"), a finite
/// form ("est", "sont", "was", "will"), an imperfect or conditional ending ("tentait",
/// "pourraient"), or an English past ("looked").
fn has_verb(words: &Words, tokens: Range<usize>) -> bool {
    let english = words.doc.language == Language::English;
    tokens.into_iter().any(|t| {
        let word = words.word(t);
        let article = english && matches!(word, "a" | "as");
        marks_a_clause(word)
            || (is_finite_verb(word) && !article)
            || (english && is_english_past(word))
    })
}

fn is_finite_verb(word: &str) -> bool {
    let word = word
        .strip_prefix("n'")
        .or_else(|| word.strip_prefix("s'"))
        .or_else(|| word.strip_prefix("l'"))
        .unwrap_or(word);
    let imperfect_or_conditional = word.len() > 4
        && (word.ends_with("ait") || word.ends_with("aient") || word.ends_with("eront"))
        && !matches!(
            word,
            "portrait"
                | "extrait"
                | "souhait"
                | "attrait"
                | "retrait"
                | "forfait"
                | "bienfait"
                | "parfait"
                | "abstrait"
                | "distrait"
        );
    imperfect_or_conditional
        || matches!(
            word,
            "est"
                | "sont"
                | "a"
                | "ont"
                | "ai"
                | "as"
                | "avons"
                | "avez"
                | "etait"
                | "sera"
                | "seront"
                | "fut"
                | "furent"
                | "soit"
                | "soient"
                | "suis"
                | "sommes"
                | "etes"
                | "va"
                | "vont"
                | "vais"
                | "allons"
                | "fait"
                | "font"
                | "faut"
                | "peut"
                | "peuvent"
                | "puisse"
                | "puissent"
                | "doit"
                | "doivent"
                | "veut"
                | "veulent"
                | "sait"
                | "savent"
                | "vient"
                | "viennent"
                | "tient"
                | "dit"
                | "disent"
                | "met"
                | "prend"
                | "prennent"
                | "reste"
                | "restent"
                | "semble"
                | "semblent"
                | "devient"
                | "existe"
                | "voit"
                | "agit"
                | "is"
                | "are"
                | "was"
                | "were"
                | "am"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "should"
                | "shall"
                | "must"
                | "may"
                | "might"
                | "do"
                | "does"
                | "did"
        )
}

/// An English past or participle ("looked") or a contracted verb ("don't", "we're").
fn is_english_past(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed"))
        || ["n't", "'re", "'ve", "'ll"]
            .iter()
            .any(|end| word.ends_with(end))
}

/// A quoted fragment with no verb, set inside its sentence (it opens with a lowercase word or a
/// bracket): the wording of an official statement in apposition, victimes « d’outrage et de
/// menaces de mort », « défavorablement connus de la police et de la justice ». With no speaker
/// in its sentence, it is a quoted term whatever its length.
pub(super) fn is_verbless_fragment(words: &Words, inner: &Range<usize>) -> bool {
    let text = &words.doc.masked[inner.clone()];
    let opens_lowercase = text
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase);
    let tokens = words.tokens_in(inner);
    opens_lowercase
        && tokens.len() <= FRAGMENT_MAX_WORDS
        && !text
            .trim_end_matches(|c: char| is_space(c) || c == '.')
            .contains(['.', '!', '?', '…'])
        && !has_verb(words, tokens)
}

/// The longest verbless fragment taken for a quoted term.
const FRAGMENT_MAX_WORDS: usize = 20;

/// A name in title case ("One Big Beautiful Bill Act"): every word of four letters or more
/// opens with a capital.
fn is_title_case(words: &Words, tokens: &Range<usize>) -> bool {
    tokens
        .clone()
        .all(|t| words.raw(t).chars().count() < 4 || words.is_capitalised(t))
}

/// Whether the quotation stands where a noun does, after a determiner or a possessive: "the
/// “big, beautiful bill,”", "Trump’s “One Big Beautiful Bill Act,”".
fn after_determiner(words: &Words, tokens: &Range<usize>) -> bool {
    let Some(before) = tokens.start.checked_sub(1) else {
        return false;
    };
    let word = words.word(before);
    let only_marks = words
        .between(before, tokens.start)
        .chars()
        .all(|c| is_space(c) || matches!(c, '«' | '“' | '"' | '‹' | '‘'));
    only_marks && (is_determiner(word) || word.ends_with("'s"))
}

/// A short quoted phrase with no clause of its own («dictature maduriste», “coup d’État”), or a
/// title or a name the word before announces (le film « La vie est un long fleuve tranquille »,
/// the operation “Desert Shield”).
fn is_term(words: &Words, inner: &Range<usize>) -> bool {
    let tokens = words.tokens_in(inner);
    // "“The FDA followed the science,” she told the justices": a comma kept inside the marks
    // cuts a sentence short for its speaker; a term never carries one.
    let cut_sentence = words.doc.masked[inner.clone()]
        .trim_end_matches(is_space)
        .ends_with(',');
    let named_by_its_slot = || {
        !has_verb(words, tokens.clone())
            && (after_determiner(words, &tokens) || is_title_case(words, &tokens))
    };
    if cut_sentence && !named_by_its_slot() {
        return false;
    }
    if tokens.len() <= 2 || is_announced_title(words, &tokens) {
        return true;
    }
    let has_sentence_mark = words.doc.masked[inner.clone()]
        .trim_end_matches(|c: char| is_space(c) || matches!(c, '.' | '!' | '?' | '…'))
        .contains(['.', '!', '?', '…']);
    let has_clause = has_sentence_mark || tokens.clone().any(|t| marks_a_clause(words.word(t)));
    tokens.len() <= TERM_MAX_WORDS && !has_clause
}

/// A quoted phrase of at most this many words after a word that announces a title is a title.
const TITLE_MAX_WORDS: usize = 15;

/// Whether the word just before the quotation announces a title or a name: "le livre", "la
/// tribune", "intitulé", "baptisée", "titled", "the song".
fn is_announced_title(words: &Words, tokens: &Range<usize>) -> bool {
    let Some(before) = tokens.start.checked_sub(1) else {
        return false;
    };
    let between = words.between(before, tokens.start);
    let only_marks = between
        .chars()
        .all(|c| is_space(c) || matches!(c, '«' | '“' | '"' | '‹' | '‘' | '\'' | ','));
    tokens.len() <= TITLE_MAX_WORDS && only_marks && announces_title(words.word(before))
}

fn announces_title(word: &str) -> bool {
    matches!(
        word,
        "livre"
            | "ouvrage"
            | "essai"
            | "roman"
            | "recueil"
            | "film"
            | "documentaire"
            | "serie"
            | "emission"
            | "album"
            | "chanson"
            | "titre"
            | "piece"
            | "spectacle"
            | "exposition"
            | "tribune"
            | "editorial"
            | "chronique"
            | "rubrique"
            | "operation"
            | "slogan"
            | "devise"
            | "hashtag"
            | "intitule"
            | "intitulee"
            | "intitules"
            | "intitulees"
            | "baptise"
            | "baptisee"
            | "baptises"
            | "baptisees"
            | "surnomme"
            | "surnommee"
            | "dit"
            | "dite"
            | "dits"
            | "dites"
            | "publie"
            | "publier"
            | "book"
            | "novel"
            | "memoir"
            | "movie"
            | "documentary"
            | "series"
            | "show"
            | "song"
            | "play"
            | "exhibition"
            | "column"
            | "op-ed"
            | "motto"
            | "titled"
            | "entitled"
            | "dubbed"
            | "nicknamed"
            | "published"
            | "publish"
    )
}
