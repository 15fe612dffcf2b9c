import { describe, expect, it } from "vitest";
import { BuildOutput } from "./build-output.js";

describe("BuildOutput", () => {
  it("keeps the output without engine chatter and knows the failing step", () => {
    const lines: string[] = [];
    const output = new BuildOutput((line) => lines.push(line));
    for (const stream of [
      "Step 1/3 : FROM sha256:abc\n",
      " ---> abc\n",
      "Step 2/3 : RUN make\n",
      " ---> Running in 123\n",
      "compil",
      "ing\n\u001b[91merror: no",
      " rule\n\u001b[0m",
      "\u001b[0mRemoving intermediate container 123\n",
    ])
      output.push({ stream });
    output.push({
      error: "The command '/bin/sh -c make' returned a non-zero code: 2",
      errorDetail: { message: "The command '/bin/sh -c make' returned a non-zero code: 2" },
    });
    output.end();
    expect(lines).toEqual([
      "Step 1/3 : FROM sha256:abc",
      "Step 2/3 : RUN make",
      "compiling",
      "error: no rule",
    ]);
    expect(output.step).toBe("Step 2/3 : RUN make");
    expect(output.error).toMatch(/non-zero code: 2/);
    expect(output.stepTail()).toBe("Step 2/3 : RUN make\ncompiling\nerror: no rule");
    expect(output.tail(30)).toBe("compiling\nerror: no rule");
  });

  it("stays bounded and shows the last state of redrawn progress lines", () => {
    const output = new BuildOutput();
    output.push({ stream: "Step 1/2 : RUN spam\n" });
    for (let index = 0; index < 1000; index++) output.push({ stream: `line ${index}\n` });
    output.push({ stream: "Reading 10%\rReading 50%\rReading done\n" });
    output.push({ stream: "x".repeat(5000) });
    output.end();
    expect(output.tail(100_000).split("\n").length).toBeLessThanOrEqual(400);
    expect(output.stepTail(3, 10_000).split("\n")).toEqual([
      "line 999",
      "Reading done",
      "x".repeat(2000),
    ]);
  });
});
