//! Attributions — a speech verb with its subject, or "selon X" — and the speaker of each
//! quotation.

use super::cues::{
    self, ends_backward_phrase, ends_forward_phrase, is_auxiliary, is_determiner, is_relative,
    is_time_word, speech_verb, split_inverted, Strength,
};
use super::quotes;
use super::words::{PerWord, Words};
use super::{cue, Attribution, CueKind, Quotation, SentenceCues, Speaker};
use crate::language::Language;
use std::ops::Range;

/// The longest speaker phrase, in words.
const MAX_SPEAKER_WORDS: usize = 14;

/// Particles inside a name: "Centre d'études", "Ursula von der Leyen", "Bachar Al Assad".
fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "du"
            | "des"
            | "la"
            | "le"
            | "von"
            | "van"
            | "der"
            | "den"
            | "al"
            | "el"
            | "bin"
            | "ben"
            | "da"
            | "dos"
            | "di"
            | "of"
            | "the"
            | "et"
            | "and"
            | "y"
    )
}

/// What the reading of a speaker asks of a word, as bits, found once per distinct word.
mod class {
    /// An auxiliary or an adverb around a speech verb (see [`super::is_auxiliary`]).
    pub const AUXILIARY: u8 = 1;
    /// A word where a speaker's name stops when read backwards (see
    /// [`super::ends_backward_phrase`]).
    pub const ENDS_BACKWARD: u8 = 1 << 1;
}

fn class_of(word: &str) -> u8 {
    let mut bits = 0;
    if is_auxiliary(word) {
        bits |= class::AUXILIARY;
    }
    if ends_backward_phrase(word) {
        bits |= class::ENDS_BACKWARD;
    }
    bits
}

/// Whether an attribution may start at this folded word: see [`Sentence::attribution_at`].
pub(super) fn may_attribute(word: &str) -> bool {
    matches!(
        word,
        "selon"
            | "d'apres"
            | "citant"
            | "citing"
            | "according"
            | "cite"
            | "citee"
            | "cites"
            | "citees"
            | "quoted"
            | "cited"
            | "pour"
            | "for"
    ) || speech_verb(word).is_some()
}

/// Every attribution in the article outside quotations, sentence by sentence. `cues` holds the
/// [`super::cue`] bits of every token.
pub(super) fn find(
    words: &Words,
    quotations: &[Quotation],
    quoted: &[bool],
    cues: &[u8],
    sentence_cues: &[SentenceCues],
) -> Vec<Attribution> {
    let doc = words.doc;
    let mut found = Vec::new();
    let mut spoken: Vec<&Range<usize>> = quotations
        .iter()
        .filter(|q| !q.is_term)
        .map(|q| &q.span)
        .collect();
    spoken.sort_by_key(|span| span.start);
    let mut next_quotation = 0;
    let mut furthest_end = 0;
    let has = |token: usize, bit: u8| cues.get(token).is_some_and(|&bits| bits & bit != 0);
    // An incise holds a speech verb at its token or the next one (see `is_incise`).
    let incise = |t: usize| {
        (has(t, cue::SPEECH_VERB) || has(t + 1, cue::SPEECH_VERB)) && is_incise(words, t)
    };
    let classes = words.folded.per_word(class_of);
    let mut live = Vec::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        // Sentences come in order: the quotations starting before this one ends are read once,
        // and one of them overlaps it when the furthest of their ends lies inside or beyond it.
        while let Some(span) = spoken
            .get(next_quotation)
            .filter(|span| span.start < sentence.span.end)
        {
            furthest_end = furthest_end.max(span.end);
            next_quotation += 1;
        }
        if sentence_cues[index].all & cue::ATTRIBUTION == 0 {
            continue;
        }
        live.clear();
        let mut incise_subject_until = None;
        for token in sentence.tokens.clone() {
            if !quoted[token]
                || incise(token)
                || incise_subject_until.is_some_and(|end| token <= end)
            {
                live.push(token);
            }
            if quoted[token] && has(token, cue::SPEECH_VERB) {
                incise_subject_until = incise_subject_end(words, token).or(incise_subject_until);
            }
        }
        let has_quotation = furthest_end > sentence.span.start;
        let reader = Sentence {
            words,
            cues,
            classes: &classes,
            live: &live,
            has_quotation,
        };
        for (position, &token) in live.iter().enumerate() {
            if !has(token, cue::ATTRIBUTION) {
                continue;
            }
            if let Some(attribution) = reader.attribution_at(position, index) {
                found.push(attribution);
            }
        }
    }
    found
}

/// A speech verb set in a quotation between commas, French style: « Nous irons, dit-il, jusqu’au
/// bout », « Rien, a-t-elle ajouté, n’est joué ».
fn is_incise(words: &Words, token: usize) -> bool {
    let carries_pronoun = |t: usize| split_inverted(words.word(t)).1 > 0;
    let after_comma = |t: usize| t > 0 && words.gap_has(t - 1, t, ',');
    let is_verb = |t: usize| t < words.folded.len() && speech_verb(words.word(t)).is_some();
    let auxiliary_incise = |t: usize| {
        carries_pronoun(t) && after_comma(t) && is_auxiliary(words.word(t)) && is_verb(t + 1)
    };
    (carries_pronoun(token) && after_comma(token) && is_verb(token))
        || auxiliary_incise(token)
        || (token > 0 && is_verb(token) && auxiliary_incise(token - 1))
        || incise_subject_end(words, token).is_some()
        || (is_auxiliary(words.word(token))
            && is_verb(token + 1)
            && incise_subject_end(words, token + 1).is_some())
}

