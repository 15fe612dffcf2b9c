"use client";
import { useActionState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { idleState } from "@/components/forms/form-state";
import { inputStyles } from "@/components/forms/styles";
import { SubmitButton } from "@/components/forms/submit-button";
import { changeRoleAction, removeMemberAction } from "@/lib/orgs/actions";

const LABELS = { owner: "Owner", admin: "Admin", member: "Member" } as const;
type Role = keyof typeof LABELS;

interface Member {
  membershipId: string;
  name: string;
  email: string;
  role: Role;
  since: string;
}

export function MemberRow({ orgId, member, self, roles, canRemove }: { orgId: string; member: Member; self: boolean; roles: Role[]; canRemove: boolean }) {
  const [changed, changeAction] = useActionState(changeRoleAction.bind(null, orgId), idleState);
  const [removed, removeAction] = useActionState(removeMemberAction.bind(null, orgId), idleState);
  const editable = roles.length > 1;
  return (
    <li className="flex flex-col gap-2 px-4 py-3">
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex min-w-0 flex-1 basis-48 flex-col">
          <span className="truncate text-sm font-medium">
            {member.name}
            {self && <span className="ml-1.5 text-xs font-normal text-muted">(you)</span>}
          </span>
          <span className="truncate text-xs text-muted">
            {member.email} · since {member.since}
          </span>
        </div>
        {editable ? (
          <form action={changeAction} className="flex items-center gap-2">
            <input type="hidden" name="membershipId" value={member.membershipId} />
            <label className="sr-only" htmlFor={`role-${member.membershipId}`}>
              Role of {member.name}
            </label>
            <select id={`role-${member.membershipId}`} name="role" defaultValue={member.role} key={member.role} className={`${inputStyles} w-28 py-1`}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {LABELS[role]}
                </option>
              ))}
            </select>
            <SubmitButton variant="secondary" className="px-2.5 py-1" pendingLabel="Saving…" aria-label={`Save role of ${member.name}`}>
              Save
            </SubmitButton>
          </form>
        ) : (
          <span className="rounded-md border border-border px-2 py-0.5 text-xs text-muted">{LABELS[member.role]}</span>
        )}
        {canRemove && (
          <form
            action={removeAction}
            onSubmit={(event) => {
              const question = self ? "Leave this organization? You will lose access to its projects." : `Remove ${member.name} from this organization?`;
              if (!window.confirm(question)) event.preventDefault();
            }}
          >
            <input type="hidden" name="membershipId" value={member.membershipId} />
            <SubmitButton variant="ghost" className="px-2.5 py-1 text-danger" pendingLabel={self ? "Leaving…" : "Removing…"} aria-label={self ? "Leave organization" : `Remove ${member.name}`}>
              {self ? "Leave" : "Remove"}
            </SubmitButton>
          </form>
        )}
      </div>
      <FormAlert state={changed.status === "error" ? changed : removed} />
    </li>
  );
}
