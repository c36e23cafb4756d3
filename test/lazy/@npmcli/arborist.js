// Lazy stand-in (see ../../lazyModule.js).
module.exports = require("../../lazyModule")("@npmcli/arborist");
