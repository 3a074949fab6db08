// Which copydesk binaries the extension may start, in the order it tries them. Kept free of
// the vscode API so that the trust rule is unit-tested without VS Code.

export type ServerSource = "setting" | "bundled" | "path";

export interface ServerCandidate {
  command: string;
  source: ServerSource;
}

export interface ServerChoice {
  /** Whether the user trusts the workspace; an untrusted one may not choose the program. */
  trusted: boolean;
  /** The `copydesk.server.path` setting, as VS Code resolved it. */
  configuredPath: string | undefined;
  /** The binary shipped inside the extension, when this build has one. */
  bundledPath: string | undefined;
  /** `copydesk` found on PATH, when there is one. */
  pathBinary: string | undefined;
}

/**
 * The binaries to try, best first: the setting (trusted workspaces only), the bundled binary,
 * then `copydesk` on PATH. An untrusted workspace gets the bundled binary and nothing else, so
 * that neither a workspace setting nor an executable in the workspace folder can be started.
 */
export function serverCandidates(choice: ServerChoice): ServerCandidate[] {
  const candidates: ServerCandidate[] = [];
  if (!choice.trusted) {
    if (choice.bundledPath) {
      candidates.push({ command: choice.bundledPath, source: "bundled" });
    }
    return candidates;
  }
  const configured = choice.configuredPath?.trim();
  if (configured) {
    candidates.push({ command: configured, source: "setting" });
  }
  if (choice.bundledPath) {
    candidates.push({ command: choice.bundledPath, source: "bundled" });
  }
  if (choice.pathBinary) {
    candidates.push({ command: choice.pathBinary, source: "path" });
  }
  return candidates;
}

/** Where `copydesk` is on a PATH, or undefined; only absolute folders are searched. */
export function findOnPath(
  pathVariable: string | undefined,
  platform: NodeJS.Platform,
  isExecutable: (file: string) => boolean,
  join: (folder: string, name: string) => string,
  isAbsolute: (folder: string) => boolean,
): string | undefined {
  const separator = platform === "win32" ? ";" : ":";
  const name = platform === "win32" ? "copydesk.exe" : "copydesk";
  for (const folder of (pathVariable ?? "").split(separator)) {
    if (!folder || !isAbsolute(folder)) {
      continue;
    }
    const file = join(folder, name);
    if (isExecutable(file)) {
      return file;
    }
  }
  return undefined;
}
