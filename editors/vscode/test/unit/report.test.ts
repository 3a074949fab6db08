import assert from "node:assert/strict";
import { test } from "node:test";
import { renderReport } from "../../src/report";

test("a JSON report lists quotations with speakers and state-controlled outlets", () => {
  const markdown = renderReport(
    {
      quotations: [
        { text: "Nous avons des contrats avec le Venezuela", speaker: "le diplomate russe", line: 3 },
        { text: "enlevé la plupart de ses ressortissants", speaker: null },
      ],
      named_sources: ["Alexander Schetinin"],
      anonymous_sources: [{ text: "une source non identifiée", line: 4 }],
      vague_sources: ["médias mainstream"],
      state_media: [{ name: "RIA Novosti", state: "Russia" }],
      attributed_share: 0.5,
    },
    "seed-000.txt",
  );
  assert.match(markdown, /^# Sourcing report: seed-000\.txt/);
  assert.match(markdown, /Quotations with a speaker: 50 %/);
  assert.match(markdown, /- Nous avons des contrats avec le Venezuela: \*\*le diplomate russe\*\* \(line 3\)/);
  assert.match(markdown, /- enlevé la plupart de ses ressortissants: _no speaker_/);
  assert.match(markdown, /## State-controlled outlets \(1\)\n\n- \*\*RIA Novosti\*\*: state-controlled \(Russia\)/);
  assert.match(markdown, /## Anonymous sources \(1\)\n\n- une source non identifiée \(line 4\)/);
});

test("Markdown from the server is shown as it is; empty sections say none", () => {
  assert.equal(renderReport("# Report\n", "a.md"), "# Report\n");
  const markdown = renderReport({}, "a.md");
  assert.match(markdown, /## Named sources \(0\)\n\n- none/);
});

test("article text cannot inject Markdown into the report", () => {
  const markdown = renderReport({ named_sources: ["<img src=x> *bold* [link](y)"] }, "a.md");
  assert.match(markdown, /- \\<img src=x\\> \\\*bold\\\* \\\[link\\\]\(y\)/);
});
