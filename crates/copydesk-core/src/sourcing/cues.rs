//! The words that tell who speaks: speech verbs in every common tense, the words that introduce a
//! source, and the small words around them. All folded (lowercase, no accents, plain apostrophe).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// How sure a speech verb is to report speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strength {
    /// Always reports speech: "a déclaré", "said".
    Strong,
    /// Reports speech only next to a quotation, before "que"/"that" or a colon, or with its
    /// subject inverted: "a estimé que" but not "estimé à 5 millions".
    Weak,
}

/// French first-group verbs by their folded stem (infinitive without "-er").
const FRENCH_ER_STRONG: &[&str] = &[
    "declar", "affirm", "insist", "martel", "ironis", "tweet", "retorqu", "exclam", "insurg",
    "indign", "assen", "reaffirm", "clam", "proclam",
];
const FRENCH_ER_WEAK: &[&str] = &[
    "indiqu",
    "soulign",
    "precis",
    "ajout",
    "estim",
    "expliqu",
    "assur",
    "rappel",
    "denonc",
    "confi",
    "annonc",
    "confirm",
    "demand",
    "comment",
    "observ",
    "not",
    "relev",
    "plaid",
    "jug",
    "regrett",
    "deplor",
    "fustig",
    "temoign",
    "racont",
    "accus",
    "avanc",
    "souffl",
    "gliss",
    "rapport",
    "signal",
    "avou",
    "conced",
    "menac",
    "interrog",
    "inquiet",
    "elev",
    "exhort",
    "titr",
    "reclam",
    "lach",
    "nuanc",
    "tranch",
    "poursuiv",
    "lanc",
    "qualifi",
    "salu",
    "critiqu",
    "reiter",
    "evoqu",
    "deplor",
    "repet",
    "revel",
    "confess",
    "rassur",
    "felicit",
    "remerci",
    "notifi",
    "inform",
    "interpell",
    "exprim",
    "resum",
    "cit",
    "remarqu",
    "constat",
    "enchain",
    "raill",
    "rigol",
    "esclaff",
    "soupir",
    "chuchot",
    "hurl",
    "fulmin",
    "relativis",
    "minimis",
    "sugger",
    "conseill",
    "implor",
    "suppli",
    "esper",
    "souhait",
    "attest",
    "hasard",
];

/// Endings of a first-group verb, folded: present, participle, imperfect, simple past, future,
/// conditional, present participle.
const ER_ENDINGS: &[&str] = &[
    "e", "es", "ent", "ee", "ees", "ait", "aient", "a", "erent", "era", "eront", "erait",
    "eraient", "ant", "ons", "ez", "ai",
];

/// Irregular French forms.
const FRENCH_IRREGULAR_STRONG: &[&str] = &[
    "dit", "dis", "disait", "disaient", "disent", "dira", "diront", "dirait", "disant", "dirent",
];
const FRENCH_IRREGULAR_WEAK: &[&str] = &[
    "ecrit",
    "ecrivait",
    "ecrivent",
    "ecrivant",
    "repond",
    "repondu",
    "repondait",
    "repondent",
    "repondant",
    "reconnait",
    "reconnu",
    "reconnaissait",
    "reconnaissant",
    "admet",
    "admis",
    "admettait",
    "previent",
    "prevenu",
    "prevenait",
    "prevenant",
    "avertit",
    "averti",
    "avertissait",
    "avertissant",
    "soutient",
    "soutenu",
    "soutenait",
    "soutenant",
    "soutiennent",
    "dement",
    "dementi",
    "dementait",
    "dementent",
    "promet",
    "promis",
    "maintient",
    "maintenu",
    "conclut",
    "conclu",
    "concluait",
    "concluant",
    "poursuit",
    "poursuivi",
    "reagi",
    "reagit",
    "reagissait",
    "previent",
    "convient",
    "convenu",
    "assure",
    "martele",
    "rappelle",
    "rappellent",
    "affirme",
    "jugeait",
    "jugeant",
    "fustigeait",
    "fustigeant",
    "lancait",
    "lancant",
    "denoncait",
    "denoncant",
    "annoncait",
    "annoncant",
    "avancait",
    "avancant",
    "interpelle",
    "appelle",
    "interrogeait",
    "interrogeant",
    "valoir",
    "savoir",
    "decrit",
    "decrivait",
    "decrivent",
    "decrivant",
    "lire",
    "lit",
    "lisait",
    "lisant",
    // "a fait remarquer", "a laissé entendre", "a tenu à dire": an infinitive after its verb.
    "remarquer",
    "observer",
    "comprendre",
    "entendre",
    "dire",
    "rencherit",
    "rencheri",
    "rencherissait",
    "rencherissant",
    "reprend",
    "repris",
    "reprenait",
    "reprenant",
    "sourit",
    "souri",
    "souriait",
    "souriant",
    "defend",
    "defendu",
    "defendait",
    "defendant",
    "pretend",
    "pretendu",
    "pretendait",
    "pretendant",
    "predit",
    "predisait",
    "predisant",
    "garantit",
    "garanti",
    "souvient",
    "souvenait",
    "rejouit",
    "rejoui",
    "admettant",
    "reconnaissent",
    "concluent",
    "promettant",
];

