"""Static files, the start page and sign-in: a token for now; OIDC's callback starts a session the same way.
"""
from services.gateway.web import session, static_files
from services.gateway.web.base import PageBase
from services.gateway.web.i18n import N_
from services.gateway.web.page_route import LOGIN_PATH, TokenCheck, page
from services.gateway.web.page_tools import home_for, safe_next
from shared.errors import Unauthenticated


class SignInPages(PageBase):
    web_token_check = TokenCheck()

    @page("GET", "/static/<string:name>")
    def web_static(self, request, view, name):
        return static_files.serve(name)

    @page("GET", "/")
    def web_home(self, request, view):
        return view.redirect(home_for(view.principal))

    @page("GET", "/login")
    def web_login(self, request, view):
        return view.render("login.html", errors={}, next=safe_next(view.query.get("next")) or "",
                           logged_out=view.query.get("logged_out") == "1")

    @page("POST", "/login")
    def web_login_submit(self, request, view):
        token = view.form.get("token", "").strip()
        target = safe_next(view.form.get("next"))
        if not token:
            return view.render("login.html", status=400, errors={"token": [N_("err.token_required")]},
                               next=target or "", logged_out=False)
        try:
            principal = self.web_token_check(token)
        except Unauthenticated:
            return view.render("login.html", status=400, errors={"token": [N_("login.invalid")]}, next=target or "",
                               logged_out=False)
        return session.start_session(view.redirect(target or home_for(principal)), token, view.secure)

    @page("POST", "/logout")
    def web_logout(self, request, view):
        return session.end_session(view.redirect(f"{LOGIN_PATH}?logged_out=1"), view.secure)
