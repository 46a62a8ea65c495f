-- 0012: a reporting deadline for one indicator of a period (an indicator the province wants
-- earlier than the rest), beside the period's own deadline per level (0002). A unit that has
-- not reported that indicator when its deadline has passed is late for it.
CREATE TABLE indicator_deadlines (
    period    TEXT NOT NULL,
    indicator INTEGER NOT NULL REFERENCES indicators(id),
    due       TEXT NOT NULL,
    PRIMARY KEY (period, indicator)
);
