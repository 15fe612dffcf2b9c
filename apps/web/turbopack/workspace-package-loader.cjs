/* global module */
/**
 * Turbopack loader for the monorepo's TypeScript packages (`packages/*`), which are written for
 * Node: they import siblings as `./x.js` although the file on disk is `x.ts`, and locate their own
 * directory with `new URL("..", import.meta.url)`. Turbopack (Next 16.4) has no `extensionAlias`,
 * so the extension is dropped from relative specifiers; and it would bundle the target of a
 * literal `new URL(…, import.meta.url)` as an asset, so that form is made opaque to it (the URL
 * is then computed at run time, as in Node).
 */
const RELATIVE_JS = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"'\n]+?)\.js(["'])/g;
const URL_OF_MODULE = /new URL\(([^()]*?),\s*import\.meta\.url\)/g;

module.exports = function workspacePackageLoader(source) {
  return source
    .replace(RELATIVE_JS, "$1$2$3")
    .replace(URL_OF_MODULE, "new URL($1, String(import.meta.url))");
};
