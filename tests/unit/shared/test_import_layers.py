"""Who may do what (shared.permissions) needs the principal, not token verification (shared.auth):
auth checks permissions, so permissions importing auth made a cycle only a function-level import hid."""
import subprocess
import sys

from shared.config import ROOT


def test_permissions_import_without_auth():
    probe = "import sys, shared.permissions; sys.exit('shared.auth' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], cwd=ROOT, timeout=60).returncode == 0
