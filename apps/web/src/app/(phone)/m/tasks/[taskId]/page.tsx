import { notFound } from "next/navigation";
import { TaskScreen } from "@/components/phone/task-screen";

export const metadata = { title: "Task · Codeyard" };

/** The broker checks access when the page asks for the task (unknown and forbidden look alike). */
export default async function TaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const { taskId } = await params;
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(taskId)) notFound();
  return <TaskScreen taskId={taskId} />;
}
