import { defineConfig } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium (Playwright's own download is not
 * available here) against the built api, which also serves the built web
 * client. global-setup.ts starts the api on a free port with a fresh data
 * directory and hands its address to the tests as TOLK_BASE_URL.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: '../../test-results/browser',
  // One api, one database: tests run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Flows of two people with accessibility checks take 20–30 s on a quiet 2-core machine and
  // over a minute when it is busy; the budget is for a stuck test, not a slow one.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'en-GB',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
