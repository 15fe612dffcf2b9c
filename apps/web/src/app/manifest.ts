import type { MetadataRoute } from "next";

/** The installable phone app: it opens on the task inbox. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Codeyard",
    short_name: "Codeyard",
    description: "Follow and steer your coding agents' background tasks.",
    id: "/m",
    start_url: "/m",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#0e0f12",
    theme_color: "#0284c7",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
