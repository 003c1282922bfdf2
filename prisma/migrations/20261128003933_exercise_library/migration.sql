-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Exercise" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "code" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "network" TEXT NOT NULL,
    "rounds" TEXT NOT NULL DEFAULT '[]',
    "translations" TEXT,
    "inputValues" TEXT,
    "authorName" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "editKeyHash" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "forkedFromId" TEXT,
    "forkedFromLesson" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Exercise_forkedFromId_fkey" FOREIGN KEY ("forkedFromId") REFERENCES "Exercise" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Exercise" ("authorName", "createdAt", "description", "editKeyHash", "forkedFromId", "id", "locale", "network", "rounds", "slug", "title", "updatedAt", "visibility") SELECT "authorName", "createdAt", "description", "editKeyHash", "forkedFromId", "id", "locale", "network", "rounds", "slug", "title", "updatedAt", "visibility" FROM "Exercise";
DROP TABLE "Exercise";
ALTER TABLE "new_Exercise" RENAME TO "Exercise";
CREATE UNIQUE INDEX "Exercise_slug_key" ON "Exercise"("slug");
CREATE UNIQUE INDEX "Exercise_code_key" ON "Exercise"("code");
CREATE INDEX "Exercise_forkedFromId_idx" ON "Exercise"("forkedFromId");
CREATE INDEX "Exercise_forkedFromLesson_idx" ON "Exercise"("forkedFromLesson");
CREATE INDEX "Exercise_visibility_createdAt_idx" ON "Exercise"("visibility", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

