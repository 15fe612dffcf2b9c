import { describe, expect, it } from "vitest";
import { ProjectImageError } from "../errors.js";
import {
  parseInstructions,
  prepareProjectDockerfile,
  projectImageHash,
  projectRepository,
} from "./project-dockerfile.js";

const BASE = {
  id: "sha256:abc123",
  refs: ["codeyard/sandbox:latest", "codeyard/sandbox:fa464f9a3248"],
};

function refusal(text: string): ProjectImageError {
  try {
    prepareProjectDockerfile(text, BASE);
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectImageError);
    return error as ProjectImageError;
  }
  throw new Error(`accepted: ${text}`);
}

describe("prepareProjectDockerfile", () => {
  it.each([
    "FROM codeyard/sandbox",
    "FROM codeyard/sandbox:latest",
    "from codeyard/sandbox:fa464f9a3248",
    "ARG X=1\nFROM codeyard/sandbox",
  ])("pins %j to the base image id", (from) => {
    const prepared = prepareProjectDockerfile(`${from}\nRUN echo hi\n`, BASE);
    expect(prepared).toContain("FROM sha256:abc123\nRUN echo hi\n");
    expect(prepared).not.toMatch(/from codeyard/i);
  });

  it("always ends as coder in /workspace with the daemon as command", () => {
    const prepared = prepareProjectDockerfile(
      'FROM codeyard/sandbox\nUSER root\nWORKDIR /opt\nENTRYPOINT ["/bin/sh"]',
      BASE,
    );
    expect(prepared.trimEnd().split("\n").slice(-4)).toEqual([
      "USER coder",
      "WORKDIR /workspace",
      "ENTRYPOINT []",
      'CMD ["/opt/codeyard/bin/node", "/opt/codeyard/sandboxd.cjs"]',
    ]);
  });

  it("keeps stage names, allows later stages from earlier ones, and rewrites continued FROM lines", () => {
    const text =
      "# syntax=docker/dockerfile:1\nFROM \\\n  codeyard/sandbox AS tools\nRUN make\nFROM tools\nCOPY --from=tools /a /b\nCOPY --from=0 /c /d\n";
    const prepared = prepareProjectDockerfile(text, BASE);
    expect(prepared).toContain("FROM sha256:abc123 AS tools\n\nRUN make\nFROM tools\n");
  });

  it.each([
    ["FROM debian:bookworm\n", /first FROM names "debian:bookworm"/],
    ["FROM codeyard/sandbox:0123456789ab\n", /first FROM names "codeyard\/sandbox:0123456789ab"/],
    ["FROM codeyard/sandbox\nFROM node:20\n", /Stage 2's FROM names "node:20"/],
    ["ARG IMAGE=codeyard/sandbox\nFROM ${IMAGE}\n", /without variables/],
    ["FROM --platform=linux/arm64 codeyard/sandbox\n", /--platform are not supported/],
    ["FROM codeyard/sandbox\nCOPY --from=alpine /etc/passwd /x\n", /COPY --from=alpine/],
    ["FROM codeyard/sandbox\nRUN echo \\\n", /ends in the middle of an instruction/],
    ["RUN echo hi\n", /must begin with FROM/],
    ["# only a comment\n", /must begin with FROM/],
    ["FROM codeyard/sandbox AS\n", /malformed/],
  ])("refuses %j", (text, reason) => {
    const error = refusal(text);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(reason);
  });

  it("refuses an oversized Dockerfile", () => {
    expect(refusal(`FROM codeyard/sandbox\n${"RUN true\n".repeat(10_000)}`).code).toBe("too_large");
  });

  it("honours the escape directive", () => {
    const instructions = parseInstructions(
      "# escape=`\nFROM codeyard/sandbox\nRUN echo a `\n  b\n",
    );
    expect(
      instructions.map((instruction) => [
        instruction.keyword,
        instruction.args,
        instruction.firstLine,
        instruction.lastLine,
      ]),
    ).toEqual([
      ["FROM", "codeyard/sandbox", 1, 1],
      ["RUN", "echo a   b", 2, 3],
    ]);
  });
});

describe("project image naming", () => {
  it("hashes the prepared text, so the same Dockerfile on another base gets another tag", () => {
    const text = "FROM codeyard/sandbox\nRUN echo hi\n";
    const one = projectImageHash(prepareProjectDockerfile(text, BASE));
    expect(one).toMatch(/^[0-9a-f]{12}$/);
    expect(
      projectImageHash(prepareProjectDockerfile(text.replace("sandbox", "sandbox:latest"), BASE)),
    ).toBe(one);
    expect(
      projectImageHash(prepareProjectDockerfile(text, { ...BASE, id: "sha256:def456" })),
    ).not.toBe(one);
  });

  it("refuses project ids that cannot name an image", () => {
    expect(projectRepository("cm9x2abc0001")).toBe("codeyard/project-cm9x2abc0001");
    for (const id of ["Upper", "../x", "a b", ""])
      expect(() => projectRepository(id)).toThrow(/cannot name a Docker image/);
  });
});
