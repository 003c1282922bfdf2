-- CreateTable
CREATE TABLE "LiveNetworkActivity" (
    "id" TEXT NOT NULL,
    "sessionCode" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "record" TEXT NOT NULL,
    "startedAt" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "LiveNetworkActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveNeuronAnswer" (
    "activityId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "layer" INTEGER NOT NULL,
    "neuron" INTEGER NOT NULL,
    "z" DOUBLE PRECISION NOT NULL,
    "a" DOUBLE PRECISION NOT NULL,
    "at" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "LiveNeuronAnswer_pkey" PRIMARY KEY ("activityId","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "LiveNetworkActivity_sessionCode_number_key" ON "LiveNetworkActivity"("sessionCode", "number");

