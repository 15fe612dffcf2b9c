/**
 * P9: the IDE in a real browser (Debian's Chromium, flags as in e2e), against the whole stack on
 * loopback (web-world.ts). Setup signs up, creates a project and saves `app.js` in Monaco; its tab
 * stays open, so each measured load reopens it as a returning user's IDE does.
 *
 * P9-interactive: navigation start → a character typed into the file open in Monaco shows in the
 * editor, p50 over LOADS loads, each in a fresh browser profile (cold HTTP cache, signed in).
 * Baseline: the same measure on the sign-in page (a plain page of the same app: type into the
 * email field). Target 2000 ms. Also printed: the same in one profile (a returning user's reload,
 * scripts from the browser's cache).
 *
 * P9-first-paint-js: gzip bytes (zlib level 6, as servers send; KB = 1024 bytes) of every script
 * the IDE page requested before its first contentful paint or DOMContentLoaded, whichever is
 * later. Monaco must not be among them: its chunks (told by Monaco's own `monaco-editor-background`
 * class in their code) have to arrive later, lazily; their size is reported apart. Baseline: all
 * JS the IDE fetched by the time it was interactive and settled, Monaco and its workers included.
 * Target 500 KB. Every request goes to loopback; the bench fails if one does not, or if Monaco
 * logs "Could not create web worker".
 */
import { gzipSync } from "node:zlib";
import {
  devices,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from "playwright-core";
import type { BenchContext } from "./harness.js";
import { report, type Metric } from "./metric.js";
import { describe, percentile, round, summarize } from "./stats.js";
import { withWebStack, type WebWorld } from "./web-world.js";

const LOADS = 5;
const WARMUP_LOADS = 1;
const KB = 1024;
const FILE = "app.js";
const FILE_TEXT = "const answer = 42;";
/** A word of the file that shows verbatim (Monaco renders spaces as no-break spaces). */
const FILE_WORD = "answer";
/** Typed into the editor; the file holds no capital Q, so its appearance is the keystroke's. */
const MARK = "Q";
const MONACO_MARKER = "monaco-editor-background";
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;
const STEP_TIMEOUT_MS = 60_000;
const SETTLE_MS = 1500;

const CONTEXT_OPTIONS = { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } };

interface Load {
  /** ms from navigation start until the typed character showed. */
  interactiveMs: number;
  /** When the editor (or field) to type into first showed, ms since navigation start. */
  shownMs: number | null;
  firstContentfulPaintMs: number | null;
  domContentLoadedMs: number;
  /** Every script the page and its workers fetched, with when the page requested it (null: a worker did). */
  scripts: Map<string, number | null>;
  /** When each script the page requested had arrived, ms since navigation start. */
  arrivedMs: Map<string, number>;
  /** Main-thread tasks over 50 ms before the typed character showed: their total and the longest. */
  longTasks: { totalMs: number; longestMs: number };
}

/** Signs up, creates a project, saves a file in the IDE; returns the IDE's URL and the signed-in profile. */
async function prepareIde(
  world: WebWorld,
): Promise<{ ideUrl: string; storageState: StorageState }> {
  const context = await world.browser.newContext({ ...CONTEXT_OPTIONS, baseURL: world.webUrl });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Bench P9");
    await page.getByLabel("Email").fill(`p9-${Date.now()}@bench.test`);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: /create/i }).click();
    await page.waitForURL(/\/projects/);
    await page.goto("/projects/new");
    await page.getByLabel("Name").fill("p9");
    await page.getByRole("button", { name: /create/i }).click();
    await page.waitForURL(/\/projects\/[^/]+\/sessions\/[^/]+/);
    const ideUrl = page.url();
    await page
      .getByTestId("connection-state")
      .filter({ hasText: /connected/i })
      .waitFor();
    await page.getByRole("button", { name: "New file" }).click();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(FILE);
    await page.keyboard.press("Enter");
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.type(FILE_TEXT);
    await page.keyboard.press("Control+s");
    // Saved: the tab's close button loses its "unsaved changes" label.
    await page.getByRole("button", { name: `Close ${FILE}`, exact: true }).waitFor();
    return { ideUrl, storageState: await context.storageState() };
  } finally {
    await context.close();
  }
}

/**
 * In the page: from now on, checks every frame whether the typed character shows and records
 * when (ms since navigation start). Started before typing, so it never misses the moment. (A
 * string, not a function: tsx would wrap named inner functions in a helper the page lacks.)
 */
