//! Anonymous sources ("une source proche du ministère") and vague attributions ("de nombreux
//! observateurs"), found on folded words.

use super::cues::{is_auxiliary, is_time_word, speech_verb, FastMap};
use super::words::Words;
use super::{cue, Attribution, CueKind, SentenceCues};
use std::ops::Range;
use std::sync::LazyLock;

/// What follows "source(s)" and makes it an unnamed person rather than an origin ("une source
/// d'embarras").
const SOURCE_QUALIFIERS: &[&str] = &[
    "proche",
    "proches",
    "anonyme",
    "anonymes",
    "non",
    "bien",
    "informee",
    "informees",
    "au",
    "diplomatique",
    "diplomatiques",
    "securitaire",
    "securitaires",
    "militaire",
    "militaires",
    "gouvernementale",
    "gouvernementales",
    "ministerielle",
    "ministerielles",
    "officielle",
    "officielles",
    "policiere",
    "policieres",
    "judiciaire",
    "judiciaires",
    "concordante",
    "concordantes",
    "interne",
    "internes",
    "sure",
    "sures",
    "fiable",
    "fiables",
    "autorisee",
    "autorisees",
    "haut",
    "hauts",
    "parlementaire",
    "parlementaires",
    "medicale",
    "medicales",
    "humanitaire",
    "humanitaires",
    "syndicale",
    "syndicales",
    "occidentale",
    "occidentales",
    "americaine",
    "americaines",
    "russe",
    "russes",
    "europeenne",
    "europeennes",
    "israelienne",
    "israeliennes",
    "ukrainienne",
    "ukrainiennes",
    "iranienne",
    "iraniennes",
    "chinoise",
    "chinoises",
    "francaise",
    "francaises",
    "locale",
    "locales",
    "close",
    "familiar",
    "with",
    "briefed",
    "inside",
    "within",
    "said",
    "say",
    "says",
    "told",
    "tell",
    "in",
    "at",
];

/// Adjectives before "source(s)" that make it an unnamed person: "anonymous sources".
const SOURCE_PREFIXES: &[&str] = &[
    "anonymous",
    "unnamed",
    "unidentified",
    "informed",
    "diplomatic",
    "intelligence",
    "security",
    "government",
    "military",
    "multiple",
    "several",
    "senior",
    "western",
    "official",
    "industry",
    "police",
];

/// Words after which a source's description goes on: "proche de", "au fait de", "familiar with".
const OPENS_COMPLEMENT: &[&str] = &[
    "proche", "proches", "fait", "close", "familiar", "with", "briefed", "au", "in", "at",
];

/// Roles that, after "un"/"a" and with no name, make an unnamed person or outlet: "un haut
/// responsable", "un quotidien bangladais".
const ANONYMOUS_ROLES: &[&str] = &[
    "responsable",
    "responsables",
    "diplomate",
    "diplomates",
    "fonctionnaire",
    "fonctionnaires",
    "officiel",
    "officiels",
    "conseiller",
    "conseillere",
    "proche",
    "proches",
    "cadre",
    "enqueteur",
    "policier",
    "militaire",
    "membre",
    "officier",
    "grade",
    "agent",
    "negociateur",
    "collaborateur",
    "collaboratrice",
    "salarie",
    "salariee",
    "dirigeant",
    "dirigeante",
    "elu",
    "elue",
    "ministre",
    "depute",
    "deputee",
    "senateur",
    "ambassadeur",
    "official",
    "officials",
    "diplomat",
    "diplomats",
    "officer",
    "aide",
    "insider",
    "insiders",
    "person",
    "people",
    "executive",
    "employee",
    "personne",
    "personnes",
    "interlocuteur",
    "quotidien",
    "journal",
    "hebdomadaire",
    "chaine",
    "newspaper",
    "daily",
    "outlet",
    "broadcaster",
    "tabloid",
];

/// Words that start a phrase about anonymity: "sous couvert d'anonymat".
const ANONYMITY_STARTERS: &[&str] = &[
    "sous",
    "ayant",
    "qui",
    "on",
    "speaking",
    "who",
    "requesting",
    "s'exprimant",
];

/// Groups that are not sources when unnamed: "de nombreux observateurs", "experts".
fn is_vague_group(word: &str) -> bool {
    matches!(
        word,
        "observateurs"
            | "analystes"
            | "experts"
            | "specialistes"
            | "commentateurs"
            | "connaisseurs"
            | "politologues"
            | "economistes"
            | "journalistes"
            | "medias"
            | "rapports"
            | "informations"
            | "voix"
            | "milieux"
            | "observers"
            | "analysts"
            | "commentators"
            | "critics"
            | "pundits"
            | "reports"
            | "rumours"
            | "rumors"
            | "journalists"
            | "economists"
            | "insiders"
            | "people"
    )
}

/// Quantifiers that leave a group unnamed.
const VAGUE_QUANTIFIERS: &[&str] = &[
    "nombreux",
    "nombreuses",
    "certains",
    "certaines",
    "plusieurs",
    "des",
    "les",
    "divers",
    "diverses",
    "quelques",
    "beaucoup",
    "nombre",
    "plupart",
    "some",
    "many",
    "several",
    "numerous",
    "various",
    "most",
    "other",
];

