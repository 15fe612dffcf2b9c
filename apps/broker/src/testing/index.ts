/** `@codeyard/broker/testing`: helpers for tests that run a real broker (broker integration and e2e). */
export { PushEndpoint, decryptPush, ensureTestCertificate, type ReceivedPush, type TestCertificate, type TestSubscription } from "./push-endpoint.js";
export { removeCheckpointsOf, removeSandboxesOf, type CleanupPlace } from "./cleanup.js";