function watchForMark(page: Page, target: "monaco" | "email"): Promise<void> {
  const shows =
    target === "monaco"
      ? `[...document.querySelectorAll(".monaco-editor .view-lines")].some((lines) => (lines.textContent ?? "").includes(${JSON.stringify(MARK)}) && (lines.textContent ?? "").includes(${JSON.stringify(FILE_WORD)}))`
      : `(document.querySelector("input[name=email]")?.value ?? "").includes(${JSON.stringify(MARK)})`;
  return page.evaluate(`(function check() {
    if (${shows}) window.p9TypedAt = performance.now();
    else requestAnimationFrame(check);
  })()`);
}

/** Waits until no new script arrived for SETTLE_MS (workers and late chunks), at most 15 s. */
async function settle(scripts: Map<string, number | null>): Promise<void> {
  const deadline = Date.now() + 15_000;
  let seen = -1;
  while (seen !== scripts.size && Date.now() < deadline) {
    seen = scripts.size;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

interface LoadOptions {
  url: string;
  target: "monaco" | "email";
}

/** One load in `context`: navigate, type once the field or editor is there, time it; then undo. */
async function measureLoad(
  context: BrowserContext,
  options: LoadOptions,
  foreign: string[],
  consoleMessages: string[],
): Promise<Load> {
  const scripts = new Map<string, number | null>();
  const onRequest = (request: Request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && !LOOPBACK.test(url.hostname))
      foreign.push(request.url());
    url.hash = "";
    if (request.resourceType() === "script" || /\.m?js$/.test(url.pathname))
      scripts.set(url.href, null);
  };
  context.on("request", onRequest);
  const page = await context.newPage();
  try {
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on("console", (message) => consoleMessages.push(message.text()));
    page.on("worker", (worker) => scripts.set(worker.url().replace(/#.*/, ""), null));
    // Room for every resource entry (the default buffer holds 250), long tasks, and a note of when
    // the target first shows (checked once a frame: cheap, and it stops then).
    const selector =
      options.target === "monaco" ? ".monaco-editor .view-lines" : "input[name=email]";
    await page.addInitScript(`performance.setResourceTimingBufferSize(5000);
      window.p9LongTasks = [];
      new PerformanceObserver((list) => {
        for (const task of list.getEntries()) window.p9LongTasks.push([task.startTime, task.duration]);
      }).observe({ type: "longtask", buffered: true });
      (function shown() {
        if (document.querySelector(${JSON.stringify(selector)})) window.p9ShownAt = performance.now();
        else requestAnimationFrame(shown);
      })();`);
    await page.goto(options.url, { waitUntil: "commit" });
    const field = page.locator(selector).first();
    await field.click();
    await watchForMark(page, options.target);
    await page.keyboard.type(MARK);
    await page
      .waitForFunction(() => (window as unknown as { p9TypedAt?: number }).p9TypedAt !== undefined)
      .catch((error: unknown) => {
        throw new Error(
          `the character typed into ${options.target === "monaco" ? `Monaco (${FILE})` : "the email field"} never showed`,
          { cause: error },
        );
      });
    await settle(scripts);
    const timing = await page.evaluate(() => {
      const navigation = performance.getEntriesByType(
        "navigation",
      )[0] as PerformanceNavigationTiming;
      return {
        interactiveMs: (window as unknown as { p9TypedAt: number }).p9TypedAt,
        shownMs: (window as unknown as { p9ShownAt?: number }).p9ShownAt ?? null,
        firstContentfulPaintMs:
          performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
        domContentLoadedMs: navigation.domContentLoadedEventEnd,
        resources: (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map(
          (entry) => ({
            url: entry.name,
            startMs: entry.startTime,
            endMs: entry.responseEnd,
          }),
        ),
        longTasks: (window as unknown as { p9LongTasks: [number, number][] }).p9LongTasks,
      };
    });
    const arrivedMs = new Map(
      timing.resources.map(({ url, endMs }) => [url.replace(/#.*/, ""), endMs]),
    );
    const before = timing.longTasks
      .filter(([startMs]) => startMs < timing.interactiveMs)
      .map(([, durationMs]) => durationMs);
    const longTasks = {
      totalMs: before.reduce((sum, ms) => sum + ms, 0),
      longestMs: Math.max(0, ...before),
    };
    for (const { url, startMs } of timing.resources) {
      const key = url.replace(/#.*/, "");
      if (scripts.has(key) && scripts.get(key) === null) scripts.set(key, startMs);
    }
    if (options.target === "monaco") {
      // Leave the profile as found: the edit undone, its backup dropped (a later load in the same
      // profile must not find the character already there).
      await page.keyboard.press("Control+z");
      await page.waitForFunction(
        () => !Object.keys(localStorage).some((key) => key.startsWith("codeyard:buffer:")),
      );
    }
    return { ...timing, scripts, arrivedMs, longTasks };
  } finally {
    context.off("request", onRequest);
    await page.close();
  }
}

/** Body bytes of static scripts, fetched once each (they are immutable, content-hashed files). */
class ScriptSizes {
  private readonly cache = new Map<
    string,
    Promise<{ raw: number; gzip: number; monacoCore: boolean; namesMonaco: boolean }>
  >();

  of(url: string) {
    let entry = this.cache.get(url);
    if (!entry) {
      entry = (async () => {
        const response = await fetch(url);
        if (!response.ok)
          throw new Error(`fetching ${url} for its size failed: HTTP ${response.status}`);
        const body = Buffer.from(await response.arrayBuffer());
        return {
          raw: body.length,
          gzip: gzipSync(body, { level: 6 }).length,
          monacoCore: body.includes(MONACO_MARKER),
          namesMonaco: body.includes("monaco"),
        };
      })();
      this.cache.set(url, entry);
    }
    return entry;
  }
}

interface ScriptGroup {
  count: number;
  raw: number;
  gzip: number;
}

const emptyGroup = (): ScriptGroup => ({ count: 0, raw: 0, gzip: 0 });
const kb = (bytes: number) => `${round(bytes / KB)} KB`;
const describeGroup = (group: ScriptGroup) =>
  `${group.count} scripts, ${kb(group.gzip)} gzip (${kb(group.raw)} raw)`;

/**
 * Splits a load's scripts: requested by the page before the cutoff (first paint), and after it —
 * Monaco's chunks (their code names monaco), other lazy chunks, and what workers fetched.
 */
async function classify(load: Load, sizes: ScriptSizes, webUrl: string) {
  const cutoffMs = Math.max(load.domContentLoadedMs, load.firstContentfulPaintMs ?? 0);
  const groups = {
    firstPaint: emptyGroup(),
    monaco: emptyGroup(),
    otherLazy: emptyGroup(),
    workers: emptyGroup(),
    total: emptyGroup(),
  };
  const monacoInFirstPaint: string[] = [];
  let monacoRequestedMs = Number.POSITIVE_INFINITY;
  let monacoArrivedMs = 0;
  for (const [url, startMs] of load.scripts) {
    // Only the app's own scripts (a foreign one already fails the bench).
    if (new URL(url).port !== new URL(webUrl).port) continue;
    const size = await sizes.of(url);
    const add = (group: ScriptGroup) => {
      group.count++;
      group.raw += size.raw;
      group.gzip += size.gzip;
    };
    add(groups.total);
    if (startMs === null) add(groups.workers);
    else if (startMs <= cutoffMs) {
      add(groups.firstPaint);
      if (size.monacoCore) monacoInFirstPaint.push(url);
    } else if (size.namesMonaco) {
      add(groups.monaco);
      monacoArrivedMs = Math.max(monacoArrivedMs, load.arrivedMs.get(url) ?? 0);
      if (size.monacoCore) monacoRequestedMs = Math.min(monacoRequestedMs, startMs);
    } else add(groups.otherLazy);
  }
  return { cutoffMs, groups, monacoInFirstPaint, monacoRequestedMs, monacoArrivedMs };
}

/**
 * WARMUP_LOADS + LOADS loads, the warm-ups dropped: each in a fresh profile (cold HTTP cache), or
 * all in one profile (`warm`: a returning user's reload, scripts from the browser's cache).
 */
async function loads(
  ctx: BenchContext,
  browser: Browser,
  options: LoadOptions & { storageState?: StorageState; warm?: boolean },
  foreign: string[],
  consoleMessages: string[],
): Promise<Load[]> {
  const newContext = () =>
    browser.newContext({ ...CONTEXT_OPTIONS, storageState: options.storageState });
  const shared = options.warm ? await newContext() : null;
  const measured: Load[] = [];
  try {
    for (let i = 0; i < WARMUP_LOADS + LOADS; i++) {
      ctx.checkAborted();
      const context = shared ?? (await newContext());
      try {
        const load = await measureLoad(context, options, foreign, consoleMessages);
        if (i >= WARMUP_LOADS) measured.push(load);
      } finally {
        if (!shared) await context.close();
      }
    }
  } finally {
    await shared?.close();
  }
  return measured;
}

export async function benchP9(ctx: BenchContext): Promise<Metric[]> {
  console.log(
    `P9: the IDE in Chromium on loopback, ${LOADS} loads (+${WARMUP_LOADS} warm-up) each in a fresh profile; editor interactive = navigation start → a character typed into Monaco shows; baseline the sign-in page`,
  );
  return withWebStack(ctx, "p9", async (world) => {
    const { ideUrl, storageState } = await prepareIde(world);
    const foreign: string[] = [];
    const consoleMessages: string[] = [];
    const signIn = await loads(
      ctx,
      world.browser,
      { url: `${world.webUrl}/sign-in`, target: "email" },
      foreign,
      consoleMessages,
    );
    const ide = await loads(
      ctx,
      world.browser,
      { url: ideUrl, target: "monaco", storageState },
      foreign,
      consoleMessages,
    );
    const ideWarm = await loads(
      ctx,
      world.browser,
      { url: ideUrl, target: "monaco", storageState, warm: true },
      foreign,
      consoleMessages,
    );

    if (foreign.length)
      throw new Error(
        `the browser made ${foreign.length} request(s) to non-loopback origins: ${foreign.slice(0, 5).join(", ")}`,
      );
    const workerWarnings = consoleMessages.filter((text) =>
      /Could not create web worker/i.test(text),
    );
    if (workerWarnings.length)
      throw new Error(
        `Monaco fell back to running its workers on the main thread: ${workerWarnings[0]}`,
      );

    const sizes = new ScriptSizes();
    const classified = await Promise.all(ide.map((load) => classify(load, sizes, world.webUrl)));
    for (const { monacoInFirstPaint } of classified) {
      if (monacoInFirstPaint.length)
        throw new Error(
          `Monaco is loaded before first paint (not lazily): ${monacoInFirstPaint.join(", ")}`,
        );
    }
    if (classified.some(({ monacoRequestedMs }) => monacoRequestedMs === Number.POSITIVE_INFINITY))
      throw new Error(
        `no chunk with Monaco's "${MONACO_MARKER}" was loaded, yet the editor accepted typing: update MONACO_MARKER`,
      );

    const interactive = summarize(ide.map((load) => load.interactiveMs));
    const signInInteractive = summarize(signIn.map((load) => load.interactiveMs));
    const p50 = (values: number[]) => round(percentile(values, 50));
    // Scripts differ little between loads; the median load (by first-paint bytes) is reported.
    const byFirstPaint = [...classified].sort(
      (a, b) => a.groups.firstPaint.gzip - b.groups.firstPaint.gzip,
    );
    const typical = byFirstPaint[Math.floor(byFirstPaint.length / 2)]!;
    console.log(`  sign-in page interactive: ${describe(signInInteractive, "ms")}`);
    console.log(`  IDE editor interactive:   ${describe(interactive, "ms")}`);
    console.log(
      `  the same, reloads in one profile (scripts from the browser cache): ${describe(summarize(ideWarm.map((load) => load.interactiveMs)), "ms")}`,
    );
    console.log(
      `  IDE phases (p50): first contentful paint ${p50(ide.map((load) => load.firstContentfulPaintMs ?? Number.NaN))} ms, DOMContentLoaded ${p50(ide.map((load) => load.domContentLoadedMs))} ms, Monaco requested ${p50(classified.map((c) => c.monacoRequestedMs))} ms and arrived ${p50(classified.map((c) => c.monacoArrivedMs))} ms, editor shown ${p50(ide.map((load) => load.shownMs ?? Number.NaN))} ms, typed character shown ${round(interactive.p50)} ms`,
    );
    console.log(
      `  IDE main-thread long tasks before typing shows (p50): ${p50(ide.map((load) => load.longTasks.totalMs))} ms in all, longest ${p50(ide.map((load) => load.longTasks.longestMs))} ms; sign-in page ${p50(signIn.map((load) => load.longTasks.totalMs))} ms`,
    );
    console.log(
      `  IDE JS before first paint (cutoff ${round(typical.cutoffMs)} ms): ${describeGroup(typical.groups.firstPaint)}`,
    );
    console.log(
      `  IDE JS after first paint:  Monaco ${describeGroup(typical.groups.monaco)}; other lazy chunks ${describeGroup(typical.groups.otherLazy)}`,
    );
    console.log(`  IDE JS of workers:         ${describeGroup(typical.groups.workers)}`);
    console.log(`  IDE JS in all:             ${describeGroup(typical.groups.total)}`);
    console.log(`  requests to non-loopback origins: 0; "Could not create web worker" warnings: 0`);
    return [
      report({
        id: "P9-interactive",
        value: interactive.p50,
        unit: "ms",
        baseline: signInInteractive.p50,
        target: 2000,
        goal: "max",
      }),
      report({
        id: "P9-first-paint-js",
        value: typical.groups.firstPaint.gzip / KB,
        unit: "KB",
        baseline: typical.groups.total.gzip / KB,
        target: 500,
        goal: "max",
      }),
    ];
  });
}
