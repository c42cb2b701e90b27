"""Progress links: the link in a measure owner's message, with which the owner reports progress
without an account.

Unlike an acknowledgement link it is used many times (in progress, then done), so it is not a
stored single-use secret but the task's id signed with a server secret: it names its own task
only, and works while that task is open (until the measure is closed or gets another owner).
"""
import base64
import hashlib
import hmac


def _signature(secret: str, task_id: str) -> str:
    key = hashlib.sha256(b"vern-measure-progress-link:" + secret.encode()).digest()
    digest = hmac.new(key, task_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_for(secret: str, task_id: str) -> str:
    return f"{task_id}.{_signature(secret, task_id)}"


def task_of(secret: str, token: str) -> str | None:
    """The task a token was made for, or None when its signature does not hold."""
    task_id, _, signature = token.partition(".")
    if not task_id or not signature:
        return None
    return task_id if hmac.compare_digest(signature, _signature(secret, task_id)) else None


def url_for(base_url: str, secret: str, task_id: str) -> str:
    return f"{base_url}/api/v1/progress/{token_for(secret, task_id)}"
