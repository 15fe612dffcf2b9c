/** Test helper: a fresh, migrated SQLite database per test file (createTemporaryDatabase). */
import { createDb, createTemporaryDatabase, type Database, type TemporaryDatabase } from "@codeyard/db";
import { afterAll, beforeAll } from "vitest";

export function useTemporaryDatabase(): () => Database {
  let temporary: TemporaryDatabase | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    temporary = await createTemporaryDatabase("sqlite");
    database = await createDb({ url: temporary.url });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await temporary?.drop();
  });
  return () => {
    if (!database) throw new Error("the temporary database is not ready (use it inside a test)");
    return database;
  };
}
