#!/usr/bin/env python3
"""A local webhook receiver for trying `assay monitor`: prints each alert's event id and subject and answers 200.
   python3 scripts/webhook-receiver.py [PORT]   (default 9000; the URL is http://127.0.0.1:PORT/hook)"""
import http.server, json, sys

class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            subject = json.loads(body).get("subject", "")
        except ValueError:
            subject = "(not JSON)"
        print(self.headers.get("X-Assay-Event-Id"), subject, flush=True)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass

port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
print(f"listening on http://127.0.0.1:{port}/hook", flush=True)
http.server.HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
