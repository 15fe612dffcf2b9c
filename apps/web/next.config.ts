import type { NextConfig } from "next";

const config: NextConfig = {
  // Internal workspace packages ship TypeScript source, not built JavaScript.
  transpilePackages: ["@codeyard/env"],
  poweredByHeader: false,
};

export default config;
