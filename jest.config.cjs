// Plain Node ESM and CommonJS tests: no transform.
module.exports = {
  testEnvironment: 'node',
  transform: {},
  testMatch: ['<rootDir>/tests/js/**/*.test.{mjs,cjs}', '<rootDir>/tests/browser/**/*.test.{mjs,cjs}'],
  testTimeout: 120000,
};
