/** Password length bounds, shared by the server and the sign-up form (no node:crypto here). */
export const MIN_PASSWORD_LENGTH = 8;
/** Bounds the work an attacker can make the server do per attempt. */
export const MAX_PASSWORD_LENGTH = 256;
