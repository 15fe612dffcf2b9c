/**
 * Git URLs a project may be cloned from, and the setup script that clones one. Only network
 * transports are accepted: `file://` would read the host's files and `ext::` runs commands.
 */
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!\/\/)[A-Za-z0-9._~/-]+$/;
const SAFE_CHARS = /^[A-Za-z0-9._~:/?#[\]@!$&()*+,;=%-]+$/;
const PROTOCOLS = new Set(["https:", "http:", "ssh:", "git:"]);

export type GitUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

export function checkGitUrl(input: string): GitUrlVerdict {
  const url = input.trim();
  if (!url) return { ok: false, reason: "Enter the repository's URL, such as https://github.com/owner/repo.git." };
  if (url.length > 2048) return { ok: false, reason: "Use a URL of at most 2048 characters." };
  if (url.startsWith("-") || !SAFE_CHARS.test(url)) {
    return { ok: false, reason: "This is not a valid git URL; use one such as https://github.com/owner/repo.git." };
  }
  if (SCP_LIKE.test(url)) return { ok: true, url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "This is not a valid git URL; use one such as https://github.com/owner/repo.git or git@github.com:owner/repo.git." };
  }
  if (!PROTOCOLS.has(parsed.protocol)) {
    return { ok: false, reason: `Cloning over ${parsed.protocol.replace(/:$/, "")} is not supported; use an https:// or ssh:// URL.` };
  }
  if (!parsed.hostname) return { ok: false, reason: "The URL has no host name; use one such as https://github.com/owner/repo.git." };
  if (parsed.password || ((parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.username)) {
    return { ok: false, reason: "Remove the credentials from the URL: it is stored in plain text. Add a token as a project secret instead." };
  }
  return { ok: true, url };
}

/** Clones `url` (already checked) into the workspace, unless it was cloned before. */
export function gitCloneSetupScript(url: string): string {
  return `[ -e .git ] || git clone -- '${url.replace(/'/g, `'\\''`)}' .\n`;
}
