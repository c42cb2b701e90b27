"""`vern login` and `vern logout`: keep (or forget) the gateway URL and a token that works there."""
import argparse
import getpass
import os
import sys
from datetime import datetime, timezone

import jwt

from vern_cli import credentials, output
from vern_cli.api import BAD_INPUT, OK, ApiError, Gateway, api_base

LOGIN_HELP = """Store the gateway URL and a bearer token in $XDG_CONFIG_HOME/vern/credentials.json
(default ~/.config/vern/credentials.json, readable by you only), after checking that the gateway accepts it.

The token: paste the one the sign-in page shows (GET /api/v1/auth/login), or one an operator
printed with `vern token`. Without --token it is read from the prompt (not echoed) or from stdin,
so it need not appear in the shell's history: `vern login --url https://vern.example < token.txt`.
VERN_URL and VERN_TOKEN, when set, override the stored URL and token."""


def add_to(commands, common) -> None:
    login = commands.add_parser("login", help="check a token against the gateway and store it",
                                description=LOGIN_HELP, parents=[common],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    login.add_argument("--url", help=f"the gateway (default: VERN_URL, the stored one, or {credentials.DEFAULT_URL})")
    login.add_argument("--token", help="the bearer token (default: prompt or stdin; avoid it on shared machines)")
    login.set_defaults(gateway_command=login_command, needs_token=False)

    logout = commands.add_parser("logout", help="forget the stored token", parents=[common])
    logout.set_defaults(gateway_command=logout_command, needs_token=False)


def login_command(args, _gateway) -> int:
    url = api_base(args.url or os.environ.get("VERN_URL") or credentials.stored().get("url")
                   or credentials.DEFAULT_URL)
    token = clean_token(args.token if args.token is not None else read_token())
    if not token:
        raise ApiError("no token given: paste it at the prompt, pipe it on stdin or pass --token", BAD_INPUT)
    gateway = Gateway(url, token)
    try:
        gateway.get("/incidents", {"page_size": 1})  # any route that needs a token
    except ApiError as error:
        if error.status != 403:  # 403: the token is good, only the role may not list incidents
            raise
    path = credentials.save(url, token)
    claims = unverified_claims(token)
    if args.json:
        output.print_json({"url": url, "file": str(path), **claims})
    else:
        who = f"{claims.get('sub', '?')} ({', '.join(claims.get('roles', []))}; agency {claims.get('agency', '?')})"
        until = f", token valid until {output.when(claims['expires_at'])}" if claims.get("expires_at") else ""
        print(f"Logged in to {url} as {who}{until} / Innlogget. Saved in {path}")
    if os.environ.get("VERN_TOKEN"):
        print("vern: note: VERN_TOKEN is set and overrides the stored token", file=sys.stderr)
    return OK


def logout_command(args, _gateway) -> int:
    path = credentials.credentials_path()
    removed = credentials.forget()
    if args.json:
        output.print_json({"file": str(path), "removed": removed})
    else:
        print(f"Removed {path} / Logget ut" if removed else f"Not logged in ({path} does not exist)")
    return OK


def read_token() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Token (from the sign-in page) / Token fra innloggingssiden: ")
    return sys.stdin.readline()


def clean_token(token: str) -> str:
    """A token pasted with its header prefix ('Bearer eyJ...') or a trailing newline still works."""
    token = (token or "").strip()
    return token[len("bearer "):].strip() if token.lower().startswith("bearer ") else token


def unverified_claims(token: str) -> dict:
    """Who the token names, to tell the user; the gateway, which has the secret, already verified it."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return {}
    expires = claims.get("exp")
    return {"sub": claims.get("sub"), "roles": claims.get("roles") or [], "agency": claims.get("agency"),
            "expires_at": datetime.fromtimestamp(expires, timezone.utc).isoformat() if expires else None}