const ENGLISH_STRONG: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "added",
    "adds",
    "adding",
    "warned",
    "warns",
    "warning",
    "stated",
    "declared",
    "declares",
    "insisted",
    "insists",
    "argued",
    "argues",
    "tweeted",
    "wrote",
    "writes",
    "explained",
    "explains",
    "stressed",
    "stresses",
    "emphasised",
    "emphasized",
    "asserted",
    "remarked",
    "commented",
    "acknowledged",
    "conceded",
    "countered",
    "retorted",
    "replied",
    "responded",
    "cautioned",
    "complained",
    "lamented",
    "contended",
    "testified",
    "exclaimed",
    "quipped",
    "recalled",
    "recounted",
    "reiterated",
    "reiterates",
    "joked",
    "jokes",
    "mused",
    "muses",
    "shouted",
    "yelled",
    "screamed",
    "whispered",
    "muttered",
    "grumbled",
    "interjected",
    "scoffed",
    "boasted",
    "bragged",
    "lamented",
    "laments",
    "recalls",
    "stressing",
    "declaring",
    "asserting",
    "asserts",
    "emphasising",
    "emphasizing",
    "telling",
];
const ENGLISH_WEAK: &[&str] = &[
    "headlined",
    "headlines",
    "noted",
    "notes",
    "observed",
    "maintained",
    "reported",
    "suggested",
    "announced",
    "promised",
    "revealed",
    "asked",
    "answered",
    "continued",
    "concluded",
    "estimated",
    "confirmed",
    "denied",
    "admitted",
    "claimed",
    "claims",
    "alleged",
    "urged",
    "vowed",
    "pledged",
    "predicted",
    "posted",
    "described",
    "insisting",
    "explaining",
    "noting",
    "arguing",
    "stressing",
    "urging",
    "calling",
    "called",
    "notified",
    "notifying",
    "informed",
    "informing",
    "congratulated",
    "thanked",
    "praised",
    "cited",
    "citing",
    "quoted",
    "quoting",
    "read",
    "reads",
    "allege",
    "alleges",
    "alleging",
    "noting",
    "observes",
    "observing",
    "remarking",
    "recalling",
    "pointed",
    "pointing",
    "acknowledges",
    "acknowledging",
    "admits",
    "admitting",
    "concedes",
    "conceding",
    "continues",
    "continuing",
    "concludes",
    "concluding",
    "confirms",
    "confirming",
    "denies",
    "denying",
    "claiming",
    "insist",
    "repeated",
    "repeats",
    "reaffirmed",
    "reaffirms",
    "affirmed",
    "affirms",
    "assured",
    "assures",
    "reassured",
    "confided",
    "disclosed",
    "echoed",
    "echoing",
    "elaborated",
    "clarified",
    "specified",
    "opined",
    "speculated",
    "hinted",
    "indicated",
    "indicates",
    "indicating",
    "signalled",
    "signaled",
    "accuses",
    "accusing",
    "blasted",
    "slammed",
    "criticised",
    "criticized",
    "criticising",
    "criticizing",
    "condemned",
    "condemning",
    "denounced",
    "denouncing",
    "decried",
    "lambasted",
    "mocked",
    "sighed",
    "laughed",
    "pleaded",
    "begged",
    "demanded",
    "demanding",
    "requested",
    "implored",
    "advised",
    "recommended",
    "reasoned",
    "rebutted",
    "objected",
    "protested",
    "disputed",
    "questioned",
    "wondered",
    "queried",
    "inquired",
    "enquired",
    "proclaimed",
    "thundered",
    "fumed",
    "snapped",
    "texted",
    "emailed",
    "briefed",
    "replies",
    "replying",
    "responds",
    "responding",
    "counters",
    "countering",
    "cautions",
    "cautioning",
    "complains",
    "complaining",
    "contends",
    "contending",
    "testifies",
    "testifying",
    "predicts",
    "predicting",
    "vowing",
    "pledging",
    "promising",
    "urges",
    "describes",
    "describing",
    "asks",
    "asking",
    "announces",
    "announcing",
    "reveals",
    "revealing",
    "suggests",
    "suggesting",
    "maintains",
    "maintaining",
    "reporting",
    "posting",
    "tweeting",
    "commenting",
    "warn",
];

