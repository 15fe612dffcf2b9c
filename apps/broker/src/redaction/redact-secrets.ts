/**
 * Redaction of secrets in session events, before they are stored: known secret values (the
 * project's secrets, the organization's provider API keys) and common credential shapes (private
 * keys, `sk-…` API keys, AWS keys, bearer tokens, tokens in URLs, …) become `[redacted]`. The log
 * is what viewers of a shared session read, so nothing secret may be written to it.
 * Limits: a secret shorter than MIN_SECRET_LENGTH is not matched by value (it would blank out
 * ordinary words), and encoded forms (base64, URL-escaped) of a known value are not recognized.
 */

export const REDACTED = "[redacted]";
/** Known values shorter than this are not redacted by value. */
export const MIN_SECRET_LENGTH = 6;
/** Nesting deeper than this is cut (event payloads are shallow JSON; this only bounds recursion). */
const MAX_DEPTH = 64;

interface CredentialPattern {
  name: string;
  regex: RegExp;
  /** Replacement; `$1` keeps a prefix such as "Bearer ". */
  replacement: string;
}

/** Credential shapes redacted wherever they appear. Each is global, so replace() covers every match. */
export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  // A PEM private key block; a block cut short (truncated output) is redacted to the end.
  { name: "private key", regex: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, replacement: REDACTED },
  // OpenAI / Anthropic style API keys (sk-…, sk-proj-…, sk-ant-api03-…).
  { name: "sk- API key", regex: /\bsk-[A-Za-z0-9_-]{20,}/g, replacement: REDACTED },
  { name: "AWS access key id", regex: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, replacement: REDACTED },
  { name: "AWS secret access key", regex: /(aws_secret_access_key|secret_access_key|secretAccessKey)(["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}/gi, replacement: `$1$2${REDACTED}` },
  { name: "bearer token", regex: /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, replacement: `$1${REDACTED}` },
  { name: "GitHub token", regex: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g, replacement: REDACTED },
  { name: "GitLab token", regex: /\bglpat-[A-Za-z0-9_-]{20,}/g, replacement: REDACTED },
  { name: "Slack token", regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replacement: REDACTED },
  { name: "Google API key", regex: /\bAIza[0-9A-Za-z_-]{35}/g, replacement: REDACTED },
  { name: "npm token", regex: /\bnpm_[A-Za-z0-9]{36}/g, replacement: REDACTED },
  { name: "JSON web token", regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replacement: REDACTED },
  // user:password@ in URLs (git clone https://user:token@host/...).
  { name: "URL credentials", regex: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)[^\s@/]+@/gi, replacement: `$1${REDACTED}@` },
];

/** Redacts strings with a fixed set of known secret values plus the credential patterns. */
export class SecretRedactor {
  private readonly values: string[];

  constructor(knownValues: Iterable<string> = []) {
    const unique = new Set<string>();
    for (const value of knownValues) {
      for (const form of [value, value.trim()]) if (form.length >= MIN_SECRET_LENGTH) unique.add(form);
    }
    // Longest first, so a secret that contains another is replaced whole.
    this.values = [...unique].sort((a, b) => b.length - a.length);
  }

  text(input: string): string {
    let output = input;
    for (const value of this.values) if (output.includes(value)) output = output.split(value).join(REDACTED);
    for (const pattern of CREDENTIAL_PATTERNS) output = output.replace(pattern.regex, pattern.replacement);
    return output;
  }

  /** A copy of a JSON-like value with every string redacted (object keys are kept). */
  value(input: unknown, depth = 0): unknown {
    if (typeof input === "string") return this.text(input);
    if (input === null || typeof input !== "object") return input;
    if (depth >= MAX_DEPTH) return REDACTED;
    // Stored as JSON: what toJSON gives (dates become strings) is what gets written.
    const toJson = (input as { toJSON?: unknown }).toJSON;
    if (typeof toJson === "function") return this.value(toJson.call(input), depth + 1);
    if (Array.isArray(input)) return input.map((item) => this.value(item, depth + 1));
    const output: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) output[key] = this.value(item, depth + 1);
    return output;
  }
}
