"""The test PKI's services on 127.0.0.1, over real HTTP: the CAs' revocation lists (GET /root.crl,
/signing-ca.crl: the CRL distribution points in the certificates) and an RFC 3161 timestamping
authority (POST /tsa, application/timestamp-query -> application/timestamp-reply) that signs
time-stamp tokens with the test TSA's real key (pyHanko's timestamp builder behind the socket)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class PkiServer:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.stamper = None
        self.fetched: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                f = outer.folder / self.path.lstrip("/")
                if not self.path.endswith(".crl") or not f.is_file():
                    self.send_error(404)
                    return
                outer.fetched.append(self.path)
                data = f.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "application/pkix-crl")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                from asn1crypto import tsp

                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path != "/tsa" or outer.stamper is None:
                    self.send_error(404)
                    return
                resp = outer.stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(resp)))
                self.end_headers()
                self.wfile.write(resp)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def start_tsa(self, tsa: tuple, fixed_dt=None) -> str:
        """Serve time-stamp tokens signed by the TSA (certificate PEM, key PEM, intermediate PEM);
        ``fixed_dt``: the time every token states (default: the clock's)."""
        from asn1crypto import keys, pem, x509
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        cert_pem, key_pem, inter_pem = tsa
        cert = x509.Certificate.load(pem.unarmor(cert_pem)[2])
        key = keys.PrivateKeyInfo.load(pem.unarmor(key_pem)[2])
        store = SimpleCertificateStore.from_certs([x509.Certificate.load(pem.unarmor(inter_pem)[2])])
        self.stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key, certs_to_embed=store, fixed_dt=fixed_dt)
        return f"{self.base}/tsa"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
