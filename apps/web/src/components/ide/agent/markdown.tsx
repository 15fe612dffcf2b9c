"use client";
/**
 * The agent's answers as Markdown (GitHub flavour). No raw HTML, and images are not loaded: a
 * model could point one at any host, and the IDE must not make requests beyond its own servers.
 */
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

const components: Components = {
  img: ({ alt, src }) => (
    <span className="text-muted" title={typeof src === "string" ? src : undefined}>
      [image{alt ? `: ${alt}` : ""}]
    </span>
  ),
  a: ({ href, children }) => (
    <a
      href={href}
      target="_blank"
      rel="noreferrer noopener"
      className="text-sky-600 underline dark:text-sky-400"
    >
      {children}
    </a>
  ),
  pre: ({ children }) => (
    <pre className="my-2 overflow-x-auto rounded-md bg-canvas p-2 font-mono text-xs">
      {children}
    </pre>
  ),
  code: ({ className, children }) => (
    <code className={`${className ?? ""} rounded bg-canvas px-1 font-mono text-[0.85em]`}>
      {children}
    </code>
  ),
  ul: ({ children }) => <ul className="my-1 list-disc pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-1 list-decimal pl-5">{children}</ol>,
  p: ({ children }) => <p className="my-1.5">{children}</p>,
  h1: ({ children }) => <h3 className="mt-3 mb-1 font-semibold">{children}</h3>,
  h2: ({ children }) => <h3 className="mt-3 mb-1 font-semibold">{children}</h3>,
  h3: ({ children }) => <h4 className="mt-2 mb-1 font-semibold">{children}</h4>,
  table: ({ children }) => <table className="my-2 block overflow-x-auto text-xs">{children}</table>,
  th: ({ children }) => <th className="border border-border px-2 py-0.5 text-left">{children}</th>,
  td: ({ children }) => <td className="border border-border px-2 py-0.5">{children}</td>,
  blockquote: ({ children }) => (
    <blockquote className="my-1 border-l-2 border-border pl-3 text-muted">{children}</blockquote>
  ),
};

export default function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
      {text}
    </ReactMarkdown>
  );
}
