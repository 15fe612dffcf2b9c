/**
 * End-to-end tests: real browsers (Debian's Chromium), the real broker and web app, the real
 * Docker engine, and a local fake model server. `npm test` runs them after the unit and
 * integration tests, after giving them a fresh, migrated database (infra/scripts/test.sh).
 */
import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./support/ports.js";

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "./playwright-report" }], ["json", { outputFile: "./test-results/summary.json" }]],
  use: {
    baseURL: E2E.webUrl,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      // Without WebGL, xterm.js uses its DOM renderer, so the tests can read the terminal's text.
      args: ["--no-sandbox", "--disable-gpu", "--disable-webgl", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      command: "npm run start -w @codeyard/broker",
      cwd: "..",
      url: `${E2E.brokerUrl}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: E2E.env,
      stdout: "pipe",
    },
    {
      command: "npm run start -w @codeyard/web",
      cwd: "..",
      url: E2E.webUrl,
      timeout: 120_000,
      reuseExistingServer: false,
      env: E2E.env,
    },
  ],
});
