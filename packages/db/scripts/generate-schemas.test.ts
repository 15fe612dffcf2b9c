import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedSchemaPath, SOURCE_SCHEMA } from "../src/paths.js";
import { PROVIDERS } from "../src/url.js";
import { deriveSchema } from "./generate-schemas.js";

const source = readFileSync(SOURCE_SCHEMA, "utf8");

/** The lines of `a` that `b` lacks. */
const changed = (a: string, b: string) => {
  const other = new Set(b.split("\n"));
  return a.split("\n").filter((line) => !other.has(line));
};

describe("schema derivation", () => {
  it("changes only the datasource provider and the generator output", () => {
    const postgres = deriveSchema(source, "postgresql");
    expect(changed(postgres, source).map((line) => line.trim().replace(/\s+/g, " "))).toEqual([
      "// GENERATED from prisma/schema.prisma by packages/db/scripts/generate-schemas.ts; do not edit.",
      'output = "./client"',
      'provider = "postgresql"',
    ]);
    expect(changed(deriveSchema(source, "sqlite"), source).length).toBe(2);
  });

  it("refuses a source that is not written for SQLite", () => {
    expect(() => deriveSchema(source.replace('provider = "sqlite"', 'provider = "mysql"'), "postgresql")).toThrow(/provider = "sqlite"/);
  });

  it.each(PROVIDERS)("matches the generated %s schema (else run `npm run generate -w @codeyard/db`)", (provider) => {
    expect(readFileSync(generatedSchemaPath(provider), "utf8")).toBe(deriveSchema(source, provider));
  });
});
