/**
 * Files dropped from the operating system, with their paths relative to the drop (folders are
 * walked). Entries must be taken from the DataTransfer during the drop event itself; reading them
 * can happen later.
 */
export interface DroppedFile {
  relativePath: string;
  file: File;
}

const MAX_FILES = 500;

/** Call synchronously inside the drop handler. */
export function takeDroppedEntries(dataTransfer: DataTransfer): {
  entries: FileSystemEntry[];
  files: File[];
} {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    const entry = item.kind === "file" ? item.webkitGetAsEntry?.() : null;
    if (entry) entries.push(entry);
  }
  return { entries, files: Array.from(dataTransfer.files) };
}

export async function collectDroppedFiles(dropped: {
  entries: FileSystemEntry[];
  files: File[];
}): Promise<{ files: DroppedFile[]; truncated: boolean }> {
  if (dropped.entries.length === 0)
    return {
      files: dropped.files.slice(0, MAX_FILES).map((file) => ({ relativePath: file.name, file })),
      truncated: dropped.files.length > MAX_FILES,
    };
  const files: DroppedFile[] = [];
  let truncated = false;
  const visit = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (files.length >= MAX_FILES) {
      truncated = true;
      return;
    }
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      files.push({ relativePath: path, file });
    } else if (entry.isDirectory) {
      for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader()))
        await visit(child, path);
    }
  };
  for (const entry of dropped.entries) await visit(entry, "");
  return { files, truncated };
}

/** readEntries returns at most ~100 entries per call; read until it returns none. */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
