/**
 * The app's own database user, so the app never logs in as the master user.
 *
 * Why: RDS rotates the master password it manages (every 7 days by default)
 * and ECS reads secrets only when a task starts, so tasks that used it would
 * lose new connections after each rotation. The app's user has a password of
 * its own, kept in a secret of the stack, that nothing rotates behind its back.
 *
 * How: the migrate task runs a short `setup` container before the migrate
 * container, on every pipeline run. It logs in with the master secret (read
 * fresh at task start, so a rotation never matters) and makes the app's user
 * exist with the password of the app's secret and own the app's database.
 * It is idempotent: running it again changes nothing, and it also sets a new
 * password after you put one in the app's secret. The pipeline fills that
 * secret with a random password once, when it has no value yet.
 *
 * Pure: the engine in, the image and the script out. The script never holds
 * `${` (Terraform would read it as its own interpolation); values arrive as
 * environment variables of the container.
 */
import type { DatabaseEngine } from '../config/index.js';

/** Environment variables the setup script reads (the container sets them). */
export const SETUP_VARIABLES = [
  'DATABASE_HOST',
  'DATABASE_PORT',
  'DATABASE_NAME',
  'DATABASE_MASTER_USER',
  'DATABASE_MASTER_PASSWORD',
  'DATABASE_USER',
  'DATABASE_PASSWORD',
] as const;

export interface DatabaseSetup {
  /** Official engine image from ECR Public: its client, no Docker Hub rate limit. */
  readonly image: string;
  /** `sh -c` script. */
  readonly script: string;
}

const POSTGRES = [
  'set -eu',
  'export PGHOST="$DATABASE_HOST" PGPORT="$DATABASE_PORT" PGDATABASE="$DATABASE_NAME" PGUSER="$DATABASE_MASTER_USER" PGPASSWORD="$DATABASE_MASTER_PASSWORD" PGSSLMODE=require',
  // psql variables quote the names (:"x") and the password (:'x') safely.
  `psql -v ON_ERROR_STOP=1 -v app_user="$DATABASE_USER" -v app_password="$DATABASE_PASSWORD" -v db="$DATABASE_NAME" <<'SQL'`,
  `SELECT format('CREATE ROLE %I LOGIN', :'app_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user')\\gexec`,
  `ALTER ROLE :"app_user" WITH LOGIN PASSWORD :'app_password';`,
  // The master may hand the database to a role it is a member of; from
  // PostgreSQL 15 the owner of the database owns the public schema too.
  'GRANT :"app_user" TO CURRENT_USER;',
  'ALTER DATABASE :"db" OWNER TO :"app_user";',
  'SQL',
  'echo "database user $DATABASE_USER is ready"',
].join('\n');

const MYSQL = [
  'set -eu',
  'export MYSQL_PWD="$DATABASE_MASTER_PASSWORD"',
  // The app password may be anyone's (the README invites your own in the
  // secret): as a MySQL string literal, its backslashes doubled and its quotes
  // doubled. The session reads backslashes as escapes, whatever the server's
  // sql_mode. The heredoc expands the variable once; its value is not read again.
  String.raw`APP_PASSWORD_SQL=$(printf '%s' "$DATABASE_PASSWORD" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")`,
  'mysql --host="$DATABASE_HOST" --port="$DATABASE_PORT" --user="$DATABASE_MASTER_USER" --ssl-mode=REQUIRED <<SQL',
  "SET SESSION sql_mode = (SELECT REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', ''));",
  "CREATE USER IF NOT EXISTS '$DATABASE_USER'@'%' IDENTIFIED BY '$APP_PASSWORD_SQL';",
  "ALTER USER '$DATABASE_USER'@'%' IDENTIFIED BY '$APP_PASSWORD_SQL';",
  "GRANT ALL PRIVILEGES ON \\`$DATABASE_NAME\\`.* TO '$DATABASE_USER'@'%';",
  'SQL',
  'echo "database user $DATABASE_USER is ready"',
].join('\n');

/** The setup container's image and script for an engine and major version. */
export function databaseSetup(engine: DatabaseEngine, engineVersion: string): DatabaseSetup {
  if (engine === 'postgres') {
    // The client of the same major version (alpine: small and quick to pull).
    return { image: `public.ecr.aws/docker/library/postgres:${engineVersion}-alpine`, script: POSTGRES };
  }
  return { image: `public.ecr.aws/docker/library/mysql:${engineVersion}`, script: MYSQL };
}
