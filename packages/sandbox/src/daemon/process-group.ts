/** Signals a whole process group (a command and everything it started), tolerating races. */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  // A fork bomb keeps creating members while we signal; repeat until the group is empty.
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      process.kill(-pid, signal);
    } catch {
      return; // ESRCH: no process left in the group
    }
    if (signal !== "SIGKILL") return;
  }
}