/// Pronouns that stand for an unnamed group when they say or think: "certains estiment".
const VAGUE_PRONOUNS: &[&str] = &[
    "certains",
    "certaines",
    "beaucoup",
    "d'aucuns",
    "d'autres",
    "some",
    "many",
    "others",
];

/// Verbs of opinion that make a group a source: "de nombreux observateurs estiment".
const OPINION_VERBS: &[&str] = &[
    "pensent",
    "croient",
    "considerent",
    "craignent",
    "s'accordent",
    "doutent",
    "predisent",
    "prevoient",
    "voient",
    "parient",
    "s'attendent",
    "redoutent",
    "esperent",
    "souhaitent",
    "s'inquietent",
    "soupconnent",
    "reprochent",
    "imaginent",
    "worry",
    "hope",
    "suspect",
    "reckon",
    "feel",
    "believe",
    "think",
    "fear",
    "expect",
    "agree",
    "suggest",
    "predict",
    "argue",
    "say",
    "warn",
    "contend",
    "doubt",
    "see",
    "claim",
    "believed",
    "thought",
    "feared",
    "expected",
    "agreed",
    "suggested",
    "predicted",
    "argued",
    "warned",
    "claimed",
    "show",
    "showed",
    "indicate",
    "indicated",
    "point",
];

/// Set phrases of hearsay.
const VAGUE_PHRASES: &[&str] = &[
    "des rumeurs",
    "selon la rumeur",
    "aux dires de certains",
    "aux dires de beaucoup",
    "des voix s'elevent",
    "il parait que",
    "medias mainstream",
    "presse mainstream",
    "medias dominants",
    "it is widely reported",
    "it is widely believed",
    "it is said that",
    "it is believed that",
    "it has been reported",
    "it is reported",
    "it is claimed",
    "rumour has it",
    "rumor has it",
    "according to reports",
    "according to media reports",
    "according to some",
    "mainstream media",
    "people are saying",
    "there are reports",
    "it is rumoured",
    "it is rumored",
    "word is that",
];

/// Words that introduce a source: "pour les analystes", "selon certains experts".
fn is_intro(word: &str) -> bool {
    matches!(word, "selon" | "pour" | "d'apres" | "for" | "according")
}

fn is_opinion_verb(word: &str) -> bool {
    OPINION_VERBS.contains(&word) || speech_verb(word).is_some()
}

/// What the scans for sources read of the article.
pub(super) struct Scan<'a> {
    pub words: &'a Words<'a>,
    pub quoted: &'a [bool],
    pub cues: &'a [u8],
    pub sentence_cues: &'a [SentenceCues],
}

impl Scan<'_> {
    /// Calls `read` with the index and the live (unquoted) tokens of each sentence where one of
    /// them carries the [`super::cue`] bit `key`: no other sentence can hold what the caller
    /// looks for. One buffer serves every sentence.
    fn live_sentences(&self, key: u8, mut read: impl FnMut(usize, &[usize])) {
        let mut live = Vec::new();
        for (index, sentence) in self.words.doc.sentences.iter().enumerate() {
            if self.sentence_cues[index].live & key == 0 {
                continue;
            }
            live.clear();
            live.extend(sentence.tokens.clone().filter(|&t| !self.quoted[t]));
            read(index, &live);
        }
    }
}

/// Whether an anonymous source may start at this folded word: see [`anonymous`].
pub(super) fn may_start_anonymous(word: &str) -> bool {
    matches!(
        word,
        "source"
            | "sources"
            | "anonymat"
            | "l'anonymat"
            | "d'anonymat"
            | "anonymity"
            | "anonymously"
            | "anonymement"
            | "named"
            | "identified"
    ) || is_french_named(word)
        || close_to_the_matter(word).is_some()
        || is_authorised(word)
}

/// Whether a vague attribution may start at this folded word: see [`vague`].
pub(super) fn may_start_vague(word: &str) -> bool {
    PHRASES_BY_FIRST_WORD.contains_key(word)
        || matches!(word, "il" | "on")
        || is_vague_group(word.strip_prefix("d'").unwrap_or(word))
        || VAGUE_PRONOUNS.contains(&word)
}

/// Whether a sentence holding this folded word among its live ones may hold a vague
/// attribution: each way of finding one needs one such word (see [`vague`]).
pub(super) fn may_hold_vague(word: &str) -> bool {
    PHRASE_KEYS.contains(&word)
        || is_hearsay_verb(word)
        || is_vague_group(word.strip_prefix("d'").unwrap_or(word))
        || VAGUE_PRONOUNS.contains(&word)
}

/// The key word of each set phrase, found once.
static PHRASE_KEYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    VAGUE_PHRASES
        .iter()
        .map(|phrase| phrase_key(phrase))
        .collect()
});

/// The word of a set phrase that a sentence must hold for the phrase to be there: its longest,
/// the least common.
fn phrase_key(phrase: &str) -> &str {
    phrase
        .split(' ')
        .rev()
        .max_by_key(|word| word.len())
        .unwrap_or(phrase)
}

fn is_hearsay_verb(word: &str) -> bool {
    matches!(
        word,
        "dit" | "murmure" | "raconte" | "chuchote" | "pretend" | "colporte"
    )
}

