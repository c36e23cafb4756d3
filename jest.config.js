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
  // Jest's default (cores - 1) runs a 2-core CI machine with one worker: 48 s instead of 33 s.
  maxWorkers: "100%",
};
