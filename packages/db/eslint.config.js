import { codeyardConfig } from "@codeyard/eslint-config";

// generated/ holds the Prisma clients written by scripts/generate-schemas.ts.
export default [{ ignores: ["generated/**"] }, ...codeyardConfig("db")];