/// Anonymous sources, in order, without overlaps.
pub(super) fn anonymous(scan: &Scan, attributions: &[Attribution]) -> Vec<Range<usize>> {
    let (words, cues) = (scan.words, scan.cues);
    let mut found = Vec::new();
    scan.live_sentences(cue::ANONYMOUS, |sentence, live| {
        for position in 0..live.len() {
            if cues[live[position]] & cue::ANONYMOUS == 0 {
                continue;
            }
            let word = words.word(live[position]);
            if matches!(word, "source" | "sources") {
                let own = super::in_sentences(attributions, sentence..sentence + 1);
                let cited = own.iter().any(|a| {
                    a.speaker.as_ref().is_some_and(|s| {
                        let span = words.span(live[position]);
                        s.start <= span.start && span.end <= s.end
                    })
                });
                found.extend(unnamed_source(words, live, position, cited));
            } else if matches!(
                word,
                "anonymat"
                    | "l'anonymat"
                    | "d'anonymat"
                    | "anonymity"
                    | "anonymously"
                    | "anonymement"
            ) {
                found.push(anonymity_phrase(words, live, position));
            } else if let Some(preposition) = close_to_the_matter(word) {
                found.extend(familiar_with(words, live, position, preposition));
            } else if matches!(word, "named" | "identified") {
                found.extend(declined_to_be_named(words, live, position));
            } else if is_french_named(word) {
                found.extend(asked_not_to_be_named(words, live, position));
            } else if is_authorised(word) {
                found.extend(not_authorised_to_speak(words, live, position));
            }
        }
    });
    for attribution in attributions {
        if let Some(speaker) = &attribution.speaker {
            if is_unnamed_person(words, speaker)
                && !official_named_next(words, attribution.sentence, attributions)
            {
                found.push(speaker.clone());
            }
        }
    }
    found.extend(unnamed_people_with_any_verb(scan, attributions));
    without_overlaps(words, found)
}

/// "an Israeli official confirmed", "un responsable a précisé": an unnamed person before a speech
/// verb that reports speech only in context (confirmed, noted, a précisé), which the
/// attributions leave out when no "that" or quotation follows.
fn unnamed_people_with_any_verb(scan: &Scan, attributions: &[Attribution]) -> Vec<Range<usize>> {
    let (words, cues) = (scan.words, scan.cues);
    let mut found = Vec::new();
    scan.live_sentences(cue::SPEECH_VERB, |sentence, live| {
        for position in 1..live.len() {
            if cues[live[position]] & cue::SPEECH_VERB == 0 {
                continue;
            }
            let Some(subject) = indefinite_subject_before(words, live, position) else {
                continue;
            };
            if is_unnamed_person(words, &subject)
                && !official_named_next(words, sentence, attributions)
            {
                found.push(subject);
            }
        }
    });
    found
}

/// The phrase before a verb (over its auxiliaries) that opens with "un", "une", "a", "an" or
/// "one": "a Ukrainian military official" in "…, a Ukrainian military official confirmed".
fn indefinite_subject_before(words: &Words, live: &[usize], verb: usize) -> Option<Range<usize>> {
    let joined = |a: usize, b: usize| !words.broken(live[a], live[b]);
    let mut last = verb;
    while last > 0 && joined(last - 1, last) && is_auxiliary(words.word(live[last - 1])) {
        last -= 1;
    }
    if last == 0 || !joined(last - 1, last) {
        return None;
    }
    last -= 1;
    if super::cues::is_relative(words.word(live[last])) && last > 0 && joined(last - 1, last) {
        last -= 1;
    }
    let mut first = last;
    while first > 0 && last - first < 6 && joined(first - 1, first) {
        first -= 1;
    }
    let french = words.doc.language == crate::language::Language::French;
    let opening = (first..=last).find(|&p| match words.word(live[p]) {
        "un" | "une" => french,
        "a" | "an" | "one" => !french,
        _ => false,
    })?;
    // The role ends the phrase, or an adjective follows it: "un responsable égyptien", but not
    // "une base militaire d'où".
    let role = (opening..=last).rfind(|&p| ANONYMOUS_ROLES.contains(&words.word(live[p])))?;
    let ends_on_role = last == role
        || (last == role + 1 && words.word(live[last]).chars().all(char::is_alphabetic));
    ends_on_role.then(|| words.range(live[opening], live[last]))
}

/// Wire ledes hold the name back one sentence: "…, a Ukrainian military official said. …
/// Serhiy Popko, head of Kyiv's military administration, said". The unnamed official is named
/// when the next sentence has a named speaker with a role, in the speaker or in its
/// apposition before the verb. Only the next one: further on, a named speaker is as often
/// someone else, on another point.
fn official_named_next(words: &Words, sentence: usize, attributions: &[Attribution]) -> bool {
    let next = sentence + 1..(sentence + 2).min(words.doc.sentences.len());
    super::in_sentences(attributions, next).iter().any(|a| {
        a.kind == CueKind::SpeechVerb
            && a.speaker.as_ref().is_some_and(|s| {
                let with_apposition = s.start..s.end.max(a.cue.start);
                words.tokens_in(s).any(|t| words.is_name(t))
                    && words
                        .tokens_in(&with_apposition)
                        .any(|t| is_role(words.word(t)))
            })
    })
}

/// A word for an office: "head", "commissioner", "ministre", "porte-parole".
fn is_role(word: &str) -> bool {
    super::speakers::is_person_word(word)
        || matches!(
            word,
            "head"
                | "commissioner"
                | "chairman"
                | "chairwoman"
                | "chair"
                | "president"
                | "premier"
                | "commissaire"
                | "prefet"
                | "prefete"
        )
}

