-- CreateTable
CREATE TABLE "LiveNetworkActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionCode" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "record" TEXT NOT NULL,
    "startedAt" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "LiveNeuronAnswer" (
    "activityId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "layer" INTEGER NOT NULL,
    "neuron" INTEGER NOT NULL,
    "z" REAL NOT NULL,
    "a" REAL NOT NULL,
    "at" REAL NOT NULL,

    PRIMARY KEY ("activityId", "seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "LiveNetworkActivity_sessionCode_number_key" ON "LiveNetworkActivity"("sessionCode", "number");

