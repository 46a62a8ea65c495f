-- 0001: the registry of units, teams, members and their dated memberships; settings as JSON.
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
    parent_id   INTEGER REFERENCES units(id),
    merged_into INTEGER REFERENCES units(id),
    merged_on   TEXT,
    search_key  TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_search ON units(search_key);

CREATE TABLE teams (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    name          TEXT NOT NULL,
    decision_ref  TEXT,
    decision_date TEXT,
    zalo_link     TEXT
);
CREATE INDEX teams_unit ON teams(unit_id);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    full_name     TEXT NOT NULL,
    search_key    TEXT NOT NULL,
    year_of_birth INTEGER,
    gender        TEXT CHECK (gender IN ('male', 'female')),
    phone         TEXT,
    email         TEXT,
    position      TEXT,
    trained       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX members_phone ON members(phone);

CREATE TABLE memberships (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    role            TEXT NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
    joined_on       TEXT,
    left_on         TEXT,
    joined_decision TEXT,
    left_decision   TEXT
);
CREATE INDEX memberships_team ON memberships(team_id);
CREATE INDEX memberships_member ON memberships(member_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
