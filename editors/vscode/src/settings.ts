// The `copydesk.*` settings as the server receives them, in `initializationOptions` and in
// `workspace/didChangeConfiguration`. Free of the vscode API so that it is unit-tested.

export type Language = "auto" | "fr" | "en";
export type Severity = "error" | "warning" | "info" | "hint" | "off";

export interface ServerSettings {
  language: Language;
  rules: Record<string, Severity>;
  gazetteers: string[];
}

export interface RawSettings {
  language?: unknown;
  rules?: unknown;
  gazetteers?: unknown;
}

const languages: readonly string[] = ["auto", "fr", "en"];
const severities: readonly string[] = ["error", "warning", "info", "hint", "off"];

/**
 * Validates the raw settings (anything may be in a settings.json) and makes gazetteer paths
 * absolute against the workspace folder, since the server does not know the folder they were
 * written for.
 */
export function serverSettings(
  raw: RawSettings,
  resolve: (path: string) => string,
): ServerSettings {
  const language =
    typeof raw.language === "string" && languages.includes(raw.language)
      ? (raw.language as Language)
      : "auto";
  const rules: Record<string, Severity> = {};
  if (raw.rules && typeof raw.rules === "object" && !Array.isArray(raw.rules)) {
    for (const [code, level] of Object.entries(raw.rules)) {
      if (typeof level === "string" && severities.includes(level)) {
        rules[code] = level as Severity;
      }
    }
  }
  const gazetteers = Array.isArray(raw.gazetteers)
    ? raw.gazetteers
        .filter((path): path is string => typeof path === "string" && path.trim() !== "")
        .map((path) => resolve(path.trim()))
    : [];
  return { language, rules, gazetteers };
}
