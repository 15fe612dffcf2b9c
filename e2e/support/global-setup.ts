/** A fresh, migrated database for the end-to-end stack (the first sign-up becomes the admin). */
import { rmSync } from "node:fs";
import { migrateDatabase } from "@codeyard/db";
import { E2E } from "./ports.js";

export default async function globalSetup(): Promise<void> {
  const path = E2E.databaseUrl.slice("file:".length);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  const { mkdirSync } = await import("node:fs");
  mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await migrateDatabase(E2E.databaseUrl);
}
