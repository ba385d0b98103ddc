/**
 * RDS instance classes the wizard offers, with their size, so a person can
 * choose by vCPU and memory. Graviton (g) classes first: cheaper for the same
 * work. Both engines run on every class listed here.
 */
export interface DatabaseClass {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
}

const c = (name: string, vcpu: number, memoryGiB: number): DatabaseClass => ({ name, vcpu, memoryGiB });

export const DATABASE_CLASSES: readonly DatabaseClass[] = [
  c('db.t4g.micro', 2, 1),
  c('db.t4g.small', 2, 2),
  c('db.t4g.medium', 2, 4),
  c('db.t4g.large', 2, 8),
  c('db.t4g.xlarge', 4, 16),
  c('db.t4g.2xlarge', 8, 32),
  c('db.t3.micro', 2, 1),
  c('db.t3.small', 2, 2),
  c('db.t3.medium', 2, 4),
  c('db.t3.large', 2, 8),
  c('db.m7g.large', 2, 8),
  c('db.m7g.xlarge', 4, 16),
  c('db.m7g.2xlarge', 8, 32),
  c('db.m7g.4xlarge', 16, 64),
  c('db.m6g.large', 2, 8),
  c('db.m6g.xlarge', 4, 16),
  c('db.m6g.2xlarge', 8, 32),
  c('db.r7g.large', 2, 16),
  c('db.r7g.xlarge', 4, 32),
  c('db.r7g.2xlarge', 8, 64),
  c('db.r6g.large', 2, 16),
  c('db.r6g.xlarge', 4, 32),
];

export function findDatabaseClass(name: string): DatabaseClass | undefined {
  return DATABASE_CLASSES.find((entry) => entry.name === name);
}

export function databaseClassLabel(entry: DatabaseClass): string {
  return `${entry.name} (${entry.vcpu} vCPU, ${entry.memoryGiB} GiB)`;
}

export const DATABASE_ENGINES = ['postgres', 'mysql'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

/** Major versions: RDS picks the newest minor, and minor upgrades stay on. */
export const ENGINE_VERSIONS: Record<DatabaseEngine, readonly string[]> = {
  postgres: ['17', '16', '15'],
  mysql: ['8.4', '8.0'],
};

export const ENGINE_PORTS: Record<DatabaseEngine, number> = { postgres: 5432, mysql: 3306 };

export const DEFAULT_ENGINE_VERSION: Record<DatabaseEngine, string> = { postgres: '16', mysql: '8.0' };
