// Jest for StrykerJS (scripts/mutate-js.mjs): the suites it names in
// MEXE_MUTATION_TESTS, without the packed-package set-up the consumer tests need.
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  transform: {},
  testMatch: (process.env.MEXE_MUTATION_TESTS ?? '').split(',').filter(Boolean).map((t) => `<rootDir>/tests/js/${t}`),
  testTimeout: 120000,
};
