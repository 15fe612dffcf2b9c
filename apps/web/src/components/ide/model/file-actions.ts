/** File operations started from the tree: create, rename, move, delete, upload, download. */
import { MAX_FILE_BYTES } from "@codeyard/protocol";
import type { BrokerClient } from "@/lib/broker/broker-client";
import { base64ToBytes, bytesToBase64 } from "@/lib/ide/base64";
import { formatBytes } from "@/lib/ide/format";
import { baseName, fileNameProblem, isSameOrInside, joinPath, parentPath } from "@/lib/ide/paths";
import type { DroppedFile } from "../file-tree/dropped-files";
import type { EditorStore } from "./editor-store";
import type { FileTreeStore } from "./file-tree-store";
import type { Notices } from "./notices";

export class FileActions {
  constructor(
    private readonly client: BrokerClient,
    private readonly sessionId: string,
    private readonly tree: FileTreeStore,
    private readonly editor: EditorStore,
    private readonly notices: Notices,
  ) {}

  private exists(dir: string, name: string): boolean {
    return Boolean(
      this.tree.state
        .get()
        .dirs.get(dir)
        ?.entries?.some((entry) => entry.name === name),
    );
  }

  /** Why `name` cannot be created in `dir`, or null. */
  nameProblem(dir: string, name: string, except?: string): string | null {
    const problem = fileNameProblem(name);
    if (problem) return problem;
    if (name !== except && this.exists(dir, name)) return `“${name}” already exists here.`;
    return null;
  }

  async createFile(dir: string, name: string): Promise<void> {
    const path = joinPath(dir, name);
    try {
      await this.client.request("file-write", {
        sessionId: this.sessionId,
        path,
        content: "",
        encoding: "utf8",
      });
      this.tree.changed([path]);
      this.editor.open(path);
    } catch (error) {
      this.notices.error(error, `Creating ${name}`);
    }
  }

  async createFolder(dir: string, name: string): Promise<void> {
    const path = joinPath(dir, name);
    try {
      await this.client.request("file-mkdir", { sessionId: this.sessionId, path });
      this.tree.changed([path]);
      this.tree.expand(path);
    } catch (error) {
      this.notices.error(error, `Creating the folder ${name}`);
    }
  }

  async rename(path: string, newName: string): Promise<void> {
    if (newName === baseName(path)) return;
    await this.moveTo(path, joinPath(parentPath(path), newName), `Renaming ${baseName(path)}`);
  }

  /** Drag and drop inside the tree. */
  async move(path: string, targetDir: string): Promise<void> {
    if (parentPath(path) === targetDir) return;
    if (isSameOrInside(targetDir, path)) {
      this.notices.problem(
        "Cannot move a folder into itself",
        `“${baseName(path)}” cannot go inside its own contents.`,
      );
      return;
    }
    const name = baseName(path);
    if (this.exists(targetDir, name)) {
      this.notices.problem(
        `Moving ${name} failed`,
        `“${name}” already exists in ${targetDir || "the workspace root"}; rename one of them first.`,
      );
      return;
    }
    await this.moveTo(path, joinPath(targetDir, name), `Moving ${name}`);
  }

  private async moveTo(from: string, to: string, action: string): Promise<void> {
    try {
      await this.client.request("file-rename", { sessionId: this.sessionId, from, to });
      this.editor.moved(from, to);
      this.tree.moved(from, to);
    } catch (error) {
      this.notices.error(error, action);
    }
  }

  async remove(path: string, kind: string): Promise<void> {
    const isDir = kind === "dir";
    const confirmed = await this.notices.confirm({
      title: `Delete ${baseName(path)}?`,
      message: isDir
        ? `The folder “${path}” and everything in it will be deleted from the workspace. This cannot be undone.`
        : `“${path}” will be deleted from the workspace. This cannot be undone.`,
      confirmLabel: "Delete",
      danger: true,
    });
    if (!confirmed) return;
    try {
      await this.client.request("file-delete", {
        sessionId: this.sessionId,
        path,
        recursive: isDir,
      });
      this.editor.deleted(path);
      this.tree.changed([path]);
    } catch (error) {
      this.notices.error(error, `Deleting ${baseName(path)}`);
    }
  }

  async upload(dir: string, files: DroppedFile[], truncated: boolean): Promise<void> {
    const tooLarge = files.filter(({ file }) => file.size > MAX_FILE_BYTES);
    const accepted = files.filter(({ file }) => file.size <= MAX_FILE_BYTES);
    const replacing = accepted.filter(
      ({ relativePath }) => !relativePath.includes("/") && this.exists(dir, relativePath),
    );
    if (replacing.length > 0) {
      const names = replacing
        .slice(0, 3)
        .map(({ relativePath }) => `“${relativePath}”`)
        .join(", ");
      const confirmed = await this.notices.confirm({
        title: `Replace ${replacing.length} existing file${replacing.length === 1 ? "" : "s"}?`,
        message: `${names}${replacing.length > 3 ? " and others" : ""} already exist in ${dir || "the workspace root"}.`,
        confirmLabel: "Replace",
        danger: true,
      });
      if (!confirmed) return;
    }
    let uploaded = 0;
    for (const { relativePath, file } of accepted) {
      const path = joinPath(dir, relativePath);
      try {
        const content = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
        await this.client.request(
          "file-write",
          { sessionId: this.sessionId, path, content, encoding: "base64" },
          { timeoutMs: 120_000 },
        );
        uploaded++;
      } catch (error) {
        this.notices.error(error, `Uploading ${relativePath}`);
      }
    }
    this.tree.changed(
      accepted.map(({ relativePath }) => joinPath(dir, relativePath.split("/")[0]!)),
    );
    if (uploaded > 0)
      this.notices.info(
        `Uploaded ${uploaded} file${uploaded === 1 ? "" : "s"}`,
        dir ? `into ${dir}` : "into the workspace root",
      );
    if (tooLarge.length > 0)
      this.notices.problem(
        `${tooLarge.length} file(s) not uploaded`,
        `Files larger than ${formatBytes(MAX_FILE_BYTES)} cannot be uploaded: ${tooLarge
          .map(({ relativePath }) => relativePath)
          .slice(0, 3)
          .join(", ")}.`,
      );
    if (truncated)
      this.notices.problem(
        "Some files were left out",
        "At most 500 files can be uploaded in one drop.",
      );
  }

  async download(path: string): Promise<void> {
    try {
      const reply = await this.client.request(
        "file-read",
        { sessionId: this.sessionId, path },
        { timeoutMs: 120_000 },
      );
      const body = reply.encoding === "base64" ? base64ToBytes(reply.content) : reply.content;
      const url = URL.createObjectURL(new Blob([body as BlobPart]));
      const link = document.createElement("a");
      link.href = url;
      link.download = baseName(path);
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.notices.error(error, `Downloading ${baseName(path)}`);
    }
  }
}