/// The last word of the subject of an incise set in a quotation with its subject after the
/// verb, up to the comma or period that closes it: « …, a lancé le coach parisien. … »,
/// « …, poursuit Jean Dupont, … ».
fn incise_subject_end(words: &Words, verb: usize) -> Option<usize> {
    let after_comma = |t: usize| t > 0 && words.gap_has(t - 1, t, ',');
    let opens = after_comma(verb)
        || (verb > 0 && is_auxiliary(words.word(verb - 1)) && after_comma(verb - 1));
    if !opens || speech_verb(words.word(verb)).is_none() {
        return None;
    }
    let mut first = verb + 1;
    while first < words.folded.len()
        && !words.broken(first - 1, first)
        && is_time_word(words.word(first))
    {
        first += 1;
    }
    let starts_subject = first < words.folded.len()
        && !words.broken(first - 1, first)
        && (is_determiner(words.word(first)) || words.is_capitalised(first));
    if !starts_subject {
        return None;
    }
    let mut last = first;
    while last + 1 < words.folded.len()
        && !words.broken(last, last + 1)
        && last - first < MAX_SPEAKER_WORDS
    {
        last += 1;
    }
    let closed = words.doc.masked[words.span(last).end..]
        .trim_start()
        .starts_with([',', '.', '»', '”', '"']);
    closed.then_some(last)
}

/// The tokens of one sentence outside quotations.
struct Sentence<'a, 'w> {
    words: &'a Words<'w>,
    /// The [`super::cue`] bits of every token of the article.
    cues: &'a [u8],
    classes: &'a PerWord<'w, u8>,
    live: &'a [usize],
    has_quotation: bool,
}

impl Sentence<'_, '_> {
    fn word(&self, position: usize) -> &str {
        self.words.word(self.live[position])
    }

    /// An auxiliary or adverb; "a" is one only in French.
    fn is_aux(&self, position: usize) -> bool {
        self.has_class(position, class::AUXILIARY)
            && (self.word(position) != "a" || self.words.doc.language == Language::French)
    }

    fn has_class(&self, position: usize, bit: u8) -> bool {
        self.classes.of(self.live[position]) & bit != 0
    }

    fn broken_before(&self, position: usize) -> bool {
        position == 0
            || self
                .words
                .broken(self.live[position - 1], self.live[position])
    }

    fn span(&self, first: usize, last: usize) -> Range<usize> {
        self.words.range(self.live[first], self.live[last])
    }

    fn attribution_at(&self, position: usize, sentence: usize) -> Option<Attribution> {
        let word = self.word(position);
        let cue = |last: usize, speaker: Option<Range<usize>>, kind: CueKind| Attribution {
            cue: self.span(position, last),
            speaker,
            sentence,
            kind,
        };
        match word {
            "selon" | "d'apres" | "citant" | "citing" => {
                let speaker = self.forward_phrase(position + 1, false);
                return Some(cue(position, speaker, CueKind::Intro));
            }
            "according" if self.next_is(position, "to") => {
                let speaker = self.forward_phrase(position + 2, false);
                return Some(cue(position + 1, speaker, CueKind::Intro));
            }
            "cite" | "citee" | "cites" | "citees" | "quoted" | "cited"
                if self.next_is(position, "par") || self.next_is(position, "by") =>
            {
                let speaker = self.forward_phrase(position + 2, false);
                return Some(cue(position + 1, speaker, CueKind::Intro));
            }
            "pour" | "for" if self.broken_before(position) => {
                let speaker = self.forward_phrase(position + 1, false)?;
                let followed_by_comma = self.words.doc.masked[speaker.end..]
                    .trim_start()
                    .starts_with(',');
                let names_someone = self.names_someone(&speaker);
                return (followed_by_comma && names_someone)
                    .then(|| cue(position, Some(speaker), CueKind::Intro));
            }
            _ => {}
        }
        let strength = self.speech_verb(position)?;
        if split_inverted(word).1 > 0 {
            let pronoun = pronoun_of(self.words, self.live[position]);
            return Some(cue(position, Some(pronoun), CueKind::SpeechVerb));
        }
        if let Some(pronoun) = self.inverted_auxiliary(position) {
            return Some(cue(position, Some(pronoun), CueKind::SpeechVerb));
        }
        let speaker = self.subject_of(position);
        let inverted = speaker
            .as_ref()
            .is_some_and(|s| s.start > self.span(position, position).start);
        let in_speech_context = strength == Strength::Strong
            || self.has_quotation
            || inverted
            || self.introduces_speech(position);
        in_speech_context.then(|| cue(position, speaker, CueKind::SpeechVerb))
    }

    /// What [`speech_verb`] says of the word at `position`, read from its cue bits.
    fn speech_verb(&self, position: usize) -> Option<Strength> {
        let bits = self.cues[self.live[position]];
        if bits & cue::SPEECH_VERB == 0 {
            None
        } else if bits & cue::STRONG_SPEECH_VERB != 0 {
            Some(Strength::Strong)
        } else {
            Some(Strength::Weak)
        }
    }

    fn next_is(&self, position: usize, word: &str) -> bool {
        position + 1 < self.live.len()
            && self.word(position + 1) == word
            && !self.broken_before(position + 1)
    }

    /// "a estimé que", "said that", "a déclaré :", "a rappelé les règles de l'audience :".
    fn introduces_speech(&self, position: usize) -> bool {
        let masked = &self.words.doc.masked;
        let token = self.live[position];
        if colon_follows(masked, self.words.span(token).end) {
            return true;
        }
        let clause_to_colon = self.live[position..]
            .iter()
            .take(MAX_SPEAKER_WORDS)
            .any(|&t| colon_follows(masked, self.words.span(t).end));
        if clause_to_colon {
            return true;
        }
        self.live[position + 1..]
            .iter()
            .take(3)
            .map(|&t| self.words.word(t))
            .any(|w| w == "que" || w == "that" || w.starts_with("qu'"))
    }

    /// The pronoun of "a-t-il dit": an auxiliary carrying its subject before the verb.
    fn inverted_auxiliary(&self, position: usize) -> Option<Range<usize>> {
        let mut cursor = position;
        while cursor > 0 && !self.broken_before(cursor) {
            cursor -= 1;
            if !self.is_aux(cursor) {
                return None;
            }
            if split_inverted(self.word(cursor)).1 > 0 {
                return Some(pronoun_of(self.words, self.live[cursor]));
            }
        }
        None
    }

