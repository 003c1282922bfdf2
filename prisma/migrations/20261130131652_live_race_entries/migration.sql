-- CreateTable
CREATE TABLE "LiveRaceEntry" (
    "raceId" TEXT NOT NULL,
    "sessionCode" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "entry" TEXT NOT NULL,
    "updatedAt" REAL NOT NULL,

    PRIMARY KEY ("raceId", "participantId")
);

-- CreateIndex
CREATE INDEX "LiveRaceEntry_sessionCode_idx" ON "LiveRaceEntry"("sessionCode");

