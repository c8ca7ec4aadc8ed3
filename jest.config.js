// Four projects: unit tests beside the code and the checks of infra/ (test/infra, no database),
// integration tests (libs against the real PostgreSQL and RabbitMQ), end-to-end tests (the four compiled services as real processes) and
// chaos (the same, while processes, the broker and the database are made to fail).
// They run one file at a time: they share one broker and one database server.
const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@dvc/(address|auth|contracts|config|documents|kernel|messaging|persistence|storage)$': '<rootDir>/libs/$1/src',
  },
};

module.exports = {
  maxWorkers: 1,
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts', '<rootDir>/test/infra/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      // Fault injection and scale-out (npm run test:chaos): kills services, restarts the broker and PostgreSQL.
      ...common,
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
};
