import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '../support/vigil';

const cli = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
const hasSqliteCli = cli.status === 0;

describe('the database file', () => {
  it.skipIf(!hasSqliteCli)(
    `when the system's own sqlite3 tool (${hasSqliteCli ? cli.stdout.split(' ')[0] : 'not installed: skipped'}) opens it, then every table reads`,
    () => {
      // Hospitals back up and inspect the file with the tools their OS ships, often older than
      // the SQLite inside better-sqlite3: the schema must use nothing they cannot parse.
      const { file, close } = openTestDb();
      close();
      const tables = spawnSync(
        'sqlite3',
        [file, "SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name"],
        {
          encoding: 'utf8',
        },
      );
      expect(tables.stderr).toBe('');
      expect(tables.status).toBe(0);
      const names = tables.stdout.trim().split('\n');
      expect(names).toContain('recall_search');
      const counts = names.map((t) => `SELECT '${t}', count(*) FROM "${t}";`).join('\n');
      const read = spawnSync('sqlite3', [file], { input: counts, encoding: 'utf8' });
      expect(read.stderr).toBe('');
      expect(read.status).toBe(0);
    },
  );
});
