"""The commands for people and scripts, which talk to a running gateway over HTTP (never to its
config or databases): each group in its own module, sharing `--json` and one way of reporting errors."""
import argparse
import sys

from vern_cli import credentials, incidents, register, reports, risks, session, tasks
from vern_cli.api import REFUSED, ApiError, Gateway

GROUPS = (session, incidents, tasks, risks, register, reports)


def add_gateway_commands(commands) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="the API's JSON on stdout, for scripts")
    for group in GROUPS:
        group.add_to(commands, common)


def run(args) -> int:
    """Errors as one line on stderr; the exit code says what kind (vern_cli.api)."""
    try:
        found = credentials.current()
        if getattr(args, "needs_token", True) and not found.token:
            raise ApiError("not logged in: run `vern login` (or set VERN_TOKEN) / ikke innlogget", REFUSED)
        return args.gateway_command(args, Gateway(found.url, found.token))
    except ApiError as error:
        print(f"vern: {error.line}", file=sys.stderr)
        if error.status == 401 and getattr(args, "needs_token", True):
            print(f"vern: the token from {found.source} was refused; `vern login` to replace it", file=sys.stderr)
        return error.exit_code
    except credentials.CredentialsError as error:
        print(f"vern: {error}", file=sys.stderr)
        return REFUSED
    except KeyboardInterrupt:
        return 130
