"""What the client programs share: where the server is, and named checks that end in one JSON summary line."""

import json
import os
import sys
import traceback

USAGE = "usage: %s BASE_URL MODEL (or SCHEMAGATE_BASE_URL, SCHEMAGATE_MODEL); BASE_URL ends in /v1"


def server():
    """The API base URL (http://host:port/v1) and the model id, from argv or the environment."""
    args = sys.argv[1:]
    base_url = args[0] if args else os.environ.get("SCHEMAGATE_BASE_URL")
    model = args[1] if len(args) > 1 else os.environ.get("SCHEMAGATE_MODEL")
    if not base_url or not model:
        print(USAGE % os.path.basename(sys.argv[0]), file=sys.stderr)
        sys.exit(2)
    return base_url, model


def api_key():
    # The SDKs refuse to start without a key; the server checks it only when started with --api-key.
    return os.environ.get("SCHEMAGATE_API_KEY", "unused")


class CheckFailed(Exception):
    pass


def require(condition, message):
    """An assertion that survives python -O and says what was wrong."""
    if not condition:
        raise CheckFailed(message)


class Checks:
    """Runs every check even after one fails, so a single run shows all that is broken."""

    def __init__(self, client, versions):
        self.summary = {"client": client, "versions": versions, "checks": {}}

    def run(self, name, check):
        try:
            detail = check() or {}
            self.summary["checks"][name] = {"ok": True, **detail}
        except Exception as e:  # any failure of the SDK or of an assertion is a failed check
            traceback.print_exc(file=sys.stderr)
            self.summary["checks"][name] = {"ok": False, "error": f"{type(e).__name__}: {e}"}

    def finish(self):
        checks = self.summary["checks"].values()
        failed = sum(1 for c in checks if not c["ok"])
        self.summary["passed"] = len(checks) - failed
        self.summary["failed"] = failed
        print(json.dumps(self.summary), flush=True)
        sys.exit(1 if failed else 0)
