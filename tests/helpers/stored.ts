// A live session as the database holds it, read with a connection of our own and parsed with the
// session's schemas: what a restarted server would load.
import { parseServerData } from "../../lib/session/authority";
import { sessionStateSchema } from "../../lib/session/rules";
import type { ScratchDatabase } from "./database";

export async function storedSession(db: ScratchDatabase, code: string) {
  const [row] = (await db.query(
    `SELECT "state", "participants", "sandboxes", "serverData" FROM "LiveSession" WHERE "code" = ?`,
    code,
  )) as { state: string; participants: string; sandboxes: string; serverData: string }[];
  if (!row) throw new Error(`no live session ${code} in the database`);
  return {
    state: sessionStateSchema.safeParse({
      ...(JSON.parse(row.state) as object),
      participants: JSON.parse(row.participants) as unknown,
      sandboxes: JSON.parse(row.sandboxes) as unknown,
    }),
    server: parseServerData(JSON.parse(row.serverData)),
  };
}
