#!/usr/bin/env python3
"""A local SMTP server (aiosmtpd) for the email tests and for trying `assay monitor` by hand. Each message it takes
is appended as one JSON line to OUT/messages.jsonl: {"mail_from", "rcpt_tos", "data" (the message as received),
"login" (the authenticated user, or null),
"parsed" (what Python's email parser reads: subject, message_id, type, parts [{type, text}], defects)}. It prints "listening on 127.0.0.1:PORT" once it accepts connections and
stops on SIGTERM or SIGINT.

  scripts/smtp.sh serve --port PORT --out DIR [--starttls CERT KEY | --implicit-tls CERT KEY]
                        [--user NAME [--only-auth PLAIN|LOGIN]]  (the password: environment variable SMTP_SERVER_PASSWORD)
                        [--refuse ADDRESS]...  (answer 550 to RCPT TO for these addresses)
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, out, refused):
        self.path = os.path.join(out, "messages.jsonl")
        self.refused = {address.lower() for address in refused}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 <%s>: recipient refused" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.original_content.decode("utf-8", "replace"),
            "login": session.auth_data if session.authenticated else None,
            "parsed": parse(envelope.original_content),
        }
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        return "250 2.0.0 OK queued"


def parse(data):
    """The message as Python's own email parser reads it: decoded subject, Message-ID, each text part decoded."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    parts = [{"type": part.get_content_type(), "text": part.get_content()}
             for part in message.walk() if part.get_content_maintype() == "text"]
    return {"subject": str(message["subject"]), "message_id": str(message["message-id"]), "type": message.get_content_type(),
            "parts": parts, "defects": [type(d).__name__ for part in message.walk() for d in part.defects]}


class Authenticator:
    def __init__(self, user, password):
        self.user, self.password = user, password

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == self.user and auth_data.password.decode() == self.password:
            return AuthResult(success=True, auth_data=self.user)
        return AuthResult(success=False, handled=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--user")
    parser.add_argument("--only-auth", metavar="MECHANISM", help="offer only this AUTH mechanism (PLAIN or LOGIN)")
    parser.add_argument("--refuse", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    def context(pair):
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(pair[0], pair[1])
        return ctx

    starttls = context(args.starttls) if args.starttls else None
    implicit = context(args.implicit_tls) if args.implicit_tls else None
    options = {"hostname": "smtp.test", "ident": "Assay test SMTP"}
    if starttls:
        options["tls_context"] = starttls
    if args.user:
        password = os.environ.get("SMTP_SERVER_PASSWORD", "")
        # With implicit TLS aiosmtpd does not know the connection is encrypted, so it must not insist on STARTTLS.
        options.update(authenticator=Authenticator(args.user, password), auth_required=True,
                       auth_require_tls=not implicit)
        if args.only_auth:
            options["auth_exclude_mechanism"] = {"PLAIN", "LOGIN"} - {args.only_auth.upper()}
    recorder = Recorder(args.out, args.refuse)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    server = loop.run_until_complete(loop.create_server(lambda: SMTP(recorder, **options), host="127.0.0.1", port=args.port, ssl=implicit))
    # Every message is on disk once its 250 is sent, so a signal ends the process at once (tests stop it often).
    # A parent may have started it with these signals blocked (the mask is inherited): unblock them.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: os._exit(0))
    print("listening on 127.0.0.1:%d" % args.port, flush=True)
    loop.run_until_complete(server.serve_forever())


if __name__ == "__main__":
    main()
