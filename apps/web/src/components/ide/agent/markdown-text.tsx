"use client";
/** Markdown once its renderer has loaded (it is fetched on first use); plain text until then. */
import { useEffect, useState } from "react";

type MarkdownComponent = (typeof import("./markdown"))["default"];
let loaded: MarkdownComponent | null = null;

export function MarkdownText({ text }: { text: string }) {
  const [Markdown, setMarkdown] = useState<MarkdownComponent | null>(() => loaded);
  useEffect(() => {
    if (Markdown) return;
    let cancelled = false;
    void import("./markdown").then((module) => {
      loaded = module.default;
      if (!cancelled) setMarkdown(() => module.default);
    });
    return () => {
      cancelled = true;
    };
  }, [Markdown]);
  return Markdown ? <Markdown text={text} /> : <p className="my-1.5 whitespace-pre-wrap">{text}</p>;
}
