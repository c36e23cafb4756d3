// A stand-in for a package @pulumi/pulumi loads eagerly for features a test rarely uses
// (closure serialisation's TypeScript compiler, the Automation API): the real package loads
// on first use. jest re-evaluates every module per test file, and TypeScript alone was ~1 s
// of each file's start. scripts/launch.js does the same for the CLIs.
const path = require("path");

module.exports = (name) => {
  let real;
  // By its path: the bare name would map back to this stand-in.
  const file = path.join(__dirname, "..", "node_modules", name);
  // eslint-disable-next-line no-undef
  const load = () => (real ??= jest.requireActual(file));
  return new Proxy(function lazyModule() {}, {
    get: (_, key) => (key === "__esModule" && real === undefined ? true : key === "default" ? (load().default ?? load()) : Reflect.get(load(), key)),
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
    apply: (_, self, args) => Reflect.apply(load(), self, args),
    construct: (_, args) => Reflect.construct(load(), args),
  });
};
