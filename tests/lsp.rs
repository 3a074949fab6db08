//! End-to-end tests of `copydesk lsp`: a client spawns the binary and speaks JSON-RPC to it.

mod common;
#[path = "common/lsp_client.rs"]
mod lsp_client;

use common::{run_in, seeds_dir, stdout, tests_dir};
use lsp_client::{file_uri, utf16_position, utf16_range, LspClient};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestRunner};
use serde_json::{json, Value};
use std::path::Path;

fn initialize_params(root: &Path, capabilities: Value) -> Value {
    json!({"processId": null, "rootUri": file_uri(root), "capabilities": capabilities})
}

fn spawn(root: &Path) -> LspClient {
    LspClient::start(Path::new(env!("CARGO_BIN_EXE_copydesk")), root)
}

fn start(root: &Path) -> LspClient {
    let mut client = spawn(root);
    client.initialize(initialize_params(root, json!({})));
    client
}

fn doubled_fixture() -> (std::path::PathBuf, String) {
    let path = tests_dir().join("fixtures/lsp/doubled.md");
    let text = std::fs::read_to_string(&path).expect("fixture");
    (path, text)
}

fn by_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

/// Applies LSP text edits (UTF-16 ranges) to a text, as an editor would.
fn apply_text_edits(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            let offset = |position: &Value| byte_offset(text, position);
            (
                offset(&edit["range"]["start"]),
                offset(&edit["range"]["end"]),
                edit["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut text = text.to_string();
    for (start, end, new_text) in edits {
        text.replace_range(start..end, &new_text);
    }
    text
}

fn byte_offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (index, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' {
            return line_start + index;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn only_edits(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_session_over_the_seed_articles() {
    let root = tests_dir();
    let mut client = spawn(&root);
    let capabilities = client.initialize(initialize_params(&root, json!({})));
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);

    let mut seeds: Vec<_> = std::fs::read_dir(seeds_dir())
        .expect("seeds")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    for seed in &seeds {
        let text = std::fs::read_to_string(seed).expect("seed");
        client.open(&file_uri(seed), "plaintext", &text);
    }
    for seed in &seeds {
        let text = std::fs::read_to_string(seed).expect("seed");
        let published = client.diagnostics(&file_uri(seed), 1);
        let cli = run_in(
            &root,
            &["check", "--format", "json", &seed.to_string_lossy()],
        );
        let expected: Vec<Value> = serde_json::from_str(&stdout(&cli)).expect("json");
        let expected: Vec<(Value, Value, Value)> = expected
            .iter()
            .map(|finding| {
                let span = &finding["byte_range"];
                let span = span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize;
                (
                    finding["code"].clone(),
                    finding["message"].clone(),
                    utf16_range(&text, span),
                )
            })
            .collect();
        let got: Vec<(Value, Value, Value)> = published
            .iter()
            .map(|d| (d["code"].clone(), d["message"].clone(), d["range"].clone()))
            .collect();
        assert_eq!(got, expected, "{}", seed.display());
        if let Some(at) = text.find("Corostion Rostec") {
            let range = utf16_range(&text, at..at + "Corostion Rostec".len());
            assert!(
                published
                    .iter()
                    .any(|d| d["code"] == "entity/misspelled" && d["range"] == range),
                "Corostion Rostec at {range}"
            );
        }
    }

    names_quotations_and_sources(&mut client, &seeds_dir().join("seed-000.txt"));

    let (path, text) = doubled_fixture();
    let uri = file_uri(&path);
    client.open(&uri, "markdown", &text);
    let diagnostics = client.diagnostics(&uri, 1);
    let doubled = by_code(&diagnostics, "style/repeated-word");
    assert_eq!(doubled.len(), 1);
    let at = text.find("sont sont").unwrap();
    assert_eq!(doubled[0]["range"], utf16_range(&text, at..at + 9));
    assert_eq!(
        doubled[0]["range"]["start"],
        json!({"line": 2, "character": 17})
    );
    assert_eq!(doubled[0]["source"], "copydesk");
    assert_eq!(doubled[0]["data"]["suggestions"], json!(["sont"]));

    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": utf16_position(&text, at + 2)}),
    );
    let markdown = hover["contents"]["value"].as_str().expect("hover text");
    assert!(markdown.contains("## Why it matters"), "{markdown}");

    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": doubled[0]["range"],
               "context": {"diagnostics": [doubled[0]]}}),
    );
    let quickfix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .expect("a preferred quick fix");
    let edits = only_edits(quickfix, &uri);
    let fixed = apply_text_edits(&text, &edits);
    assert!(fixed.contains("opposants sont divisés"), "{fixed}");
    let changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    client.change(&uri, 2, json!(changes));
    assert!(by_code(&client.diagnostics(&uri, 2), "style/repeated-word").is_empty());

    let again = fixed.find("sont").unwrap() + 4;
    let position = utf16_position(&fixed, again);
    client.change(
        &uri,
        3,
        json!([{"range": {"start": position, "end": position}, "text": " sont"}]),
    );
    let broken = fixed.replacen("sont", "sont sont", 1);
    assert_eq!(
        by_code(&client.diagnostics(&uri, 3), "style/repeated-word").len(),
        1
    );
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    assert_eq!(actions.as_array().unwrap().len(), 1);
    assert_eq!(
        apply_text_edits(&broken, &only_edits(&actions[0], &uri)),
        fixed
    );

    assert!(client.shutdown().success());
}

