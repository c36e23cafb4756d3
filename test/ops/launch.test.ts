/**
 * scripts/launch.js: a package that @pulumi/pulumi loads eagerly but a plan never uses is
 * loaded on first use, through the interop helpers TypeScript emits, and behaves as itself.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const LAUNCH = path.resolve(__dirname, "../../scripts/launch.js");

test("a lazily loaded package loads on first use only, through require, __importStar and __importDefault", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lazy-"));
  const lib = path.join(dir, "node_modules", "heavy");
  fs.mkdirSync(lib, { recursive: true });
  // A CommonJS package exporting a function with a property, that records when it loads.
  fs.writeFileSync(path.join(lib, "index.js"), "globalThis.heavyLoaded = (globalThis.heavyLoaded || 0) + 1; module.exports = function heavy(x) { return x * 2; }; module.exports.version = '1.0';");
  const consumer = path.join(dir, "node_modules", "consumer");
  fs.mkdirSync(consumer, { recursive: true });
  fs.writeFileSync(path.join(consumer, "index.js"), [
    "const star = (m) => (m && m.__esModule ? m : Object.assign({ default: m }, m));",
    "const def = (m) => (m && m.__esModule ? m : { default: m });",
    "const plain = require('heavy'); const s = star(require('heavy')); const d = def(require('heavy'));",
    "module.exports = { plain, s, d };",
  ].join("\n"));
  const script = [
    `require(${JSON.stringify(LAUNCH)}).loadLazily("heavy", "/node_modules/consumer/");`,
    `const c = require(${JSON.stringify(consumer)});`,
    "const out = [globalThis.heavyLoaded ?? 0];",
    "out.push(c.plain(2), c.s.default(3), c.d.default(4), c.plain.version, globalThis.heavyLoaded);",
    "out.push(typeof require('heavy'));", // required from elsewhere: the real module
    "console.log(JSON.stringify(out));",
  ].join("\n");
  const out = execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
  // Nothing loaded by the requires; one load on first use; calls and properties as the real module.
  expect(JSON.parse(out)).toEqual([0, 4, 6, 8, "1.0", 1, "function"]);
});

test("--check names an unknown script and lists the known ones", () => {
  let stderr = "";
  let status = 0;
  try {
    execFileSync(process.execPath, [LAUNCH, "--check", "plna"], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    status = (e as { status: number }).status;
    stderr = (e as { stderr: string }).stderr;
  }
  expect(status).toBe(2);
  expect(stderr).toMatch(/^scripts\/run: unknown script "plna"; scripts: typecheck, lint:imports, test, plan, /);
});
