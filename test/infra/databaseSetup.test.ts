/**
 * The setup container's script, executed: sh runs it as the container would,
 * with a stand-in `mysql` or `psql` on PATH that records its arguments and the
 * SQL it reads. The SQL is then read back as each server reads it (MySQL's
 * string literal rules; psql's variables), so a password the user put in the
 * app's secret arrives as it was typed, whatever it holds.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { databaseSetup } from '../../src/infra/index.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'ecs-wizard-db-setup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Passwords that break naive quoting: quotes, backslashes, shell syntax, SQL after a quote. */
const HARD_PASSWORDS = [
  "it's-a-pass",
  'back\\slash\\',
  "\\'; DROP USER 'root'@'%'; -- ",
  '$(touch /tmp/ecs-wizard-pwned) `id` $HOME',
  '"double" and %s and \\n',
  'plain32CharactersWithoutPunctuation',
];

/** Runs the script with a recording client; returns its argv and the SQL on its stdin. */
function run(engine: 'mysql' | 'postgres', password: string): { args: string[]; sql: string } {
  const dir = mkdtempSync(path.join(root, `${engine}-`));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const client = engine === 'mysql' ? 'mysql' : 'psql';
  // Records each argument NUL-terminated (they may hold newlines), then stdin.
  writeFileSync(path.join(bin, client), `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done > "${dir}/args"\ncat > "${dir}/sql"\n`);
  chmodSync(path.join(bin, client), 0o755);
  execFileSync('sh', ['-c', databaseSetup(engine, engine === 'mysql' ? '8.4' : '16').script], {
    env: {
      PATH: `${bin}:${process.env['PATH']}`,
      DATABASE_HOST: 'db.example',
      DATABASE_PORT: '5432',
      DATABASE_NAME: 'shop',
      DATABASE_MASTER_USER: 'dbadmin',
      DATABASE_MASTER_PASSWORD: 'master',
      DATABASE_USER: 'app',
      DATABASE_PASSWORD: password,
    },
  });
  const args = readFileSync(path.join(dir, 'args'), 'utf8').split('\0').slice(0, -1);
  return { args, sql: readFileSync(path.join(dir, 'sql'), 'utf8') };
}

/**
 * MySQL's reading of a statement's quoted strings (sql_mode without
 * NO_BACKSLASH_ESCAPES, which the script makes sure of): '' is a quote, and a
 * backslash escapes the next character (\n, \t, \0... are control characters).
 */
function mysqlStrings(statement: string): string[] {
  const found: string[] = [];
  const controls: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };
  for (let i = 0; i < statement.length; i++) {
    if (statement[i] === '-' && statement[i + 1] === '-') break;
    if (statement[i] !== "'") continue;
    let value = '';
    for (i++; i < statement.length; i++) {
      const c = statement[i]!;
      if (c === '\\') {
        const next = statement[++i]!;
        value += controls[next] ?? (next === '%' || next === '_' ? `\\${next}` : next);
      } else if (c === "'" && statement[i + 1] === "'") {
        value += "'";
        i++;
      } else if (c === "'") break;
      else value += c;
    }
    found.push(value);
  }
  return found;
}

/** The SQL split into statements at `;` outside quotes (MySQL's reading, as above). */
function mysqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    current += c;
    if (quoted && c === '\\') current += sql[++i] ?? '';
    else if (c === "'") quoted = !quoted;
    else if (c === ';' && !quoted) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

describe('database setup: the app password reaches the server as typed', () => {
  test.each(HARD_PASSWORDS)('mysql: %j is one string literal of CREATE USER and ALTER USER, and nothing else runs', (password) => {
    const { sql } = run('mysql', password);
    const statements = mysqlStatements(sql);
    // The session reads backslashes as escapes, whatever the server's sql_mode.
    expect(statements[0]).toBe("SET SESSION sql_mode = (SELECT REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', ''));");
    expect(statements.map((statement) => statement.split(' ').slice(0, 2).join(' '))).toEqual(['SET SESSION', 'CREATE USER', 'ALTER USER', 'GRANT ALL']);
    expect(mysqlStrings(statements[1]!)).toEqual(['app', '%', password]);
    expect(mysqlStrings(statements[2]!)).toEqual(['app', '%', password]);
    expect(statements[3]).toBe("GRANT ALL PRIVILEGES ON `shop`.* TO 'app'@'%';");
    expect(existsPwned()).toBe(false);
  });

  test.each(HARD_PASSWORDS)('postgres: %j is one psql variable, quoted by psql as a literal', (password) => {
    const { args, sql } = run('postgres', password);
    expect(args).toContain(`app_password=${password}`);
    // The SQL is the script's own text: the password never enters it, psql quotes :'app_password'.
    expect(sql).not.toContain(password);
    expect(sql).toContain(`ALTER ROLE :"app_user" WITH LOGIN PASSWORD :'app_password';`);
    expect(existsPwned()).toBe(false);
  });
});

function existsPwned(): boolean {
  try {
    readFileSync('/tmp/ecs-wizard-pwned');
    return true;
  } catch {
    return false;
  }
}
