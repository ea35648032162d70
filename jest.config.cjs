// Plain Node ESM and CommonJS tests: no transform.
module.exports = {
  testEnvironment: 'node',
  transform: {},
  testMatch: ['<rootDir>/tests/js/**/*.test.{mjs,cjs}', '<rootDir>/tests/browser/**/*.test.{mjs,cjs}',
    '<rootDir>/tests/consumers/**/*.test.{mjs,cjs}'],
  // The consumer tests share one packed and installed package (tests/consumers/).
  globalSetup: '<rootDir>/tests/consumers/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/consumers/global-teardown.mjs',
  testTimeout: 120000,
};
