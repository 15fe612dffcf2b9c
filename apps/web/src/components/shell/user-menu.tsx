import type { SessionUser } from "@codeyard/db";
import { signOutAction } from "@/lib/auth/actions";
import { Menu, MenuHeading, menuItemStyles, MenuSeparator } from "./menu";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}

export function UserMenu({ user }: { user: SessionUser }) {
  return (
    <Menu
      id="user-menu"
      label={`Account: ${user.name}`}
      align="right"
      trigger={
        <span aria-hidden className="flex size-6 items-center justify-center rounded-full bg-fg text-[11px] font-semibold text-canvas">
          {initials(user.name)}
        </span>
      }
    >
      <MenuHeading>
        <span className="block truncate text-sm font-medium text-fg">{user.name}</span>
        <span className="block truncate">{user.email}</span>
      </MenuHeading>
      <MenuSeparator />
      <form action={signOutAction}>
        <button type="submit" className={menuItemStyles}>
          Sign out
        </button>
      </form>
    </Menu>
  );
}
