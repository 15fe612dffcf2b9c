/** The files an agent run changed: shared with the broker, so it lives in @codeyard/protocol. */
export {
  changesOfFileChanged,
  changesOfToolCall,
  isNoise,
  isTemporaryWrite,
  mergeFileChanges,
  type FileChange,
  type TextEdit,
} from "@codeyard/protocol";
