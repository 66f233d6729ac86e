"""The SMTP backend of the outbox: RFC 5321's timeouts, and a distinct error for a message
the server may have accepted without saying so.

Django's SMTP backend waits EMAIL_TIMEOUT for every reply, the reply to the end of the
message too. A server that checks a message (spam, viruses) before it answers that may take
longer, and accepts the message all the same: a client that gave up sends it again on the
next attempt. RFC 5321 (section 4.5.3.2) gives that reply ten minutes.
"""

import contextlib
import re
import smtplib
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address

DATA_BLOCK = 16 * 1024  # bytes of the message sent per step (one TLS record), each within
                        # EMAIL_TIMEOUT


class DeliveryUnconfirmed(smtplib.SMTPException):
    """The whole message went out, its final "." included, but the server's reply to it never
    came (no reply in time, or the connection was lost): the server may have accepted it.
    Sending it again at once would likely deliver it twice."""


class EmailBackend(smtp.EmailBackend):
    """Django's SMTP backend, driving each mail transaction step by step with the timeouts of
    RFC 5321, section 4.5.3.2:

    - connecting, the greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, and each block of the
      message: EMAIL_TIMEOUT each (the RFC allows 2 to 5 minutes; giving up there is a clean
      failure, retried later, as the server cannot have accepted anything yet);
    - the reply to the final ".": EMAIL_DATA_END_TIMEOUT (the RFC's 10 minutes); when it
      never comes, DeliveryUnconfirmed.

    `send_by` (a time.monotonic() value) is when the caller's hold on the message ends (the
    outbox's claim): the message is only sent if its blocks, the reply to it and QUIT can
    take their full time before then; otherwise the connection is dropped before the final
    "." (a clean failure), so that nobody else sends the message while we still wait.
    """

    def __init__(self, *args, data_end_timeout: float | None = None,
                 send_by: float | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.data_end_timeout = (settings.EMAIL_DATA_END_TIMEOUT if data_end_timeout is None
                                 else data_end_timeout)
        self.send_by = send_by

    def _send(self, email_message: EmailMessage) -> bool:
        """As Django's, with mail_transaction in place of smtplib's sendmail()."""
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(address, encoding)
                      for address in email_message.recipients()]
        content = email_message.message().as_bytes(linesep="\r\n")
        try:
            self.mail_transaction(sender=sender, recipients=recipients, content=content)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True

    def mail_transaction(self, *, sender: str, recipients: Sequence[str], content: bytes) -> None:
        """One mail transaction on the open connection, as smtplib's sendmail() does it.

        Steps:
        1. EHLO (or HELO) unless done; MAIL FROM, with the size where the server takes it;
        2. RCPT TO for each recipient: those refused are skipped, unless all are;
        3. DATA; check that the rest can take its full time before `send_by`;
        4. send the message in blocks, dot-stuffed, with the final ".";
        5. wait up to the data-end timeout for the reply: no reply is DeliveryUnconfirmed,
           a reply other than 250 is smtplib's SMTPDataError.
        A refusal in steps 1 to 3 raises smtplib's error for it (SMTPSenderRefused,
        SMTPRecipientsRefused, SMTPDataError), a timeout or a lost connection up to step 4
        SMTPServerDisconnected: the server has accepted nothing.
        """
        connection = self.connection
        connection.ehlo_or_helo_if_needed()
        options = ([f"size={len(content)}"]
                   if connection.does_esmtp and connection.has_extn("size") else [])
        code, reply = connection.mail(sender, options)
        if code != 250:
            _transaction_abort(connection, code)
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        refused = {}
        for recipient in recipients:
            code, reply = connection.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
            if code == 421:
                connection.close()
                raise smtplib.SMTPRecipientsRefused(refused)
        if len(refused) == len(recipients):
            _transaction_abort(connection, 0)
            raise smtplib.SMTPRecipientsRefused(refused)
        code, reply = connection.docmd("data")
        if code != 354:
            _transaction_abort(connection, code)
            raise smtplib.SMTPDataError(code, reply)
        data = _dot_stuffed(content)
        self._time_left_check(connection, blocks=-(-len(data) // DATA_BLOCK))
        self._data_send(connection, data)
        code, reply = self._data_end_reply(connection)
        if code != 250:
            _transaction_abort(connection, code)
            raise smtplib.SMTPDataError(code, reply)

    def _time_left_check(self, connection: smtplib.SMTP, *, blocks: int) -> None:
        needed = (self.timeout or 0) * (blocks + 1) + self.data_end_timeout  # blocks, QUIT
        if self.send_by is not None and time.monotonic() + needed > self.send_by:
            connection.close()  # before the final ".": the server discards the message
            raise smtplib.SMTPServerDisconnected(
                f"Not sent: the reply to the message may take {needed:g} s, more than is left "
                "of the claim on it (MAIL_CLAIM_SECONDS)")

    def _data_send(self, connection: smtplib.SMTP, data: bytes) -> None:
        try:
            for start in range(0, len(data), DATA_BLOCK):
                connection.sock.sendall(data[start:start + DATA_BLOCK])
        except OSError as error:
            connection.close()
            raise smtplib.SMTPServerDisconnected(f"Sending the message failed: {error}") from error

    def _data_end_reply(self, connection: smtplib.SMTP) -> tuple[int, bytes]:
        connection.sock.settimeout(self.data_end_timeout)
        try:
            code, reply = connection.getreply()  # a timeout closes the connection
        except smtplib.SMTPException as error:
            connection.close()
            raise DeliveryUnconfirmed(f"No reply to the end of the message: {error}") from error
        except Exception as error:  # e.g. the task queue's job timeout (RQ raises it here)
            connection.close()
            raise DeliveryUnconfirmed("Stopped while waiting for the reply to the end of the "
                                      f"message: {type(error).__name__}") from error
        finally:
            if connection.sock is not None:
                connection.sock.settimeout(self.timeout)
        if not 200 <= code <= 599:  # a line that is no reply
            connection.close()
            raise DeliveryUnconfirmed(f"No valid reply to the end of the message: {reply!r}")
        return code, reply

    def _close_connection(self, connection: smtplib.SMTP) -> None:
        """QUIT, else just close: the message's fate is known by then, so a failed goodbye
        must not turn a delivered message into an error."""
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()


def _transaction_abort(connection: smtplib.SMTP, code: int) -> None:
    """After a refusal: close on 421 (the server is closing), else reset the transaction."""
    if code == 421:
        connection.close()
        return
    with contextlib.suppress(smtplib.SMTPServerDisconnected):
        connection.rset()


def _dot_stuffed(content: bytes) -> bytes:
    """The message as DATA sends it (as smtplib's data() does): a "." at the start of a line
    doubled (RFC 5321, 4.5.2), ended by CRLF "." CRLF. Django's message has CRLF line ends."""
    data = re.sub(rb"(?m)^\.", b"..", content)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"
