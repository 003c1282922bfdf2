-- CreateTable
CREATE TABLE "Exercise" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Exercise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveSession" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "teacherKeyHash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "participants" TEXT NOT NULL DEFAULT '[]',
    "sandboxes" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "serverData" TEXT NOT NULL DEFAULT '{}',
    "exerciseSlug" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "LiveSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveRound" (
    "id" TEXT NOT NULL,
    "sessionCode" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "network" TEXT NOT NULL,
    "working" TEXT NOT NULL,
    "truth" DOUBLE PRECISION NOT NULL,
    "scriptIndex" INTEGER,
    "openedAt" DOUBLE PRECISION NOT NULL,
    "closesAt" DOUBLE PRECISION,
    "closedAt" DOUBLE PRECISION,
    "revealedAt" DOUBLE PRECISION,
    "clearedAt" DOUBLE PRECISION,

    CONSTRAINT "LiveRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveAnswer" (
    "roundId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "at" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "LiveAnswer_pkey" PRIMARY KEY ("roundId","participantId")
);

-- CreateTable
CREATE TABLE "LiveReport" (
    "sessionCode" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveReport_pkey" PRIMARY KEY ("sessionCode")
);

-- CreateIndex
CREATE UNIQUE INDEX "Exercise_slug_key" ON "Exercise"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Exercise_code_key" ON "Exercise"("code");

-- CreateIndex
CREATE INDEX "Exercise_forkedFromId_idx" ON "Exercise"("forkedFromId");

-- CreateIndex
CREATE INDEX "Exercise_forkedFromLesson_idx" ON "Exercise"("forkedFromLesson");

-- CreateIndex
CREATE INDEX "Exercise_visibility_createdAt_idx" ON "Exercise"("visibility", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LiveSession_code_key" ON "LiveSession"("code");

-- CreateIndex
CREATE UNIQUE INDEX "LiveRound_sessionCode_number_key" ON "LiveRound"("sessionCode", "number");

-- AddForeignKey
ALTER TABLE "Exercise" ADD CONSTRAINT "Exercise_forkedFromId_fkey" FOREIGN KEY ("forkedFromId") REFERENCES "Exercise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

