/** URL-safe slugs for organizations and projects, made unique by a numeric suffix. */
import { randomBytes } from "node:crypto";

export const MAX_SLUG_LENGTH = 48;

export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** `base`, else `base-2`, `base-3`…, given the slugs already taken that start with `base`. */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; n < 1000; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_SLUG_LENGTH - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
  return `${base.slice(0, MAX_SLUG_LENGTH - 9)}-${randomBytes(4).toString("hex")}`;
}
