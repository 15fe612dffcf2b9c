import type { NextConfig } from "next";

const config: NextConfig = {
  // Internal workspace packages ship TypeScript source, not built JavaScript.
  transpilePackages: ["@codeyard/env", "@codeyard/protocol", "@codeyard/db"],
  // Native and engine packages behind @codeyard/db are loaded by Node at run time, never bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "prisma",
  ],
  turbopack: {
    rules: {
      // Workspace packages import `./x.js` for `x.ts` (Node ESM style); see the loader.
      "*.ts": {
        condition: { path: /(^|\/)packages\/[^/]+\/(src|generated)\// },
        loaders: ["./turbopack/workspace-package-loader.cjs"],
      },
    },
  },
  poweredByHeader: false,
};

export default config;