/// FNV-1a: the speech-verb table is looked up for every word of an article, and its keys are
/// our own words, so a fast hash without flooding resistance is the right one.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

static SPEECH_VERBS: LazyLock<FastMap<String, Strength>> = LazyLock::new(|| {
    let mut verbs = FastMap::default();
    for (stems, strength) in [
        (FRENCH_ER_STRONG, Strength::Strong),
        (FRENCH_ER_WEAK, Strength::Weak),
    ] {
        for stem in stems {
            for ending in ER_ENDINGS {
                let soft = stem.ends_with('g') && matches!(ending.as_bytes()[0], b'a' | b'o');
                let form = format!("{stem}{}{ending}", if soft { "e" } else { "" });
                verbs.entry(form).or_insert(strength);
            }
        }
    }
    for (forms, strength) in [
        (FRENCH_IRREGULAR_STRONG, Strength::Strong),
        (ENGLISH_STRONG, Strength::Strong),
        (FRENCH_IRREGULAR_WEAK, Strength::Weak),
        (ENGLISH_WEAK, Strength::Weak),
    ] {
        for form in forms {
            verbs.entry(form.to_string()).or_insert(strength);
        }
    }
    verbs
});

/// Pronouns a French verb carries after it: "a-t-il", "ajoute-t-elle", "dit-on".
const INVERTED_PRONOUNS: &[&str] = &[
    "-t-il", "-t-elle", "-t-on", "-t-ils", "-t-elles", "-il", "-elle", "-ils", "-elles", "-on",
];

/// Splits "ajoute-t-elle" into the verb and the byte length of its pronoun part.
pub(crate) fn split_inverted(word: &str) -> (&str, usize) {
    if !word.contains('-') {
        return (word, 0);
    }
    INVERTED_PRONOUNS
        .iter()
        .find(|suffix| word.len() > suffix.len() && word.ends_with(*suffix))
        .map_or((word, 0), |suffix| {
            (&word[..word.len() - suffix.len()], suffix.len())
        })
}

/// Whether a folded word is a form of a speech verb, and how sure.
pub(crate) fn speech_verb(word: &str) -> Option<Strength> {
    SPEECH_VERBS.get(split_inverted(word).0).copied()
}

/// Auxiliaries and the small words that sit between a subject and its speech verb.
pub(crate) fn is_auxiliary(word: &str) -> bool {
    let verb = split_inverted(word).0;
    matches!(
        verb,
        "a" | "ont"
            | "avait"
            | "avaient"
            | "aura"
            | "auront"
            | "aurait"
            | "est"
            | "sont"
            | "etait"
            | "etaient"
            | "s'est"
            | "se"
            | "s'etait"
            | "l'a"
            | "l'ont"
            | "fait"
            | "faisait"
            | "l'avait"
            | "lui"
            | "leur"
            | "n'a"
            | "n'ont"
            | "n'avait"
            | "ne"
            | "pas"
            | "jamais"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "will"
            | "would"
            | "did"
            | "does"
            | "not"
            | "has'nt"
    ) || is_adverb(verb)
}

/// Adverbs that slip around a speech verb: "a d'ailleurs confirmé", "also said".
pub(crate) fn is_adverb(word: &str) -> bool {
    matches!(
        word,
        "d'ailleurs"
            | "aussi"
            | "egalement"
            | "encore"
            | "ensuite"
            | "alors"
            | "neanmoins"
            | "toutefois"
            | "pourtant"
            | "cependant"
            | "enfin"
            | "deja"
            | "notamment"
            | "ainsi"
            | "bien"
            | "plutot"
            | "simplement"
            | "clairement"
            | "ouvertement"
            | "publiquement"
            | "aussitot"
            | "immediatement"
            | "vivement"
            | "fermement"
            | "en"
            | "outre"
            | "par"
            | "ailleurs"
            | "also"
            | "later"
            | "then"
            | "previously"
            | "again"
            | "however"
            | "repeatedly"
            | "earlier"
            | "separately"
            | "publicly"
            | "privately"
            | "recently"
            | "further"
            | "once"
    )
}

/// Words of time and day that come between an inverted speech verb and its subject: "a déclaré
/// vendredi le directeur".
pub(crate) fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "hier"
            | "aujourd'hui"
            | "soir"
            | "matin"
            | "midi"
            | "apres-midi"
            | "dernier"
            | "derniere"
            | "recemment"
            | "veille"
            | "lendemain"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "tonight"
            | "morning"
            | "evening"
            | "night"
    ) || is_month(word)
}

pub(crate) fn is_month(word: &str) -> bool {
    month_number(word).is_some()
}

