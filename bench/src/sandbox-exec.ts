/** Runs a shell command in a sandbox through its daemon and fails loudly when it fails. */
import type { SandboxManager } from "@codeyard/sandbox";

export async function execOrThrow(
  manager: SandboxManager,
  id: string,
  shell: string,
): Promise<void> {
  const client = await manager.client(id);
  const result = await client.exec({ shell, timeoutMs: 300_000 });
  if (result.exitCode !== 0)
    throw new Error(`\`${shell.slice(0, 80)}\` exited ${result.exitCode}: ${result.stderr}`);
}