/// "une source proche du ministère", "sources familiar with": `cited` when the article gives
/// the source as a speaker ("citant des sources de renseignement").
fn unnamed_source(
    words: &Words,
    live: &[usize],
    position: usize,
    cited: bool,
) -> Option<Range<usize>> {
    let word_at = |p: usize| words.word(live[p]);
    let joined = |a: usize, b: usize| !words.broken(live[a], live[b]);
    if position > 0 && refers_back(word_at(position - 1)) {
        return None;
    }
    let mut first = position;
    let mut qualified = false;
    if position > 0
        && joined(position - 1, position)
        && SOURCE_PREFIXES.contains(&word_at(position - 1))
    {
        first -= 1;
        qualified = true;
    }
    if first > 0 && joined(first - 1, first) && is_source_determiner(word_at(first - 1)) {
        first -= 1;
    }
    let mut last = position;
    while last + 1 < live.len()
        && joined(last, last + 1)
        && (SOURCE_QUALIFIERS.contains(&word_at(last + 1)) || is_nationality(word_at(last + 1)))
        && last - position < 3
    {
        qualified = true;
        last += 1;
        if matches!(word_at(last), "non" | "bien" | "haut" | "hauts") && last + 1 < live.len() {
            last += 1;
        }
    }
    if let Some(domain) = source_domain(words, live, position) {
        qualified = true;
        last = last.max(domain);
    }
    let has_name = || {
        (position + 1..live.len().min(position + 6))
            .take_while(|&p| joined(p - 1, p) && !is_verb_or_auxiliary(word_at(p)))
            .any(|p| words.is_name(live[p]))
    };
    let indefinite = word_at(position) == "sources"
        || (position > 0 && matches!(word_at(position - 1), "une" | "a" | "an" | "de"));
    if !(qualified || (cited && indefinite && !has_name())) {
        return None;
    }
    if OPENS_COMPLEMENT.contains(&word_at(last)) || (!qualified && cited) {
        last = complement_end(words, live, last);
    }
    Some(words.range(live[first], live[last]))
}

/// Words before "source(s)" that point back to a source already given: "l'une de ces
/// sources", "la seconde source", "the same sources".
fn refers_back(word: &str) -> bool {
    matches!(
        word,
        "ces"
            | "cette"
            | "ladite"
            | "seconde"
            | "second"
            | "deuxieme"
            | "premiere"
            | "meme"
            | "memes"
            | "autre"
            | "these"
            | "those"
            | "this"
            | "same"
            | "other"
            | "first"
    )
}

/// Where the words after "sources" stop describing them: "sources had told NDTV" names the
/// outlet told, not the sources.
fn is_verb_or_auxiliary(word: &str) -> bool {
    speech_verb(word).is_some() || is_auxiliary(word)
}

/// "sources palestiniennes", "une source libanaise": a nationality makes the source a person.
fn is_nationality(word: &str) -> bool {
    [
        "ienne", "iennes", "aise", "aises", "oise", "oises", "aine", "aines",
    ]
    .iter()
    .any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending))
        && !matches!(
            word,
            "quotidienne"
                | "quotidiennes"
                | "ancienne"
                | "anciennes"
                | "mauvaise"
                | "mauvaises"
                | "prochaine"
                | "prochaines"
                | "lointaine"
                | "lointaines"
                | "certaine"
                | "certaines"
                | "humaine"
                | "humaines"
        )
}

/// The last word of "source de sécurité", "sources du parti", "source au sein du ministère"
/// after "source(s)": a service or an institution the person works in.
fn source_domain(words: &Words, live: &[usize], position: usize) -> Option<usize> {
    let word_at = |p: usize| live.get(p).map(|&t| words.word(t));
    let joined = |p: usize| p < live.len() && !words.broken(live[p - 1], live[p]);
    let domain = position + 2;
    let linked = matches!(word_at(position + 1), Some("de" | "du" | "des"))
        && joined(position + 1)
        && joined(domain);
    let elided = word_at(position + 1).and_then(|w| w.strip_prefix("d'"));
    match elided {
        Some(rest) if joined(position + 1) && is_source_domain(rest) => Some(position + 1),
        _ if linked && word_at(domain).is_some_and(is_source_domain) => Some(domain),
        _ => None,
    }
}

fn is_source_domain(word: &str) -> bool {
    matches!(
        word.strip_prefix("l'").unwrap_or(word),
        "securite"
            | "police"
            | "renseignement"
            | "renseignements"
            | "sante"
            | "justice"
            | "defense"
            | "armee"
            | "enquete"
            | "gouvernement"
            | "parti"
            | "ministere"
            | "opposition"
            | "diplomatie"
            | "presidence"
            | "douane"
            | "douanes"
            | "gendarmerie"
            | "secours"
            | "majorite"
    )
}

fn is_source_determiner(word: &str) -> bool {
    matches!(
        word,
        "une"
            | "des"
            | "les"
            | "la"
            | "de"
            | "plusieurs"
            | "deux"
            | "trois"
            | "d'autres"
            | "nos"
            | "a"
            | "an"
            | "the"
            | "two"
            | "three"
            | "some"
            | "our"
    )
}

