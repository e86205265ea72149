"""Payment message screening: ISO 20022 and SWIFT MT parsing, party and free-text screening,
red-flag rules.

``service.screen_payment`` screens one message body; ``PaymentContext`` holds the per-snapshot
structures (BIC/LEI index, free-text scanner) built once and shared by every message.
"""