/// Hover cards, completion, the outline and the sourcing report on an open seed article.
fn names_quotations_and_sources(client: &mut LspClient, seed: &Path) {
    let uri = file_uri(seed);
    let text = std::fs::read_to_string(seed).expect("seed");
    let peskov = text.find("Peskov").expect("Peskov in the seed");
    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": utf16_position(&text, peskov + 2)}),
    );
    let card = hover["contents"]["value"].as_str().expect("a card");
    assert!(card.contains("**Dmitri Peskov**"), "{card}");

    let quote = text.find("« Nous avons").expect("a quotation");
    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": utf16_position(&text, quote + 10)}),
    );
    let speaker = hover["contents"]["value"].as_str().expect("a speaker");
    assert!(speaker.contains("Citation de **"), "{speaker}");

    let end = utf16_position(&text, text.len());
    client.change(
        &uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": "\nSelon chtch"}]),
    );
    client.diagnostics(&uri, 2);
    let typed = format!("{text}\nSelon chtch");
    let list = client.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": utf16_position(&typed, typed.len())}),
    );
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "Alexandre Chtchétinine")
        .expect("Chtchétinine offered");
    assert!(item["detail"].is_string());
    assert!(item["documentation"]["value"]
        .as_str()
        .unwrap()
        .contains("Chtchétinine"));

    let symbols = client.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let groups: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|group| group["name"].as_str().unwrap())
        .collect();
    assert!(
        groups.contains(&"Personnes") && groups.contains(&"Citations"),
        "{groups:?}"
    );

    let report = client.call(
        "workspace/executeCommand",
        json!({"command": "copydesk.sourcingReport", "arguments": [uri]}),
    );
    let first = &report["quotations"][0];
    let span = first["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(first["range"]["start"], utf16_position(&typed, span));
}

