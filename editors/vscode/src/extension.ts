// The copydesk extension: starts `copydesk lsp` for Markdown and plain-text articles and adds
// the commands, settings and status-bar item around it.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { renderReport } from "./report";
import { ServerCandidate, findOnPath, serverCandidates } from "./serverPath";
import { ServerSettings, serverSettings } from "./settings";

const reportScheme = "copydesk-report";
/** The workspace command of the server that returns a document's sourcing report. */
const sourcingReportCommand = "copydesk.sourcingReport";

let extension: CopydeskExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new CopydeskExtension(context);
  await extension.start();
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
}

class CopydeskExtension {
  private client: LanguageClient | undefined;
  private readonly log = vscode.window.createOutputChannel("copydesk");
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  private readonly reports = new ReportDocuments();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.name = "copydesk";
    this.status.command = "copydesk.openServerLog";
    context.subscriptions.push(
      this.log,
      this.status,
      vscode.workspace.registerTextDocumentContentProvider(reportScheme, this.reports),
      vscode.commands.registerCommand("copydesk.restartServer", () => this.restart()),
      vscode.commands.registerCommand("copydesk.showSourcingReport", () => this.showReport()),
      vscode.commands.registerCommand("copydesk.openServerLog", () => this.log.show(true)),
      vscode.workspace.onDidChangeConfiguration((event) => this.configurationChanged(event)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.restart()),
      vscode.languages.onDidChangeDiagnostics(() => this.updateStatus()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
    );
  }

  async start(): Promise<void> {
    if (!vscode.workspace.getConfiguration("copydesk").get<boolean>("enable", true)) {
      this.updateStatus();
      return;
    }
    const candidates = this.candidates();
    for (const candidate of candidates) {
      const problem = await probe(candidate.command);
      if (problem) {
        this.log.appendLine(`copydesk: ${candidate.command} (${candidate.source}) cannot serve: ${problem}`);
        continue;
      }
      const client = this.createClient(candidate);
      try {
        await client.start();
        this.client = client;
        this.log.appendLine(`copydesk: started ${candidate.command} (${candidate.source})`);
        this.updateStatus();
        return;
      } catch (error) {
        this.log.appendLine(`copydesk: ${candidate.command} (${candidate.source}) did not start: ${error}`);
        await client.dispose().catch(() => undefined);
      }
    }
    this.updateStatus();
    this.notifyNoServer(candidates);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.dispose().catch(() => undefined);
    this.updateStatus();
  }

  private async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private candidates(): ServerCandidate[] {
    const bundled = path.join(
      this.context.extensionPath,
      "server",
      process.platform === "win32" ? "copydesk.exe" : "copydesk",
    );
    return serverCandidates({
      trusted: vscode.workspace.isTrusted,
      configuredPath: vscode.workspace.getConfiguration("copydesk").get<string>("server.path"),
      bundledPath: isExecutable(bundled) ? bundled : undefined,
      pathBinary: findOnPath(process.env.PATH, process.platform, isExecutable, path.join, path.isAbsolute),
    });
  }

  private createClient(candidate: ServerCandidate): LanguageClient {
    const serverOptions: ServerOptions = {
      command: candidate.command,
      args: ["lsp"],
      transport: TransportKind.stdio,
    };
    const selector = ["markdown", "plaintext"].flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]);
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector,
      initializationOptions: this.settings(),
      outputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(),
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/.copydesk.toml"),
      },
    };
    return new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions);
  }

  /**
   * Restarts a server that dies while serving, at most 4 times in 3 minutes; a server that fails
   * to start is left to start(), which tries the next binary and then notifies once.
   */
  private errorHandler(): LanguageClientOptions["errorHandler"] {
    const crashes: number[] = [];
    return {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        const now = Date.now();
        crashes.push(now);
        while (crashes.length > 0 && crashes[0] < now - 3 * 60_000) {
          crashes.shift();
        }
        if (this.client && crashes.length <= 4) {
          return { action: CloseAction.Restart, handled: true };
        }
        if (this.client) {
          vscode.window.showErrorMessage(
            "copydesk: the server stopped 5 times in 3 minutes and was not restarted. Its log tells why.",
          );
          this.client = undefined;
          this.updateStatus();
        }
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  private settings(): ServerSettings {
    const configuration = vscode.workspace.getConfiguration("copydesk");
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return serverSettings(
      {
        language: configuration.get("language"),
        rules: configuration.get("rules"),
        gazetteers: configuration.get("gazetteers"),
      },
      (file) => (path.isAbsolute(file) || !folder ? file : path.join(folder, file)),
    );
  }

  private async configurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (event.affectsConfiguration("copydesk.enable") || event.affectsConfiguration("copydesk.server.path")) {
      await this.restart();
      return;
    }
    const reconfigures = ["language", "rules", "gazetteers"].some((key) =>
      event.affectsConfiguration(`copydesk.${key}`),
    );
    if (reconfigures && this.client) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { copydesk: this.settings() },
      });
    }
  }

  private async showReport(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !["markdown", "plaintext"].includes(editor.document.languageId)) {
      vscode.window.showWarningMessage("copydesk: open a Markdown or plain-text article first.");
      return;
    }
    if (!this.client) {
      vscode.window.showErrorMessage("copydesk: the server is not running, so there is no report.");
      return;
    }
    const article = editor.document.uri;
    const report = await this.client.sendRequest(ExecuteCommandRequest.type, {
      command: sourcingReportCommand,
      arguments: [article.toString()],
    });
    const name = path.basename(article.path);
    const uri = vscode.Uri.from({ scheme: reportScheme, path: `/Sourcing report - ${name}.md` });
    this.reports.set(uri, renderReport(report, name));
    await vscode.commands.executeCommand("markdown.showPreview", uri);
  }

  private updateStatus(): void {
    if (!this.client) {
      this.status.text = "$(circle-slash) copydesk";
      this.status.tooltip = "copydesk is not running. Click to open its log.";
      this.status.show();
      return;
    }
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !["markdown", "plaintext"].includes(document.languageId)) {
      this.status.text = "$(checklist) copydesk";
      this.status.tooltip = "copydesk is active. Click to open the server log.";
    } else {
      const findings = this.client.diagnostics?.get(document.uri)?.length ?? 0;
      this.status.text = `$(checklist) copydesk: ${findings}`;
      this.status.tooltip = `copydesk is active: ${findings} finding(s) in this file. Click to open the server log.`;
    }
    this.status.show();
  }

  private notifyNoServer(candidates: ServerCandidate[]): void {
    const tried = candidates.map((candidate) => candidate.command).join(", ") || "no binary found";
    const detail = vscode.workspace.isTrusted
      ? "Install copydesk (`cargo install --path crates/copydesk-cli`) or set copydesk.server.path to its binary."
      : "This workspace is untrusted, so only the binary bundled with the extension may run: install the extension built for your platform, or trust the workspace.";
    vscode.window
      .showErrorMessage(`copydesk could not start its server (tried: ${tried}). ${detail}`, "Open log", "Open settings")
      .then((choice) => {
        if (choice === "Open log") {
          this.log.show(true);
        } else if (choice === "Open settings") {
          vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.server.path");
        }
      });
  }
}

/** The Markdown of the reports shown, served under the `copydesk-report:` scheme. */
class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changes.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "";
  }
}

/** Why `command` cannot serve as the copydesk language server, or undefined if it can. */
function probe(command: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, ["lsp", "--help"], { timeout: 10_000 }, (error, _stdout, stderr) => {
      resolve(error ? `\`${command} lsp --help\` failed: ${stderr.trim() || error.message}` : undefined);
    });
  });
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
