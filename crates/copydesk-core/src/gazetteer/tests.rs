use super::*;
use crate::Format;

fn sources() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("gazetteer folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// The compiled form is generated from the sources; this test is the generator. Run it with
/// `COPYDESK_BLESS=1` after editing a source to write the new compiled file.
#[test]
fn bundled_gazetteer_is_in_step_with_its_sources() {
    let compiled = compile_files(&sources()).unwrap_or_else(|e| panic!("{e}"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteer/compiled/bundled.cdgaz");
    if std::env::var_os("COPYDESK_BLESS").is_some() {
        std::fs::write(&path, &compiled).expect("write the compiled gazetteer");
        return;
    }
    assert!(
        compiled == BUNDLED_BYTES,
        "gazetteer/compiled/bundled.cdgaz is out of step with gazetteer/*.toml: run \
         `COPYDESK_BLESS=1 cargo test -p copydesk-core bundled_gazetteer_is_in_step` and commit it"
    );
}

#[test]
fn the_bundled_gazetteer_has_the_promised_content() {
    let gazetteer = Gazetteer::bundled();
    assert!(gazetteer.len() >= 2000, "{}", gazetteer.len());
    let media = (0..gazetteer.layers()[0].len() as u32)
        .filter_map(|index| gazetteer.entity(EntityId { layer: 0, index }))
        .filter(|e| e.kind == Kind::Media)
        .count();
    assert!(media >= 150, "{media}");
}

fn name_of(gazetteer: &Gazetteer, id: EntityId) -> String {
    gazetteer.entity(id).unwrap().name.fr
}

#[test]
fn lookup_ignores_case_accents_and_spacing() {
    let gazetteer = Gazetteer::bundled();
    for query in [
        "nicolas maduro",
        "NICOLÁS MADURO",
        "Maduro",
        "nicolás\u{00A0}maduro",
    ] {
        let found = gazetteer.lookup(query);
        assert_eq!(name_of(&gazetteer, found[0]), "Nicolás Maduro", "{query}");
    }
    assert!(gazetteer.lookup("Nobody Atall").is_empty());
}

#[test]
fn completion_finds_name_words_by_prefix() {
    let gazetteer = Gazetteer::bundled();
    let names = |prefix: &str| -> Vec<String> {
        gazetteer
            .complete(prefix, 5)
            .into_iter()
            .map(|id| name_of(&gazetteer, id))
            .collect()
    };
    assert!(names("chtch").contains(&"Alexandre Chtchétinine".to_string()));
    assert!(names("pesk").contains(&"Dmitri Peskov".to_string()));
    assert!(names("").is_empty());
}

fn mentions(text: &str) -> Vec<(String, String)> {
    let gazetteer = Gazetteer::bundled();
    let doc = Document::new(text.to_string(), Format::PlainText, None);
    gazetteer
        .mentions(&doc)
        .into_iter()
        .map(|m| {
            (
                doc.text(m.span.clone()).to_string(),
                name_of(&gazetteer, m.entity()),
            )
        })
        .collect()
}

#[test]
fn mentions_are_whole_words_longest_first() {
    let found =
        mentions("Selon Nicolás\u{00A0}Maduro, le Kremlin et l’Otan ont parlé à Port-Soudan.");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Nicolás\u{00A0}Maduro"), "{found:?}");
    assert!(texts.contains(&"Otan"), "{found:?}");
    assert!(!texts.contains(&"Soudan"), "{found:?}");
}

#[test]
fn acronyms_match_only_in_capitals() {
    let found = mentions("RT et AP en parlent. Let us know who fed the rt crowd.");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"RT") && texts.contains(&"AP"), "{found:?}");
    for lower in ["us", "who", "fed", "rt"] {
        assert!(!texts.contains(&lower), "{found:?}");
    }
}

#[test]
fn long_acronyms_match_capitalised_as_the_press_writes_them() {
    let found = mentions("Selon l’agence Irna, citée par Tass, la Nato dit non.");
    let pairs: Vec<(&str, &str)> = found
        .iter()
        .map(|(text, name)| (text.as_str(), name.as_str()))
        .collect();
    assert!(
        pairs
            .iter()
            .any(|&(t, n)| t == "Irna" && n.contains("IRNA")),
        "{found:?}"
    );
    assert!(
        pairs
            .iter()
            .any(|&(t, n)| t == "Tass" && n.contains("TASS")),
        "{found:?}"
    );
    assert!(
        !pairs.iter().any(|&(t, _)| t == "Nato"),
        "an ordinary English word: {found:?}"
    );
    let lowercase = mentions("Une irna, un tass, IrNa.");
    assert!(lowercase.is_empty(), "{lowercase:?}");
}

#[test]
fn state_media_are_found_with_their_owner() {
    let gazetteer = Gazetteer::bundled();
    let doc = Document::new(
        "D'après RIA Novosti et Sputnik, relayés par RT, mais pas selon Reuters.".into(),
        Format::PlainText,
        None,
    );
    let found: Vec<String> = gazetteer
        .state_media_mentions(&doc)
        .iter()
        .map(|m| doc.text(m.span.clone()).to_string())
        .collect();
    assert_eq!(found, ["RIA Novosti", "Sputnik", "RT"]);
    let sputnik = gazetteer.lookup("Sputnik")[0];
    let entity = gazetteer.entity(sputnik).unwrap();
    assert_eq!(
        (entity.owner, entity.state.as_deref()),
        (Some(Owner::State), Some("RU"))
    );
}

#[test]
fn cards_show_spelling_kind_roles_forms_and_ownership() {
    let gazetteer = Gazetteer::bundled();
    let card = gazetteer
        .card(gazetteer.lookup("peskov")[0], Language::French)
        .unwrap();
    assert!(card.starts_with("**Dmitri Peskov** — personne"), "{card}");
    assert!(card.contains("Dmitry Peskov"), "{card}");
    let card = gazetteer
        .card(gazetteer.lookup("RT")[0], Language::English)
        .unwrap();
    assert!(
        card.contains("Ownership: state-controlled (Russia)"),
        "{card}"
    );
    assert!(
        card.starts_with("**RT** — media outlet (broadcaster)"),
        "{card}"
    );
    let card = gazetteer
        .card(gazetteer.lookup("Maduro")[0], Language::French)
        .unwrap();
    assert!(card.contains("personne (chef d'État)"), "{card}");
    assert!(card.contains("Pays : Venezuela"), "{card}");
}

#[test]
fn newsroom_layers_extend_and_override() {
    let dir = std::env::temp_dir().join(format!("copydesk-gaz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("people.toml");
    std::fs::write(
        &path,
        "[[entity]]\nkind = \"person\"\nname = { fr = \"Romain Migus\", en = \"Romain Migus\" }\n\n[[entity]]\nid = \"Q57413\"\nkind = \"person\"\nname = { fr = \"Nicolas Maduro\", en = \"Nicolas Maduro\" }\n",
    )
    .unwrap();
    let gazetteer = Gazetteer::bundled_with(std::slice::from_ref(&path)).unwrap();
    assert_eq!(
        name_of(&gazetteer, gazetteer.lookup("romain migus")[0]),
        "Romain Migus"
    );
    let maduro = gazetteer.lookup("M. Maduro");
    assert_eq!(name_of(&gazetteer, maduro[0]), "Nicolas Maduro");
    std::fs::write(&path, "[[entity]]\nkind = \"person\"\n").unwrap();
    let error = Gazetteer::bundled_with(std::slice::from_ref(&path)).unwrap_err();
    assert!(error.to_string().contains("people.toml:1:"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}
