-- 0011: each member's task in a year's plan («Phân công nhiệm vụ»): what they do and the area or
-- households they are in charge of. One row per member and year; a member without one is printed
-- with the default task of their role. A member deleted by mistake takes their tasks with them.
CREATE TABLE member_tasks (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    task      TEXT NOT NULL DEFAULT '',
    area      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, year)
);
