"""The homophone index reads each CJK character's first reading from pypinyin's table once per
process: it is exactly what lazy_pinyin gives, character by character."""

from __future__ import annotations

from pypinyin import lazy_pinyin

from assistant.pipeline.entries import Sounds, _readings


def test_table_readings_are_lazy_pinyins() -> None:
    table = _readings()
    assert len(table) > 20_000
    assert [ch for ch, said in table.items() if lazy_pinyin(ch)[0] != said] == []


def test_homophones_share_a_code_and_others_do_not() -> None:
    sounds = Sounds()
    assert sounds.encode("律师") == sounds.encode("绿师") != sounds.encode("路师")
    assert sounds.encode("经费") == sounds.encode("经废")
    assert sounds.encode("abc") == "abc"
