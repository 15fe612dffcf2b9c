/**
 * The committed migrations: they apply to an empty database on both providers, and they produce
 * exactly what prisma/schema.prisma describes (so a schema change without a migration fails here).
 */
import { describe, expect, it } from "vitest";
import {
  assertMigrated,
  createDb,
  createTemporaryDatabase,
  migrateDatabase,
  pendingMigrations,
  PROVIDERS,
  shippedMigrations,
  type Provider,
} from "../src/index.js";
import { generatedSchemaPath, migrationsDir } from "../src/paths.js";
import { runPrisma } from "../src/prisma-cli.js";
import { POSTGRES_URL } from "./helpers.js";

describe.each(PROVIDERS)("migrations on %s", (provider: Provider) => {
  it("apply to an empty database, once", async () => {
    const temporary = await createTemporaryDatabase(provider, { postgresUrl: POSTGRES_URL, migrated: false });
    try {
      const before = await createDb({ url: temporary.url });
      expect(shippedMigrations(provider).length).toBeGreaterThan(0);
      expect(await pendingMigrations(before)).toEqual(shippedMigrations(provider));
      await expect(assertMigrated(before)).rejects.toMatchObject({ code: "not_migrated", message: expect.stringMatching(/prepare-db\.sh/) });
      await before.close();

      await migrateDatabase(temporary.url);
      const after = await createDb({ url: temporary.url });
      try {
        expect(await pendingMigrations(after)).toEqual([]);
        await assertMigrated(after);
        // The tables are there and usable.
        const user = await after.db.user.create({ data: { email: "first@example.com", name: "First", passwordHash: "x" } });
        expect(await after.db.user.findUnique({ where: { id: user.id } })).toEqual(user);
      } finally {
        await after.close();
      }

      // Applying again changes nothing.
      await migrateDatabase(temporary.url);
      const again = await createDb({ url: temporary.url });
      expect(await again.db.user.count()).toBe(1);
      await again.close();
    } finally {
      await temporary.drop();
    }
  }, 120_000);

  it("match prisma/schema.prisma (else run `npm run migration -w @codeyard/db -- <name>`)", async () => {
    // Applies the migrations to a shadow database and diffs it against the schema.
    const url = provider === "sqlite" ? "file::memory:" : POSTGRES_URL;
    const stdout = await runPrisma(
      ["migrate", "diff", "--from-migrations", migrationsDir(provider), "--to-schema-datamodel", generatedSchemaPath(provider), "--script", "--exit-code"],
      { url, what: "comparing the migrations with the schema" },
    );
    expect(stdout.trim().split("\n").at(-1)).toBe("-- This is an empty migration.");
  }, 120_000);

  it("report an unreachable database clearly", async () => {
    const url = provider === "sqlite" ? "file:/etc/hostname/not-a-dir/x.db" : "postgresql://nobody:wrong@127.0.0.1:1/nothing";
    await expect(createDb({ url })).rejects.toMatchObject({
      code: "unreachable",
      message: expect.stringMatching(provider === "sqlite" ? /ENOTDIR.*CODEYARD_DATA_DIR/ : /127\.0\.0\.1:1.*ensure-postgres\.sh/),
    });
  });
});

describe("migrating SQLite while another process has it open", () => {
  it("fails saying what to stop", async () => {
    const temporary = await createTemporaryDatabase("sqlite", { migrated: false });
    const open = await createDb({ url: temporary.url });
    try {
      await pendingMigrations(open);
      await expect(migrateDatabase(temporary.url)).rejects.toMatchObject({
        code: "migration_failed",
        message: expect.stringMatching(/another process has the SQLite database open.*stop them/),
      });
    } finally {
      await open.close();
      await temporary.drop();
    }
  }, 60_000);
});