/// The end of "proche du ministère russe de la Défense": to a break or a verb, at most eight
/// words on.
fn complement_end(words: &Words, live: &[usize], from: usize) -> usize {
    let mut last = from;
    while last + 1 < live.len()
        && last + 1 - from <= 8
        && !words.broken(live[last], live[last + 1])
        && !ends_complement(words.word(live[last + 1]))
    {
        last += 1;
    }
    last
}

fn ends_complement(word: &str) -> bool {
    matches!(
        word,
        "que"
            | "qui"
            | "a"
            | "ont"
            | "est"
            | "sont"
            | "avait"
            | "avaient"
            | "had"
            | "have"
            | "has"
            | "selon"
            | "said"
            | "say"
            | "says"
            | "told"
            | "who"
            | "that"
            | "and"
            | "et"
            | "to"
            | "on"
            | "in"
    ) || word.starts_with("qu'")
        || speech_verb(word).is_some()
}

fn anonymity_phrase(words: &Words, live: &[usize], position: usize) -> Range<usize> {
    let mut first = position;
    let earliest = position.saturating_sub(5);
    let mut cursor = position;
    while cursor > earliest && !words.broken(live[cursor - 1], live[cursor]) {
        cursor -= 1;
        if ANONYMITY_STARTERS.contains(&words.word(live[cursor])) {
            first = cursor;
        }
    }
    words.range(live[first], live[position])
}

/// Words that make an unnamed person a source by their closeness to the matter, with the
/// preposition that must follow: "familiar with", "close to", "briefed on".
fn close_to_the_matter(word: &str) -> Option<&'static str> {
    match word {
        "familiar" => Some("with"),
        "close" | "closest" => Some("to"),
        "briefed" => Some("on"),
        "knowledgeable" => Some("about"),
        _ => None,
    }
}

/// "people familiar with the matter", "an official familiar with the talks", "people close to
/// him", "two people briefed on the talks".
fn familiar_with(
    words: &Words,
    live: &[usize],
    position: usize,
    preposition: &str,
) -> Option<Range<usize>> {
    let followed = position + 1 < live.len() && words.word(live[position + 1]) == preposition;
    if position == 0 || !followed || words.broken(live[position - 1], live[position]) {
        return None;
    }
    let mut first = position - 1;
    if !ANONYMOUS_ROLES.contains(&words.word(live[first]))
        && !matches!(words.word(live[first]), "sources" | "source" | "someone")
    {
        return None;
    }
    while first > 0
        && !words.broken(live[first - 1], live[first])
        && (is_source_determiner(words.word(live[first - 1]))
            || SOURCE_PREFIXES.contains(&words.word(live[first - 1])))
    {
        first -= 1;
    }
    Some(words.range(live[first], live[complement_end(words, live, position + 1)]))
}

/// "who asked not to be named", "who declined to be identified".
fn declined_to_be_named(words: &Words, live: &[usize], position: usize) -> Option<Range<usize>> {
    if position < 3
        || words.word(live[position - 1]) != "be"
        || words.word(live[position - 2]) != "to"
    {
        return None;
    }
    let refusal = words.word(live[position - 3]);
    let first = match refusal {
        "not" if position >= 4 => position - 4,
        "declined" | "refused" => position - 3,
        _ => return None,
    };
    Some(words.range(live[first], live[position]))
}

/// "identifié", "nommé", "cité" in every gender and number.
fn is_french_named(word: &str) -> bool {
    ["identifie", "nomme", "cite"].iter().any(|stem| {
        word.strip_prefix(stem)
            .is_some_and(|rest| matches!(rest, "" | "e" | "s" | "es"))
    })
}

/// "qui a demandé à ne pas être identifié", "ayant requis de ne pas être nommée".
fn asked_not_to_be_named(words: &Words, live: &[usize], position: usize) -> Option<Range<usize>> {
    let word_at = |p: usize| words.word(live[p]);
    if position < 3
        || word_at(position - 1) != "etre"
        || word_at(position - 2) != "pas"
        || !matches!(word_at(position - 3), "ne" | "n'")
    {
        return None;
    }
    let negation = position - 3;
    let first = (negation.saturating_sub(5)..negation)
        .find(|&p| matches!(word_at(p), "qui" | "ayant" | "demandant" | "souhaitant"))
        .filter(|&p| (p + 1..=negation).all(|q| !words.broken(live[q - 1], live[q])))
        .unwrap_or(negation);
    Some(words.range(live[first], live[position]))
}

fn is_authorised(word: &str) -> bool {
    matches!(
        word,
        "authorized" | "authorised" | "autorise" | "autorisee" | "autorises" | "autorisees"
    )
}

/// "who was not authorized to speak publicly", "qui n'est pas autorisé à s'exprimer".
fn not_authorised_to_speak(words: &Words, live: &[usize], position: usize) -> Option<Range<usize>> {
    let word_at = |p: usize| live.get(p).map(|&t| words.word(t));
    let negation = (position.saturating_sub(2)..position)
        .find(|&p| matches!(word_at(p), Some("not" | "pas" | "n'etait" | "n'est")))?;
    let speaks = match (word_at(position + 1), word_at(position + 2)) {
        (Some("to"), Some(verb)) => matches!(verb, "speak" | "talk" | "discuss" | "comment"),
        (Some("a"), Some(verb)) => matches!(verb, "s'exprimer" | "parler" | "communiquer"),
        _ => false,
    };
    if !speaks {
        return None;
    }
    let first = negation
        .checked_sub(2)
        .into_iter()
        .flat_map(|start| start..negation)
        .find(|&p| matches!(word_at(p), Some("who" | "qui" | "because" | "car")))
        .unwrap_or(negation);
    Some(words.range(live[first], live[position + 2]))
}

