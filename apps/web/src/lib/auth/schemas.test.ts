import { describe, expect, it } from "vitest";
import { safeNextPath, signInSchema, signUpSchema } from "./schemas";

describe("signUpSchema", () => {
  it("normalizes the email and trims the name", () => {
    const result = signUpSchema.parse({ email: "  Ada@Example.COM ", name: "  Ada Lovelace ", password: "long enough" });
    expect(result).toEqual({ email: "ada@example.com", name: "Ada Lovelace", password: "long enough" });
  });

  it("says what is wrong with each field", () => {
    const result = signUpSchema.safeParse({ email: "not-an-email", name: "   ", password: "short" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(messages).toEqual({
      email: "Enter an email address such as ada@example.com.",
      name: "Enter your name.",
      password: "Use at least 8 characters.",
    });
  });

  it("bounds every field", () => {
    const result = signUpSchema.safeParse({ email: `${"a".repeat(320)}@x.io`, name: "n".repeat(101), password: "p".repeat(257) });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path[0]).sort()).toEqual(["email", "name", "password"]);
  });

  it("rejects missing fields with a readable message", () => {
    const result = signUpSchema.safeParse({});
    expect(result.error!.issues.find((issue) => issue.path[0] === "email")?.message).toBe("Enter your email address.");
  });
});

describe("signInSchema", () => {
  it("keeps the password as typed (no trimming)", () => {
    expect(signInSchema.parse({ email: "a@b.co", password: " spaced " }).password).toBe(" spaced ");
  });

  it("asks for a password", () => {
    expect(signInSchema.safeParse({ email: "a@b.co", password: "" }).error?.issues[0]?.message).toBe("Enter your password.");
  });
});

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/projects/abc/settings?tab=model#x")).toBe("/projects/abc/settings?tab=model#x");
    expect(safeNextPath("/orgs/1/members")).toBe("/orgs/1/members");
  });

  it("refuses anything that could leave the site, or loop back to sign-in", () => {
    for (const value of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "projects", "/a\nb", "/sign-in", "/sign-in?next=/x", undefined, 42]) {
      expect(safeNextPath(value)).toBe("/projects");
    }
  });
});