/// The month a folded word names, French or English, 1-based.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    match word {
        "janvier" | "january" => Some(1),
        "fevrier" | "february" => Some(2),
        "mars" | "march" => Some(3),
        "avril" | "april" => Some(4),
        "mai" | "may" => Some(5),
        "juin" | "june" => Some(6),
        "juillet" | "july" => Some(7),
        "aout" | "august" => Some(8),
        "septembre" | "september" => Some(9),
        "octobre" | "october" => Some(10),
        "novembre" | "november" => Some(11),
        "decembre" | "december" => Some(12),
        _ => None,
    }
}

/// Determiners that open a noun phrase.
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "le" | "la"
            | "les"
            | "un"
            | "une"
            | "des"
            | "du"
            | "ce"
            | "cet"
            | "cette"
            | "ces"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "notre"
            | "nos"
            | "votre"
            | "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
    ) || word.starts_with("l'")
}

/// Words where a speaker's name stops when read forwards: "le diplomate russe à la question".
pub(crate) fn ends_forward_phrase(word: &str) -> bool {
    matches!(
        word,
        "que"
            | "qui"
            | "dont"
            | "lorsque"
            | "quand"
            | "parce"
            | "car"
            | "a"
            | "au"
            | "aux"
            | "dans"
            | "lors"
            | "sur"
            | "devant"
            | "apres"
            | "avant"
            | "pendant"
            | "selon"
            | "et"
            | "mais"
            | "ou"
            | "that"
            | "who"
            | "which"
            | "when"
            | "because"
            | "as"
            | "while"
            | "in"
            | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "to"
            | "and"
            | "but"
            | "or"
            | "with"
            | "avec"
    ) || word.starts_with("qu'")
        || word.starts_with("lorsqu'")
}

/// Words where a speaker's name stops when read backwards from its verb: "Peu après le
/// président".
pub(crate) fn ends_backward_phrase(word: &str) -> bool {
    matches!(
        word,
        "que"
            | "et"
            | "mais"
            | "ou"
            | "puis"
            | "peu"
            | "apres"
            | "avant"
            | "depuis"
            | "pendant"
            | "lors"
            | "dans"
            | "quand"
            | "lorsque"
            | "si"
            | "car"
            | "donc"
            | "or"
            | "that"
            | "and"
            | "but"
            | "when"
            | "after"
            | "before"
            | "since"
            | "while"
            | "if"
            | "as"
            | "because"
            | "later"
            | "then"
            | "on"
            | "in"
    ) || word.starts_with("qu'")
        || word.starts_with("lorsqu'")
        || is_time_word(word)
}

/// Relative pronouns: "Maria Zakharova, qui a indiqué" — the speaker is before them.
pub(crate) fn is_relative(word: &str) -> bool {
    matches!(word, "qui" | "who" | "which")
}

/// Subject pronouns and first-person words: a quoted phrase holding one has a clause of its own.
pub(crate) fn marks_a_clause(word: &str) -> bool {
    matches!(
        word,
        "je" | "nous"
            | "on"
            | "il"
            | "ils"
            | "elle"
            | "elles"
            | "vous"
            | "tu"
            | "ce"
            | "cela"
            | "ca"
            | "notre"
            | "nos"
            | "mon"
            | "ma"
            | "mes"
            | "i"
            | "we"
            | "you"
            | "he"
            | "she"
            | "they"
            | "it"
            | "there"
            | "my"
            | "our"
            | "i'm"
            | "we're"
            | "it's"
    ) || ["j'", "c'", "s'il", "n'", "qu'il", "qu'elle", "m'"]
        .iter()
        .any(|prefix| word.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_verbs_in_many_tenses() {
        for form in [
            "declare",
            "declarait",
            "declara",
            "declarera",
            "declarant",
            "affirme",
            "ajoute",
            "ajoute-t-elle",
            "dit-il",
            "rappelle",
            "jugeait",
            "dit",
            "cite",
            "citant",
            "decrit",
            "said",
            "told",
            "warned",
        ] {
            assert!(speech_verb(form).is_some(), "{form}");
        }
        assert_eq!(speech_verb("estime"), Some(Strength::Weak));
        assert_eq!(speech_verb("declare"), Some(Strength::Strong));
        assert_eq!(speech_verb("maison"), None);
        assert_eq!(speech_verb("lit"), Some(Strength::Weak));
        assert_eq!(speech_verb("quoting"), Some(Strength::Weak));
        assert_eq!(speech_verb("reads"), Some(Strength::Weak));
    }

    #[test]
    fn inverted_pronouns_split_off() {
        assert_eq!(split_inverted("a-t-il"), ("a", 5));
        assert_eq!(split_inverted("ajoute-t-elle"), ("ajoute", 7));
        assert_eq!(split_inverted("jean-pierre"), ("jean-pierre", 0));
    }
}
