/**
 * Row types of every model, as the one `Db` client returns them, plus a compile-time proof that
 * both generated clients agree on every row (same fields, same types).
 */
import type * as Postgres from "../generated/postgresql/client/client.js";
import type * as Sqlite from "../generated/sqlite/client/client.js";

export type {
  Attempt,
  AttemptGroup,
  AuthSession,
  Checkpoint,
  Event,
  Membership,
  Notification,
  Organization,
  OrgSettings,
  Project,
  ProjectSecret,
  ProviderCredential,
  PushSubscription,
  Run,
  SandboxLease,
  Session,
  ShareLink,
  Task,
  User,
} from "../generated/sqlite/client/client.js";
export { Prisma } from "../generated/sqlite/client/client.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type RowsAgree = [
  Holds<Same<Postgres.User, Sqlite.User>>,
  Holds<Same<Postgres.Organization, Sqlite.Organization>>,
  Holds<Same<Postgres.OrgSettings, Sqlite.OrgSettings>>,
  Holds<Same<Postgres.Membership, Sqlite.Membership>>,
  Holds<Same<Postgres.AuthSession, Sqlite.AuthSession>>,
  Holds<Same<Postgres.Project, Sqlite.Project>>,
  Holds<Same<Postgres.ProjectSecret, Sqlite.ProjectSecret>>,
  Holds<Same<Postgres.ProviderCredential, Sqlite.ProviderCredential>>,
  Holds<Same<Postgres.Session, Sqlite.Session>>,
  Holds<Same<Postgres.Event, Sqlite.Event>>,
  Holds<Same<Postgres.Run, Sqlite.Run>>,
  Holds<Same<Postgres.Checkpoint, Sqlite.Checkpoint>>,
  Holds<Same<Postgres.AttemptGroup, Sqlite.AttemptGroup>>,
  Holds<Same<Postgres.Attempt, Sqlite.Attempt>>,
  Holds<Same<Postgres.ShareLink, Sqlite.ShareLink>>,
  Holds<Same<Postgres.PushSubscription, Sqlite.PushSubscription>>,
  Holds<Same<Postgres.Notification, Sqlite.Notification>>,
  Holds<Same<Postgres.Task, Sqlite.Task>>,
  Holds<Same<Postgres.SandboxLease, Sqlite.SandboxLease>>,
];
