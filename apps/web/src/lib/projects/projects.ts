/**
 * Projects as the web app reads and changes them. Every function takes the acting user's id and
 * looks up their membership of the project's organization itself; unknown and forbidden projects
 * look alike (null / not_found), so ids cannot be probed.
 */
import { isUniqueViolation, membershipRoleSchema, type Db, type DbOrTx, type MembershipRole, type Project } from "@codeyard/db";
import { OrgError } from "../orgs/org-error";
import { findMembership } from "../orgs/organizations";
import { canManageOrg } from "../orgs/roles";
import { firstFreeSlug, slugify } from "../orgs/slug";
import { gitCloneSetupScript } from "./git-url";
import type { CreateProjectInput } from "./schemas";
import { TEMPLATES, templateSetupScript } from "./templates";

export const FIRST_SESSION_TITLE = "Main";

export interface ProjectAccess {
  project: Project;
  role: MembershipRole;
  /** Owners, admins and the project's creator may delete it. */
  canDelete: boolean;
}

export async function projectForUser(db: DbOrTx, userId: string, projectId: string): Promise<ProjectAccess | null> {
  if (!projectId || projectId.length > 64) return null;
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) return null;
  const membership = await db.membership.findUnique({ where: { userId_orgId: { userId, orgId: project.orgId } }, select: { role: true } });
  if (!membership) return null;
  const role = membershipRoleSchema.catch("member").parse(membership.role);
  return { project, role, canDelete: canManageOrg(role) || project.createdById === userId };
}

async function requireProject(db: DbOrTx, userId: string, projectId: string): Promise<ProjectAccess> {
  const access = await projectForUser(db, userId, projectId);
  if (!access) throw new OrgError("not_found", "This project does not exist or you are not a member of its organization.");
  return access;
}

/** The setup script and verify command a new project starts with. */
export function initialSandboxConfig(input: CreateProjectInput): { setupScript: string | null; verifyCommand: string | null } {
  if (input.source === "template") {
    const template = TEMPLATES[input.template];
    return { setupScript: templateSetupScript(template), verifyCommand: template.verifyCommand };
  }
  if (input.source === "git") return { setupScript: gitCloneSetupScript(input.gitUrl), verifyCommand: null };
  return { setupScript: null, verifyCommand: null };
}

/** Creates the project and its first session ("Main", owned by the creator). */
export async function createProject(db: Db, userId: string, input: CreateProjectInput): Promise<{ projectId: string; sessionId: string }> {
  const attempt = () =>
    db.$transaction(async (tx) => {
      if (!(await findMembership(tx, userId, input.orgId))) {
        throw new OrgError("forbidden", "You are not a member of this organization; pick another one.");
      }
      const base = slugify(input.name, "project");
      const taken = await tx.project.findMany({ where: { orgId: input.orgId, slug: { startsWith: base } }, select: { slug: true } });
      const project = await tx.project.create({
        data: {
          orgId: input.orgId,
          name: input.name,
          slug: firstFreeSlug(base, taken.map((row) => row.slug)),
          createdById: userId,
          ...initialSandboxConfig(input),
        },
      });
      const session = await tx.session.create({ data: { projectId: project.id, ownerId: userId, title: FIRST_SESSION_TITLE } });
      return { projectId: project.id, sessionId: session.id };
    });
  try {
    return await attempt();
  } catch (error) {
    // Someone took the same slug between our read and our insert: the retry sees it.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

export interface ProjectListItem {
  id: string;
  name: string;
  slug: string;
  updatedAt: Date;
  modelProvider: string | null;
  model: string | null;
  sessionCount: number;
  latestSessionId: string | null;
}

/**
 * The sessions a project's address may open: not archived, and not a best-of-N attempt (those run
 * on their own and would otherwise always look the most recent; they open from their group).
 */
const OPENS_TO = { status: { not: "archived" }, attempt: { is: null } } as const;

/** The projects of one of the user's organizations, most recently changed first; [] if not a member. */
export async function listProjects(db: DbOrTx, userId: string, orgId: string): Promise<ProjectListItem[]> {
  const rows = await db.project.findMany({
    where: { orgId, org: { memberships: { some: { userId } } } },
    orderBy: { updatedAt: "desc" },
    take: 500,
    include: {
      _count: { select: { sessions: true } },
      sessions: { where: OPENS_TO, orderBy: { updatedAt: "desc" }, take: 1, select: { id: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    slug: row.slug,
    updatedAt: row.updatedAt,
    modelProvider: row.modelProvider,
    model: row.model,
    sessionCount: row._count.sessions,
    latestSessionId: row.sessions[0]?.id ?? null,
  }));
}

/** The project's most recent session, creating the first one if it has none. */
export async function openSession(db: Db, userId: string, projectId: string): Promise<string> {
  await requireProject(db, userId, projectId);
  const latest = await db.session.findFirst({ where: { projectId, ...OPENS_TO }, orderBy: { updatedAt: "desc" }, select: { id: true } });
  if (latest) return latest.id;
  const session = await db.session.create({ data: { projectId, ownerId: userId, title: FIRST_SESSION_TITLE } });
  return session.id;
}

export type ProjectChanges = Partial<
  Pick<Project, "name" | "modelProvider" | "model" | "fallbackModel" | "networkMode" | "allowlist" | "dockerfile" | "setupScript" | "verifyCommand">
>;

/** Any member may change a project's settings. */
export async function updateProject(db: Db, userId: string, projectId: string, changes: ProjectChanges): Promise<Project> {
  return db.$transaction(async (tx) => {
    await requireProject(tx, userId, projectId);
    return tx.project.update({ where: { id: projectId }, data: changes });
  });
}

/** Deletes the project (sessions, events and secrets with it) if `confirmation` is its exact name. */
export async function deleteProject(db: Db, userId: string, projectId: string, confirmation: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { project, canDelete } = await requireProject(tx, userId, projectId);
    if (!canDelete) throw new OrgError("forbidden", "Only the project's creator or an owner or admin of its organization can delete it.");
    if (confirmation !== project.name) throw new OrgError("invalid", `Type the project's name, ${project.name}, exactly to confirm.`);
    await tx.project.delete({ where: { id: projectId } });
  });
}

export { requireProject };
