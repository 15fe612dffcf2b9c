/** `@codeyard/broker/testing`: a local Web Push service for tests (broker integration and e2e). */
export { PushEndpoint, decryptPush, ensureTestCertificate, type ReceivedPush, type TestCertificate, type TestSubscription } from "./push-endpoint.js";
