// Preloaded (`node --require`) by the process that records a program that is not ours
// (plan/record-foreign.ts): the packages @pulumi/pulumi loads eagerly for features a recording
// never uses (TypeScript's compiler, npm's arborist, execa) load on first use, as under
// scripts/launch.js. That was ~0.5 s of each recording's start.
"use strict";
require("./launch").lazyPulumiDependencies();
