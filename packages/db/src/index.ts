/** @codeyard/db — the persistence layer: one schema over SQLite (embedded) or PostgreSQL (several brokers). */
export { createDb, type CreateDbOptions, type Database, type Db, type DbOrTx, type Tx } from "./client.js";
export type { AdapterOptions } from "./adapters.js";
export { databaseUrl, providerOf, redactUrl, PROVIDERS, type Provider } from "./url.js";
export { DbError, isUniqueViolation, isRecordNotFound, type DbErrorCode } from "./errors.js";
export * from "./models.js";
export * from "./values.js";
export { encodeJson, decodeJson } from "./json-column.js";
export { appendEvents, readEvents, eventTypeSchema, MAX_EVENTS_PER_APPEND, MAX_EVENTS_PER_READ, MAX_EVENT_PAYLOAD_BYTES } from "./events.js";
export type { NewEvent, StoredEvent, ReadEventsOptions } from "./events.js";
export { acquireLease, renewLease, releaseLease, leaseOwner, leasesOf, LeaseHeldError, MAX_LEASE_TTL_MS, type Lease, type LeaseOptions } from "./leases.js";
export { encryptSecret, decryptSecret, loadSecretKey, parseSecretKey, MAX_SECRET_BYTES, type SecretKey } from "./secrets.js";
export { setProjectSecret, listProjectSecrets, revealProjectSecrets, deleteProjectSecret, secretNameSchema, type ProjectSecretInfo } from "./project-secrets.js";
export { saveProviderCredential, listProviderCredentials, revealProviderCredential, type ProviderCredentialInfo } from "./provider-credentials.js";
export { newToken, hashToken } from "./tokens.js";
export { createAuthSession, validateAuthSession, revokeAuthSession, deleteExpiredAuthSessions, AUTH_SESSION_TTL_MS, type SessionUser } from "./auth-sessions.js";
export { migrateDatabase, shippedMigrations, appliedMigrations, pendingMigrations, assertMigrated, migrationsHash } from "./migrations.js";
export { createTemporaryDatabase, type TemporaryDatabase, type TemporaryDatabaseOptions } from "./temporary-database.js";
export { createBranchSession, findCheckpointBefore, findReachableCheckpoint, type CheckpointPosition, type NewBranch } from "./branches.js";
export { decideShareAccess, SHARE_DENIAL_MESSAGES, SHARE_DENIAL_PRIORITY, type ShareAccess, type ShareAccessInput, type ShareDenial, type ShareLinkState, type ShareViewer } from "./share-access.js";
export {
  createShareLink,
  listShareLinks,
  findShareLink,
  revokeShareLink,
  reissueShareLink,
  resolveShareAccess,
  MAX_SHARE_LINKS_PER_SESSION,
  type ActiveShareVisibility,
  type ResolvedShare,
  type ShareCredentialInput,
  type ShareLinkInfo,
  type SharedSessionInfo,
} from "./share-links.js";
