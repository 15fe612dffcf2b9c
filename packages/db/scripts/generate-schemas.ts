/**
 * Derives each provider's schema from the one source, prisma/schema.prisma (written for SQLite),
 * and generates its Prisma client. Only the datasource provider and the generator output change;
 * anything else that differs would be a bug, so the derivation refuses a source it does not expect.
 *
 *   npm run generate -w @codeyard/db            # only what changed (a stamp records the inputs)
 *   npm run generate -w @codeyard/db -- --force
 *
 * Output (git-ignored): packages/db/generated/<provider>/schema.prisma and .../client/.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generatedSchemaPath, prismaCli, SOURCE_SCHEMA } from "../src/paths.js";
import { runPrisma } from "../src/prisma-cli.js";
import { PROVIDERS, type Provider } from "../src/url.js";

const SOURCE_PROVIDER = /^(\s*provider\s*=\s*)"sqlite"\s*$/m;
const SOURCE_OUTPUT = /^(\s*output\s*=\s*)"[^"]*"\s*$/m;

/** The schema text for `provider`, derived from the source text. Exported for the tests. */
export function deriveSchema(source: string, provider: Provider): string {
  const datasource = /datasource\s+db\s*\{[^}]*\}/.exec(source);
  const generator = /generator\s+client\s*\{[^}]*\}/.exec(source);
  if (!datasource || !SOURCE_PROVIDER.test(datasource[0])) {
    throw new Error(`${SOURCE_SCHEMA}: expected a "datasource db" block with provider = "sqlite" (the schema source is written for SQLite)`);
  }
  if (!generator || !SOURCE_OUTPUT.test(generator[0])) {
    throw new Error(`${SOURCE_SCHEMA}: expected a "generator client" block with an output = "..." line`);
  }
  const header = `// GENERATED from prisma/schema.prisma by packages/db/scripts/generate-schemas.ts; do not edit.\n`;
  return (
    header +
    source
      .replace(datasource[0], datasource[0].replace(SOURCE_PROVIDER, `$1"${provider}"`))
      .replace(generator[0], generator[0].replace(SOURCE_OUTPUT, `$1"./client"`))
  );
}

function stampOf(schema: string): string {
  const prismaVersion = JSON.parse(readFileSync(join(dirname(prismaCli()), "..", "package.json"), "utf8")).version;
  return createHash("sha256").update(`${prismaVersion}\n${schema}`).digest("hex");
}

async function generate(provider: Provider, source: string, force: boolean): Promise<boolean> {
  const schemaPath = generatedSchemaPath(provider);
  const dir = dirname(schemaPath);
  const schema = deriveSchema(source, provider);
  const stampPath = join(dir, ".stamp");
  const stamp = stampOf(schema);
  const upToDate = existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp && existsSync(join(dir, "client", "client.ts"));
  if (upToDate && !force) return false;
  mkdirSync(dir, { recursive: true });
  writeFileSync(schemaPath, schema);
  await runPrisma(["generate", "--schema", schemaPath], { what: `generating the ${provider} client` });
  writeFileSync(stampPath, stamp);
  return true;
}

/** Brings both generated schemas and clients up to date; returns the providers it regenerated. */
export async function generateClients(force = false): Promise<Provider[]> {
  const source = readFileSync(SOURCE_SCHEMA, "utf8");
  const done = await Promise.all(PROVIDERS.map((provider) => generate(provider, source, force)));
  return PROVIDERS.filter((_, i) => done[i]);
}

async function main(): Promise<void> {
  const started = Date.now();
  const generated = await generateClients(process.argv.includes("--force"));
  console.error(
    generated.length
      ? `db: generated the ${generated.join(" and ")} client${generated.length > 1 ? "s" : ""} in ${Date.now() - started} ms`
      : "db: Prisma clients are up to date",
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
