import { PhoneHeader } from "@/components/phone/phone-header";
import { TaskComposer } from "@/components/phone/task-composer";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/auth/database";
import { projectsForTasks } from "@/lib/tasks/task-projects";

export const metadata = { title: "New task · Codeyard" };

export default async function NewTaskPage() {
  const user = await requireUser();
  const projects = await projectsForTasks(await getDb(), user.id);
  return (
    <>
      <PhoneHeader title="New task" back="/m" />
      <TaskComposer projects={projects} />
    </>
  );
}
