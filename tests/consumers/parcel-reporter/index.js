// A Parcel reporter for bundle-and-serve.mjs, which gives Parcel its path
// (additionalReporters): keeps every message Parcel logs, its own and its
// workers', in globalThis.mexeParcelLogs of the process that builds. Its
// package.json names the Parcel versions it works with, as Parcel asks of
// every plugin (else it warns).
const { Reporter } = require('@parcel/plugin');

module.exports = new Reporter({
  report({ event }) {
    if (event.type === 'log') (globalThis.mexeParcelLogs ??= []).push(event);
  },
});
