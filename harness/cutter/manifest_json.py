def load_manifest_json(data, *, doc_code=None):
    raise NotImplementedError
