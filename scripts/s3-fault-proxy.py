#!/usr/bin/env python3
"""A fault-injecting HTTP proxy in front of a local S3-compatible test server (moto).

The tests start it themselves (Python 3 standard library only):

    python3 scripts/s3-fault-proxy.py --upstream http://127.0.0.1:PORT --fault FAULT [--count N]

It listens on 127.0.0.1 on a free port, prints its endpoint (`http://127.0.0.1:PORT`) as
the first line on stdout, then one line per fault it injects (`fault FAULT KEY`), and
serves until it is killed. Listing requests (`GET /bucket?list-type=2…`) always pass
through, so a fault hits the reads of objects after the listing, as on S3 mid-query;
`no-bucket` answers every request.

Faults (on object reads, GET or HEAD of `/bucket/key`; the first N of them with
`--count N`, every one without):

    no-bucket     404 NoSuchBucket for every request, listings included
    403           403 AccessDenied
    404           404 NoSuchKey (the object was deleted after the listing)
    500, 503      500 InternalError / 503 SlowDown
    slow          the answer is delayed by --delay seconds (default 0.5)
    reset         the connection is reset (TCP RST) before any answer
    truncate      the headers promise the whole body; half of it is sent, then the
                  connection is closed
"""

import argparse
import http.client
import http.server
import socket
import struct
import sys
import threading
import time
import urllib.parse

ERRORS = {
    "no-bucket": (404, "NoSuchBucket", "The specified bucket does not exist"),
    "403": (403, "AccessDenied", "Access Denied"),
    "404": (404, "NoSuchKey", "The specified key does not exist."),
    "500": (500, "InternalError", "We encountered an internal error. Please try again."),
    "503": (503, "SlowDown", "Please reduce your request rate."),
}


class Faults:
    """How many faults are left to inject (None: no limit), shared by the handler threads."""

    def __init__(self, fault, count, delay):
        self.fault = fault
        self.left = count
        self.delay = delay
        self.lock = threading.Lock()

    def take(self, key):
        with self.lock:
            if self.left is not None:
                if self.left <= 0:
                    return False
                self.left -= 1
            print(f"fault {self.fault} {key}", flush=True)
            return True


def make_handler(upstream, faults):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def handle(self):
            # A reset or truncated connection is the point, not an error of the proxy.
            try:
                super().handle()
            except (OSError, ValueError):
                pass

        def handle_one(self):
            url = urllib.parse.urlsplit(self.path)
            parts = url.path.lstrip("/").split("/", 1)
            is_object = (
                self.command in ("GET", "HEAD")
                and len(parts) == 2
                and parts[1] != ""
                and "list-type" not in url.query
            )
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            fault = faults.fault
            if fault == "no-bucket" and faults.take(parts[0]):
                return self.error(fault, url.path)
            if is_object and fault != "no-bucket" and faults.take("/".join(parts)):
                if fault in ERRORS:
                    return self.error(fault, url.path)
                if fault == "reset":
                    return self.reset()
                if fault == "slow":
                    time.sleep(faults.delay)
                if fault == "truncate":
                    return self.forward(body, truncate=True)
            return self.forward(body, truncate=False)

        do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = handle_one

        def error(self, fault, path):
            status, code, message = ERRORS[fault]
            text = (
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                f"<Error><Code>{code}</Code><Message>{message}</Message>"
                f"<Resource>{path}</Resource><RequestId>fault</RequestId></Error>"
            ).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(text)

        def reset(self):
            # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            self.close_connection = True
            self.connection.close()

        def forward(self, body, truncate):
            host = urllib.parse.urlsplit(upstream)
            conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
            conn.request(self.command, self.path, body=body, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
            conn.close()
            self.send_response(answer.status)
            for k, v in answer.getheaders():
                if k.lower() not in ("connection", "transfer-encoding", "content-length", "date", "server"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command == "HEAD":
                return
            if truncate:
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(data)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True, help="http://127.0.0.1:PORT of the S3 server")
    parser.add_argument("--fault", required=True, choices=[*ERRORS, "slow", "reset", "truncate"])
    parser.add_argument("--count", type=int, default=None, help="inject only the first N faults")
    parser.add_argument("--delay", type=float, default=0.5, help="seconds, for --fault slow")
    args = parser.parse_args()
    faults = Faults(args.fault, args.count, args.delay)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args.upstream, faults))
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
