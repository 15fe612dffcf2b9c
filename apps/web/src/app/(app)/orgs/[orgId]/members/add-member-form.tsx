"use client";
import { SelectField, TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { addMemberAction } from "@/lib/orgs/actions";

export function AddMemberForm({ orgId, canAddOwner }: { orgId: string; canAddOwner: boolean }) {
  const { state, pending, form } = useFormAction(addMemberAction.bind(null, orgId), { clearOnSuccess: ["email"] });
  const errors = state.fieldErrors ?? {};
  const roles = [
    { value: "member", label: "Member" },
    { value: "admin", label: "Admin" },
    ...(canAddOwner ? [{ value: "owner", label: "Owner" }] : []),
  ];
  return (
    <form {...form} className="flex flex-col gap-3">
      <FormAlert state={state} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-start">
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="off"
          required
          placeholder="ada@example.com"
          defaultValue={state.values?.email}
          error={errors.email}
          hint="They need a Codeyard account already."
        />
        <SelectField name="role" label="Role" options={roles} defaultValue={state.values?.role ?? "member"} error={errors.role} />
        <SubmitButton pending={pending} className="sm:mt-6" pendingLabel="Adding…">
          Add
        </SubmitButton>
      </div>
    </form>
  );
}
