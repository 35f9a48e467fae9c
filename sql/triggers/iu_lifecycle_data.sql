-- The lifecycle vocabulary and transitions are fixed data: every write is refused (IU010).
CREATE TRIGGER trg_aa_iu_lifecycle_vocab_fixed
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.iu_lifecycle_vocab
FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_data_guard();

COMMENT ON TRIGGER trg_aa_iu_lifecycle_vocab_fixed ON public.iu_lifecycle_vocab IS
'Fixed data: only a migration changes the vocabulary.';

CREATE TRIGGER trg_aa_iu_lifecycle_transition_fixed
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.iu_lifecycle_transition
FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_data_guard();

COMMENT ON TRIGGER trg_aa_iu_lifecycle_transition_fixed ON public.iu_lifecycle_transition IS
'Fixed data: only a migration changes the allowed transitions.';
