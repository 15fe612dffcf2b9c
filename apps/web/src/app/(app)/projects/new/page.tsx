import type { Metadata } from "next";
import { PageContainer } from "@/components/shell/page-container";
import { PageHeader } from "@/components/shell/page-header";
import { loadAppContext } from "@/lib/orgs/app-context";
import { TEMPLATES, TEMPLATE_IDS } from "@/lib/projects/templates";
import { NewProjectForm } from "./new-project-form";

export const metadata: Metadata = { title: "New project · Codeyard" };

export default async function NewProjectPage() {
  const { memberships, currentOrg } = await loadAppContext();
  const templates = TEMPLATE_IDS.map((id) => ({ id, label: TEMPLATES[id].label, description: TEMPLATES[id].description }));
  return (
    <PageContainer width="narrow">
      <PageHeader title="New project" description="A project is a sandbox configuration plus the sessions where you and the agent work." />
      {currentOrg ? (
        <NewProjectForm orgs={memberships.map((m) => ({ value: m.orgId, label: m.orgName }))} defaultOrgId={currentOrg.orgId} templates={templates} />
      ) : (
        <p className="text-sm text-muted">You are not a member of any organization. Ask an owner or admin to add you first.</p>
      )}
    </PageContainer>
  );
}