    /// The subject of a speech verb: before it ("Diosdado Cabello a indiqué"), after it when
    /// inverted ("», a déclaré le diplomate"), or before an incise ("Peskov, sans mentionner …,
    /// a souligné").
    fn subject_of(&self, verb: usize) -> Option<Range<usize>> {
        let mut cursor = verb;
        while cursor > 0 && !self.broken_before(cursor) && self.is_aux(cursor - 1) {
            cursor -= 1;
        }
        if let Some(before) = self.backward_phrase(cursor) {
            return Some(before);
        }
        if let Some(before) = self
            .before_incise(cursor)
            .filter(|_| self.incise_before(cursor))
        {
            return Some(before);
        }
        let after = self.forward_phrase(verb + 1, true);
        let before = self.before_incise(cursor);
        match (after, before) {
            (Some(object), Some(subject)) if self.opens_speech_after(&object) => Some(subject),
            (after, before) => after.or(before),
        }
    }

    /// A phrase after the verb whose clause runs on to a colon is its object, not an inverted
    /// subject: "La présidente, Bénédicte de Perthuis, a rappelé les règles de l'audience :".
    fn opens_speech_after(&self, phrase: &Range<usize>) -> bool {
        let rest = &self.words.doc.masked[phrase.end..];
        rest.find([':', ',', ';', '.', '?', '!', '«', '"', '“', '\n'])
            .is_some_and(|at| rest[at..].starts_with(':'))
    }

    /// Whether an incise sits between the verb and what comes before it: "A senior official,
    /// speaking on condition of anonymity, said the administration…" (the subject is before the
    /// incise, not after the verb).
    fn incise_before(&self, position: usize) -> bool {
        if position == 0
            || !self
                .words
                .gap_has(self.live[position - 1], self.live[position], ',')
        {
            return false;
        }
        let mut start = position - 1;
        while start > 0 && !self.broken_before(start) {
            start -= 1;
        }
        start > 0
            && !self.words.is_capitalised(self.live[start])
            && !is_determiner(self.word(start))
    }

    /// The phrase that ends just before `position`, read backwards to a break or a stop word.
    fn backward_phrase(&self, position: usize) -> Option<Range<usize>> {
        if self.broken_before(position) {
            return None;
        }
        let last = position - 1;
        if !is_relative(self.word(last)) {
            return self.phrase_ending_at(last);
        }
        let after_comma = last > 0
            && self
                .words
                .gap_has(self.live[last - 1], self.live[last], ',');
        after_comma
            .then(|| self.phrase_ending_at(last - 1))
            .flatten()
    }

    /// The phrase whose last word is at `last`, read backwards.
    fn phrase_ending_at(&self, last: usize) -> Option<Range<usize>> {
        let mut first = last;
        loop {
            if self.has_class(first, class::ENDS_BACKWARD) || self.is_aux(first) {
                if first == last {
                    return None;
                }
                first += 1;
                break;
            }
            if self.broken_before(first) || last - first + 1 >= MAX_SPEAKER_WORDS {
                break;
            }
            first -= 1;
        }
        Some(self.span(first, last))
    }

    /// Jumps back over incises and appositions, which start with a lowercase word, to the
    /// phrase before them.
    fn before_incise(&self, position: usize) -> Option<Range<usize>> {
        let mut end = position;
        for _ in 0..2 {
            if end == 0 || !self.words.gap_has(self.live[end - 1], self.live[end], ',') {
                return None;
            }
            let mut start = end - 1;
            while start > 0 && !self.broken_before(start) {
                start -= 1;
            }
            let opening = self.word(start);
            let opens_incise =
                !self.words.is_capitalised(self.live[start]) && !is_determiner(opening);
            if !opens_incise {
                return self.phrase_ending_at(end - 1);
            }
            end = start;
        }
        None
    }

    /// The phrase that starts at `position`: a speaker after "selon" or after an inverted verb.
    /// After a verb, time words and a dative ("aux journalistes") are skipped first.
    fn forward_phrase(&self, mut position: usize, after_verb: bool) -> Option<Range<usize>> {
        let french = self.words.doc.language == Language::French;
        if after_verb {
            while position < self.live.len()
                && !self.broken_before(position)
                && (is_time_word(self.word(position))
                    || (matches!(self.word(position), "la" | "le")
                        && position + 1 < self.live.len()
                        && is_time_word(self.word(position + 1)))
                    || cues::is_adverb(self.word(position))
                    || self.words.is_number(self.live[position]))
            {
                position += 1;
            }
            if french
                && position + 1 < self.live.len()
                && matches!(
                    self.word(position),
                    "a" | "au" | "aux" | "sur" | "dans" | "devant" | "en" | "lors"
                )
                && !self.broken_before(position)
            {
                position += 2;
                while position < self.live.len()
                    && !self.broken_before(position)
                    && !is_determiner(self.word(position))
                    && !self.words.is_capitalised(self.live[position])
                {
                    position += 1;
                }
            }
        }
        if position >= self.live.len() || (after_verb && self.broken_before(position)) {
            return None;
        }
        let stops = |word: &str| ends_forward_phrase(word) && (french || word != "a");
        let first_word = self.word(position);
        if stops(first_word) {
            return None;
        }
        let opens_name = self.words.is_capitalised(self.live[position]);
        if after_verb && !opens_name && !is_determiner(first_word) {
            return None;
        }
        let mut last = position;
        while last + 1 < self.live.len()
            && (!self.broken_before(last + 1) || self.after_abbreviation(last + 1))
            && !stops(self.word(last + 1))
            && last + 1 - position < MAX_SPEAKER_WORDS
        {
            if opens_name
                && !self.words.is_capitalised(self.live[last + 1])
                && !is_name_particle(self.word(last + 1))
            {
                break;
            }
            last += 1;
        }
        while last > position && is_name_particle(self.word(last)) {
            last -= 1;
        }
        last = self.apposition_after(last);
        Some(self.span(position, last))
    }

