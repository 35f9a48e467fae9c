def akn_eid_to_segments(eid):
    raise NotImplementedError
