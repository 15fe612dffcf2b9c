-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "pushedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "changedFiles" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "statusReason" TEXT;

-- CreateIndex
CREATE INDEX "Task_createdById_updatedAt_idx" ON "Task"("createdById", "updatedAt");
