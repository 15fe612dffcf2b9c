"use client";
import { TextField } from "@/components/forms/field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction } from "@/components/forms/use-form-action";
import { signUpAction } from "@/lib/auth/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

export function SignUpForm() {
  const { state, pending, form } = useFormAction(signUpAction);
  const errors = state.fieldErrors ?? {};
  return (
    <form {...form} className="flex flex-col gap-4">
      <FormAlert state={state} />
      <TextField name="name" label="Name" autoComplete="name" required autoFocus defaultValue={state.values?.name} error={errors.name} />
      <TextField name="email" label="Email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={errors.email} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A passphrase of a few words is easy to remember.`}
        error={errors.password}
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
