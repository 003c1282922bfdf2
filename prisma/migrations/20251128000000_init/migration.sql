-- CreateTable
CREATE TABLE "Exercise" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "network" TEXT NOT NULL,
    "rounds" TEXT NOT NULL DEFAULT '[]',
    "authorName" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "editKeyHash" TEXT NOT NULL,
    "forkedFromId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Exercise_forkedFromId_fkey" FOREIGN KEY ("forkedFromId") REFERENCES "Exercise" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Exercise_slug_key" ON "Exercise"("slug");

-- CreateIndex
CREATE INDEX "Exercise_forkedFromId_idx" ON "Exercise"("forkedFromId");

-- CreateIndex
CREATE INDEX "Exercise_visibility_createdAt_idx" ON "Exercise"("visibility", "createdAt");

