// Bundling stand-in for the `debug` package, which follow-redirects (under axios)
// loads for optional tracing. Lambda logs go through Powertools instead.
module.exports = function createDebug() {
  return function debug() {};
};
