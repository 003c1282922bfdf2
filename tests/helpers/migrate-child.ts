// One process migrating a PostgreSQL database (tests/integration/postgres-migrate.test.ts starts
// several at once): `node --import tsx tests/helpers/migrate-child.ts <url>`; prints the JSON list
// of the migrations this process applied.
import { migratePostgres } from "../../server/db/migrate-postgres";

const url = process.argv[2];
if (!url) throw new Error("usage: migrate-child.ts <postgresql url>");
const applied = await migratePostgres({ url });
process.stdout.write(JSON.stringify(applied));
