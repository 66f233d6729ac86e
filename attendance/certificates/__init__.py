"""Certificates of attendance: issued on the first download from the personal page, drawn
as a PDF in the holder's language, verified by anyone with their code.

codes     the verification code (Crockford base32) and the reading of a typed one
services  certificate_refusal (why a registration has none), certificate_issue
document  what a certificate says (CertificateDocument) and its PDF (certificate_pdf)
pdf       WeasyPrint with a URL fetcher that loads nothing from outside
queries   certificate_verification
"""
