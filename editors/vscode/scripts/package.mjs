// Builds one platform's .vsix: the release `copydesk` binary (cargo), the bundled extension
// (tsc checks the types, esbuild bundles), then `vsce package --target`.
//
//   node scripts/package.mjs                         this machine's platform
//   node scripts/package.mjs --target darwin-arm64   another one (its Rust target must be installed)
//   node scripts/package.mjs --debug                 with the debug binary that `cargo test` already
//                                                    built (the end-to-end test, to spare CI a build)
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const extensionDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repository = path.resolve(extensionDir, "..", "..");

/** VS Code's platform names and the Rust targets that build for them. */
const rustTargets = {
  "linux-x64": "x86_64-unknown-linux-gnu",
  "linux-arm64": "aarch64-unknown-linux-gnu",
  "linux-armhf": "armv7-unknown-linux-gnueabihf",
  "alpine-x64": "x86_64-unknown-linux-musl",
  "alpine-arm64": "aarch64-unknown-linux-musl",
  "darwin-x64": "x86_64-apple-darwin",
  "darwin-arm64": "aarch64-apple-darwin",
  "win32-x64": "x86_64-pc-windows-msvc",
  "win32-arm64": "aarch64-pc-windows-msvc",
};

const targetFlag = process.argv.indexOf("--target");
const target = targetFlag >= 0 ? process.argv[targetFlag + 1] : `${process.platform}-${process.arch}`;
const rustTarget = rustTargets[target];
if (!rustTarget) {
  console.error(`unknown target ${target}; one of: ${Object.keys(rustTargets).join(", ")}`);
  process.exit(2);
}
const hostTarget = `${process.platform}-${process.arch}`;
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: "inherit" });

const profile = process.argv.includes("--debug") ? "debug" : "release";
const cargoArgs = ["build", "--locked", "-p", "copydesk-cli", ...(profile === "release" ? ["--release"] : [])];
if (target !== hostTarget) {
  cargoArgs.push("--target", rustTarget);
}
run("cargo", cargoArgs, repository);
const binaryName = target.startsWith("win32") ? "copydesk.exe" : "copydesk";
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repository, process.env.CARGO_TARGET_DIR)
  : path.join(repository, "target");
const built = path.join(
  targetDir,
  ...(target !== hostTarget ? [rustTarget] : []),
  profile,
  binaryName,
);
const serverDir = path.join(extensionDir, "server");
rmSync(serverDir, { recursive: true, force: true });
mkdirSync(serverDir);
copyFileSync(built, path.join(serverDir, binaryName));
chmodSync(path.join(serverDir, binaryName), 0o755);

run("npx", ["tsc", "-p", "."], extensionDir);
await build({
  absWorkingDir: extensionDir,
  entryPoints: ["src/extension.ts"],
  bundle: true,
  outfile: "dist/extension.js",
  external: ["vscode"],
  format: "cjs",
  platform: "node",
  target: "node18",
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});
run(
  "npx",
  [
    "vsce",
    "package",
    "--no-dependencies",
    "--allow-missing-repository",
    "--no-rewrite-relative-links",
    "--skip-license",
    "--target",
    target,
    "--out",
    `copydesk-${target}.vsix`,
  ],
  extensionDir,
);
