/**
 * End-to-end tests: real browsers (Debian's Chromium), the real broker and web app, the real
 * Docker engine, and a local fake model server. `npm test` runs them after the unit and
 * integration tests; `infra/scripts/e2e-stack.sh` prepares the database they use.
 */
import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./support/ports.js";

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./support/global-setup.ts",
  outputDir: "./test-results",
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "./playwright-report" }]],
  use: {
    baseURL: E2E.webUrl,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
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
