/** The Codeyard mark: a bracket pair, drawn inline (no image request). */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className={className} fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" strokeLinejoin="round">
      <path d="M8 5 3 12l5 7" />
      <path d="m16 5 5 7-5 7" />
      <path d="m13.5 4-3 16" />
    </svg>
  );
}
