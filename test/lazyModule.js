// A stand-in for a package @pulumi/pulumi loads eagerly for features a test rarely uses
// (closure serialisation's TypeScript compiler, the Automation API): the real package loads
// on first use. jest re-evaluates every module per test file, and TypeScript alone was ~1 s
// of each file's start. scripts/launch.js does the same for the CLIs, with the same stand-in.
const path = require("path");
const { lazyStandIn } = require("../scripts/launch.js");

// By its path: the bare name would map back to this stand-in.
// eslint-disable-next-line no-undef
module.exports = (name) => lazyStandIn(() => jest.requireActual(path.join(__dirname, "..", "node_modules", name)));
