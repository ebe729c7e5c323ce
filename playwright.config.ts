import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets several checkouts run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 8788);
// Debian's Chromium; Playwright never downloads a browser of its own here.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? "list" : [["list"]],
  use: { baseURL: `http://localhost:${port}`, trace: "off", screenshot: "only-on-failure" },
  projects: [
    { name: "pixel-7", use: { ...devices["Pixel 7"], launchOptions } },
    // The accessibility sweep (Pixel 7 and desktop sizes, both languages) and the keyboard walk run once, on the
    // Pixel 7 project; the second phone adds nothing to them.
    {
      name: "iphone-13",
      use: { ...devices["iPhone 13"], browserName: "chromium", launchOptions },
      // The instructor tools run at Pixel 7 and 1280×800 (their own describe): a second phone adds nothing either.
      testIgnore: ["**/a11y.spec.ts", "**/keyboard.spec.ts", "**/instructor-tools.spec.ts"],
    },
    // A small phone (375×667, the size of an iPhone SE): the student-day specs walk it as well.
    {
      name: "phone-375",
      use: { ...devices["Pixel 7"], viewport: { width: 375, height: 667 }, launchOptions },
      testMatch: ["**/day-*.spec.ts"],
    },
  ],
  // The built Worker with its own local D1 (a separate folder, so e2e runs never touch your dev data).
  webServer: {
    command: `bash scripts/e2e-server.sh ${port}`,
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
