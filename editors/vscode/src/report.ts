// The sourcing report, as the server returns it, turned into the Markdown the preview shows.
// Free of the vscode API so that it is unit-tested.

/**
 * One line of a list, as `copydesk report --format json` writes it: a `text`, a `speaker` object
 * for quotations, `outlet`, `state` and `state_name` for state-controlled media.
 */
type Entry = Record<string, unknown>;

const sections: ReadonlyArray<{ key: string; title: string }> = [
  { key: "quotations", title: "Quotations and their speakers" },
  { key: "named_sources", title: "Named sources" },
  { key: "anonymous_sources", title: "Anonymous sources" },
  { key: "vague_attributions", title: "Vague attributions" },
  { key: "state_media", title: "State-controlled outlets" },
];

/** The report as Markdown: the server's own Markdown as it is, or its JSON laid out in sections. */
export function renderReport(report: unknown, articleName: string): string {
  if (typeof report === "string") {
    return report;
  }
  const lines = [`# Sourcing report: ${articleName}`, ""];
  const fields = report && typeof report === "object" ? (report as Record<string, unknown>) : {};
  const share = fields["attributed_share"];
  if (typeof share === "number") {
    lines.push(`Quotations with a speaker: ${Math.round(share * 100)} %`, "");
  }
  for (const section of sections) {
    const list = fields[section.key];
    const entries = Array.isArray(list) ? list.filter((entry): entry is Entry => !!entry && typeof entry === "object") : [];
    lines.push(`## ${section.title} (${entries.length})`, "");
    const stateSection = section.title.startsWith("State");
    for (const entry of entries) {
      lines.push(`- ${describe(entry, stateSection)}`);
    }
    if (entries.length === 0) {
      lines.push("- none");
    }
    lines.push("");
  }
  return lines.join("\n");
}

function describe(entry: Entry, stateOutlet: boolean): string {
  const text = firstString(entry, stateOutlet ? ["outlet", "text"] : ["text"]) ?? "";
  const speaker =
    entry.speaker && typeof entry.speaker === "object" ? firstString(entry.speaker as Entry, ["text"]) : undefined;
  const state = firstString(entry, ["state_name", "state"]);
  const place = lineOf(entry);
  if (stateOutlet) {
    return `**${escape(text)}**: state-controlled${state ? ` (${escape(state)})` : ""}${place}`;
  }
  if ("speaker" in entry) {
    return `${escape(text)}: ${speaker ? `**${escape(speaker)}**` : "_no speaker_"}${place}`;
  }
  return `${escape(text)}${place}`;
}

/** " (line N)" from the LSP `range` the server adds to each entry (its lines count from 0). */
function lineOf(entry: Entry): string {
  const range = entry.range as { start?: { line?: unknown } } | undefined;
  const line = range?.start?.line;
  return typeof line === "number" ? ` (line ${line + 1})` : "";
}

function firstString(entry: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = entry[key];
    if (typeof value === "string" && value !== "") {
      return value;
    }
  }
  return undefined;
}

/** Keeps article text from being read as Markdown syntax. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (character) => `\\${character}`).replace(/\s+/g, " ");
}
