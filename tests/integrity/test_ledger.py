from evidence_desk.integrity import ledger, signing


def test_entry_hash_signature_and_genesis_binding() -> None:
    key = signing.generate_private_key()
    genesis = ledger.genesis_hash("store-a")
    assert genesis != ledger.genesis_hash("store-b")
    entry = ledger.make_entry(
        seq=1,
        at="2026-01-01T00:00:00.000000Z",
        actor="root",
        action="store.init",
        payload={"x": "中文"},
        prev=genesis,
        key=key,
    )
    assert entry.payload == '{"x":"中文"}'
    assert entry.payload_hash == ledger.payload_hash(entry.payload)
    assert entry.entry_hash == ledger.entry_hash(
        1, entry.at, "root", "store.init", entry.payload_hash, genesis
    )
    public = signing.public_key_hex(key)
    message = bytes.fromhex(entry.entry_hash)
    assert signing.verify(public, signing.ENTRY_CONTEXT, message, entry.signature)
    # the same signature is worthless in another context (domain separation)
    assert not signing.verify(public, signing.CHECKPOINT_CONTEXT, message, entry.signature)


def test_any_field_change_changes_the_entry_hash() -> None:
    base = ("2026-01-01T00:00:00Z", "alice", "case.create", "a" * 64, "b" * 64)
    reference = ledger.entry_hash(5, *base)
    assert ledger.entry_hash(6, *base) != reference
    for index in range(len(base)):
        changed = list(base)
        changed[index] = changed[index] + "x"
        assert ledger.entry_hash(5, *changed) != reference


def test_malformed_signatures_and_keys_are_invalid_not_errors() -> None:
    assert not signing.verify("zz", signing.ENTRY_CONTEXT, b"m", "00")
    key = signing.generate_private_key()
    assert not signing.verify(signing.public_key_hex(key), signing.ENTRY_CONTEXT, b"m", "abc")
