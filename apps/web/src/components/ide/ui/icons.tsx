/** The few icons the IDE uses, inline (no icon font, nothing fetched). */
import type { SVGProps } from "react";

const paths = {
  file: "M4 1.5h5l3 3V14a.5.5 0 0 1-.5.5h-7A.5.5 0 0 1 4 14V2a.5.5 0 0 1 .5-.5ZM9 1.5V5h3",
  folder:
    "M1.5 3.5a1 1 0 0 1 1-1h3.6l1.4 1.5h5.5a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-10.5a1 1 0 0 1-1-1Z",
  chevron: "M6 4l4 4-4 4",
  plus: "M8 3v10M3 8h10",
  close: "M4 4l8 8M12 4l-8 8",
  search: "M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10ZM10.5 10.5 14 14",
  refresh: "M13 8a5 5 0 1 1-1.5-3.5M13 2.5v3h-3",
  collapse: "M4 10l4-4 4 4",
  dots: "M3.5 8h.01M8 8h.01M12.5 8h.01",
  newFolder:
    "M1.5 3.5a1 1 0 0 1 1-1h3.6l1.4 1.5h5.5a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-10.5a1 1 0 0 1-1-1ZM8 7v4M6 9h4",
  newFile: "M4 1.5h5l3 3V14a.5.5 0 0 1-.5.5h-7A.5.5 0 0 1 4 14V2a.5.5 0 0 1 .5-.5ZM8 7v4M6 9h4",
  terminal: "M2 3h12v10H2ZM4.5 6l2 2-2 2M8 10h3.5",
  stop: "M4.5 4.5h7v7h-7Z",
  send: "M2 8l12-5.5L10 14l-2-5Z",
  diff: "M5 2v8M2 5h6M9 11h5M11 6v10",
  download: "M8 2v8M4.5 7 8 10.5 11.5 7M3 13.5h10",
} as const;

export type IconName = keyof typeof paths;

export function Icon({
  name,
  className = "size-4",
  ...rest
}: { name: IconName } & SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      className={className}
      {...rest}
    >
      <path d={paths[name]} />
    </svg>
  );
}
