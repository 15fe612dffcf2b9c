import { PhoneHeader } from "@/components/phone/phone-header";
import { PushDevices } from "@/components/phone/push-devices";

export const metadata = { title: "Notification settings · Codeyard" };

export default function DevicesPage() {
  return (
    <>
      <PhoneHeader title="Notifications on devices" back="/m" />
      <PushDevices />
    </>
  );
}
