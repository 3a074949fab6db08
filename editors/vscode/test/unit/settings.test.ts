import assert from "node:assert/strict";
import { test } from "node:test";
import { serverSettings } from "../../src/settings";

const resolve = (file: string) => (file.startsWith("/") ? file : `/work/${file}`);

test("settings pass to the server with gazetteers made absolute", () => {
  const settings = serverSettings(
    {
      language: "fr",
      rules: { "attribution/*": "info", "style/repeated-word": "off" },
      gazetteers: ["newsroom/people.toml", "/shared/media.toml"],
    },
    resolve,
  );
  assert.deepEqual(settings, {
    language: "fr",
    rules: { "attribution/*": "info", "style/repeated-word": "off" },
    gazetteers: ["/work/newsroom/people.toml", "/shared/media.toml"],
  });
});

test("malformed settings fall back to the defaults instead of reaching the server", () => {
  const settings = serverSettings(
    { language: "de", rules: { "style/*": "loud", "entity/*": 3 }, gazetteers: [4, "", " a.toml "] },
    resolve,
  );
  assert.deepEqual(settings, { language: "auto", rules: {}, gazetteers: ["/work/a.toml"] });
  assert.deepEqual(serverSettings({ rules: ["x"], gazetteers: "a.toml" }, resolve), {
    language: "auto",
    rules: {},
    gazetteers: [],
  });
});
