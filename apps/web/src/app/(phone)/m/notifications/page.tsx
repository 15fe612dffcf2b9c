import { NotificationList } from "@/components/phone/notification-list";
import { PhoneHeader } from "@/components/phone/phone-header";

export const metadata = { title: "Notifications · Codeyard" };

export default function NotificationsPage() {
  return (
    <>
      <PhoneHeader title="Notifications" back="/m" />
      <NotificationList />
    </>
  );
}
