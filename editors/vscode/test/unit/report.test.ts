import assert from "node:assert/strict";
import { test } from "node:test";
import { renderReport } from "../../src/report";

test("a JSON report lists quotations with speakers and state-controlled outlets", () => {
  const markdown = renderReport(
    {
      quotations: [
        {
          span: [10, 50],
          text: "Nous avons des contrats avec le Venezuela",
          speaker: { span: [60, 78], text: "le diplomate russe" },
        },
        { span: [90, 130], text: "enlevé la plupart de ses ressortissants", speaker: null },
      ],
      named_sources: [{ span: [1, 2], text: "Alexander Schetinin" }],
      anonymous_sources: [
        { span: [3, 4], text: "une source non identifiée", range: { start: { line: 3, character: 0 } } },
      ],
      vague_attributions: [{ span: [5, 6], text: "médias mainstream" }],
      state_media: [{ span: [7, 8], text: "RIA Novosti", outlet: "RIA Novosti", state: "RU", state_name: "Russie" }],
      attributed_share: 0.5,
    },
    "seed-000.txt",
  );
  assert.match(markdown, /^# Sourcing report: seed-000\.txt/);
  assert.match(markdown, /Quotations with a speaker: 50 %/);
  assert.match(markdown, /- Nous avons des contrats avec le Venezuela: \*\*le diplomate russe\*\*\n/);
  assert.match(markdown, /- enlevé la plupart de ses ressortissants: _no speaker_/);
  assert.match(markdown, /## State-controlled outlets \(1\)\n\n- \*\*RIA Novosti\*\*: state-controlled \(Russie\)/);
  assert.match(markdown, /## Anonymous sources \(1\)\n\n- une source non identifiée \(line 4\)\n/);
  assert.match(markdown, /## Vague attributions \(1\)\n\n- médias mainstream\n/);
});

test("Markdown from the server is shown as it is; empty sections say none", () => {
  assert.equal(renderReport("# Report\n", "a.md"), "# Report\n");
  const markdown = renderReport({}, "a.md");
  assert.match(markdown, /## Named sources \(0\)\n\n- none/);
});

test("article text cannot inject Markdown into the report", () => {
  const markdown = renderReport({ named_sources: [{ text: "<img src=x> *bold* [link](y)" }] }, "a.md");
  assert.match(markdown, /- \\<img src=x\\> \\\*bold\\\* \\\[link\\\]\(y\)/);
});
