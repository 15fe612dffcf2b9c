import { codeyardConfig } from "@codeyard/eslint-config";
export default codeyardConfig("agent");
