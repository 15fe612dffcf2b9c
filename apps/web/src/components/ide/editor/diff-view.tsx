"use client";
/** Monaco's diff editor, read-only, for agent changes and save conflicts (loaded lazily). */
import { DiffEditor } from "@monaco-editor/react";
import { useEffect } from "react";
import { languageForPath } from "@/lib/ide/languages";
import { EditorPlaceholder } from "./code-editor";
import { editorTheme, monaco } from "./monaco-setup";

export interface DiffViewProps {
  id: string;
  path: string;
  before: string;
  after: string;
}

export default function DiffView({ id, path, before, after }: DiffViewProps) {
  const base = `inmemory://diff/${encodeURIComponent(id)}`;
  const originalPath = `${base}/before/${encodeURIComponent(path)}`;
  const modifiedPath = `${base}/after/${encodeURIComponent(path)}`;

  // The wrapper would dispose the models before the diff widget lets go of them (Monaco then
  // throws); it keeps them instead, and they are disposed here once the widget is gone.
  useEffect(
    () => () => {
      setTimeout(() => {
        for (const uri of [originalPath, modifiedPath])
          monaco.editor.getModel(monaco.Uri.parse(uri))?.dispose();
      });
    },
    [originalPath, modifiedPath],
  );

  return (
    <DiffEditor
      original={before}
      modified={after}
      language={languageForPath(path)}
      originalModelPath={originalPath}
      modifiedModelPath={modifiedPath}
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      theme={editorTheme()}
      loading={<EditorPlaceholder />}
      options={{
        readOnly: true,
        automaticLayout: true,
        renderSideBySide: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        originalEditable: false,
      }}
    />
  );
}
