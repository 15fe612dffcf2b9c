/** Shared field schemas with their bounds. */
import { z } from "zod";

export const PROTOCOL_VERSION = 1;

export const Id = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "an id of letters, digits, - and _");
export const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A path inside the workspace, as the client sees it (relative; the sandbox re-checks it). */
export const WorkspacePath = z.string().min(1).max(4096).refine((path) => !path.includes("\0"), "no NUL bytes");

export const MAX_TERMINAL_INPUT_BYTES = 64 * 1024;
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_PROMPT_CHARS = 200_000;
