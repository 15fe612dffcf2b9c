/**
 * A cheap first gate for signed-in pages: no login cookie, straight to the sign-in page (with the
 * page to come back to). Whether the cookie is valid is checked by the pages themselves
 * (requireUser); this only saves rendering work for visitors who are plainly signed out.
 */
import { SESSION_COOKIE } from "@codeyard/protocol";
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  if (request.cookies.get(SESSION_COOKIE)?.value) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = "";
  url.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/projects/:path*", "/orgs/:path*", "/shared/:path*", "/m", "/m/:path*"],
};
