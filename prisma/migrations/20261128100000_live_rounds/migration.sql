-- CreateTable
CREATE TABLE "LiveRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionCode" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "network" TEXT NOT NULL,
    "working" TEXT NOT NULL,
    "truth" REAL NOT NULL,
    "scriptIndex" INTEGER,
    "openedAt" REAL NOT NULL,
    "closesAt" REAL,
    "closedAt" REAL,
    "revealedAt" REAL,
    "clearedAt" REAL
);

-- CreateTable
CREATE TABLE "LiveAnswer" (
    "roundId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "at" REAL NOT NULL,

    PRIMARY KEY ("roundId", "participantId")
);

-- CreateTable
CREATE TABLE "LiveReport" (
    "sessionCode" TEXT NOT NULL PRIMARY KEY,
    "keyHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "LiveRound_sessionCode_number_key" ON "LiveRound"("sessionCode", "number");

