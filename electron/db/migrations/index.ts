import m0001 from './0001-roster';
import m0002 from './0002-meetings';
import m0003 from './0003-projects';
import m0004 from './0004-screen';
import m0005 from './0005-member-deputy';
import m0006 from './0006-polls';
import m0007 from './0007-project-year';
import m0008 from './0008-work';
import m0009 from './0009-review';
import m0010 from './0010-candidates';
import m0011 from './0011-results';
import m0012 from './0012-meeting-packages';
import m0013 from './0013-fingerprints';
import m0014 from './0014-lan';

/** Numbered migrations, applied in order and recorded in the file (schema_migrations). Never edit a shipped one. */
export const migrations: { version: number; name: string; sql: string }[] = [
  { version: 1, name: '0001-roster', sql: m0001 },
  { version: 2, name: '0002-meetings', sql: m0002 },
  { version: 3, name: '0003-projects', sql: m0003 },
  { version: 4, name: '0004-screen', sql: m0004 },
  { version: 5, name: '0005-member-deputy', sql: m0005 },
  { version: 6, name: '0006-polls', sql: m0006 },
  { version: 7, name: '0007-project-year', sql: m0007 },
  { version: 8, name: '0008-work', sql: m0008 },
  { version: 9, name: '0009-review', sql: m0009 },
  { version: 10, name: '0010-candidates', sql: m0010 },
  { version: 11, name: '0011-results', sql: m0011 },
  { version: 12, name: '0012-meeting-packages', sql: m0012 },
  { version: 13, name: '0013-fingerprints', sql: m0013 },
  { version: 14, name: '0014-lan', sql: m0014 },
];
