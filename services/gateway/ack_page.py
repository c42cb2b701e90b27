"""The page a recipient sees when they open the acknowledgement link in a message.

Opening the link (GET) only shows a button; confirming is a POST. Mail scanners that
fetch every link in a message would otherwise use up the single-use link before the
recipient ever saw it.
"""
from html import escape

from werkzeug.wrappers import Response

_PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
<h1>{title}</h1>
{body}
</body></html>"""


def _page(title: str, body: str, status: int = 200) -> Response:
    return Response(_PAGE.format(title=escape(title), body=body), status=status, mimetype="text/html")


def confirm_form(action_url: str) -> Response:
    return _page("Bekreft mottak / Confirm receipt", f"""
<p>Bekreft at du har mottatt varselet. <span lang="en">Confirm that you received the notification.</span></p>
<form method="post" action="{escape(action_url)}">
<button type="submit" style="font-size: 1.1rem; padding: .6rem 1.2rem">Bekreft mottak / Confirm receipt</button>
</form>""")


def confirmed(acknowledged: dict) -> Response:
    return _page("Mottak bekreftet / Receipt confirmed", f"""
<p>Takk. Mottak av «{escape(acknowledged.get("title", ""))}» er registrert.</p>
<p lang="en">Thank you. Your receipt has been recorded.</p>""")


def refused(message: str, status: int) -> Response:
    return _page("Lenken virker ikke / The link does not work", f"<p>{escape(message)}</p>", status)


def wants_html(request) -> bool:
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"
