-- AlterTable
ALTER TABLE "Exercise" ADD COLUMN "sealedKeys" TEXT;

