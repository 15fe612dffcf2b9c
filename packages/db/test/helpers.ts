/**
 * Shared setup of the database tests: every suite runs against BOTH providers, each test file in
 * its own throwaway database (a temporary SQLite file; a temporary database on the PostgreSQL
 * test server, CODEYARD_TEST_POSTGRES_URL). PostgreSQL being unreachable fails the tests, with the
 * command that starts it.
 */
import { loadEnv } from "@codeyard/env";
import { afterAll } from "vitest";
import { createDb, createTemporaryDatabase, type Database, type Db, type Provider, type TemporaryDatabase } from "../src/index.js";

export const POSTGRES_URL = loadEnv().CODEYARD_TEST_POSTGRES_URL;

export interface TestDatabase extends Database {
  temporary: TemporaryDatabase;
  /** Another client on the same database: its own pool on PostgreSQL; on SQLite the shared one (see createDb). */
  connect(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function openTestDatabase(provider: Provider, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const temporary = await createTemporaryDatabase(provider, { postgresUrl: POSTGRES_URL, migrated: options.migrated });
  const database = await createDb({ url: temporary.url });
  const others: Database[] = [];
  return {
    ...database,
    temporary,
    connect: async () => {
      const other = await createDb({ url: temporary.url, poolSize: 2 });
      others.push(other);
      return other;
    },
    dispose: async () => {
      await Promise.all([...others, database].map((db) => db.close()));
      await temporary.drop();
    },
  };
}

/**
 * The suite's database, opened by the first test that asks (`const t = await database()`) and
 * disposed after the suite. Opening inside the tests, not in beforeAll, makes an unreachable
 * PostgreSQL fail every test with its message instead of leaving them "skipped".
 */
export function useTestDatabase(provider: Provider): () => Promise<TestDatabase> {
  let opening: Promise<TestDatabase> | undefined;
  afterAll(async () => {
    const opened = await opening?.catch(() => undefined);
    await opened?.dispose();
  });
  return () => (opening ??= openTestDatabase(provider));
}

/** A user, an organization they own, a project and a session: what most rows hang from. */
export async function seed(db: Db, tag = Math.random().toString(36).slice(2, 8)) {
  const user = await db.user.create({ data: { email: `dev-${tag}@example.com`, name: `Dev ${tag}`, passwordHash: "scrypt$placeholder" } });
  const org = await db.organization.create({ data: { name: `Org ${tag}`, slug: `org-${tag}` } });
  await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
  const project = await db.project.create({ data: { orgId: org.id, name: `Project ${tag}`, slug: `project-${tag}`, createdById: user.id } });
  const session = await db.session.create({ data: { projectId: project.id, ownerId: user.id, title: "first" } });
  return { user, org, project, session };
}

export const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);