#[test]
fn bad_input_gets_an_answer_and_the_server_keeps_serving() {
    let root = tests_dir();
    let mut client = start(&root);
    let (path, text) = doubled_fixture();
    let uri = file_uri(&path);
    client.open(&uri, "markdown", &text);
    client.diagnostics(&uri, 1);

    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let parse_error = client.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);

    let unknown = client.request("copydesk/nothingHere", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);

    let past_end = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 999, "character": 3}}),
    );
    assert_eq!(past_end["result"], Value::Null);
    let far_right = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 2, "character": 500}, "end": {"line": 40, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    assert!(far_right.get("error").is_none(), "{far_right}");

    let stranger = "file:///nowhere/never-opened.md";
    client.change(stranger, 2, json!([{"text": "x"}]));
    let logged = client.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("never opened"))
    });
    assert!(logged["params"]["message"]
        .as_str()
        .unwrap()
        .contains(stranger));

    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 90, "character": 0}, "end": {"line": 91, "character": 0}}, "text": "x"}]),
    );
    client.wait_for(|m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("reopen"))
    });
    client.change(&uri, 3, json!([{"text": "Ils sont sont là.\n"}]));
    assert_eq!(client.diagnostics(&uri, 3).len(), 1);

    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 5}}),
    );
    assert!(hover["contents"]["value"].is_string());
    assert!(client.shutdown().success());
}

#[test]
fn columns_are_bytes_when_the_client_offers_utf8() {
    let root = tests_dir();
    let mut client = spawn(&root);
    let capabilities = client.initialize(initialize_params(
        &root,
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    ));
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    let (path, text) = doubled_fixture();
    let uri = file_uri(&path);
    client.open(&uri, "markdown", &text);
    let diagnostics = client.diagnostics(&uri, 1);
    let line_start = text.find('🗣').unwrap();
    let column = text.find("sont sont").unwrap() - line_start;
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 2, "character": column})
    );
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let client = start(&tests_dir());
    assert_eq!(client.exit().code(), Some(1));
}

#[test]
fn configuration_comes_from_options_settings_and_watched_files_per_root() {
    let workspace = tempfile::tempdir().expect("temp dir");
    let (quiet, loud) = (
        workspace.path().join("quiet"),
        workspace.path().join("loud"),
    );
    std::fs::create_dir_all(&quiet).unwrap();
    std::fs::create_dir_all(&loud).unwrap();
    let config = quiet.join(".copydesk.toml");
    std::fs::write(&config, "[rules]\n\"style/repeated-word\" = \"off\"\n").unwrap();
    let text = "Ils sont sont là.\n";
    let (quiet_doc, loud_doc) = (quiet.join("a.md"), loud.join("b.md"));
    std::fs::write(&quiet_doc, text).unwrap();
    std::fs::write(&loud_doc, text).unwrap();
    let (quiet_uri, loud_uri) = (file_uri(&quiet_doc), file_uri(&loud_doc));

    let mut client = spawn(workspace.path());
    client.initialize(json!({
        "processId": null,
        "workspaceFolders": [{"uri": file_uri(&quiet), "name": "quiet"}, {"uri": file_uri(&loud), "name": "loud"}],
        "initializationOptions": {"rules": {"style/*": "info"}},
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}
    }));
    client.wait_for(|m| m["method"] == "client/registerCapability");
    client.open(&quiet_uri, "markdown", text);
    client.open(&loud_uri, "markdown", text);
    assert!(client.diagnostics(&quiet_uri, 1).is_empty());
    assert_eq!(client.diagnostics(&loud_uri, 1)[0]["severity"], 3);

    std::fs::write(&config, "[rules]\n\"style/repeated-word\" = \"error\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    assert_eq!(client.diagnostics(&quiet_uri, 1)[0]["severity"], 1);
    assert_eq!(client.diagnostics(&loud_uri, 1)[0]["severity"], 3);

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"style/repeated-word": "hint"}}}}),
    );
    assert_eq!(client.diagnostics(&quiet_uri, 1)[0]["severity"], 4);
    assert_eq!(client.diagnostics(&loud_uri, 1)[0]["severity"], 4);

    std::fs::write(&config, "rules = 3\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap()
        .contains(".copydesk.toml:1:"));
    assert!(client.shutdown().success());
}

/// Texts that edits are made of: accents, emoji, line breaks and a word to double.
const PIECES: &[&str] = &["sont ", "é", "🗣", "\n", "\r\n", "x", "", "sont sont", " "];
const START: &str = "# Titre\r\n\n🗣 Les opposants sont divisés.\r\nÉté 👇 sont sont là.\n";

