// Compiles dist/ once before the suite when the sources changed (~10 s), so the real processes
// the tests start (the CLIs through scripts/launch.js, the plan's recording worker) load
// compiled JavaScript instead of compiling our TypeScript again in every child. A failed build
// only costs speed: the children then run the sources through ts-node.
const { spawnSync } = require("child_process");
const path = require("path");

module.exports = () => {
  spawnSync(process.execPath, [path.join(__dirname, "..", "scripts", "launch.js"), "--build-if-stale"], { stdio: "inherit" });
};
