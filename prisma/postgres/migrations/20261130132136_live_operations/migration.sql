-- AlterTable
ALTER TABLE "LiveSession" ADD COLUMN     "ownerEpoch" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "LiveOperation" (
    "sessionCode" TEXT NOT NULL,
    "opId" TEXT NOT NULL,
    "reply" TEXT NOT NULL,
    "at" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "LiveOperation_pkey" PRIMARY KEY ("sessionCode","opId")
);

