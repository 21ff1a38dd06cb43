import m0001 from './0001-roster';

/** Numbered migrations, applied in order and recorded in the file (schema_migrations). Never edit a shipped one. */
export const migrations: { version: number; name: string; sql: string }[] = [{ version: 1, name: '0001-roster', sql: m0001 }];
