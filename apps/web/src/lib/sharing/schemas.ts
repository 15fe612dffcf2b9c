/** What the share forms accept. */
import { z } from "zod";

export const SHARE_EXPIRIES = {
  never: null,
  "1h": 3600_000,
  "1d": 24 * 3600_000,
  "7d": 7 * 24 * 3600_000,
  "30d": 30 * 24 * 3600_000,
} as const;
export type ShareExpiry = keyof typeof SHARE_EXPIRIES;

export const SHARE_EXPIRY_LABELS: Record<ShareExpiry, string> = {
  never: "Never expires",
  "1h": "Expires in 1 hour",
  "1d": "Expires in 1 day",
  "7d": "Expires in 7 days",
  "30d": "Expires in 30 days",
};

export const shareIdField = z.string({ error: "Missing id; reload the page." }).regex(/^[A-Za-z0-9_-]{1,64}$/, "Invalid id; reload the page.");

export const shareSettingsSchema = z.object({
  visibility: z.enum(["organization", "link"], { error: "Choose who can open the link: the organization, or anyone with the link." }),
  expiry: z.enum(Object.keys(SHARE_EXPIRIES) as [ShareExpiry, ...ShareExpiry[]], { error: "Choose when the link expires." }),
});
export type ShareSettings = z.infer<typeof shareSettingsSchema>;

/** The expiry date of a link created or re-issued `now` with `expiry`. */
export function expiryDate(expiry: ShareExpiry, now = new Date()): Date | null {
  const ms = SHARE_EXPIRIES[expiry];
  return ms === null ? null : new Date(now.getTime() + ms);
}
