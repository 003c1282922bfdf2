// A live session as the SQLite file holds it, read with a connection of our own and parsed with
// the session's schemas: what a restarted server would load.
import Database from "better-sqlite3";
import { parseServerData } from "../../lib/session/authority";
import { sessionStateSchema } from "../../lib/session/rules";

export function storedSession(databaseFile: string, code: string) {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const row = db
      .prepare(`SELECT "state", "participants", "sandboxes", "serverData" FROM "LiveSession" WHERE "code" = ?`)
      .get(code) as { state: string; participants: string; sandboxes: string; serverData: string };
    return {
      state: sessionStateSchema.safeParse({
        ...(JSON.parse(row.state) as object),
        participants: JSON.parse(row.participants) as unknown,
        sandboxes: JSON.parse(row.sandboxes) as unknown,
      }),
      server: parseServerData(JSON.parse(row.serverData)),
    };
  } finally {
    db.close();
  }
}
