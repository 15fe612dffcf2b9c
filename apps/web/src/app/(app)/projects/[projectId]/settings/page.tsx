import { allowlistSchema, decodeJson, listProjectSecrets } from "@codeyard/db";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonStyles } from "@/components/forms/styles";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader, Section } from "@/components/shell/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/auth/database";
import { canManageOrg } from "@/lib/orgs/roles";
import { timeAgo } from "@/lib/projects/format";
import { projectForUser } from "@/lib/projects/projects";
import { BASE_URL_SUPPORTED, listProviderKeys } from "@/lib/projects/provider-keys";
import { DeleteProjectForm } from "./_components/delete-project-form";
import { ModelForm } from "./_components/model-form";
import { ProviderKeyForm } from "./_components/provider-key-form";
import { RenameForm } from "./_components/rename-form";
import { SandboxForm } from "./_components/sandbox-form";
import { SecretsPanel } from "./_components/secrets-panel";

export const metadata: Metadata = { title: "Project settings · Codeyard" };

const SECTIONS = [
  ["general", "General"],
  ["model", "Model"],
  ["api-key", "API key"],
  ["secrets", "Secrets"],
  ["sandbox", "Sandbox"],
  ["danger", "Delete"],
] as const;

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requireUser();
  const db = await getDb();
  const access = await projectForUser(db, user.id, projectId);
  if (!access) notFound();
  const { project, role, canDelete } = access;
  const [secrets, keys, org] = await Promise.all([
    listProjectSecrets(db, project.id),
    listProviderKeys(db, project.orgId),
    db.organization.findUniqueOrThrow({ where: { id: project.orgId }, select: { name: true } }),
  ]);
  let allowlist: string[] = [];
  try {
    allowlist = decodeJson(allowlistSchema, project.allowlist, "allowlist");
  } catch {
    // A damaged value is shown as empty; saving the form writes a valid one.
  }
  const sections = canDelete ? SECTIONS : SECTIONS.filter(([id]) => id !== "danger");
  return (
    <PageContainer>
      <PageHeader
        eyebrow={
          <>
            <Link href="/projects" className="hover:underline">
              {org.name}
            </Link>{" "}
            / {project.name}
          </>
        }
        title="Project settings"
        actions={
          <Link href={`/projects/${project.id}`} className={buttonStyles.primary}>
            Open IDE
          </Link>
        }
      />
      <nav aria-label="Settings sections" className="-mt-2 flex gap-1 overflow-x-auto text-sm">
        {sections.map(([id, label]) => (
          <a key={id} href={`#${id}`} className="rounded-md px-2.5 py-1 whitespace-nowrap text-muted hover:bg-surface hover:text-fg">
            {label}
          </a>
        ))}
      </nav>
      <div>
        <Section id="general" title="General" description="The name shown in lists and the IDE.">
          <RenameForm projectId={project.id} name={project.name} />
        </Section>
        <Section id="model" title="Model" description="The model the agent uses in this project, and the one it falls back to when the first is unavailable.">
          <ModelForm projectId={project.id} provider={project.modelProvider ?? ""} model={project.model ?? ""} fallbackModel={project.fallbackModel ?? ""} />
        </Section>
        <Section id="api-key" title="API key" description={`Keys belong to the organization ${org.name} and serve all its projects. They are encrypted and never shown again.`}>
          <ProviderKeyForm
            projectId={project.id}
            canManage={canManageOrg(role)}
            defaultProvider={project.modelProvider ?? "anthropic"}
            baseUrlSupported={BASE_URL_SUPPORTED}
            keys={keys.map((key) => ({ id: key.id, provider: key.provider, updated: timeAgo(key.updatedAt) }))}
          />
        </Section>
        <Section id="secrets" title="Secrets" description="Environment variables handed to this project's sandboxes, such as NPM_TOKEN. Values are encrypted and never shown again.">
          <SecretsPanel projectId={project.id} secrets={secrets.map((secret) => ({ name: secret.name, updated: timeAgo(secret.updatedAt) }))} />
        </Section>
        <Section id="sandbox" title="Sandbox" description="Network access, the image recipe and the commands the sandbox and the agent run. Changes apply to sandboxes started afterwards.">
          <SandboxForm
            projectId={project.id}
            networkMode={project.networkMode}
            allowlist={allowlist.join("\n")}
            dockerfile={project.dockerfile ?? ""}
            setupScript={project.setupScript ?? ""}
            verifyCommand={project.verifyCommand ?? ""}
          />
        </Section>
        {canDelete && (
          <Section id="danger" title="Delete project" description="Deletes the project with all its sessions, history and secrets. This cannot be undone.">
            <DeleteProjectForm projectId={project.id} name={project.name} />
          </Section>
        )}
      </div>
    </PageContainer>
  );
}
