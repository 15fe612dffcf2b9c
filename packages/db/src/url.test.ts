import { describe, expect, it } from "vitest";
import { databaseUrl, providerOf, redactUrl, sqlitePath } from "./url.js";

describe("database URLs", () => {
  it("default to SQLite in the data dir", () => {
    expect(databaseUrl({ CODEYARD_DATABASE_URL: undefined, CODEYARD_DATA_DIR: "/var/lib/codeyard" })).toBe("file:/var/lib/codeyard/codeyard.db");
    expect(databaseUrl({ CODEYARD_DATABASE_URL: "postgresql://u:p@h/db", CODEYARD_DATA_DIR: "/x" })).toBe("postgresql://u:p@h/db");
  });

  it("pick the provider from the scheme", () => {
    expect(providerOf("file:/tmp/a.db")).toBe("sqlite");
    expect(providerOf("postgres://u@h/db")).toBe("postgresql");
    expect(providerOf("postgresql://u:p@h:5432/db")).toBe("postgresql");
    expect(() => providerOf("mysql://u:secret@h/db")).toThrow(/Unsupported database URL "mysql:\/\/u:\*\*\*@h\/db".*CODEYARD_DATABASE_URL/);
  });

  it("hide passwords and find SQLite paths", () => {
    expect(redactUrl("postgresql://codeyard:s3cr3t@db:5432/codeyard")).toBe("postgresql://codeyard:***@db:5432/codeyard");
    expect(redactUrl("file:/tmp/a.db")).toBe("file:/tmp/a.db");
    expect(sqlitePath("file:/var/lib/codeyard/codeyard.db")).toBe("/var/lib/codeyard/codeyard.db");
    expect(sqlitePath("file:./dev.db?connection_limit=1")).toBe("./dev.db");
  });
});
