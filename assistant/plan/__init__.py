"""Planning: which reading of the document gives each subject's figure."""
