// Report keys of live sessions (the LiveReport table): a link that opens a session's report without
// the teacher key. Only the key's sha256 is kept; a new key replaces the old one.
import type { Db } from "../db/client";

export interface ReportStore {
  /** the hash of the session's report key, or null when none was made */
  keyHash(code: string): Promise<string | null>;
  saveKeyHash(code: string, hash: string): Promise<void>;
}

export function createReportStore(prisma: Db): ReportStore {
  return {
    async keyHash(code) {
      const row = await prisma.liveReport.findUnique({ where: { sessionCode: code } });
      return row?.keyHash ?? null;
    },
    async saveKeyHash(code, hash) {
      await prisma.liveReport.upsert({
        where: { sessionCode: code },
        create: { sessionCode: code, keyHash: hash },
        update: { keyHash: hash, createdAt: new Date() },
      });
    },
  };
}
