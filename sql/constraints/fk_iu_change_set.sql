-- Units and versions point at the governed cut that created them.
ALTER TABLE public.information_unit
ADD CONSTRAINT information_unit_created_change_set_fk
FOREIGN KEY (created_change_set_id) REFERENCES cutter_governance.cut_change_set (id);

ALTER TABLE public.unit_version
ADD CONSTRAINT unit_version_change_set_fk
FOREIGN KEY (change_set_id) REFERENCES cutter_governance.cut_change_set (id);

CREATE INDEX information_unit_created_change_set_idx ON public.information_unit (created_change_set_id);
CREATE INDEX unit_version_change_set_idx ON public.unit_version (change_set_id);
