-- 0010: numbers the office controls. A number reserved for a document issued on paper outside
-- the program is an entry of its own (`reserved_for`: the reason), and a voided number (hủy số)
-- stays on its entry with the reason and the day (`void_reason`, `voided_on`): both keep their
-- number in the register, so it is never given again. The status column keeps 'issued'/'signed';
-- the register reads these columns first.
ALTER TABLE documents ADD COLUMN reserved_for TEXT;
ALTER TABLE documents ADD COLUMN void_reason TEXT;
ALTER TABLE documents ADD COLUMN voided_on TEXT;
