"""Evidence that holds outside the database: the agreed PDF, PAdES signatures over it, signed
checkpoints of the audit chain, and the cross-check of tables against audit payloads.
"""
