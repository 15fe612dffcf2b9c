import { codeyardConfig } from "@codeyard/eslint-config";
// sandboxd (src/daemon) runs inside the sandbox and gets its settings from the container's
// environment, set by the driver; it is the only part of this package that reads process.env.
export default [
  ...codeyardConfig("sandbox"),
  { files: ["src/daemon/**"], rules: { "no-restricted-properties": "off" } },
];
