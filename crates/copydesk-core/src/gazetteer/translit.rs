//! Transliterations generated from a person's native-script name, so that the gazetteer knows
//! the French and English spellings of a Russian, Ukrainian or Belarusian name, and the press
//! forms of an Arabic one, without anyone listing them.
//!
//! Generated forms only add to the entity's forms: the house spellings (the established
//! "Poutine", "Gorbatchev", "Alexandre") stay as written, and a generated form that happens to
//! be a house spelling of the other language is accepted there through that house spelling.

use super::entity::{Entity, FormKind};
use crate::language::Language;

/// The systems a Cyrillic name is transliterated with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum System {
    /// French usage (Le Monde, AFP): щ→chtch, ш→ch, ч→tch, ж→j, у→ou, -ин→-ine…
    French,
    /// BGN/PCGN (Russian, Belarusian) or the Ukrainian national system (Ukrainian).
    English,
    /// English press habits: -ий→-y, -ей→-ei, -ай→-ai ("Sergei", "Nikolai"), no soft signs,
    /// ё→e.
    EnglishPress,
    /// Older wire forms: -ий→-i, щ→sch ("Schetinin").
    EnglishWire,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Russian,
    Ukrainian,
    Belarusian,
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

fn is_vowel(c: char) -> bool {
    "аеёиоуыэюяіїєaeiouyéèêëïîôû".contains(c)
}

/// The generated forms of a person's name (see the module's doc).
pub fn generate(entity: &Entity) -> Vec<(String, FormKind)> {
    let Some(original) = entity.original.as_deref() else {
        return Vec::new();
    };
    if original.chars().any(is_cyrillic) {
        cyrillic_forms(entity, original)
    } else if original.chars().any(is_arabic) {
        arabic_forms(entity)
    } else {
        Vec::new()
    }
}

fn source_of(entity: &Entity, original: &str) -> Source {
    let lower = original.to_lowercase();
    if entity.country.as_deref() == Some("UA") || lower.contains(['і', 'ї', 'є', 'ґ']) {
        Source::Ukrainian
    } else if entity.country.as_deref() == Some("BY") || lower.contains('ў') {
        Source::Belarusian
    } else {
        Source::Russian
    }
}

