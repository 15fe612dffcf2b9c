import { codeyardConfig } from "@codeyard/eslint-config";

export default [...codeyardConfig("web"), { ignores: ["next-env.d.ts", ".next/**"] }];