/// "un haut responsable", "a senior official": an indefinite role with no name.
fn is_unnamed_person(words: &Words, speaker: &Range<usize>) -> bool {
    let tokens = words.tokens_in(speaker);
    if tokens.is_empty()
        || !(matches!(words.word(tokens.start), "un" | "une" | "a" | "an" | "one")
            || is_plural_indefinite(words.word(tokens.start)))
    {
        return false;
    }
    let Some(role) = tokens
        .clone()
        .find(|&t| ANONYMOUS_ROLES.contains(&words.word(t)))
    else {
        return false;
    };
    !names_the_person(words, role + 1..tokens.end)
}

/// "des responsables israéliens", "two officials": unnamed people counted, not named.
fn is_plural_indefinite(word: &str) -> bool {
    matches!(
        word,
        "des" | "deux" | "trois" | "plusieurs" | "two" | "three" | "several"
    )
}

/// Whether the words after a role name its holder ("un conseiller, Jean Dupont") or its
/// institution ("un responsable de l'ONU"). A capitalised word before the role is an adjective
/// of nationality, not a name: "a senior Turkish official" is anonymous.
fn names_the_person(words: &Words, mut after_role: Range<usize>) -> bool {
    after_role.any(|t| words.is_capitalised(t))
}

/// The spans sorted, with those that overlap or touch (only spaces between them) made one: "an
/// officer" and "who was not authorized to speak" are one source.
fn without_overlaps(words: &Words, mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut kept: Vec<Range<usize>> = Vec::new();
    for span in spans {
        let touches = |last: &Range<usize>| {
            span.start < last.end
                || words
                    .doc
                    .masked
                    .get(last.end..span.start)
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace))
        };
        match kept.last_mut() {
            Some(last) if touches(last) => last.end = last.end.max(span.end),
            _ => kept.push(span),
        }
    }
    kept
}

/// Vague attributions, in order, without overlaps. A group is not vague when it is named
/// ("les analystes de Goldman Sachs", "des experts, dont Jean Dupont") or when the next sentence
/// of the paragraph names who says it. Hearsay ("il se dit que", "it is widely reported") stays
/// vague whoever speaks next: a rumour is not sourced by the next person's opinion.
pub(super) fn vague(scan: &Scan, attributions: &[Attribution]) -> Vec<Range<usize>> {
    let (words, cues) = (scan.words, scan.cues);
    let mut found = Vec::new();
    scan.live_sentences(cue::VAGUE_KEY, |sentence, live| {
        for position in 0..live.len() {
            if cues[live[position]] & cue::VAGUE == 0 {
                continue;
            }
            let hearsay =
                set_phrase(words, live, position).or_else(|| hearsay_clause(words, live, position));
            if let Some((span, _)) = hearsay {
                found.push(span);
            } else if let Some((span, last)) = unnamed_group(words, live, position) {
                if !named_after(words, live, last)
                    && !named_next(words, sentence, attributions)
                    && !named_in_sentence(words, sentence, attributions, &span)
                {
                    found.push(span);
                }
            }
        }
    });
    without_overlaps(words, found)
}

/// The hearsay phrases by their first word, split once.
static PHRASES_BY_FIRST_WORD: LazyLock<FastMap<&'static str, Vec<Vec<&'static str>>>> =
    LazyLock::new(|| {
        let mut phrases: FastMap<&str, Vec<Vec<&str>>> = FastMap::default();
        for phrase in VAGUE_PHRASES {
            let words: Vec<&str> = phrase.split(' ').collect();
            phrases.entry(words[0]).or_default().push(words);
        }
        phrases
    });

fn set_phrase(words: &Words, live: &[usize], position: usize) -> Option<(Range<usize>, usize)> {
    let candidates = PHRASES_BY_FIRST_WORD.get(words.word(live[position]))?;
    candidates.iter().find_map(|phrase| {
        let last = position + phrase.len() - 1;
        let fits = last < live.len()
            && (position + 1..=last)
                .all(|p| live[p] == live[p - 1] + 1 && !words.broken(live[p - 1], live[p]))
            && phrase
                .iter()
                .zip(&live[position..=last])
                .all(|(expected, &token)| words.word(token) == *expected);
        fits.then(|| (words.range(live[position], live[last]), last))
    })
}

/// "il se dit dans les couloirs que", "on murmure à Bruxelles que": an impersonal verb of
/// hearsay whose "que" comes a few words on. "Il se dit prêt à négocier" has no "que": a named
/// subject speaks of himself.
fn hearsay_clause(words: &Words, live: &[usize], position: usize) -> Option<(Range<usize>, usize)> {
    let word_at = |p: usize| live.get(p).map(|&t| words.word(t));
    let verb = match (word_at(position)?, word_at(position + 1)) {
        ("il", Some("se")) => position + 2,
        ("on", _) => position + 1,
        _ => return None,
    };
    if !word_at(verb).is_some_and(is_hearsay_verb) {
        return None;
    }
    let que = (verb + 1..live.len().min(verb + 7))
        .find(|&p| word_at(p).is_some_and(|w| w == "que" || w.starts_with("qu'")))?;
    Some((words.range(live[position], live[que]), que))
}

