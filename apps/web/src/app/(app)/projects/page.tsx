import type { Metadata } from "next";
import Link from "next/link";
import { buttonStyles, cardStyles } from "@/components/forms/styles";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/lib/auth/database";
import { loadAppContext } from "@/lib/orgs/app-context";
import { timeAgo } from "@/lib/projects/format";
import { listProjects, type ProjectListItem } from "@/lib/projects/projects";
import { providerLabel } from "@/lib/projects/providers";

export const metadata: Metadata = { title: "Projects · Codeyard" };

export default async function ProjectsPage() {
  const { user, currentOrg } = await loadAppContext();
  if (!currentOrg) {
    return (
      <PageContainer>
        <PageHeader title="Projects" />
        <p className="text-sm text-muted">You are not a member of any organization. Ask an owner or admin to add you to theirs; projects live in organizations.</p>
      </PageContainer>
    );
  }
  const projects = await listProjects(await getDb(), user.id, currentOrg.orgId);
  const now = new Date();
  return (
    <PageContainer>
      <PageHeader
        title="Projects"
        description={`In ${currentOrg.orgName}`}
        actions={
          <Link href="/projects/new" className={buttonStyles.primary}>
            New project
          </Link>
        }
      />
      {projects.length === 0 ? (
        <div className={`${cardStyles} flex flex-col items-start gap-3 p-6`}>
          <h2 className="font-medium">No projects yet</h2>
          <p className="text-sm text-muted">A project holds a sandbox configuration and the sessions where you and the agent work. Start empty, from a template, or from a git repository.</p>
          <Link href="/projects/new" className={buttonStyles.primary}>
            Create your first project
          </Link>
        </div>
      ) : (
        <ul className={`${cardStyles} divide-y divide-border`} aria-label="Projects">
          {projects.map((project) => (
            <ProjectRow key={project.id} project={project} now={now} />
          ))}
        </ul>
      )}
    </PageContainer>
  );
}

function ProjectRow({ project, now }: { project: ProjectListItem; now: Date }) {
  const model = project.model ? `${providerLabel(project.modelProvider)} ${project.model}`.trim() : "no model configured";
  return (
    <li className="flex items-center gap-3 px-4 py-3">
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <Link href={`/projects/${project.id}`} className="truncate font-medium hover:underline focus-visible:underline focus-visible:outline-none">
          {project.name}
        </Link>
        <p className="flex flex-wrap gap-x-1.5 text-xs text-muted">
          <span className="font-mono">{project.slug}</span>
          <span aria-hidden>·</span>
          <span>
            {project.sessionCount} session{project.sessionCount === 1 ? "" : "s"}
          </span>
          <span aria-hidden>·</span>
          <span>{model}</span>
          <span aria-hidden>·</span>
          <span>
            updated <time dateTime={project.updatedAt.toISOString()}>{timeAgo(project.updatedAt, now)}</time>
          </span>
        </p>
      </div>
      <Link href={`/projects/${project.id}/settings`} className={buttonStyles.ghost} aria-label={`Settings of ${project.name}`}>
        Settings
      </Link>
      <span className="hidden sm:block">
        <Link href={`/projects/${project.id}`} className={buttonStyles.secondary} aria-label={`Open ${project.name}`}>
          Open
        </Link>
      </span>
    </li>
  );
}