    /// Whether only the period of a title or an initial comes before `position`: "M. Kiper",
    /// "Mr. Smith", "V. Poutine" are one name.
    fn after_abbreviation(&self, position: usize) -> bool {
        let previous = self.live[position - 1];
        let raw = self.words.raw(previous);
        let title = matches!(
            raw,
            "M" | "MM"
                | "Mme"
                | "Mmes"
                | "Mlle"
                | "Me"
                | "Dr"
                | "Pr"
                | "Mgr"
                | "Mr"
                | "Mrs"
                | "Ms"
                | "St"
                | "Gen"
                | "Sen"
                | "Rep"
                | "Gov"
        );
        let initial = raw.len() == 1 && raw.chars().all(char::is_uppercase);
        (title || initial) && self.words.between(previous, self.live[position]).trim() == "."
    }

    /// "le directeur …, Alexander Schetinin": a name set after a comma belongs to the speaker.
    fn apposition_after(&self, last: usize) -> usize {
        let start = last + 1;
        if start >= self.live.len() || !self.words.gap_has(self.live[last], self.live[start], ',') {
            return last;
        }
        let mut end = start;
        while end < self.live.len()
            && self.words.is_capitalised(self.live[end])
            && (end == start || !self.broken_before(end))
        {
            end += 1;
        }
        let closes = end == self.live.len() || self.broken_before(end);
        if end > start && end - start <= 4 && closes {
            end - 1
        } else {
            last
        }
    }

    /// Whether a phrase after "pour" names someone who can hold a view: a name, a pronoun, or a
    /// word for people ("les analystes", "le ministre").
    fn names_someone(&self, phrase: &Range<usize>) -> bool {
        self.words
            .tokens_in(phrase)
            .any(|t| self.words.is_name(t) || is_person_word(self.words.word(t)))
    }
}

/// Whether the text at `at` goes on with a colon after its spaces: "a déclaré :", "said:".
fn colon_follows(text: &str, at: usize) -> bool {
    // A space then a letter or a digit, the most common case, settles it without a scan.
    match text.as_bytes().get(at..at + 2) {
        Some([b' ', next]) if next.is_ascii_alphanumeric() => false,
        _ => text[at..].trim_start().starts_with(':'),
    }
}

/// Words for people who can be a source.
pub(crate) fn is_person_word(word: &str) -> bool {
    let word = word
        .strip_prefix("l'")
        .or_else(|| word.strip_prefix("d'"))
        .unwrap_or(word);
    let singular = word.strip_suffix('s').unwrap_or(word);
    matches!(
        singular,
        "lui"
            | "elle"
            | "eux"
            | "him"
            | "her"
            | "them"
            | "analyste"
            | "observateur"
            | "expert"
            | "specialiste"
            | "commentateur"
            | "ministre"
            | "president"
            | "presidente"
            | "porte-parole"
            | "responsable"
            | "diplomate"
            | "dirigeant"
            | "chercheur"
            | "economiste"
            | "politologue"
            | "directeur"
            | "directrice"
            | "avocat"
            | "avocate"
            | "procureur"
            | "juge"
            | "analyst"
            | "observer"
            | "minister"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "official"
            | "leader"
            | "economist"
            | "researcher"
            | "critic"
            | "depute"
            | "deputee"
            | "senateur"
            | "senatrice"
            | "ambassadeur"
            | "ambassadrice"
            | "general"
            | "colonel"
            | "commandant"
            | "maire"
            | "gouverneur"
            | "secretaire"
            | "conseiller"
            | "conseillere"
            | "professeur"
            | "professeure"
            | "historien"
            | "historienne"
            | "sociologue"
            | "juriste"
            | "militant"
            | "militante"
            | "syndicaliste"
            | "temoin"
            | "habitant"
            | "habitante"
            | "medecin"
            | "officier"
            | "policier"
            | "enqueteur"
            | "chef"
            | "candidat"
            | "candidate"
            | "opposant"
            | "opposante"
            | "patron"
            | "patronne"
            | "governor"
            | "mayor"
            | "senator"
            | "ambassador"
            | "secretary"
            | "adviser"
            | "advisor"
            | "professor"
            | "historian"
            | "lawyer"
            | "prosecutor"
            | "judge"
            | "witness"
            | "resident"
            | "doctor"
            | "officer"
            | "chief"
            | "director"
            | "commander"
            | "activist"
    )
}

