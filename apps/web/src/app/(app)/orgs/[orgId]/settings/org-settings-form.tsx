"use client";
import { CheckboxField, TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { saveOrgSettingsAction } from "@/lib/orgs/actions";

export function OrgSettingsForm({ orgId, settings }: { orgId: string; settings: { name: string; allowLinkShares: boolean } }) {
  const { state, pending, form } = useFormAction(saveOrgSettingsAction.bind(null, orgId));
  const values = state.values;
  return (
    <form {...form} className="flex flex-col gap-5">
      <FormAlert state={state} />
      <TextField name="name" label="Organization name" required maxLength={100} defaultValue={values?.name ?? settings.name} error={state.fieldErrors?.name} />
      <CheckboxField
        name="allowLinkShares"
        label="Allow sharing sessions by link"
        defaultChecked={values ? values.allowLinkShares === "on" : settings.allowLinkShares}
        hint="Members can then share a read-only view of a session with anyone who has the link, including people without an account. Off: shares are visible to members of this organization only, and existing link shares are suspended (they work again if you turn this back on, unless revoked or expired)."
        error={state.fieldErrors?.allowLinkShares}
      />
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…">Save settings</SubmitButton>
      </div>
    </form>
  );
}
