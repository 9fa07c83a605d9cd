"""Tagging: one lattice of spans over the normalised question (entities, lexicon words, figures)."""

from assistant.tag.lexicon import Lexicon, load_lexicon
from assistant.tag.tagger import Tag, names_a_thing, said_as, tag, without_stray_codes

__all__ = ["Lexicon", "Tag", "load_lexicon", "names_a_thing", "said_as", "tag", "without_stray_codes"]
