import { codeyardConfig } from "@codeyard/eslint-config";
// The one module allowed to read process.env.
export default codeyardConfig("env", { allowProcessEnv: true });
