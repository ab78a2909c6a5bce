import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/support/deny-network.ts'],
    // The early sources (Health Canada, the FDA's feed, MHRA) live on the internet: the tests that
    // read them turn them on against the local fake; every other test syncs openFDA's feeds only.
    env: { VIGIL_SOURCES: 'openfda' },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