/// "pour de nombreux observateurs", "selon certains experts", "plusieurs rapports indiquent",
/// "experts believe", "certains estiment".
fn unnamed_group(words: &Words, live: &[usize], position: usize) -> Option<(Range<usize>, usize)> {
    let word_at = |p: usize| words.word(live[p]);
    let joined = |a: usize, b: usize| !words.broken(live[a], live[b]);
    let word = word_at(position);
    let group = word.strip_prefix("d'").unwrap_or(word);
    let is_pronoun = VAGUE_PRONOUNS.contains(&word);
    if !is_vague_group(group) && !is_pronoun {
        return None;
    }
    if position > 0 && joined(position - 1, position) && words.is_name(live[position - 1]) {
        return None;
    }
    if is_document_kind(words, live, position) {
        return None;
    }
    let mut first = position;
    while first > 0
        && position - first < 3
        && joined(first - 1, first)
        && (VAGUE_QUANTIFIERS.contains(&word_at(first - 1)) || word_at(first - 1) == "de")
    {
        first -= 1;
    }
    if first < position
        && word_at(first) == "nombre"
        && first > 0
        && super::cues::is_determiner(word_at(first - 1))
    {
        return None;
    }
    let quantified = first < position || word != group;
    let introduced = first > 0
        && joined(first - 1, first)
        && is_intro(word_at(first - 1))
        && (first - 1 == 0
            || words.broken(live[first - 2], live[first - 1])
            || word_at(first - 1) != "pour");
    let introduced = introduced
        || (first > 1 && word_at(first - 2) == "according" && word_at(first - 1) == "to");
    let mut last = position;
    if !is_pronoun
        && last + 1 < live.len()
        && joined(last, last + 1)
        && is_adjective_like(words, live[last + 1])
    {
        last += 1;
    }
    let says = (last + 1..live.len().min(last + 4))
        .take_while(|&p| joined(p - 1, p))
        .any(|p| is_opinion_verb(word_at(p)) && !is_participle(word_at(p)));
    let english_bare = !quantified && !is_pronoun && word_at(position).is_ascii() && says;
    let vague = if is_pronoun {
        let verb_at = match live.get(last + 1).map(|&t| words.word(t)) {
            Some("y" | "en") => last + 2,
            _ => last + 1,
        };
        let says = verb_at < live.len()
            && (last + 1..=verb_at).all(|p| joined(p - 1, p))
            && is_opinion_verb(word_at(verb_at));
        says || (introduced && ends_clause(words, live, last))
    } else {
        introduced || english_bare || (quantified && says)
    };
    if !vague || polled(words, live, last) {
        return None;
    }
    let start = if introduced {
        if word_at(first - 1) == "to" {
            first - 2
        } else {
            first - 1
        }
    } else {
        first
    };
    Some((words.range(live[start], live[last]), last))
}

/// "job reports", "earnings reports", "rapports annuels": reports named by their kind are
/// documents the reader can find, not hearsay. Bare reports, "media reports", "some reports" and
/// "recent reports" are.
fn is_document_kind(words: &Words, live: &[usize], position: usize) -> bool {
    let joined = |a: usize, b: usize| !words.broken(live[a], live[b]);
    match words.word(live[position]) {
        "reports" | "report" => {
            position > 0
                && joined(position - 1, position)
                && is_kind_of_report(words.word(live[position - 1]))
        }
        "rapports" => live
            .get(position + 1)
            .filter(|_| joined(position, position + 1))
            .is_some_and(|&next| DOCUMENT_ADJECTIVES.contains(&words.word(next))),
        _ => false,
    }
}

/// What may come before "reports" and leave them hearsay: quantifiers, determiners, words of
/// the press and of time, and the small words of a clause.
const HEARSAY_MODIFIERS: &[&str] = &[
    "media",
    "press",
    "news",
    "unconfirmed",
    "unverified",
    "recent",
    "earlier",
    "previous",
    "initial",
    "early",
    "first",
    "latest",
    "new",
    "conflicting",
    "contradictory",
    "local",
    "foreign",
    "western",
    "multiple",
    "widespread",
    "persistent",
    "anonymous",
    "credible",
    "further",
    "similar",
    "online",
    "these",
    "those",
    "such",
    "to",
    "of",
    "are",
    "were",
    "as",
    "and",
    "but",
    "or",
    "amid",
    "despite",
    "after",
    "with",
    "that",
];

/// "job", "earnings", "inflation" before "reports": a noun that names the kind of report.
fn is_kind_of_report(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_alphabetic())
        && !HEARSAY_MODIFIERS.contains(&word)
        && !VAGUE_QUANTIFIERS.contains(&word)
        && !super::cues::is_determiner(word)
        && !is_intro(word)
        && !is_opinion_verb(word)
}

/// Adjectives after "rapports" that name a kind of document: "les rapports annuels".
const DOCUMENT_ADJECTIVES: &[&str] = &[
    "annuels",
    "trimestriels",
    "semestriels",
    "mensuels",
    "financiers",
    "comptables",
    "budgetaires",
    "d'activite",
    "d'autopsie",
    "d'expertise",
    "d'enquete",
    "medicaux",
    "economiques",
];

