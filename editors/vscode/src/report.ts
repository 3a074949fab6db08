// The sourcing report, as the server returns it, turned into the Markdown the preview shows.
// Free of the vscode API so that it is unit-tested.

/** One line of a list: a bare text, or an object with a text and what the server knows of it. */
type Entry = string | Record<string, unknown>;

const sections: ReadonlyArray<{ keys: string[]; title: string }> = [
  { keys: ["quotations", "quotes"], title: "Quotations and their speakers" },
  { keys: ["named_sources", "named"], title: "Named sources" },
  { keys: ["anonymous_sources", "anonymous"], title: "Anonymous sources" },
  { keys: ["vague_sources", "vague_attributions", "vague"], title: "Vague attributions" },
  { keys: ["state_media", "state_outlets", "state_controlled"], title: "State-controlled outlets" },
];

/** The report as Markdown: the server's own Markdown as it is, or its JSON laid out in sections. */
export function renderReport(report: unknown, articleName: string): string {
  if (typeof report === "string") {
    return report;
  }
  const lines = [`# Sourcing report: ${articleName}`, ""];
  const fields = report && typeof report === "object" ? (report as Record<string, unknown>) : {};
  const share = fields["attributed_share"] ?? fields["quotations_with_speaker_share"];
  if (typeof share === "number") {
    lines.push(`Quotations with a speaker: ${Math.round(share * 100)} %`, "");
  }
  for (const section of sections) {
    const key = section.keys.find((candidate) => Array.isArray(fields[candidate]));
    const entries = key ? (fields[key] as Entry[]) : [];
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
  if (typeof entry === "string") {
    return stateOutlet ? `**${escape(entry)}**: state-controlled` : escape(entry);
  }
  const text = firstString(entry, ["text", "quote", "name", "outlet", "source"]) ?? "";
  const speaker = firstString(entry, ["speaker", "attributed_to"]);
  const state = firstString(entry, ["state", "country", "owner_state"]);
  const line = typeof entry.line === "number" ? ` (line ${entry.line})` : "";
  if (stateOutlet) {
    return `**${escape(text)}**: state-controlled${state ? ` (${escape(state)})` : ""}${line}`;
  }
  if (speaker !== undefined || "speaker" in entry) {
    return `${escape(text)}: ${speaker ? `**${escape(speaker)}**` : "_no speaker_"}${line}`;
  }
  return `${escape(text)}${line}`;
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
