// The extension in a real VS Code: code-server serves the workbench, Debian's Chromium shows it
// headless, Playwright drives it like a journalist would. Every wait is bounded and fails with
// what was missing, so a silent server fails the test instead of hanging it.
//
// Run with `npm run e2e`; it calls test/e2e/setup.sh for the installs and builds the .vsix.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, "..", "..");
const repository = path.resolve(extensionDir, "..", "..");
const artifacts = path.join(here, "artifacts");
const seeds = path.join(repository, "tests", "corpus", "seeds");

/** The spellings the seeds' ground truth accepts for a wrong name. */
function acceptedSuggestions(file, text) {
  const expected = JSON.parse(fs.readFileSync(path.join(seeds, "expected.json"), "utf8"));
  const finding = expected.files[file].expected.find((entry) => entry.text === text);
  assert.ok(finding?.accepted_suggestions?.length, `expected.json has no suggestion for “${text}”`);
  return finding.accepted_suggestions;
}

/** How long the server may take to answer, once VS Code has the file open. */
const serverWait = 60_000;

let codeServer;
let browser;
let page;
let home;
let workspace;
let failedStep;
let activeFile;

before(async () => {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const tools = Object.fromEntries(
    execFileSync(path.join(here, "setup.sh"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
      .trim()
      .split("\n")
      .map((line) => line.split("=", 2)),
  );
  const vsix = buildVsix();

  home = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-e2e-"));
  workspace = path.join(home, "newsroom");
  fs.mkdirSync(workspace);
  for (const seed of ["seed-000.txt", "seed-001.txt"]) {
    fs.copyFileSync(path.join(seeds, seed), path.join(workspace, seed));
  }
  const userData = path.join(home, "user-data");
  for (const scope of ["User", "Machine"]) {
    fs.mkdirSync(path.join(userData, scope), { recursive: true });
    fs.writeFileSync(path.join(userData, scope, "settings.json"), JSON.stringify(userSettings(), null, 2));
  }

  const env = {
    ...process.env,
    PATH: `${tools.NODE24_BIN}${path.delimiter}${process.env.PATH}`,
    XDG_DATA_HOME: path.join(home, "data"),
    XDG_CONFIG_HOME: path.join(home, "config"),
    XDG_CACHE_HOME: path.join(home, "cache"),
    XDG_STATE_HOME: path.join(home, "state"),
    EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9/none"}',
  };
  const dirs = ["--user-data-dir", userData, "--extensions-dir", path.join(home, "extensions")];
  execFileSync(tools.CODE_SERVER, [...dirs, "--install-extension", vsix], { env, stdio: "inherit", timeout: 120_000 });

  const port = await freePort();
  codeServer = spawn(
    tools.CODE_SERVER,
    [
      ...dirs,
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      workspace,
    ],
    { env, stdio: ["ignore", fs.openSync(path.join(artifacts, "code-server.log"), "w"), "inherit"] },
  );
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);

  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await within(page.locator(".monaco-workbench .part.editor"), 90_000, "the VS Code workbench did not load");
});

after(async () => {
  await browser?.close();
  codeServer?.kill();
  if (home) {
    copyServerLog();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

/** One step of the scenario; the steps after a failed one are skipped, not piled up as errors. */
function step(name, body) {
  test(name, async (t) => {
    if (failedStep) {
      t.skip(`after the failure of: ${failedStep}`);
      return;
    }
    try {
      await body();
    } catch (error) {
      failedStep = name;
      await page?.screenshot({ path: path.join(artifacts, "failure.png") }).catch(() => undefined);
      const notifications = await page
        ?.locator(".notification-toast")
        .allInnerTexts()
        .catch(() => []);
      if (notifications?.length) {
        error.message += `\nVS Code's notifications:\n${notifications.join("\n")}`;
      }
      throw error;
    }
  });
}

step("the server marks “Corostion Rostec” with a warning squiggle and a Problems row", async () => {
  await openFile("seed-000.txt");
  await revealText("Corostion Rostec");
  await poll(
    () => squiggleUnder("Corostion Rostec", "warning"),
    serverWait,
    "no warning squiggle under “Corostion Rostec” in seed-000.txt: the server published no such diagnostic " +
      "(artifacts/server.log has the server's log)",
  );
  await page.keyboard.press("Control+Shift+M");
  const row = page.locator(".markers-panel .monaco-list-row", { hasText: "Corostion Rostec" }).first();
  await within(row, 10_000, "the Problems panel has no row for “Corostion Rostec”");
  const rest = (await row.innerText()).replace("Corostion Rostec", "");
  const suggestions = acceptedSuggestions("seed-000.txt", "Corostion Rostec");
  assert.ok(
    suggestions.some((suggestion) => rest.includes(suggestion)),
    `the Problems row suggests none of ${suggestions.join(", ")}: ${rest}`,
  );
  await within(
    page.locator(".statusbar-item", { hasText: /copydesk: [1-9]/ }),
    10_000,
    "the status bar does not show copydesk with a count of findings",
  );
  await page.screenshot({ path: path.join(artifacts, "problems.png") });
});

step("hovering “Peskov” shows the entity card", async () => {
  await page.keyboard.press("Escape");
  await revealText("Peskov");
  const box = await textBox("Peskov");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator(".monaco-hover:not(.hidden)", { hasText: "Kremlin" }).first();
  await within(hover, serverWait, "hovering “Peskov” showed no entity card (no hover naming the Kremlin)");
  assert.match(await hover.innerText(), /Dmitri Peskov/, "the card does not give the house spelling “Dmitri Peskov”");
  await page.screenshot({ path: path.join(artifacts, "hover.png") });
  await page.mouse.move(5, 5);
  await page.keyboard.press("Escape");
});

step("the quick fix on “Nicolos Maduro” writes the suggestion", async () => {
  const suggestions = acceptedSuggestions("seed-001.txt", "Nicolos Maduro");
  await openFile("seed-001.txt");
  await revealText("Nicolos Maduro");
  await poll(
    () => squiggleUnder("Nicolos Maduro"),
    serverWait,
    "no squiggle under “Nicolos Maduro” in seed-001.txt: the server published no such diagnostic",
  );
  const box = await textBox("Nicolos Maduro");
  await page.mouse.click(box.x + 3, box.y + box.height / 2);
  await page.keyboard.press("Control+.");
  const rows = page.locator(".action-widget .monaco-list-row");
  const offered = await poll(
    async () => {
      const titles = await rows.allInnerTexts();
      const index = titles.findIndex((title) => suggestions.some((suggestion) => title.includes(suggestion)));
      return index >= 0 && { index, suggestion: suggestions.find((suggestion) => titles[index].includes(suggestion)) };
    },
    serverWait,
    `the code-action menu on “Nicolos Maduro” offers none of ${suggestions.join(", ")}`,
  );
  await page.screenshot({ path: path.join(artifacts, "quick-fix-menu.png") });
  await rows.nth(offered.index).click();
  const fixed = `président ${offered.suggestion} étant donné`;
  await poll(
    async () => (await editorText()).includes(fixed),
    10_000,
    `the quick fix did not change “Nicolos Maduro” to “${offered.suggestion}” in the editor`,
  );
  await page.keyboard.press("Control+S");
  await poll(
    () => fs.readFileSync(path.join(workspace, "seed-001.txt"), "utf8").includes(fixed),
    10_000,
    "the fixed text did not reach the file on save",
  );
  assert.ok(!fs.readFileSync(path.join(workspace, "seed-001.txt"), "utf8").includes("Nicolos"));
  await page.screenshot({ path: path.join(artifacts, "quick-fix-applied.png") });
});

step("the sourcing report lists “RIA Novosti” as state-controlled", async () => {
  await openFile("seed-000.txt");
  await runCommand("copydesk: Show the sourcing report of this article");
  const entry = await poll(
    async () => {
      for (const frame of page.frames()) {
        const text = await frame
          .evaluate(() => {
            const heading = [...document.querySelectorAll("h2")].find((h2) => h2.innerText.startsWith("State-controlled"));
            let list = heading?.nextElementSibling;
            while (list && list.tagName !== "UL") {
              list = list.nextElementSibling;
            }
            const item = [...(list?.querySelectorAll("li") ?? [])].find((li) => li.innerText.includes("RIA Novosti"));
            item?.scrollIntoView();
            return item?.innerText;
          })
          .catch(() => undefined);
        if (text) {
          return text;
        }
      }
      return undefined;
    },
    serverWait,
    "the sourcing report did not open, or does not list “RIA Novosti” among the state-controlled outlets",
  );
  assert.match(entry, /state-controlled/i, `“RIA Novosti” is not listed as state-controlled: ${entry}`);
  await page.screenshot({ path: path.join(artifacts, "sourcing-report.png") });
});

function buildVsix() {
  execFileSync("node", [path.join(extensionDir, "scripts", "package.mjs"), "--debug"], {
    cwd: extensionDir,
    stdio: "inherit",
  });
  return path.join(extensionDir, `copydesk-${process.platform}-${process.arch}.vsix`);
}

/** The settings of the test user; COPYDESK_E2E_SERVER runs the scenario against another server build. */
function userSettings() {
  return {
    ...(process.env.COPYDESK_E2E_SERVER ? { "copydesk.server.path": process.env.COPYDESK_E2E_SERVER } : {}),
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "chat.disableAIFeatures": true,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "editor.wordWrap": "on",
    "editor.minimap.enabled": false,
    "editor.hover.delay": 200,
    "files.autoSave": "off",
  };
}

/** Opens a file of the workspace from the Explorer, as a journalist would. */
async function openFile(name) {
  const entry = page.locator(".explorer-folders-view .monaco-list-row", { hasText: name }).first();
  await within(entry, 10_000, `the Explorer does not list ${name}`);
  await entry.click();
  await within(page.locator(".tab.active", { hasText: name }), 10_000, `${name} did not open in an editor`);
  await within(page.locator(".editor-instance .monaco-editor .view-lines"), 10_000, `${name} shows no text`);
  activeFile = name;
}

async function runCommand(title) {
  await page.keyboard.press("Control+Shift+P");
  const input = page.locator(".quick-input-widget input");
  await within(input, 10_000, "the command palette did not appear");
  await input.fill(`>${title}`);
  await within(
    page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first(),
    10_000,
    `the command palette has no command “${title}”: is the extension active?`,
  );
  await page.keyboard.press("Enter");
}

/** Scrolls the active editor so that the line holding `needle` is on screen. */
async function revealText(needle) {
  const text = activeFileText();
  const line = text.slice(0, text.indexOf(needle)).split("\n").length;
  assert.ok(text.includes(needle), `the article does not contain “${needle}”`);
  await page.keyboard.press("Control+G");
  await page.locator(".quick-input-widget input").fill(`:${line}`);
  await page.keyboard.press("Enter");
  await poll(() => textBox(needle).catch(() => undefined), 10_000, `“${needle}” is not on screen after Go to Line`);
}

function activeFileText() {
  return fs.readFileSync(path.join(workspace, activeFile), "utf8");
}

/** The text on screen in the active editor, with wrapped lines joined and Monaco's spaces made plain. */
async function editorText() {
  const text = await page.locator(".editor-instance .monaco-editor .view-lines").first().innerText();
  return text.replace(/\s+/g, " ");
}

/** The on-screen box of the first rendered occurrence of `needle` in the active editor. */
async function textBox(needle) {
  const box = await page.evaluate((needle) => {
    const lines = document.querySelector(".editor-instance .monaco-editor .view-lines");
    const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.replace(/\u00a0/g, " ");
      const start = text.indexOf(needle.split(" ")[0]);
      if (start >= 0) {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, Math.min(text.length, start + needle.length));
        const rect = range.getClientRects()[0];
        return rect && { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }
    }
    return undefined;
  }, needle);
  if (!box) {
    throw new Error(`“${needle}” is not rendered in the editor`);
  }
  return box;
}

/** Whether a squiggle (of the given severity, if any) lies under the text. */
async function squiggleUnder(needle, severity) {
  const box = await textBox(needle);
  const selector = severity ? `.squiggly-${severity}` : "[class*=squiggly-]";
  const squiggles = await page.locator(`.editor-instance .monaco-editor ${selector}`).evaluateAll((elements) =>
    elements.map((element) => element.getBoundingClientRect().toJSON()),
  );
  const middle = box.y + box.height / 2;
  return squiggles.some(
    (squiggle) =>
      squiggle.top <= middle && middle <= squiggle.bottom && squiggle.left < box.x + box.width && box.x < squiggle.right,
  );
}

/** Retries `check` until it returns a truthy value, or fails with `failure` after `timeout` ms. */
async function poll(check, timeout, failure) {
  const deadline = Date.now() + timeout;
  for (;;) {
    let value;
    try {
      value = await check();
    } catch {
      value = undefined;
    }
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${failure} (waited ${timeout / 1000} s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function within(locator, timeout, failure) {
  try {
    await locator.waitFor({ state: "visible", timeout });
  } catch {
    throw new Error(`${failure} (waited ${timeout / 1000} s)`);
  }
}

async function waitForHttp(url, timeout) {
  await poll(
    () => fetch(url).then((response) => response.ok, () => false),
    timeout,
    `code-server did not answer on ${url}`,
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Keeps the extension's output channel (the server's log) with the artefacts. */
function copyServerLog() {
  const logs = path.join(home, "user-data", "logs");
  if (!fs.existsSync(logs)) {
    return;
  }
  for (const file of fs.readdirSync(logs, { recursive: true })) {
    if (String(file).endsWith("copydesk.log")) {
      fs.copyFileSync(path.join(logs, String(file)), path.join(artifacts, "server.log"));
    }
  }
}