/// The pronoun a verb carries, as written: "il" in "a-t-il", "elle" in "ajoute‑t‑elle".
fn pronoun_of(words: &Words, token: usize) -> Range<usize> {
    let span = words.span(token);
    let raw = words.raw(token);
    let after_hyphen = raw
        .char_indices()
        .rfind(|&(_, c)| crate::text::is_hyphen(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    span.start + after_hyphen..span.end
}

/// Gives each quotation its speaker: an attribution in its sentence, then in the sentence
/// before or after, then the speaker of the quotation just before it.
pub(super) fn attach(words: &Words, quotations: &mut [Quotation], attributions: &[Attribution]) {
    let doc = words.doc;
    let mut chain_start = 0;
    while chain_start < quotations.len() {
        let chain = quotations[chain_start].chain;
        let mut chain_end = chain_start + 1;
        while chain_end < quotations.len() && quotations[chain_end].chain == chain {
            chain_end += 1;
        }
        let first = quotations[chain_start].span.clone();
        let last = quotations[chain_end - 1].span.clone();
        let whole = first.start..last.end;
        let speaker = if quotations[chain_start].is_term {
            same_sentence(doc, &whole, attributions)
        } else {
            same_sentence(doc, &whole, attributions)
                .or_else(|| colon_in_sentence(words, &whole))
                .or_else(|| name_label(words, &whole))
                .or_else(|| neighbouring_sentence(doc, &whole, attributions))
                .or_else(|| previous_speaker(doc, &quotations[..chain_start], &whole))
                .or_else(|| running_account_speaker(words, &whole, attributions))
                .or_else(|| named_just_before(words, &whole))
        };
        let lone_fragment = speaker.is_none()
            && chain_end == chain_start + 1
            && quotes::is_verbless_fragment(words, &quotations[chain_start].inner);
        if lone_fragment {
            quotations[chain_start].is_term = true;
        }
        for quotation in &mut quotations[chain_start..chain_end] {
            quotation.speaker = speaker.clone();
        }
        chain_start = chain_end;
    }
    attribute_headlines(words, quotations);
}

/// The longest name in a label, and the longest role in brackets after it.
const LABEL_MAX_WORDS: usize = 5;
const LABEL_ROLE_MAX_WORDS: usize = 10;

/// A speaker's name set as a label before the quotation, the layout of reactions and
/// interviews: `David Moyes: "…"`, `Jean Dupont (LR) : « … »`, or the name alone on the line
/// before the quotation.
fn name_label(words: &Words, quote: &Range<usize>) -> Option<Speaker> {
    let doc = words.doc;
    let index = doc.sentence_at(quote.start)?;
    let sentence = &doc.sentences[index];
    let lead = doc.masked.get(sentence.span.start..quote.start)?.trim_end();
    if !lead.is_empty() {
        let colon = lead.strip_suffix(':')?;
        let label = sentence.span.start..sentence.span.start + colon.trim_end().len();
        let colon_at = sentence.span.start + colon.len();
        return label_name(words, &label).map(|span| Speaker {
            span,
            cue: colon_at..colon_at + 1,
        });
    }
    let before = &doc.sentences[index.checked_sub(1)?];
    let own_line = before.paragraph + 1 == sentence.paragraph
        && doc.paragraphs[before.paragraph].sentences.len() == 1;
    let text = doc.masked[before.span.clone()].trim_end();
    let label = before.span.start..before.span.start + text.trim_end_matches(':').trim_end().len();
    let span = label_name(words, &label).filter(|span| {
        own_line && !text.ends_with(['.', '!', '?']) && words.tokens_in(span).len() >= 2
    })?;
    Some(Speaker { span, cue: label })
}

/// The name of a label: capitalised words (and particles), then at most a role in brackets.
fn label_name(words: &Words, label: &Range<usize>) -> Option<Range<usize>> {
    let text = &words.doc.masked[label.clone()];
    let name_end = match text.find('(') {
        Some(bracket) if text.trim_end().ends_with(')') => label.start + bracket,
        Some(_) => return None,
        None => label.end,
    };
    let name = words.tokens_in(&(label.start..name_end));
    let role = words.tokens_in(&(name_end..label.end));
    let is_name_word = |t: usize| {
        !words.is_number(t) && (words.is_capitalised(t) || is_name_particle(words.word(t)))
    };
    let fits = !name.is_empty()
        && name.len() <= LABEL_MAX_WORDS
        && role.len() <= LABEL_ROLE_MAX_WORDS
        && words.is_capitalised(name.start)
        && name.clone().all(is_name_word);
    fits.then(|| words.range(name.start, name.end - 1))
}

/// A quotation in a running account: the speaker of the last attribution in this paragraph or
/// the one before, when no other name comes in between ("…, rapporte le procureur. Le
/// conducteur est tombé au sol et l'un d'eux a « (attrapé) l'un des deux militaires … »").
fn running_account_speaker(
    words: &Words,
    quote: &Range<usize>,
    attributions: &[Attribution],
) -> Option<Speaker> {
    let doc = words.doc;
    let sentence = doc.sentence_at(quote.start)?;
    let paragraph = doc.sentences[sentence].paragraph;
    let first = doc.paragraphs[paragraph.saturating_sub(1)].sentences.start;
    let last = super::in_sentences(attributions, first..sentence + 1)
        .iter()
        .rfind(|a| a.cue.end <= quote.start && a.speaker.is_some())?;
    let after = doc.sentences[last.sentence].span.end;
    let gap = words.tokens_in(&(after.min(quote.start)..quote.start));
    let other_name = gap.into_iter().any(|t| words.is_name(t));
    (!other_name).then(|| to_speaker(last))
}

/// An intertitle or headline made of a quotation, which the body gives again, whole or
/// shortened, with its speaker (« La vie est belle ? Oui ! » … a-t-il dit : « La vie est belle
/// avec lui ? Oui ! »): it takes that speaker.
fn attribute_headlines(words: &Words, quotations: &mut [Quotation]) {
    let doc = words.doc;
    for index in 0..quotations.len() {
        let quotation = &quotations[index];
        if quotation.is_term
            || quotation.speaker.is_some()
            || !fills_paragraph(doc, &quotation.span)
        {
            continue;
        }
        let headline: Vec<&str> = words
            .tokens_in(&quotation.inner)
            .map(|t| words.word(t))
            .collect();
        let repeated = quotations[index + 1..].iter().find(|later| {
            let body: Vec<&str> = words
                .tokens_in(&later.inner)
                .map(|t| words.word(t))
                .collect();
            later.speaker.is_some() && !headline.is_empty() && in_order(&headline, &body)
        });
        if let Some(speaker) = repeated.and_then(|later| later.speaker.clone()) {
            quotations[index].speaker = Some(speaker);
        }
    }
}

/// Whether every word of a headline comes in the body in the same order: an intertitle
/// shortens the words it takes from the body.
fn in_order(headline: &[&str], body: &[&str]) -> bool {
    let mut rest = body.iter();
    headline.iter().all(|word| rest.any(|b| b == word))
}

/// Whether a quotation is the whole text of its paragraph.
fn fills_paragraph(doc: &crate::Document, quote: &Range<usize>) -> bool {
    doc.sentence_at(quote.start).is_some_and(|sentence| {
        let paragraph = &doc.paragraphs[doc.sentences[sentence].paragraph].span;
        let outside = |text: &str| {
            text.trim_matches(|c: char| crate::text::is_space(c) || c == '.')
                .is_empty()
        };
        outside(&doc.masked[paragraph.start..quote.start])
            && outside(&doc.masked[quote.end..paragraph.end])
    })
}

fn to_speaker(attribution: &Attribution) -> Speaker {
    Speaker {
        span: attribution
            .speaker
            .clone()
            .unwrap_or_else(|| attribution.cue.clone()),
        cue: attribution.cue.clone(),
    }
}

fn sentences_of(doc: &crate::Document, span: &Range<usize>) -> Range<usize> {
    let first = doc.sentence_at(span.start).unwrap_or(0);
    let last = doc
        .sentence_at(span.end.saturating_sub(1))
        .unwrap_or(first)
        .max(first);
    first..last + 1
}

fn same_sentence(
    doc: &crate::Document,
    quote: &Range<usize>,
    attributions: &[Attribution],
) -> Option<Speaker> {
    let sentences = sentences_of(doc, quote);
    let distance = |a: &Attribution| {
        if a.cue.start >= quote.end {
            a.cue.start - quote.end
        } else {
            quote.start.saturating_sub(a.cue.end)
        }
    };
    super::in_sentences(attributions, sentences)
        .iter()
        .min_by_key(|a| distance(a))
        .map(to_speaker)
}

/// A speaker named in the sentence before ("Il a ajouté :") or after, in the same paragraph or,
/// for the sentence before, when the quotation opens its paragraph.
fn neighbouring_sentence(
    doc: &crate::Document,
    quote: &Range<usize>,
    attributions: &[Attribution],
) -> Option<Speaker> {
    let sentences = sentences_of(doc, quote);
    let paragraph = doc.sentences[sentences.start].paragraph;
    let speech = |index: usize| {
        super::in_sentences(attributions, index..index + 1)
            .iter()
            .rfind(|a| a.kind == CueKind::SpeechVerb)
    };
    let before = sentences.start.checked_sub(1).and_then(speech);
    let after = (sentences.end < doc.sentences.len()
        && doc.sentences[sentences.end].paragraph == paragraph)
        .then(|| speech(sentences.end))
        .flatten();
    before
        .map(to_speaker)
        .or_else(|| {
            let previous = sentences.start.checked_sub(1)?;
            introduced_by_colon(doc, previous, attributions)
        })
        .or_else(|| after.map(to_speaker))
}

/// A person named by a full name in the sentence just before the quotation, the way reporting
/// brings in a quotation without a speech verb: "Justin Trudeau annonce sa démission.
/// « Le Parlement ne fonctionne plus »", "le lieutenant-colonel Olivier Compta pense au danger.
/// « Il y a des secteurs… »". A full name is two capitalised words in a row or more, no
/// determiner ("Le Parlement" is none).
fn named_just_before(words: &Words, quote: &Range<usize>) -> Option<Speaker> {
    let doc = words.doc;
    let previous = doc.sentence_at(quote.start)?.checked_sub(1)?;
    let tokens = doc.sentences[previous].tokens.clone();
    let is_name_word =
        |t: usize| words.is_capitalised(t) && !words.is_number(t) && !is_determiner(words.word(t));
    let mut token = tokens.start;
    while token < tokens.end {
        let first = token;
        while token + 1 < tokens.end
            && is_name_word(token)
            && is_name_word(token + 1)
            && !words.broken(token, token + 1)
        {
            token += 1;
        }
        if token > first {
            let span = words.range(first, token);
            return Some(Speaker {
                span: span.clone(),
                cue: span,
            });
        }
        token += 1;
    }
    None
}

/// A sentence ending with a colon introduces the quotation after it: its subject is the first
/// subject pronoun or name in it ("Dans une interview, il propose un retour aux pourparlers :").
fn introduced_by_colon(
    doc: &crate::Document,
    sentence: usize,
    attributions: &[Attribution],
) -> Option<Speaker> {
    let span = doc.sentences[sentence].span.clone();
    if !doc.masked[span.clone()].trim_end().ends_with(':') {
        return None;
    }
    let colon = span.end - 1..span.end;
    if let Some(intro) = super::in_sentences(attributions, sentence..sentence + 1).last() {
        return Some(to_speaker(intro));
    }
    let tokens = &doc.tokens[doc.sentences[sentence].tokens.clone()];
    let subject = tokens.iter().find(|t| {
        let word = doc.text(t.span.clone());
        matches!(
            word.to_lowercase().as_str(),
            "il" | "elle" | "ils" | "elles" | "he" | "she" | "they"
        )
    });
    subject.map(|t| Speaker {
        span: t.span.clone(),
        cue: colon,
    })
}

/// A quotation after a colon in its own sentence, with no speech verb: "Le ministre a été
/// clair : « … »", "The minister was blunt: \"…\"". The speaker is the subject of the clause
/// before the colon: a pronoun, or the words before its first verb.
fn colon_in_sentence(words: &Words, quote: &Range<usize>) -> Option<Speaker> {
    let doc = words.doc;
    let sentence = &doc.sentences[doc.sentence_at(quote.start)?];
    let lead = doc.masked.get(sentence.span.start..quote.start)?.trim_end();
    if !lead.ends_with(':') {
        return None;
    }
    let colon = sentence.span.start + lead.len() - 1..sentence.span.start + lead.len();
    let tokens: Vec<usize> = sentence
        .tokens
        .clone()
        .filter(|&t| words.span(t).end <= colon.start)
        .collect();
    let english = doc.language == Language::English;
    let is_verb = |t: usize| {
        let word = words.word(t);
        (is_auxiliary(word) && (word != "a" || !english)) || speech_verb(word).is_some()
    };
    let verb = tokens.iter().position(|&t| is_verb(t))?;
    if let Some(&pronoun) = tokens[..verb].iter().rfind(|&&t| {
        matches!(
            words.word(t),
            "il" | "elle" | "ils" | "elles" | "he" | "she" | "they"
        )
    }) {
        return Some(Speaker {
            span: words.span(pronoun),
            cue: colon,
        });
    }
    let first = (1..verb)
        .rev()
        .find(|&p| words.broken(tokens[p - 1], tokens[p]))
        .unwrap_or(0);
    let subject = &tokens[first..verb];
    let names_someone = subject.iter().any(|&t| {
        words.is_capitalised(t) && !words.starts_sentence(t) || is_person_word(words.word(t))
    });
    (!subject.is_empty() && subject.len() <= MAX_SPEAKER_WORDS && names_someone).then(|| Speaker {
        span: words.range(subject[0], subject[subject.len() - 1]),
        cue: colon,
    })
}

/// The speaker of the quotation just before, if it ends in the sentence before this one or in
/// this one: a speaker goes on quoting.
fn previous_speaker(
    doc: &crate::Document,
    before: &[Quotation],
    quote: &Range<usize>,
) -> Option<Speaker> {
    let previous = before.iter().rev().find(|q| !q.is_term)?;
    let this_sentence = doc.sentence_at(quote.start)?;
    let previous_sentence = doc.sentence_at(previous.span.end.saturating_sub(1))?;
    (this_sentence - previous_sentence <= 1)
        .then(|| previous.speaker.clone())
        .flatten()
}

#[cfg(test)]
mod tests {
    use crate::sourcing::analysis;
    use crate::{Document, Format, Language};

    /// The speaker of each quotation (not terms), as text.
    fn speakers(text: &str, language: Language) -> Vec<Option<String>> {
        let doc = Document::new(text.to_string(), Format::PlainText, Some(language));
        analysis(&doc)
            .quotations
            .iter()
            .filter(|q| !q.is_term)
            .map(|q| {
                q.speaker
                    .as_ref()
                    .map(|s| doc.text(s.span.clone()).to_string())
            })
            .collect()
    }

    fn one(text: &str, language: Language) -> Option<String> {
        let found = speakers(text, language);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn a_colon_follows_after_any_spaces() {
        let text = "dit : a\u{a0}: b\u{202f}:c x :";
        let cases = [
            (3, true),
            (5, false),
            (7, true),
            (9, true),
            (10, false),
            (12, true),
            (17, false),
            (19, true),
            (21, false),
        ];
        for (at, expected) in cases {
            assert_eq!(super::colon_follows(text, at), expected, "{at}");
        }
        assert!(!super::colon_follows("", 0));
        assert!(!super::colon_follows("dit a", 3));
    }

    #[test]
    fn french_speaker_after_the_quote_inverted() {
        assert_eq!(
            one("« Nous sommes en contact avec nos amis vénézuéliens », a déclaré le porte-parole de la présidence russe, Dmitri Peskov, à l’agence TASS.", Language::French).as_deref(),
            Some("le porte-parole de la présidence russe, Dmitri Peskov")
        );
        assert_eq!(
            one("« Ils violent à nouveau la Constitution », s’est élevé Juan Guaido auteur d’une tentative de coup d’État.", Language::French).as_deref(),
            Some("Juan Guaido")
        );
        assert_eq!(
            one("« Nous enverrons autant de personnes que nécessaire », a déclaré vendredi aux journalistes le diplomate russe à la question de savoir.", Language::French).as_deref(),
            Some("le diplomate russe")
        );
        assert_eq!(
            one("“Ils doivent être sûrs que les armes fonctionnent” a d’ailleurs confirmé l’ambassadeur Zaïosmki, ajoutant que tout va bien.", Language::French).as_deref(),
            Some("l’ambassadeur Zaïosmki")
        );
    }

    #[test]
    fn french_pronoun_speakers() {
        assert_eq!(
            one(
                "« Nous irons jusqu’au bout », a-t-il dit.",
                Language::French
            )
            .as_deref(),
            Some("il")
        );
        assert_eq!(
            one(
                "« Nous irons jusqu’au bout », ajoute-t-elle.",
                Language::French
            )
            .as_deref(),
            Some("elle")
        );
    }

    #[test]
    fn pronoun_after_a_non_breaking_hyphen() {
        assert_eq!(
            one(
                "« Nous irons jusqu’au bout », ajoute\u{2011}t\u{2011}elle.",
                Language::French
            )
            .as_deref(),
            Some("elle")
        );
    }

    #[test]
    fn french_speaker_before_the_quote() {
        assert_eq!(
            one(
                "Le ministre Jean Dupont a affirmé : « Nous ne céderons rien à personne. »",
                Language::French
            )
            .as_deref(),
            Some("Le ministre Jean Dupont")
        );
        assert_eq!(
            one(
                "Selon le média russe Sputnik, « la Russie a envoyé des militaires au Venezuela ».",
                Language::French
            )
            .as_deref(),
            Some("le média russe Sputnik")
        );
    }

    #[test]
    fn speaker_in_the_previous_sentence_or_quote() {
        let text = "Toutefois, l’ambassadeur russe insiste, les deux pays n’ont pas à négocier. “C’est aux chavistes et à l’opposition de trouver la solution“.";
        assert_eq!(
            one(text, Language::French).as_deref(),
            Some("l’ambassadeur russe")
        );
        let chained = "« Nous sommes prêts à tout », a déclaré Jean Dupont.\n\n« Nous ne reculerons jamais devant eux. »";
        assert_eq!(
            speakers(chained, Language::French),
            [
                Some("Jean Dupont".to_string()),
                Some("Jean Dupont".to_string())
            ]
        );
    }

    #[test]
    fn quotation_over_paragraphs_shares_its_speaker() {
        let text = "Le ministre a déclaré : « Nous irons jusqu’au bout de cette réforme.\n\n» Et nous ne reculerons devant rien ni personne. »";
        assert_eq!(
            speakers(text, Language::French),
            [
                Some("Le ministre".to_string()),
                Some("Le ministre".to_string())
            ]
        );
    }

    #[test]
    fn compound_verbs_and_places_before_an_inverted_subject() {
        assert_eq!(
            one("« On a choisi de ne pas verser dans le chaos », a fait valoir lundi sur RMC le président du groupe Jean Dupont.", Language::French).as_deref(),
            Some("le président du groupe Jean Dupont")
        );
        assert_eq!(
            one("Jean Dupont a félicité son rival sur les réseaux sociaux \"pour sa belle victoire acquise au vu des tendances\".", Language::French).as_deref(),
            Some("Jean Dupont")
        );
    }

    #[test]
    fn a_sentence_ending_with_a_colon_introduces_the_quotation() {
        let text = "Dans une interview à la radio, il propose un retour aux pourparlers :\n\n« Le moment de la paix est venu pour nous tous. »";
        assert_eq!(one(text, Language::French).as_deref(), Some("il"));
    }

    #[test]
    fn a_colon_in_the_sentence_introduces_the_quotation() {
        let previous = "« Nous ne reculerons pas », a martelé le président.\n\n";
        let french = format!("{previous}Le ministre a été clair : « Nous ne céderons rien sur la question des frontières. »");
        assert_eq!(
            speakers(&french, Language::French)[1].as_deref(),
            Some("Le ministre")
        );
        let pronoun = "Dans un entretien, elle n’a pas mâché ses mots : « Ce gouvernement a échoué sur tout. »";
        assert_eq!(one(pronoun, Language::French).as_deref(), Some("elle"));
        let english =
            "The minister was blunt: \"We will not give an inch on the border question.\"";
        assert_eq!(
            one(english, Language::English).as_deref(),
            Some("The minister")
        );
        let nobody = "Le texte est clair : « Nul ne peut être détenu sans jugement ni recours. »";
        assert_eq!(one(nobody, Language::French), None);
    }

    #[test]
    fn the_subject_before_an_apposition_speaks_when_the_verb_opens_a_quotation() {
        assert_eq!(
            one(
                "La présidente du tribunal, Bénédicte de Perthuis, a rappelé les règles de l’audience :\n\n« Chacun pourra s’exprimer, mais je ne tolérerai aucun débordement. »",
                Language::French
            )
            .as_deref(),
            Some("Bénédicte de Perthuis")
        );
        assert_eq!(
            one(
                "The judge, Juan Merchan, read the instructions to the jury: \"You must set aside any personal opinion you may have.\"",
                Language::English
            )
            .as_deref(),
            Some("Juan Merchan")
        );
    }

    #[test]
    fn titles_initials_and_the_day_before_in_an_inverted_speaker() {
        assert_eq!(
            one(
                "« C’est une attaque ignoble contre des civils », a déclaré M. Kiper sur Telegram.",
                Language::French
            )
            .as_deref(),
            Some("M. Kiper")
        );
        assert_eq!(
            one(
                "« Nous sommes prêts à tout », avait déclaré la veille le colonel Amadou Abdramane.",
                Language::French
            )
            .as_deref(),
            Some("le colonel Amadou Abdramane")
        );
        assert_eq!(
            one(
                "\"We will appeal this ruling,\" said Mr. Smith on Friday.",
                Language::English
            )
            .as_deref(),
            Some("Mr. Smith")
        );
    }

    #[test]
    fn a_short_quotation_cut_by_a_comma_is_not_a_term() {
        assert_eq!(
            one(
                "“The FDA followed the science,” Solicitor General Elizabeth Prelogar told the justices.",
                Language::English
            )
            .as_deref(),
            Some("Solicitor General Elizabeth Prelogar")
        );
        let term = "Gorsuch called the case “a prime example” of overreach.";
        assert!(speakers(term, Language::English).is_empty());
    }

    #[test]
    fn the_subject_before_an_incise_speaks() {
        let text = "A senior official, speaking on condition of anonymity, said the administration respected the decision. \"We are calm.\"";
        assert_eq!(
            one(text, Language::English).as_deref(),
            Some("A senior official")
        );
        let inverted = "\"We are calm,\" said the minister.";
        assert_eq!(
            one(inverted, Language::English).as_deref(),
            Some("the minister")
        );
    }

    #[test]
    fn pour_introduces_a_person_with_an_elided_article() {
        let text = "Pour l’économiste, « la récession est inévitable cette année et la suivante ».";
        assert_eq!(one(text, Language::French).as_deref(), Some("l’économiste"));
    }

    #[test]
    fn english_speakers() {
        assert_eq!(
            one(
                "“We will not back down on this,” Smith said on Sunday.",
                Language::English
            )
            .as_deref(),
            Some("Smith")
        );
        assert_eq!(
            one(
                "“We will not back down on this,” said the prime minister.",
                Language::English
            )
            .as_deref(),
            Some("the prime minister")
        );
        assert_eq!(
            one(
                "According to John Smith, \"the talks are over and nothing was agreed\".",
                Language::English
            )
            .as_deref(),
            Some("John Smith")
        );
        assert_eq!(
            one("Mr Sunak, speaking outside Downing Street, told reporters: \"I am sorry to all of you.\"", Language::English).as_deref(),
            Some("Mr Sunak")
        );
    }

    #[test]
    fn no_speaker_when_nobody_speaks() {
        assert_eq!(
            one(
                "La foule criait. « Nous voulons du pain et du travail pour tous »",
                Language::French
            ),
            None
        );
    }

    #[test]
    fn terms_are_not_quotations() {
        let doc = Document::new(
            "Les tenants de la «dictature maduriste» et une attaque des “forces américaines“ ou un « coup d’État ». Il ne restera pas « les bras croisés ».".into(),
            Format::PlainText,
            None,
        );
        assert!(analysis(&doc).quotations.iter().all(|q| q.is_term));
    }

    #[test]
    fn announced_titles_are_terms() {
        for text in [
            "Il vient de publier « Les Misérables de notre temps et leurs combats », un essai.",
            "Le film « La vie est un long fleuve tranquille » a été rediffusé dimanche.",
            "Dans une tribune intitulée « Nous ne laisserons pas mourir la démocratie », ils alertent.",
            "Her memoir, “I Will Not Be Silenced by Anyone Ever Again”, came out in May.",
        ] {
            let doc = Document::new(text.into(), Format::PlainText, None);
            let quotations = analysis(&doc).quotations.clone();
            assert!(quotations.iter().all(|q| q.is_term), "{text}");
        }
        let quoted = "Le ministre a répondu : « Nous ne laisserons pas mourir la démocratie. »";
        let doc = Document::new(quoted.into(), Format::PlainText, None);
        assert!(analysis(&doc).quotations.iter().all(|q| !q.is_term));
    }

    #[test]
    fn a_headline_has_its_newspaper_as_speaker() {
        let text = "Le quotidien a titré : « La fin d’une époque pour le parti au pouvoir ».";
        assert_eq!(one(text, Language::French).as_deref(), Some("Le quotidien"));
    }
}