/// Whether the sentence names where the group's view comes from: "analysts had expected a 1%
/// drop, according to IBES data from Refinitiv", "selon un consensus FactSet". A consensus
/// with a named origin is a checkable series, not a weasel crowd. A group given as the source
/// itself ("Selon des journalistes spécialisés, …, d'après une étude du CSIS") stays vague.
fn named_in_sentence(
    words: &Words,
    sentence: usize,
    attributions: &[Attribution],
    group: &Range<usize>,
) -> bool {
    let opening = words.word(words.tokens_in(group).start);
    !is_intro(opening)
        && opening != "according"
        && super::in_sentences(attributions, sentence..sentence + 1)
            .iter()
            .any(|a| {
                a.kind == CueKind::Intro
                    && a.speaker.as_ref().is_some_and(|s| {
                        (s.end <= group.start || group.end <= s.start)
                            && words.tokens_in(s).any(|t| words.is_name(t))
                    })
            })
}

/// "citant", "citing": a participle is not the group's own opinion ("News.az reports citing
/// TASS" is an outlet that reports).
fn is_participle(word: &str) -> bool {
    word.ends_with("ant") || word.ends_with("ing")
}

/// Whether a comma or the end of the sentence follows: "Pour beaucoup, la frappe…", but not
/// "pour beaucoup de gens".
fn ends_clause(words: &Words, live: &[usize], last: usize) -> bool {
    live.get(last + 1)
        .is_none_or(|&next| words.between(live[last], next).contains([',', ';', ':']))
}

/// A poll is a source: "des économistes interrogés par Reuters", "analysts polled by Reuters".
fn polled(words: &Words, live: &[usize], last: usize) -> bool {
    let word_at = |p: usize| live.get(p).map(|&t| words.word(t));
    (last..=last + 1)
        .any(|p| is_poll_word(word_at(p)) && matches!(word_at(p + 1), Some("par" | "by")))
}

fn is_poll_word(word: Option<&str>) -> bool {
    matches!(
        word,
        Some(
            "interroges"
                | "interrogees"
                | "sondes"
                | "sondees"
                | "consultes"
                | "consultees"
                | "polled"
                | "surveyed"
                | "interviewed"
        )
    )
}

fn is_adjective_like(words: &Words, token: usize) -> bool {
    let word = words.word(token);
    !words.is_capitalised(token)
        && !words.is_number(token)
        && !is_opinion_verb(word)
        && !is_time_word(word)
        && !super::cues::ends_forward_phrase(word)
        && !super::cues::is_determiner(word)
        && !matches!(
            word,
            "de" | "du" | "des" | "of" | "have" | "are" | "were" | "ont" | "sont"
        )
        && !word.starts_with("d'")
}

/// "des analystes de Goldman Sachs", "experts at the IMF", "des experts, dont Jean Dupont".
fn named_after(words: &Words, live: &[usize], last: usize) -> bool {
    let window = &live[last + 1..live.len().min(last + 5)];
    let Some(&first) = window.first() else {
        return false;
    };
    let linker = words.word(first);
    let links = matches!(
        linker,
        "de" | "du"
            | "des"
            | "at"
            | "from"
            | "of"
            | "chez"
            | "dont"
            | "notamment"
            | "comme"
            | "including"
            | "like"
            | "such"
    ) || linker.starts_with("d'");
    let elided_name = linker.starts_with("d'") && words.is_capitalised(first);
    links && (elided_name || window.iter().skip(1).take(3).any(|&t| words.is_name(t)))
}

/// Whether the next sentence of the paragraph names who speaks ("Selon Jean Dupont, …").
fn named_next(words: &Words, sentence: usize, attributions: &[Attribution]) -> bool {
    let doc = words.doc;
    let Some(next) = doc.sentences.get(sentence + 1) else {
        return false;
    };
    next.paragraph == doc.sentences[sentence].paragraph
        && super::in_sentences(attributions, sentence + 1..sentence + 2)
            .iter()
            .any(|a| {
                matches!(a.kind, CueKind::SpeechVerb | CueKind::Intro)
                    && a.speaker
                        .as_ref()
                        .is_some_and(|s| words.tokens_in(s).any(|t| words.is_name(t)))
            })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};

    #[test]
    fn every_way_to_a_vague_attribution_holds_a_key_word() {
        for phrase in VAGUE_PHRASES {
            let key = phrase_key(phrase);
            assert!(phrase.split(' ').any(|w| w == key), "{phrase}");
            assert!(may_hold_vague(key), "{phrase}");
        }
        for word in [
            "dit",
            "murmure",
            "observateurs",
            "d'observateurs",
            "experts",
            "certains",
            "d'aucuns",
            "others",
        ] {
            assert!(may_hold_vague(word), "{word}");
        }
        for word in ["il", "on", "des", "it", "selon", ""] {
            assert!(!may_hold_vague(word), "{word}");
        }
    }

    #[test]
    fn set_phrases_are_found_however_they_are_written() {
        for phrase in VAGUE_PHRASES {
            let written = phrase.to_uppercase().replace('\'', "’");
            let text = format!("Hier, {written} la crise.");
            let doc = Document::new(text.clone(), Format::PlainText, None);
            assert!(!super::super::analysis(&doc).vague.is_empty(), "{text}");
        }
    }
}
