// Stand-in for Node's test runner (node:test). Pulumi's closure serialiser requires every
// built-in module to know their names; loading node:test inside a jest worker opens a reporter
// scope that keeps the worker from exiting ("A worker process has failed to exit gracefully").
// No test here uses node:test.
module.exports = {};
