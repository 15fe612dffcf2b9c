"use client";
/** The Monaco editor of the active file tab (loaded lazily, see lazy-editors.tsx). */
import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";
import { languageForPath } from "@/lib/ide/languages";
import { modelUri } from "@/lib/ide/paths";
import { editorTheme, monaco } from "./monaco-setup";

export interface CodeEditorProps {
  path: string;
  value: string;
  onChange: (path: string, value: string) => void;
  reveal?: { path: string; line: number; column: number; nonce: number };
  readOnly?: boolean;
}

export default function CodeEditor({ path, value, onChange, reveal, readOnly }: CodeEditorProps) {
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const revealed = useRef(0);

  const onMount: OnMount = (instance) => {
    setEditor(instance);
    instance.focus();
  };

  useEffect(() => {
    if (!editor || !reveal || reveal.path !== path || revealed.current === reveal.nonce) return;
    revealed.current = reveal.nonce;
    const position = { lineNumber: reveal.line, column: reveal.column };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    editor.focus();
  }, [editor, reveal, path]);

  return (
    <Editor
      path={modelUri(path)}
      value={value}
      language={languageForPath(path)}
      theme={editorTheme()}
      onMount={onMount}
      keepCurrentModel
      onChange={(next) => onChange(path, next ?? "")}
      loading={<EditorPlaceholder />}
      options={{
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        readOnly,
        tabSize: 2,
        renderWhitespace: "selection",
        fixedOverflowWidgets: true,
      }}
    />
  );
}

export function EditorPlaceholder() {
  return (
    <div className="flex h-full items-center justify-center text-sm text-muted">
      Loading the editor…
    </div>
  );
}
