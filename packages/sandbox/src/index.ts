/** @codeyard/sandbox — hardened Docker sandboxes: lifecycle, exec, terminals, files. */
export { SandboxManager, type SandboxManagerOptions, type SandboxStateChange } from "./manager/sandbox-manager.js";
export { SandboxClient, TerminalSession, type ExecOptions, type ExecResult, type SearchOptions } from "./client/sandbox-client.js";
export { DockerDriver, containerName } from "./docker/docker-driver.js";
export { IGNORED_ENVIRONMENT_PATHS } from "./docker/upper-dir-fingerprint.js";
export { SANDBOX_NETWORKS } from "./docker/networks.js";
export type { SandboxDriver, DriverSpec, DriverSandbox, SandboxEnvironments, EnvironmentState, SandboxProjectImages, ProjectImage, ProjectImageRequest } from "./driver.js";
export { PROJECT_IMAGE_LABEL } from "./docker/docker-project-images.js";
export {
  DEFAULT_MAX_ENVIRONMENT_LAYERS,
  ENV_LABEL,
  type CheckpointCapture,
  type CheckpointOptions,
  type CheckpointProcess,
  type CheckpointRefs,
  type WorkspaceDiff,
  type WorkspaceDiffFile,
} from "./checkpoints/types.js";
export { SandboxError, ProjectImageError, type SandboxErrorCode } from "./errors.js";
export { openWorkspaceStore, type WorkspaceStore } from "./workspace-store.js";
export { resolveWorkspacePath, PathOutsideWorkspaceError } from "./paths.js";
export { DEFAULT_LIMITS, type NetworkMode, type SandboxConfig, type SandboxInfo, type SandboxLimits, type SandboxState } from "./types.js";
export type { DirEntry, FileStat, FileChange, ListeningProcess, SearchMatch, TerminalInfo } from "./wire/messages.js";