/// Char boundaries an editor can address: not between the `\r` and `\n` of a line break.
fn addressable(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .filter(|&i| !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
        .collect()
}

#[test]
fn random_incremental_edits_match_opening_the_final_text() {
    let client = std::cell::RefCell::new(start(&tests_dir()));
    let mut runner = TestRunner::new(RunnerConfig {
        cases: 24,
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    let edits = prop::collection::vec((any::<usize>(), 0usize..12, 0..PIECES.len()), 1..10);
    let case = std::cell::Cell::new(0);
    runner
        .run(&edits, |edits| {
            let mut client = client.borrow_mut();
            case.set(case.get() + 1);
            let case = case.get();
            let uri = format!("file:///proptest/case-{case}.md");
            let fresh_uri = format!("file:///proptest/fresh-{case}.md");
            client.open(&uri, "markdown", START);
            let mut text = START.to_string();
            let mut version = 1;
            for (start, length, piece) in edits {
                let boundaries = addressable(&text);
                let first = start % boundaries.len();
                let last = (first + length).min(boundaries.len() - 1);
                let span = boundaries[first]..boundaries[last];
                let range = utf16_range(&text, span.clone());
                text.replace_range(span, PIECES[piece]);
                version += 1;
                client.change(
                    &uri,
                    version,
                    json!([{"range": range, "text": PIECES[piece]}]),
                );
            }
            let edited = client.diagnostics(&uri, version);
            client.open(&fresh_uri, "markdown", &text);
            let fresh = client.diagnostics(&fresh_uri, 1);
            let fresh = serde_json::to_string(&fresh)
                .unwrap()
                .replace(&fresh_uri, &uri);
            prop_assert_eq!(
                serde_json::to_string(&edited).unwrap(),
                fresh,
                "text: {:?}",
                text
            );
            Ok(())
        })
        .expect("edits match a fresh open");
    assert!(client.into_inner().shutdown().success());
}

/// Carries out a workspace edit's file creations and insertions on disk, as an editor does
/// when the user accepts and saves it.
fn apply_document_changes(changes: &[Value]) {
    for change in changes {
        let uri = change["uri"]
            .as_str()
            .or_else(|| change["textDocument"]["uri"].as_str())
            .expect("a uri");
        let path = uri.strip_prefix("file://").expect("a file uri");
        if change["kind"] == "create" {
            if !Path::new(path).exists() {
                std::fs::write(path, "").unwrap();
            }
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let edits = change["edits"].as_array().unwrap();
        std::fs::write(path, apply_text_edits(&text, edits)).unwrap();
    }
}

#[test]
fn a_name_added_to_the_workspace_gazetteer_gets_its_card() {
    let workspace = tempfile::tempdir().expect("temp dir");
    let article = workspace.path().join("article.md");
    let text = "Le ministre a reçu Jean-Baptiste Zorglubov hier à Paris.\n";
    std::fs::write(&article, text).unwrap();
    let uri = file_uri(&article);
    let mut client = start(workspace.path());
    client.open(&uri, "markdown", text);
    client.diagnostics(&uri, 1);
    let at = utf16_position(text, text.find("Zorglubov").unwrap());
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at},
               "context": {"diagnostics": []}}),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .contains("Jean-Baptiste Zorglubov")
        })
        .expect("an action adding the name");
    apply_document_changes(add["edit"]["documentChanges"].as_array().unwrap());
    let config = workspace.path().join(".copydesk.toml");
    assert!(std::fs::read_to_string(&config)
        .unwrap()
        .contains("gazetteer.toml"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 1}]}),
    );
    client.diagnostics(&uri, 1);
    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": at}),
    );
    let card = hover["contents"]["value"].as_str().expect("a card");
    assert!(card.starts_with("**Jean-Baptiste Zorglubov**"), "{card}");
    assert!(client.shutdown().success());
}
