-- 0004: a decision drafted for one team alone (a commune's own team, in a per-team batch) names
-- that team, so issuing it records the decision on that team and no other.
ALTER TABLE documents ADD COLUMN team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL;
