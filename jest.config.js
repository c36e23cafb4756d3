/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Type errors are caught once by `npm run typecheck`; per-file transpilation keeps jest fast.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 30000,
  // dist/ compiled once, for the child processes the tests start (test/globalSetup.js).
  globalSetup: "<rootDir>/test/globalSetup.js",
  // Packages @pulumi/pulumi loads eagerly for features tests rarely use load on first use.
  moduleNameMapper: {
    "^typescript$": "<rootDir>/test/lazy/typescript.js",
    "^execa$": "<rootDir>/test/lazy/execa.js",
    "^normalize-package-data$": "<rootDir>/test/lazy/normalize-package-data.js",
    "^@npmcli/arborist$": "<rootDir>/test/lazy/@npmcli/arborist.js",
    // Loaded by the closure serialiser with every built-in module; see the file for why not the real one.
    "^node:test(/reporters)?$": "<rootDir>/test/lazy/node-test.js",
  },
  // Jest's default (cores - 1) runs a 2-core CI machine with one worker: 1.45x slower (48 s instead
  // of 33 s, measured when the suite was smaller).
  maxWorkers: "100%",
  // At the end a worker's event loop is empty within milliseconds, but the process then takes
  // 0.4-0.9 s to tear down its 0.8-1 GB heap (measured), past jest's default 500 ms: jest killed it
  // and blamed a leaked handle ("A worker process has failed to exit gracefully"). A real leak
  // still shows, 10 s later.
  workerGracefulExitTimeout: 10_000,
};
