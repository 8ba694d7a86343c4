"""A client for Docket's HTTP API (`docket serve`), using only Python's standard library (3.9+).

    from docket_client import DocketClient, DocketError, verify_signature

    client = DocketClient("http://127.0.0.1:8080", "dk_1_...")
    receipt = client.upload("invoice.pdf", questions=["What is the total due?"])
    job = client.wait_for(receipt["job"]["id"], timeout=300)
    for answer in client.answers(receipt["document"]["id"]):
        print(answer["question"], answer["answer"])

Run as a script: python3 docket_client.py URL KEY FILE QUESTION... prints the answers as JSON.
"""

import hashlib
import hmac
import json
import mimetypes
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

__all__ = ["DocketClient", "DocketError", "verify_signature", "FINISHED_STATES"]

FINISHED_STATES = frozenset({"succeeded", "failed", "dead", "cancelled"})

# The server caps one long poll at 60 seconds.
_LONGEST_WAIT = 60

_TYPES_BY_SUFFIX = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".dcm": "application/dicom",
    ".txt": "text/plain; charset=utf-8",
}


class DocketError(Exception):
    """A refused request: the RFC 9457 problem's `code`, HTTP `status` and `detail` (what to do)."""

    def __init__(self, code, status, detail, title=None, retry_after=None):
        super().__init__("%s (%s): %s" % (code, status, detail))
        self.code = code
        self.status = status
        self.detail = detail
        self.title = title
        self.retry_after = retry_after


class DocketClient:
    """Speaks to one `docket serve` with one key (`docket keys create --scope submit|read`)."""

    def __init__(self, base_url, key, timeout=90):
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.timeout = timeout

    def upload(self, path_or_bytes, questions=(), idempotency_key=None, callback_url=None,
               name=None, priority=None, not_before=None, password=None, report=None, job=None,
               content_type=None):
        """POST /v1/documents: stores the document and queues a job. Returns the receipt
        (`document`, `job`, `deduplicated`, `reused_job`)."""
        if isinstance(path_or_bytes, (bytes, bytearray)):
            body = bytes(path_or_bytes)
        else:
            path = os.fspath(path_or_bytes)
            with open(path, "rb") as file:
                body = file.read()
            if name is None:
                name = os.path.basename(path)
            if content_type is None:
                content_type = _guess_type(path)
        query = [("question", question) for question in questions]
        for key, value in (("name", name), ("priority", priority), ("not_before", not_before),
                           ("password", password), ("callback_url", callback_url)):
            if value is not None:
                query.append((key, str(value)))
        for key, value in (("report", report), ("job", job)):
            if value is not None:
                query.append((key, "true" if value else "false"))
        headers = {"Content-Type": content_type or "application/octet-stream"}
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        return self._request("POST", "/v1/documents", query, body, headers)

    def job(self, job_id, wait=0):
        """GET /v1/jobs/{id}; with `wait` (at most 60 seconds), answers once the job has ended or
        the wait has passed."""
        query = [("wait", str(wait))] if wait else []
        return self._request("GET", "/v1/jobs/%d" % int(job_id), query,
                             timeout=max(self.timeout, wait + 30))

    def wait_for(self, job_id, timeout=600):
        """Long-polls the job until it has ended and returns it (whatever its final state);
        raises TimeoutError if it has not ended within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            job = self.job(job_id, wait=max(0, min(_LONGEST_WAIT, int(left))))
            if job["state"] in FINISHED_STATES:
                return job
            if time.monotonic() >= deadline:
                raise TimeoutError("job %s is still %s after %s seconds" % (job_id, job["state"], timeout))

    def answers(self, document_id):
        """GET /v1/documents/{id}/answers: the answers its jobs stored, each with its evidence."""
        return self._request("GET", "/v1/documents/%d/answers" % int(document_id))["items"]

    def fields(self, document_id):
        """GET /v1/documents/{id}/fields: vendor, date, total... as read from the document."""
        return self._request("GET", "/v1/documents/%d/fields" % int(document_id))["items"]

    def _request(self, method, path, query=(), body=None, headers=None, timeout=None):
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(list(query), quote_via=urllib.parse.quote)
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Authorization", "Bearer " + self.key)
        request.add_header("Accept", "application/json")
        for header, value in (headers or {}).items():
            request.add_header(header, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise _problem(error) from None


def _guess_type(path):
    suffix = os.path.splitext(path)[1].lower()
    return _TYPES_BY_SUFFIX.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def _problem(error):
    text = error.read().decode("utf-8", "replace")
    retry_after = error.headers.get("Retry-After")
    try:
        problem = json.loads(text)
    except ValueError:
        problem = None
    if not isinstance(problem, dict):
        return DocketError("http_%d" % error.code, error.code, text.strip() or str(error.reason),
                           retry_after=retry_after)
    return DocketError(problem.get("code"), problem.get("status", error.code), problem.get("detail"),
                       title=problem.get("title"), retry_after=retry_after)


def verify_signature(header, secret, body, tolerance=300, now=None):
    """True when `header` (the Docket-Signature header, `t=UNIX,v1=HEX`) signs `body` (the raw
    request bytes, or their text) with `secret` (as `docket webhooks secret` prints it) and its
    timestamp is within `tolerance` seconds of now; pass tolerance=None to skip the time check."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    fields = {}
    for part in (header or "").split(","):
        key, separator, value = part.strip().partition("=")
        if separator:
            fields[key] = value
    timestamp, given = fields.get("t", ""), fields.get("v1")
    if given is None or not timestamp.lstrip("-").isdigit():
        return False
    expected = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + bytes(body),
                        hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode("ascii"), given.encode("utf-8")):
        return False
    if tolerance is None:
        return True
    current = time.time() if now is None else now
    return abs(current - int(timestamp)) <= tolerance


def main(arguments):
    if len(arguments) < 3:
        print("usage: python3 docket_client.py URL KEY FILE [QUESTION...]  (KEY from `docket keys create --scope submit`)",
              file=sys.stderr)
        return 64
    base_url, key, path, questions = arguments[0], arguments[1], arguments[2], arguments[3:]
    client = DocketClient(base_url, key)
    try:
        receipt = client.upload(path, questions=questions)
        job = client.wait_for(receipt["job"]["id"], timeout=600)
        if job["state"] != "succeeded":
            print("job %s ended %s: %s" % (job["id"], job["state"], job.get("last_error")), file=sys.stderr)
            return 1
        print(json.dumps(client.answers(receipt["document"]["id"]), indent=2))
    except DocketError as error:
        print("docket: %s" % error, file=sys.stderr)
        return 1
    except (OSError, TimeoutError) as error:
        print("docket: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
