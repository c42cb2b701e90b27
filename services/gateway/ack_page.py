"""The page a recipient sees when they open the acknowledgement link in a message.

Opening the link (GET) only shows a button; confirming is a POST. Mail scanners that
fetch every link in a message would otherwise use up the single-use link before the
recipient ever saw it. The recipient may add a question or a comment for the coordinator
(at most COMMENT_MAX characters); it goes with the acknowledgement.

The page is in both languages (bokmål first, English marked as such): whoever follows the
link has no session and so no chosen language.
"""
from html import escape

from werkzeug.wrappers import Response

from services.gateway.schemas import COMMENT_MAX, AcknowledgeBodySchema
from shared.validation import load

_PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
<h1>{title}</h1>
{body}
</body></html>"""
_COMMENT_LABEL = ('Spørsmål eller kommentar til koordinator (valgfritt) / '
                  '<span lang="en">Question or comment for the coordinator (optional)</span>')
_COMMENT_HINT = (f'Høyst {COMMENT_MAX} tegn. Ikke skriv navn eller fødselsnummer på de som er berørt. '
                 f'<span lang="en">At most {COMMENT_MAX} characters. Do not write the names or national identity '
                 f'numbers of the people affected.</span>')
_COMMENT_TOO_LONG = (f'Kommentaren er for lang: høyst {COMMENT_MAX} tegn. '
                     f'<span lang="en">The comment is too long: at most {COMMENT_MAX} characters.</span>')


def _page(title: str, body: str, status: int = 200) -> Response:
    return Response(_PAGE.format(title=escape(title), body=body), status=status, mimetype="text/html")


def acknowledgement(token: str, body: dict | None) -> dict:
    """The payload for notifications.acknowledge: the link's token, and the comment if one was written.
    Raises BadInput naming `comment` (too long, not a text), as the JSON API's schema does."""
    comment = (load(AcknowledgeBodySchema(), body or {}).get("comment") or "").strip()
    return {"token": token, "comment": comment} if comment else {"token": token}


def confirm_form(action_url: str, comment: str = "", too_long: bool = False, status: int = 200) -> Response:
    """The button, and the optional comment (kept, with its error beside it, when it was refused)."""
    error = (f'<p id="comment-error" style="color: #b00020; font-weight: bold">{_COMMENT_TOO_LONG}</p>'
             if too_long else "")
    described = "comment-hint comment-error" if too_long else "comment-hint"
    invalid = ' aria-invalid="true"' if too_long else ""
    return _page("Bekreft mottak / Confirm receipt", f"""
<p>Bekreft at du har mottatt varselet. <span lang="en">Confirm that you received the notification.</span></p>
<form method="post" action="{escape(action_url)}">
<p><label for="comment">{_COMMENT_LABEL}</label></p>
<p id="comment-hint" style="color: #555">{_COMMENT_HINT}</p>
{error}
<p><textarea id="comment" name="comment" rows="4" maxlength="{COMMENT_MAX}" aria-describedby="{described}"{invalid}
 style="width: 100%; font: inherit">{escape(comment)}</textarea></p>
<button type="submit" style="font-size: 1.1rem; padding: .6rem 1.2rem">Bekreft mottak / Confirm receipt</button>
</form>""", status)


def refused_comment(action_url: str, body: dict | None) -> Response:
    """The form again, the comment kept and its error beside it."""
    comment = (body or {}).get("comment")
    return confirm_form(action_url, comment if isinstance(comment, str) else "", too_long=True, status=400)


def confirmed(acknowledged: dict, commented: bool = False) -> Response:
    sent = ("<p>Kommentaren din er sendt til koordinator.</p>"
            '<p lang="en">Your comment was sent to the coordinator.</p>') if commented else ""
    return _page("Mottak bekreftet / Receipt confirmed", f"""
<p>Takk. Mottak av «{escape(acknowledged.get("title", ""))}» er registrert.</p>
<p lang="en">Thank you. Your receipt has been recorded.</p>
{sent}""")


def refused(message: str, status: int) -> Response:
    return _page("Lenken virker ikke / The link does not work", f"<p>{escape(message)}</p>", status)


def wants_html(request) -> bool:
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"

