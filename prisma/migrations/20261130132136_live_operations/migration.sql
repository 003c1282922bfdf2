-- CreateTable
CREATE TABLE "LiveOperation" (
    "sessionCode" TEXT NOT NULL,
    "opId" TEXT NOT NULL,
    "reply" TEXT NOT NULL,
    "at" REAL NOT NULL,

    PRIMARY KEY ("sessionCode", "opId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LiveSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "teacherKeyHash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "participants" TEXT NOT NULL DEFAULT '[]',
    "sandboxes" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "serverData" TEXT NOT NULL DEFAULT '{}',
    "exerciseSlug" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "ownerEpoch" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_LiveSession" ("code", "createdAt", "endedAt", "exerciseSlug", "id", "participants", "sandboxes", "serverData", "state", "teacherKeyHash", "updatedAt", "version") SELECT "code", "createdAt", "endedAt", "exerciseSlug", "id", "participants", "sandboxes", "serverData", "state", "teacherKeyHash", "updatedAt", "version" FROM "LiveSession";
DROP TABLE "LiveSession";
ALTER TABLE "new_LiveSession" RENAME TO "LiveSession";
CREATE UNIQUE INDEX "LiveSession_code_key" ON "LiveSession"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

