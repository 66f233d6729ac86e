"""The verification code of a certificate: 10 characters of Crockford's base32 (50 random
bits), stored plain ("7QX4M2KD9B") and shown in groups ("7QX4-M2KD-9B").

Crockford's alphabet leaves out I, L, O and U, so a code read aloud or typed from paper
survives the usual slips: input is read in any letter case, with spaces and dashes
anywhere, O as zero and I or L as one.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -\u2010\u2011\u2012\u2013\u2014\u2212\t\n\r\xa0")


def code_new() -> str:
    """A new random code (not yet checked for uniqueness)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_normalised(text: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be one (wrong length, a
    letter outside the alphabet)."""
    code = text.upper().translate(_IGNORED).translate(_READ_AS)
    if len(code) != LENGTH or any(character not in ALPHABET for character in code):
        return None
    return code


def code_display(code: str) -> str:
    """The code as printed and shown: XXXX-XXXX-XX."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"
