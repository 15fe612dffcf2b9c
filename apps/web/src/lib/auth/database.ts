/** The web app's one database connection and secret key, opened on first use and shared by every request. */
import { createDb, databaseUrl, loadSecretKey, type Database, type SecretKey } from "@codeyard/db";
import { env } from "@codeyard/env";

// Kept on globalThis so `next dev` reloads do not open a new connection per edit.
const holder = globalThis as typeof globalThis & { __codeyardDatabase?: Promise<Database>; __codeyardSecretKey?: SecretKey };

export function getDatabase(): Promise<Database> {
  holder.__codeyardDatabase ??= createDb({ url: databaseUrl(env()) }).catch((error: unknown) => {
    holder.__codeyardDatabase = undefined;
    throw error;
  });
  return holder.__codeyardDatabase;
}

export async function getDb(): Promise<Database["db"]> {
  return (await getDatabase()).db;
}

/** Throws DbError("secret_key_missing") in production without CODEYARD_SECRET_KEY; callers show its message. */
export function getSecretKey(): SecretKey {
  holder.__codeyardSecretKey ??= loadSecretKey(env());
  return holder.__codeyardSecretKey;
}
