-- 0005: the drafted document itself (its block model as JSON, deflated), so issuing fills in the
-- number and date of exactly what the clerk reviewed instead of drafting it again from data that
-- may have changed since.
ALTER TABLE documents ADD COLUMN body BLOB;
