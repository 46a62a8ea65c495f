-- 0006: the registry's dated history. Why a member left; a team's kind and merger; the
-- decisions of each team (recorded by hand, issued here or imported) with number, date, signer
-- and trích yếu; a team's dated renames and mergers; which members an issued decision names.
ALTER TABLE memberships ADD COLUMN left_reason TEXT;
ALTER TABLE teams ADD COLUMN kind TEXT NOT NULL DEFAULT 'cnscd';
ALTER TABLE teams ADD COLUMN merged_into INTEGER REFERENCES teams(id);
ALTER TABLE teams ADD COLUMN merged_on TEXT;

CREATE TABLE team_decisions (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES teams(id),
    number      TEXT NOT NULL,
    issued_on   TEXT,
    signer      TEXT,
    summary     TEXT,
    kind        TEXT NOT NULL CHECK (kind IN ('establish', 'consolidate')),
    source      TEXT NOT NULL CHECK (source IN ('manual', 'issued', 'imported')),
    document_id INTEGER
);
CREATE INDEX team_decisions_team ON team_decisions(team_id);

-- Decisions already on a team before this migration came from an import or an issue.
INSERT INTO team_decisions (team_id, number, issued_on, kind, source)
    SELECT id, decision_ref, decision_date, 'establish', 'imported' FROM teams WHERE decision_ref IS NOT NULL;

CREATE TABLE team_events (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams(id),
    on_date    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('rename', 'merge')),
    old_name   TEXT,
    new_name   TEXT,
    other_team INTEGER REFERENCES teams(id)
);
CREATE INDEX team_events_team ON team_events(team_id);

CREATE TABLE document_members (
    document_id INTEGER NOT NULL,
    member_id   INTEGER NOT NULL,
    PRIMARY KEY (document_id, member_id)
);
CREATE INDEX document_members_member ON document_members(member_id);
