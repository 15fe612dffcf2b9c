/** @codeyard/protocol — every socket event and HTTP body shared by the web app and the broker. */
export * from "./common.js";
export * from "./errors.js";
export * from "./session-log.js";
export * from "./event-sequencer.js";
export * from "./socket-events.js";
export * from "./share-events.js";
export * from "./run-events.js";
export * from "./checkpoints.js";
export * from "./changed-files.js";
export * from "./task-events.js";
export * from "./notification-events.js";