fn cyrillic_forms(entity: &Entity, original: &str) -> Vec<(String, FormKind)> {
    let source = source_of(entity, original);
    let words: Vec<&str> = original.split_whitespace().collect();
    let Some(surname) = words.last() else {
        return Vec::new();
    };
    let mut forms = Vec::new();
    let systems = [
        (System::French, Language::French),
        (System::English, Language::English),
        (System::EnglishPress, Language::English),
        (System::EnglishWire, Language::English),
    ];
    for (system, language) in systems {
        let generated_surname = transliterate(surname, source, system);
        let house = entity.name(language);
        let house_given: Vec<&str> = house.split(' ').collect();
        let given_words = house_given.len().saturating_sub(1);
        let mut candidates = vec![generated_surname.clone()];
        if given_words > 0 {
            let given = house_given[..given_words].join(" ");
            candidates.push(format!("{given} {generated_surname}"));
        }
        if words.len() == 2 {
            let given = transliterate(words[0], source, system);
            candidates.push(format!("{given} {generated_surname}"));
        }
        for candidate in candidates {
            let form = (candidate, FormKind::Generated(language));
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// Transliterates one Cyrillic word.
fn transliterate(word: &str, source: Source, system: System) -> String {
    let chars: Vec<char> = word.to_lowercase().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let initial =
            previous.is_none() || previous.is_some_and(|p| is_vowel(p) || "ьъ".contains(p));
        let at_end = i + 1 == chars.len();
        let before_end = i + 2 == chars.len();
        out.push_str(&letter(
            c,
            source,
            system,
            Context {
                previous,
                next,
                initial,
                at_end,
                before_end,
            },
        ));
    }
    capitalise(&out)
}

#[derive(Clone, Copy)]
struct Context {
    previous: Option<char>,
    next: Option<char>,
    /// At the start of the word, or after a vowel or a sign: where е, ё, є are iotated.
    initial: bool,
    at_end: bool,
    before_end: bool,
}

fn letter(c: char, source: Source, system: System, at: Context) -> String {
    use System::*;
    let french = system == French;
    let ukrainian = source == Source::Ukrainian;
    let adjective_ending = |vowel: char| at.before_end && at.next == Some('й') && vowel == c;
    let s: &str = match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if ukrainian || source == Source::Belarusian => "h",
        'г' if french && at.next.is_some_and(|n| "еиёіяю".contains(n)) => "gu",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' if ukrainian => "e",
        'е' if at.initial && at.previous.is_some() => {
            if french {
                "ïe"
            } else {
                "ye"
            }
        }
        'е' => "e",
        'ё' if french => "io",
        'ё' if system == English || at.initial => "yo",
        'ё' => "e",
        'є' if french => "ie",
        'є' => "ye",
        'ж' if french => "j",
        'ж' => "zh",
        'з' => "z",
        'и' if ukrainian => "y",
        'и' if adjective_ending('и') => match system {
            French | EnglishWire => "",
            English => "i",
            EnglishPress => "",
        },
        'и' if french && at.previous.is_some_and(is_vowel) => "ï",
        'и' => "i",
        'і' => "i",
        'ї' if french => "ï",
        'ї' => "yi",
        'й' if at.at_end && at.previous == Some('и') && !ukrainian => match system {
            French | EnglishWire => "i",
            English => "y",
            EnglishPress => "y",
        },
        'й' if at.at_end && at.previous == Some('и') => match system {
            French => "",
            English => "i",
            EnglishPress | EnglishWire => "",
        },
        'й' if at.at_end && at.previous == Some('ы') => "",
        'й' if french => "ï",
        'й' if system == EnglishPress && at.previous.is_some_and(|p| "аеёоуэюя".contains(p)) => {
            "i"
        }
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' if french && at.at_end && at.previous == Some('и') => "ne",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' if french && at.previous.is_some_and(is_vowel) && at.next.is_some_and(is_vowel) => {
            "ss"
        }
        'с' => "s",
        'т' => "t",
        'у' if french => "ou",
        'у' => "u",
        'ў' if french => "ou",
        'ў' => "w",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' if french => "tch",
        'ч' => "ch",
        'ш' if french => "ch",
        'ш' => "sh",
        'щ' if french => "chtch",
        'щ' if system == EnglishWire => "sch",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' if system == English && !ukrainian => "'",
        'ь' => "",
        'э' => "e",
        'ю' if french => "iou",
        'ю' => "yu",
        'я' if french => "ia",
        'я' => "ya",
        _ => return c.to_string(),
    };
    s.to_string()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Press forms of an Arabic name: the article written al-, el- or Al, and "ben" in French where
/// English writes "bin".
fn arabic_forms(entity: &Entity) -> Vec<(String, FormKind)> {
    let mut forms = Vec::new();
    for language in [Language::French, Language::English] {
        let house = entity.name(language);
        let words: Vec<String> = house
            .split(' ')
            .map(|word| match (language, word) {
                (Language::French, "bin") => "ben".to_string(),
                (Language::English, "ben") => "bin".to_string(),
                _ => word.to_string(),
            })
            .collect();
        for article in ["al-", "el-", "Al-", "El-"] {
            let rewritten: Vec<String> = words
                .iter()
                .map(|word| {
                    ["al-", "el-", "Al-", "El-"]
                        .iter()
                        .find_map(|a| word.strip_prefix(a))
                        .map_or_else(|| word.clone(), |rest| format!("{article}{rest}"))
                })
                .collect();
            let form = (rewritten.join(" "), FormKind::Generated(language));
            if form.0 != house && !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::entity::{Kind, Localized};

    fn person(fr: &str, en: &str, original: &str, country: &str) -> Entity {
        Entity {
            id: None,
            kind: Kind::Person,
            category: None,
            name: Localized {
                fr: fr.into(),
                en: en.into(),
            },
            aliases: Vec::new(),
            variants: Default::default(),
            original: Some(original.into()),
            description: None,
            country: Some(country.into()),
            roles: Vec::new(),
            owner: None,
            state: None,
            note: None,
        }
    }

    fn forms(entity: &Entity, language: Language) -> Vec<String> {
        generate(entity)
            .into_iter()
            .filter(|(_, kind)| *kind == FormKind::Generated(language))
            .map(|(form, _)| crate::text::fold(&form))
            .collect()
    }

    #[test]
    fn russian_names_get_french_english_and_press_forms() {
        let shchetinin = person(
            "Alexandre Chtchétinine",
            "Alexander Shchetinin",
            "Александр Щетинин",
            "RU",
        );
        let french = forms(&shchetinin, Language::French);
        assert!(
            french.contains(&"alexandre chtchetinine".to_string()),
            "{french:?}"
        );
        let english = forms(&shchetinin, Language::English);
        for expected in [
            "alexander schetinin",
            "alexander shchetinin",
            "aleksandr shchetinin",
        ] {
            assert!(english.contains(&expected.to_string()), "{english:?}");
        }
        let peskov = person("Dmitri Peskov", "Dmitry Peskov", "Дмитрий Песков", "RU");
        assert!(forms(&peskov, Language::French).contains(&"dmitri peskov".to_string()));
        let english = forms(&peskov, Language::English);
        for expected in ["dmitriy peskov", "dmitry peskov", "dmitri peskov"] {
            assert!(english.contains(&expected.to_string()), "{english:?}");
        }
        let lavrov = person("Sergueï Lavrov", "Sergei Lavrov", "Сергей Лавров", "RU");
        assert!(forms(&lavrov, Language::French).contains(&"serguei lavrov".to_string()));
        let english = forms(&lavrov, Language::English);
        for expected in ["sergey lavrov", "sergei lavrov"] {
            assert!(english.contains(&expected.to_string()), "{english:?}");
        }
        let navalny = person(
            "Alexeï Navalny",
            "Alexei Navalny",
            "Алексей Навальный",
            "RU",
        );
        let english = forms(&navalny, Language::English);
        assert!(
            english.contains(&"aleksei navalny".to_string()),
            "{english:?}"
        );
    }

    #[test]
    fn ukrainian_names_follow_ukrainian_rules() {
        let zelensky = person(
            "Volodymyr Zelensky",
            "Volodymyr Zelensky",
            "Володимир Зеленський",
            "UA",
        );
        assert!(forms(&zelensky, Language::English).contains(&"volodymyr zelenskyi".to_string()));
        assert!(forms(&zelensky, Language::French).contains(&"volodymyr zelensky".to_string()));
    }

    #[test]
    fn established_spellings_stay_as_written() {
        let putin = person("Vladimir Poutine", "Vladimir Putin", "Владимир Путин", "RU");
        let generated = generate(&putin);
        assert!(generated.iter().any(|(f, _)| f == "Vladimir Poutine"));
        assert_eq!(putin.name.fr, "Vladimir Poutine");
    }

    #[test]
    fn arabic_names_get_press_forms() {
        let mbs = person(
            "Mohammed bin Salmane",
            "Mohammed ben Salman",
            "محمد بن سلمان",
            "SA",
        );
        assert!(forms(&mbs, Language::French).contains(&"mohammed ben salmane".to_string()));
        assert!(forms(&mbs, Language::English).contains(&"mohammed bin salman".to_string()));
        let burhan = person(
            "Abdel Fattah al-Burhane",
            "Abdel Fattah al-Burhan",
            "عبد الفتاح البرهان",
            "SD",
        );
        let french = forms(&burhan, Language::French);
        assert!(
            french.contains(&"abdel fattah el-burhane".to_string()),
            "{french:?}"
        );
    }
}
