/** 0001: bodies, people, memberships, and the append-only, hash-chained audit log. */
export default `
CREATE TABLE bodies (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('district_congress','standing_committee','street_council','township_congress')),
  name        TEXT NOT NULL UNIQUE,
  area        TEXT,
  term        TEXT,
  created_at  TEXT NOT NULL
);

-- A person may sit in several bodies (a 区人大代表 is often also a 街道议事代表), so people and seats are apart.
CREATE TABLE persons (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  pinyin      TEXT NOT NULL,
  initials    TEXT NOT NULL,
  gender      TEXT CHECK (gender IN ('男','女')),
  ethnicity   TEXT,
  party       TEXT,
  phone       TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX persons_name ON persons(name);

-- A seat has dates: 代表资格 can end (代表法 第六十二条), and the record is kept.
CREATE TABLE memberships (
  id            INTEGER PRIMARY KEY,
  body_id       INTEGER NOT NULL REFERENCES bodies(id),
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  unit_title    TEXT,
  constituency  TEXT,
  seat_no       TEXT,
  since         TEXT,
  until         TEXT,
  end_reason    TEXT,
  notes         TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX memberships_body ON memberships(body_id);
CREATE INDEX memberships_person ON memberships(person_id);
CREATE UNIQUE INDEX memberships_one_active_seat ON memberships(body_id, person_id) WHERE end_reason IS NULL;

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  detail      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
`;
