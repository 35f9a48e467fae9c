-- The four lifecycle states of an IU and of each of its versions (TAC seed-G6, seed 004 §3),
-- adopted verbatim. Every lifecycle column references this table; the rows are fixed data,
-- changed only by a migration.
CREATE TABLE public.iu_lifecycle_vocab (
    code text PRIMARY KEY,
    name text NOT NULL,
    description text NOT NULL,
    sort_order integer NOT NULL,
    CONSTRAINT iu_lifecycle_vocab_code_format CHECK (code ~ '^[a-z][a-z_]*$'),
    CONSTRAINT iu_lifecycle_vocab_sort_order_key UNIQUE (sort_order)
);

INSERT INTO public.iu_lifecycle_vocab (code, name, description, sort_order)
VALUES
('draft', 'Bản nháp', 'Mới tạo, chưa approve, sửa tại chỗ', 10),
('enacted', 'Đã ban hành', 'Approve qua change-set + APR. Bất biến.', 20),
('superseded', 'Bị thay', 'Bị version mới enacted thay. Giữ audit.', 30),
('retired', 'Đã rút', 'Quyết định retire qua change-set + APR.', 40);

ALTER TABLE public.iu_lifecycle_vocab OWNER TO iu_owner;
REVOKE ALL ON TABLE public.iu_lifecycle_vocab FROM PUBLIC;
GRANT SELECT ON TABLE public.iu_lifecycle_vocab
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE public.iu_lifecycle_vocab IS
'The four lifecycle states (draft, enacted, superseded, retired) of TAC seed-G6. Fixed data: only a migration changes it.';
