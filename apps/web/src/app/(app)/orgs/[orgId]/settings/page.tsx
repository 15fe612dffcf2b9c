import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cardStyles } from "@/components/forms/styles";
import { PageContainer } from "@/components/shell/page-container";
import { getDb } from "@/lib/auth/database";
import { loadAppContext } from "@/lib/orgs/app-context";
import { findMembership } from "@/lib/orgs/organizations";
import { canManageOrg } from "@/lib/orgs/roles";
import { readOrgSettings } from "@/lib/orgs/settings";
import { OrgHeader } from "../org-header";
import { OrgSettingsForm } from "./org-settings-form";

export const metadata: Metadata = { title: "Organization settings · Codeyard" };

export default async function OrgSettingsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { user } = await loadAppContext();
  const db = await getDb();
  const membership = await findMembership(db, user.id, orgId);
  const settings = membership && (await readOrgSettings(db, orgId));
  if (!membership || !settings) notFound();
  return (
    <PageContainer>
      <OrgHeader membership={membership} active="settings" />
      {canManageOrg(membership.role) ? (
        <div className={`${cardStyles} max-w-2xl p-5`}>
          <OrgSettingsForm orgId={orgId} settings={settings} />
        </div>
      ) : (
        <p className="text-sm text-muted">Only owners and admins can change the organization&apos;s settings.</p>
      )}
    </PageContainer>
  );
}
