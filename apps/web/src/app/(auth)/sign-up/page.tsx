import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { cardStyles } from "@/components/forms/styles";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/auth/database";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account · Codeyard" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/projects");
  const firstUser = (await (await getDb()).user.count()) === 0;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold tracking-tight">Create your account</h1>
        <p className="text-sm text-muted">
          {firstUser
            ? "You are the first person here: your account will own this install's main organization, and you can add everyone else to it."
            : "You get your own organization for your projects; an owner can also add you to theirs."}
        </p>
      </div>
      <div className={`${cardStyles} p-5`}>
        <SignUpForm />
      </div>
      <p className="text-sm text-muted">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-fg underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </div>
  );
}
