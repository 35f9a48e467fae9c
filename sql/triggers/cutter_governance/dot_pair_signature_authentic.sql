-- Named to fire before the chain trigger (BEFORE triggers fire in name order): a refused
-- signature never takes the chain's lock.
CREATE TRIGGER trg_ab_dot_pair_signature_authentic
BEFORE INSERT ON cutter_governance.dot_pair_signature
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_signature_authentic();

COMMENT ON TRIGGER trg_ab_dot_pair_signature_authentic ON cutter_governance.dot_pair_signature IS
'IU011 unless the signature verifies under its registered key over its lane and digest (fn_gov_ed25519_verify).';
