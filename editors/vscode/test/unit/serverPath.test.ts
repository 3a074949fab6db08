import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { findOnPath, serverCandidates } from "../../src/serverPath";

const bundled = "/ext/server/copydesk";
const onPath = "/usr/local/bin/copydesk";

test("an untrusted workspace never uses copydesk.server.path", () => {
  for (const configuredPath of ["/workspace/evil", "./copydesk", "copydesk", " /tmp/x "]) {
    for (const bundledPath of [bundled, undefined]) {
      for (const pathBinary of [onPath, undefined]) {
        const candidates = serverCandidates({ trusted: false, configuredPath, bundledPath, pathBinary });
        assert.ok(
          candidates.every((candidate) => candidate.command !== configuredPath.trim()),
          `untrusted workspace chose ${configuredPath}`,
        );
        assert.ok(candidates.every((candidate) => candidate.source === "bundled"));
      }
    }
  }
});

test("an untrusted workspace runs the bundled binary, or nothing when there is none", () => {
  const choice = { trusted: false, configuredPath: "/x/copydesk", pathBinary: onPath };
  assert.deepEqual(serverCandidates({ ...choice, bundledPath: bundled }), [
    { command: bundled, source: "bundled" },
  ]);
  assert.deepEqual(serverCandidates({ ...choice, bundledPath: undefined }), []);
});

test("a trusted workspace tries the setting, then the bundled binary, then PATH", () => {
  const candidates = serverCandidates({
    trusted: true,
    configuredPath: "/opt/copydesk/bin/copydesk",
    bundledPath: bundled,
    pathBinary: onPath,
  });
  assert.deepEqual(
    candidates.map((candidate) => candidate.source),
    ["setting", "bundled", "path"],
  );
  assert.equal(candidates[0].command, "/opt/copydesk/bin/copydesk");
});

test("an empty setting is skipped", () => {
  for (const configuredPath of ["", "   ", undefined]) {
    const candidates = serverCandidates({ trusted: true, configuredPath, bundledPath: bundled, pathBinary: undefined });
    assert.deepEqual(candidates, [{ command: bundled, source: "bundled" }]);
  }
});

test("PATH lookup skips relative folders, which would resolve inside the workspace", () => {
  const executables = new Set(["bin/copydesk", "copydesk", "/usr/bin/copydesk"]);
  const found = findOnPath("bin::.:/usr/bin", "linux", (file) => executables.has(file), path.posix.join, path.posix.isAbsolute);
  assert.equal(found, "/usr/bin/copydesk");
  assert.equal(findOnPath(undefined, "linux", () => true, path.posix.join, path.posix.isAbsolute), undefined);
});

test("PATH lookup on Windows splits on ; and looks for copydesk.exe", () => {
  const found = findOnPath(
    "C:\\tools;C:\\cargo\\bin",
    "win32",
    (file) => file === "C:\\cargo\\bin\\copydesk.exe",
    path.win32.join,
    path.win32.isAbsolute,
  );
  assert.equal(found, "C:\\cargo\\bin\\copydesk.exe");
});

test("the manifest restricts copydesk.server.path in untrusted workspaces", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"));
  const trust = manifest.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, "limited");
  assert.ok(trust.restrictedConfigurations.includes("copydesk.server.path"));
  const settings = Object.keys(manifest.contributes.configuration.properties);
  assert.ok(settings.includes("copydesk.server.path"), "the restricted setting exists");
});
